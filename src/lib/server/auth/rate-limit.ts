// Rate limiting of log-in, password reset and sign-up, per address and per IP, counted in the database
// so that it holds across processes and restarts. Keys are stored as keyed digests, never in clear.
// An attempt is counted before it is carried out (`reserveAttempt`, atomic under parallel requests),
// so that no more than the limit are ever carried out; a log-in with the right password is then taken
// back (`releaseAttempt`), and clears the address's count.
import { sql } from 'kysely';
import type { Db } from '../db';
import { hashToken, keyedDigest } from './crypto';

export type LimitedAction = 'login' | 'reset' | 'signup';

export interface Limit {
	max: number;
	windowMinutes: number;
}

export const LIMITS: Record<LimitedAction, { perEmail: Limit; perIp: Limit }> = {
	login: { perEmail: { max: 5, windowMinutes: 15 }, perIp: { max: 20, windowMinutes: 15 } },
	reset: { perEmail: { max: 3, windowMinutes: 60 }, perIp: { max: 10, windowMinutes: 60 } },
	signup: { perEmail: { max: 3, windowMinutes: 60 }, perIp: { max: 10, windowMinutes: 60 } }
};

interface Subject {
	email: string;
	ip: string;
}

function keys(secret: string, action: LimitedAction, subject: Subject) {
	return [
		{
			scope: `${action}:email`,
			key: keyedDigest(secret, subject.email.toLowerCase()),
			limit: LIMITS[action].perEmail
		},
		{ scope: `${action}:ip`, key: keyedDigest(secret, subject.ip), limit: LIMITS[action].perIp }
	];
}

/** A counted attempt (its rows, one per key), or the minutes to wait before trying again. */
export type Reservation = { ok: true; ids: number[] } | { ok: false; retryAfterMinutes: number };

/** The advisory-lock number of a key: 60 bits of its hash, the same in every process. */
function lockNumber(scope: string, key: string): bigint {
	return BigInt('0x' + hashToken(`rate-limit ${scope} ${key}`).slice(0, 15));
}

/**
 * Counts one attempt against both keys when both are under their limit, and otherwise refuses it:
 * the count and the decision are one step. A transaction takes an advisory lock per key (in a fixed
 * order, so two attempts sharing a key cannot deadlock), counts, and records the attempt before it
 * commits; a parallel attempt on the same key waits for the lock, and its count (a new snapshot per
 * statement under READ COMMITTED) then sees the committed rows. On PGlite, whose one connection a
 * transaction holds alone, the transaction itself serialises.
 */
export async function reserveAttempt(
	db: Db,
	secret: string,
	action: LimitedAction,
	subject: Subject,
	now = new Date()
): Promise<Reservation> {
	const counted = keys(secret, action, subject)
		.map((k) => ({ ...k, lock: lockNumber(k.scope, k.key) }))
		.sort((a, b) => (a.lock < b.lock ? -1 : a.lock > b.lock ? 1 : 0));
	return db.transaction().execute(async (trx) => {
		for (const { lock } of counted)
			await sql`select pg_advisory_xact_lock(${lock.toString()}::bigint)`.execute(trx);
		let wait = 0;
		for (const { scope, key, limit } of counted) {
			const since = new Date(now.getTime() - limit.windowMinutes * 60_000);
			const rows = await trx
				.selectFrom('auth_failures')
				.where('scope', '=', scope)
				.where('key', '=', key)
				.where('at', '>', since)
				.select('at')
				.orderBy('at', 'desc')
				.limit(limit.max)
				.execute();
			if (rows.length >= limit.max) {
				const oldest = rows[rows.length - 1].at.getTime();
				const minutes = Math.ceil((oldest + limit.windowMinutes * 60_000 - now.getTime()) / 60_000);
				wait = Math.max(wait, minutes, 1);
			}
		}
		if (wait > 0) return { ok: false, retryAfterMinutes: wait } as const;
		const rows = await trx
			.insertInto('auth_failures')
			.values(counted.map(({ scope, key }) => ({ scope, key, at: now })))
			.returning('id')
			.execute();
		return { ok: true, ids: rows.map((r) => r.id) } as const;
	});
}

/** Takes back a counted attempt that turned out not to be a failure (the right password). */
export async function releaseAttempt(db: Db, reservation: { ids: number[] }): Promise<void> {
	if (reservation.ids.length === 0) return;
	await db.deleteFrom('auth_failures').where('id', 'in', reservation.ids).execute();
}

/** A successful log-in clears the address's count (not the IP's). */
export async function clearAttempts(db: Db, secret: string, action: LimitedAction, email: string) {
	await db
		.deleteFrom('auth_failures')
		.where('scope', '=', `${action}:email`)
		.where('key', '=', keyedDigest(secret, email.toLowerCase()))
		.execute();
}

export async function pruneAttempts(db: Db, now = new Date()): Promise<void> {
	await db
		.deleteFrom('auth_failures')
		.where('at', '<', new Date(now.getTime() - 24 * 60 * 60_000))
		.execute();
}

export function tooManyAttemptsMessage(minutes: number): string {
	return `Trop de tentatives. Par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
}
