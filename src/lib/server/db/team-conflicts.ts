// Conflicts of interest declared by a team: its members name a juror of the edition (a relative, a
// colleague, a former partner …) with a reason. The juror then never sees the candidature (the SQL
// rule `jurorConflicted` reads the `conflicts` table); his draft review and his assignment to it are
// removed, as when he declares the conflict himself. The declaration is logged in the candidature's
// history without the juror's name (the log's fingerprint is public; the organisers read the list).
import { CONFLICT_REASON_MAX } from '$lib/domain/jury-labels';
import { appendEntryNote, withEntryLocked } from '../workflow/entry-notes';
import { declareConflict } from './conflicts';
import type { Db } from './index';

export interface TeamConflictChoice {
	jurorId: number;
	name: string;
	academie: string | null;
}

/** The jurors of the candidature's edition the team has not declared yet, by name. */
export async function jurorsToDeclare(db: Db, entryId: number): Promise<TeamConflictChoice[]> {
	const rows = await db
		.selectFrom('entries as e')
		.innerJoin('edition_jurors as j', 'j.edition_id', 'e.edition_id')
		.innerJoin('users as u', 'u.id', 'j.user_id')
		.where('e.id', '=', entryId)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('conflicts as c')
						.select('c.id')
						.whereRef('c.entry_id', '=', 'e.id')
						.whereRef('c.juror_id', '=', 'j.user_id')
						.where('c.source', '=', 'team')
				)
			)
		)
		.select(['u.id as jurorId', 'u.name', 'j.academie'])
		.orderBy('u.name')
		.orderBy('u.id')
		.execute();
	return rows;
}

/** The conflicts the team declared, oldest first. */
export async function teamConflicts(db: Db, entryId: number) {
	return db
		.selectFrom('conflicts as c')
		.innerJoin('users as u', 'u.id', 'c.juror_id')
		.leftJoin('users as d', 'd.id', 'c.declared_by')
		.where('c.entry_id', '=', entryId)
		.where('c.source', '=', 'team')
		.select([
			'c.id',
			'u.name as juror_name',
			'c.reason',
			'c.created_at',
			'd.name as declared_by_name'
		])
		.orderBy('c.created_at')
		.orderBy('c.id')
		.execute();
}

export type TeamConflictResult =
	| { ok: true; recorded: boolean }
	| { ok: false; status: 400 | 404; field?: 'juror' | 'reason'; message: string };

/**
 * Records the team's declaration (the caller checked the permission). Refuses an unknown juror of
 * the edition and a missing or too long reason, in French.
 */
export async function declareTeamConflict(
	db: Db,
	entryId: number,
	input: { jurorId: number | null; reason: string },
	actor: { userId: number },
	at = new Date()
): Promise<TeamConflictResult> {
	const reason = input.reason.trim();
	if (input.jurorId === null)
		return { ok: false, status: 400, field: 'juror', message: 'Choisissez le juré concerné.' };
	if (reason === '')
		return {
			ok: false,
			status: 400,
			field: 'reason',
			message: 'Indiquez la raison du conflit d’intérêts : elle est transmise aux organisateurs.'
		};
	if (reason.length > CONFLICT_REASON_MAX)
		return {
			ok: false,
			status: 400,
			field: 'reason',
			message: `La raison compte ${reason.length} caractères : raccourcissez-la à ${CONFLICT_REASON_MAX} caractères au plus.`
		};
	const jurorId = input.jurorId;
	const result = await withEntryLocked(db, entryId, async (trx, entry) => {
		const seat = await trx
			.selectFrom('edition_jurors')
			.select('user_id')
			.where('edition_id', '=', entry.edition_id)
			.where('user_id', '=', jurorId)
			.executeTakeFirst();
		if (!seat)
			return {
				ok: false as const,
				status: 400 as const,
				field: 'juror' as const,
				message: 'Cette personne ne fait pas partie du jury de l’édition.'
			};
		const recorded = await declareConflict(trx, {
			entryId,
			jurorId,
			source: 'team',
			reason,
			declaredBy: actor.userId
		});
		if (recorded) {
			await trx
				.deleteFrom('reviews')
				.where('entry_id', '=', entryId)
				.where('juror_id', '=', jurorId)
				.where('status', '=', 'draft')
				.execute();
			await trx
				.deleteFrom('assignments')
				.where('entry_id', '=', entryId)
				.where('juror_id', '=', jurorId)
				.execute();
			await appendEntryNote(trx, entry, {
				type: 'DECLARE_CONFLICT',
				actorId: actor.userId,
				payload: { source: 'team' },
				at
			});
		}
		return { ok: true as const, recorded };
	});
	return result ?? { ok: false, status: 404, message: 'Cette candidature n’existe pas.' };
}
