// Database sessions: the cookie holds a random token, the table holds its SHA-256. Sliding expiry: a
// session used in the second half of its life is extended.
import { sql } from 'kysely';
import type { Db } from '../db';
import { hashToken, newToken } from './crypto';

export const SESSION_COOKIE = 'impulsions_session';
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	emailVerified: boolean;
	isOrganiser: boolean;
	isJuror: boolean;
	isTeamMember: boolean;
	isTrialContact: boolean;
}

export async function createSession(
	db: Db,
	userId: number,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
	await db
		.insertInto('sessions')
		.values({
			token_hash: hashToken(token),
			user_id: userId,
			expires_at: expiresAt,
			created_at: now
		})
		.execute();
	return { token, expiresAt };
}

/**
 * The user behind a session token with his roles, in one query; extends the session when it is past
 * half its life. Returns null for an unknown or expired token.
 */
export async function validateSession(
	db: Db,
	token: string,
	now = new Date()
): Promise<{ user: SessionUser; expiresAt: Date; renewed: boolean } | null> {
	const tokenHash = hashToken(token);
	const row = await db
		.selectFrom('sessions as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.where('s.token_hash', '=', tokenHash)
		.select((eb) => [
			's.expires_at',
			'u.id',
			'u.email',
			'u.name',
			'u.email_verified_at',
			'u.is_organiser',
			eb
				.exists(
					eb
						.selectFrom('edition_jurors as j')
						.whereRef('j.user_id', '=', 'u.id')
						.select(sql`1`.as('x'))
				)
				.as('is_juror'),
			eb
				.exists(
					eb
						.selectFrom('entry_members as m')
						.whereRef('m.user_id', '=', 'u.id')
						.select(sql`1`.as('x'))
				)
				.as('is_team_member'),
			eb
				.exists(
					eb
						.selectFrom('trial_sites as t')
						.whereRef('t.contact_user_id', '=', 'u.id')
						.select(sql`1`.as('x'))
				)
				.as('is_trial_contact')
		])
		.executeTakeFirst();
	if (!row) return null;
	if (row.expires_at.getTime() <= now.getTime()) {
		await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
		return null;
	}
	let expiresAt = row.expires_at;
	let renewed = false;
	if (expiresAt.getTime() - now.getTime() < (SESSION_DAYS * DAY_MS) / 2) {
		expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
		await db
			.updateTable('sessions')
			.set({ expires_at: expiresAt })
			.where('token_hash', '=', tokenHash)
			.execute();
		renewed = true;
	}
	return {
		user: {
			id: row.id,
			email: row.email,
			name: row.name,
			emailVerified: row.email_verified_at !== null,
			isOrganiser: row.is_organiser,
			isJuror: Boolean(row.is_juror),
			isTeamMember: Boolean(row.is_team_member),
			isTrialContact: Boolean(row.is_trial_contact)
		},
		expiresAt,
		renewed
	};
}

export async function deleteSession(db: Db, token: string): Promise<void> {
	await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends every session of a user but one (after a password change), or all of them. */
export async function deleteUserSessions(
	db: Db,
	userId: number,
	exceptToken?: string
): Promise<void> {
	let query = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptToken) query = query.where('token_hash', '<>', hashToken(exceptToken));
	await query.execute();
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<void> {
	await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
