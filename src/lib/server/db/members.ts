// The team of a candidature: its members (one lead, the porteur), their consent to the publication
// of their name, and the co-authors invited but not yet arrived. Changes re-check the permission
// inside the transaction, with the candidature's row locked.
import { whyNotManageTeam } from '../auth/permissions';
import { loadEntryAccess } from './entry-access';
import type { Db } from './index';

/** The members of a candidature, the lead first. */
export async function listMembers(db: Db, entryId: number) {
	return db
		.selectFrom('entry_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.where('m.entry_id', '=', entryId)
		.select(['u.id as user_id', 'u.name', 'u.email', 'm.role', 'm.publish_name', 'm.added_at'])
		.orderBy((eb) => eb.case().when('m.role', '=', 'lead').then(0).else(1).end())
		.orderBy('m.added_at')
		.orderBy('u.id')
		.execute();
}

/** Co-author invitations of a candidature not yet accepted and not expired. */
export async function listPendingMemberInvitations(db: Db, entryId: number, now = new Date()) {
	return db
		.selectFrom('invitations as i')
		.innerJoin('users as inviter', 'inviter.id', 'i.invited_by')
		.where('i.entry_id', '=', entryId)
		.where('i.role', '=', 'member')
		.where('i.accepted_at', 'is', null)
		.where('i.expires_at', '>', now)
		.select(['i.id', 'i.email', 'i.created_at', 'i.expires_at', 'inviter.name as inviter_name'])
		.orderBy('i.created_at', 'desc')
		.orderBy('i.id', 'desc')
		.execute();
}

/** Locks the candidature and returns why `actorId` may not manage its team, or null. */
export async function lockForTeam(trx: Db, actorId: number, entryId: number) {
	const locked = await trx
		.selectFrom('entries')
		.select('id')
		.where('id', '=', entryId)
		.forUpdate()
		.executeTakeFirst();
	const access = locked ? await loadEntryAccess(trx, actorId, entryId) : null;
	if (!access) return { refusal: 'Cette candidature n’existe pas.', access: null };
	return { refusal: whyNotManageTeam(access.relation, access.entry.state), access };
}

/** A refusal says its HTTP status: 403 not allowed, 404 not a member, 409 not possible now. */
type Outcome = { ok: true; name: string } | { ok: false; status: 403 | 404 | 409; message: string };

/**
 * Under the team's lock, as its lead: the member `userId` of the candidature, or the refusal (403 not
 * the lead, 404 not a member). Shared by the lead's changes to the team.
 */
async function lockedMember(
	trx: Db,
	actorId: number,
	entryId: number,
	userId: number
): Promise<{ role: string; name: string } | Extract<Outcome, { ok: false }>> {
	const { refusal } = await lockForTeam(trx, actorId, entryId);
	if (refusal) return { ok: false, status: 403, message: refusal };
	const member = await trx
		.selectFrom('entry_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.where('m.entry_id', '=', entryId)
		.where('m.user_id', '=', userId)
		.select(['m.role', 'u.name'])
		.executeTakeFirst();
	return (
		member ?? { ok: false, status: 404, message: 'Cette personne ne fait pas partie de l’équipe.' }
	);
}

/** Removes a co-author (never the lead): the lead only. */
export async function removeMember(
	db: Db,
	actorId: number,
	entryId: number,
	userId: number
): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const member = await lockedMember(trx, actorId, entryId, userId);
		if (!('role' in member)) return member;
		if (member.role === 'lead')
			return {
				ok: false,
				status: 409,
				message:
					'Le porteur ne peut pas être retiré de l’équipe : confiez d’abord le rôle de porteur à un autre membre.'
			} as const;
		await trx
			.deleteFrom('entry_members')
			.where('entry_id', '=', entryId)
			.where('user_id', '=', userId)
			.execute();
		return { ok: true, name: member.name } as const;
	});
}

/** Hands the lead to another member: the current lead becomes a member, in one transaction. */
export async function handLead(
	db: Db,
	actorId: number,
	entryId: number,
	userId: number
): Promise<Outcome> {
	return db.transaction().execute(async (trx) => {
		const member = await lockedMember(trx, actorId, entryId, userId);
		if (!('role' in member)) return member;
		if (member.role === 'lead')
			return {
				ok: false,
				status: 409,
				message: 'Cette personne est déjà le porteur de la candidature.'
			} as const;
		// The unique index allows one lead per candidature: step down first, then hand over.
		await trx
			.updateTable('entry_members')
			.set({ role: 'member' })
			.where('entry_id', '=', entryId)
			.where('role', '=', 'lead')
			.execute();
		await trx
			.updateTable('entry_members')
			.set({ role: 'lead' })
			.where('entry_id', '=', entryId)
			.where('user_id', '=', userId)
			.execute();
		return { ok: true, name: member.name } as const;
	});
}

/** A member's own consent to the publication of his name if the candidature wins. */
export async function setPublishName(
	db: Db,
	userId: number,
	entryId: number,
	consent: boolean
): Promise<{ ok: true } | { ok: false; message: string }> {
	const updated = await db
		.updateTable('entry_members')
		.set({ publish_name: consent })
		.where('entry_id', '=', entryId)
		.where('user_id', '=', userId)
		.returning('user_id')
		.executeTakeFirst();
	if (!updated)
		return {
			ok: false,
			message: 'Seuls les membres de l’équipe choisissent la publication de leur nom.'
		};
	return { ok: true };
}
