// The organiser role: who holds it, giving it (installation, invitation, command line) and withdrawing
// it. Every change of the set of organisers takes one transaction-level lock first (lockOrganisers),
// so that checks such as "nobody is organiser yet" or "he is not the last one" stay true until the
// change is committed; each change is written to the append-only account log (account_events).
import { sql } from 'kysely';
import { emailProblem } from '$lib/domain/validation';
import type { Db } from '../db';
import type { AccountEventSource } from '../db/schema';
import { findUserByEmail, normaliseEmail } from '../db/users';
import { enqueueMail } from '../mail/outbox';
import { organiserGrantedMail, organiserWithdrawnMail } from '../mail/organiser-templates';
import { insertInvitation } from './invitations';
import { whyNotWithdrawOrganiser } from './permissions';

/** Arbitrary key of the advisory lock that serialises changes of the set of organisers. */
const ORGANISERS_LOCK = 160_001;

/** Serialises, until the end of the transaction, every change of the set of organisers. */
export async function lockOrganisers(trx: Db): Promise<void> {
	await sql`select pg_advisory_xact_lock(${ORGANISERS_LOCK})`.execute(trx);
}

export async function countOrganisers(db: Db): Promise<number> {
	const row = await db
		.selectFrom('users')
		.where('is_organiser', '=', true)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * Gives the organiser role to an account and logs it (no-op, not logged, when he already has it).
 * Call inside a transaction; takes the organisers' lock. Returns whether the role was given.
 */
export async function grantOrganiser(
	trx: Db,
	userId: number,
	by: { actorId: number | null; source: AccountEventSource },
	now = new Date()
): Promise<boolean> {
	await lockOrganisers(trx);
	const changed = await trx
		.updateTable('users')
		.set({ is_organiser: true, updated_at: now })
		.where('id', '=', userId)
		.where('is_organiser', '=', false)
		.returning('id')
		.executeTakeFirst();
	if (!changed) return false;
	await trx
		.insertInto('account_events')
		.values({
			type: 'organiser_granted',
			user_id: userId,
			actor_id: by.actorId,
			source: by.source,
			created_at: now
		})
		.execute();
	return true;
}

/** The organisers, with the date they last became one (from the account log, else the account's). */
export async function listOrganisers(db: Db) {
	const rows = await db
		.selectFrom('users as u')
		.where('u.is_organiser', '=', true)
		.select((eb) => [
			'u.id',
			'u.name',
			'u.email',
			eb.fn
				.coalesce(
					eb
						.selectFrom('account_events as a')
						.whereRef('a.user_id', '=', 'u.id')
						.where('a.type', '=', 'organiser_granted')
						.select((e) => e.fn.max('a.created_at').as('at')),
					'u.created_at'
				)
				.as('since')
		])
		.orderBy('u.name')
		.orderBy('u.id')
		.execute();
	return rows.map((r) => ({ ...r, since: new Date(r.since as Date) }));
}

/** The latest changes of the organiser role, newest first, for the organisers' page. */
export async function organiserHistory(db: Db, limit = 50) {
	return db
		.selectFrom('account_events as a')
		.innerJoin('users as u', 'u.id', 'a.user_id')
		.leftJoin('users as actor', 'actor.id', 'a.actor_id')
		.select([
			'a.id',
			'a.type',
			'a.source',
			'a.created_at',
			'u.name as user_name',
			'u.email as user_email',
			'actor.name as actor_name'
		])
		.orderBy('a.id', 'desc')
		.limit(limit)
		.execute();
}

/** The account behind an id, with its role, for the withdrawal's confirmation page. */
export async function findOrganiserCandidate(db: Db, userId: number) {
	return db
		.selectFrom('users')
		.where('id', '=', userId)
		.select(['id', 'name', 'email', 'is_organiser'])
		.executeTakeFirst();
}

export type WithdrawResult =
	| { ok: true; user: { id: number; name: string; email: string } }
	| { ok: false; status: 403 | 404 | 409; message: string };

/**
 * Withdraws the organiser role from `targetId`, on behalf of `actorId`. With the organisers locked,
 * the actor's and the target's roles are read again and the rule (whyNotWithdrawOrganiser) checked:
 * never the last organiser, even when two organisers withdraw each other at the same moment. Takes
 * effect at once (sessions read the role on every request); logged, and the person is told by mail.
 */
export async function withdrawOrganiser(
	db: Db,
	actorId: number,
	targetId: number,
	now = new Date()
): Promise<WithdrawResult> {
	return db.transaction().execute(async (trx): Promise<WithdrawResult> => {
		await lockOrganisers(trx);
		const target = await findOrganiserCandidate(trx, targetId);
		if (!target) return { ok: false, status: 404, message: 'Ce compte n’existe pas.' };
		const actor = await findOrganiserCandidate(trx, actorId);
		const refusal = whyNotWithdrawOrganiser(
			actor ? { isOrganiser: actor.is_organiser } : null,
			{ isOrganiser: target.is_organiser },
			await countOrganisers(trx)
		);
		if (refusal) return { ok: false, status: actor?.is_organiser ? 409 : 403, message: refusal };
		await trx
			.updateTable('users')
			.set({ is_organiser: false, updated_at: now })
			.where('id', '=', target.id)
			.execute();
		await trx
			.insertInto('account_events')
			.values({
				type: 'organiser_withdrawn',
				user_id: target.id,
				actor_id: actorId,
				source: 'admin',
				created_at: now
			})
			.execute();
		await enqueueMail(
			trx,
			target.email,
			organiserWithdrawnMail({ name: target.name, byName: actor!.name })
		);
		return { ok: true, user: { id: target.id, name: target.name, email: target.email } };
	});
}

export type CommandResult =
	| { ok: true; kind: 'invited'; email: string; link: string }
	| { ok: true; kind: 'promoted' | 'already'; email: string; name: string }
	| { ok: false; message: string };

/**
 * `npm run organiser:add -- address`: an existing account becomes organiser at once (logged, and told
 * by mail); for an address without an account, an organiser invitation is made (by the operator: no
 * inviting account) and its link returned — the person opens it to create the account and choose
 * the password. The same link is mailed through the outbox.
 */
export async function addOrganiserByCommand(
	db: Db,
	rawEmail: string,
	origin: string,
	now = new Date()
): Promise<CommandResult> {
	const problem = emailProblem(rawEmail);
	if (problem)
		return {
			ok: false,
			message: `Adresse électronique refusée (« ${rawEmail} ») : ${problem}`
		};
	const email = normaliseEmail(rawEmail);
	return db.transaction().execute(async (trx): Promise<CommandResult> => {
		await lockOrganisers(trx);
		const user = await findUserByEmail(trx, email);
		if (user) {
			const granted = await grantOrganiser(trx, user.id, { actorId: null, source: 'command' }, now);
			if (!granted) return { ok: true, kind: 'already', email, name: user.name };
			await enqueueMail(
				trx,
				email,
				organiserGrantedMail({ name: user.name, link: `${origin}/admin` })
			);
			return { ok: true, kind: 'promoted', email, name: user.name };
		}
		const link = await insertInvitation(
			trx,
			{ email, role: 'organiser', edition: null, inviter: null },
			origin,
			now
		);
		return { ok: true, kind: 'invited', email, link };
	});
}
