// The trial protocol of a short-listed innovation: objectives, duration, what a site must do (one
// step per line: the report's fidelity checklist) and the indicators the sites measure before and
// after. Saved by the team under the candidature's lock, with optimistic concurrency on `version`,
// and logged (SAVE_PROTOCOL). The capacity column belongs to the choice of sites (trial-sites.ts).
import { sql } from 'kysely';
import { whyNotEditProtocol } from '../auth/permissions';
import { lockedProtocolProblem, stepsOf, type ProtocolValues } from '../trial/protocol-form';
import { appendEntryNote, withEntryLocked } from '../workflow/entry-notes';
import { loadEntryAccess } from './entry-access';
import type { Db } from './index';

export const STALE_PROTOCOL_MESSAGE =
	'Le protocole a été enregistré entre-temps par un autre membre de l’équipe : ce que vous venez de saisir n’a pas été enregistré, mais est conservé ci-dessous. Rechargez la page pour voir la version enregistrée, puis reportez-y vos changements.';

/**
 * The protocol of a candidature with its indicators in order (two queries). Without a saved protocol,
 * the defaults: empty texts, no duration, capacity 3, version 0.
 */
export async function protocolOf(db: Db, entryId: number) {
	const [row, indicators] = await Promise.all([
		db
			.selectFrom('trial_protocols as p')
			.leftJoin('users as u', 'u.id', 'p.updated_by')
			.where('p.entry_id', '=', entryId)
			.select([
				'p.objectives',
				'p.duration_weeks',
				'p.site_tasks',
				'p.capacity',
				'p.version',
				'p.updated_at',
				'u.name as updated_by_name'
			])
			.executeTakeFirst(),
		db
			.selectFrom('trial_indicators')
			.where('entry_id', '=', entryId)
			.select(['id', 'name', 'unit', 'direction', 'position'])
			.orderBy('position')
			.orderBy('id')
			.execute()
	]);
	const protocol = row ?? {
		objectives: '',
		duration_weeks: null,
		site_tasks: '',
		capacity: 3,
		version: 0,
		updated_at: null,
		updated_by_name: null
	};
	return {
		entryId,
		saved: row !== undefined,
		...protocol,
		steps: stepsOf(protocol.site_tasks),
		indicators
	};
}

export type TrialProtocol = Awaited<ReturnType<typeof protocolOf>>;

/** The phase of a candidature's edition, for the protocol's permission rule outside a save. */
export async function editionPhaseOf(db: Db, entryId: number): Promise<string | null> {
	const row = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.where('e.id', '=', entryId)
		.select('ed.phase')
		.executeTakeFirst();
	return row?.phase ?? null;
}

export type SaveProtocolResult =
	| { ok: true; version: number }
	| {
			ok: false;
			/** 404 unknown candidature; 403 not a team member; 409 not editable now, stale, or locked by a report. */
			status: 403 | 404 | 409;
			why: 'notFound' | 'refused' | 'version' | 'locked';
			message: string;
	  };

/** Whether a site of this candidature has transmitted its report. */
export async function hasSubmittedReport(db: Db, entryId: number): Promise<boolean> {
	const row = await db
		.selectFrom('trial_reports as r')
		.innerJoin('trial_sites as s', 's.id', 'r.site_id')
		.where('s.entry_id', '=', entryId)
		.where('r.status', '=', 'submitted')
		.select('r.id')
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Saves the protocol if nobody saved it since `expectedVersion` was read (0 when none was saved) and
 * `actor` may edit it now, in one transaction under the candidature's lock: the texts, and the
 * indicators (stored ones updated, new ones added, those left out removed — unless a report is
 * transmitted, see `lockedProtocolProblem`). Bumps the version and logs SAVE_PROTOCOL. The capacity is
 * left as it is. Nothing is written when it answers a refusal.
 */
export async function saveProtocol(
	db: Db,
	entryId: number,
	input: ProtocolValues,
	actor: { userId: number },
	expectedVersion: number,
	now = new Date()
): Promise<SaveProtocolResult> {
	const result = await withEntryLocked(
		db,
		entryId,
		async (trx, entry): Promise<SaveProtocolResult> => {
			const access = await loadEntryAccess(trx, actor.userId, entryId);
			const refusal = whyNotEditProtocol(access?.relation ?? null, entry);
			if (refusal) {
				const member = access?.relation?.isLead || access?.relation?.isMember;
				return { ok: false, status: member ? 409 : 403, why: 'refused', message: refusal };
			}
			const current = await protocolOf(trx, entryId);
			if (!Number.isInteger(expectedVersion) || current.version !== expectedVersion)
				return { ok: false, status: 409, why: 'version', message: STALE_PROTOCOL_MESSAGE };
			const known = new Set(current.indicators.map((i) => i.id));
			// An id that is not one of this protocol's indicators (another page's, or forged) is a new row.
			const indicators = input.indicators.map((i) => ({
				...i,
				id: i.id !== null && known.has(i.id) ? i.id : null
			}));
			if (await hasSubmittedReport(trx, entryId)) {
				const problem = lockedProtocolProblem(current, { steps: input.steps, indicators });
				if (problem) return { ok: false, status: 409, why: 'locked', message: problem };
			}
			const texts = {
				objectives: input.objectives,
				duration_weeks: input.durationWeeks,
				site_tasks: input.siteTasks,
				updated_at: now,
				updated_by: actor.userId
			};
			const saved = current.saved
				? await trx
						.updateTable('trial_protocols')
						.set({ ...texts, version: sql<number>`version + 1` })
						.where('entry_id', '=', entryId)
						.where('version', '=', expectedVersion)
						.returning('version')
						.executeTakeFirst()
				: await trx
						.insertInto('trial_protocols')
						.values({ entry_id: entryId, ...texts, version: 1 })
						.onConflict((oc) => oc.column('entry_id').doNothing())
						.returning('version')
						.executeTakeFirst();
			if (!saved)
				return { ok: false, status: 409, why: 'version', message: STALE_PROTOCOL_MESSAGE };

			const keptIds = indicators.flatMap((i) => (i.id === null ? [] : [i.id]));
			const removed = current.indicators.filter((i) => !keptIds.includes(i.id)).map((i) => i.id);
			if (removed.length > 0)
				await trx.deleteFrom('trial_indicators').where('id', 'in', removed).execute();
			for (const [position, indicator] of indicators.entries()) {
				const values = {
					position,
					name: indicator.name,
					unit: indicator.unit,
					direction: indicator.direction
				};
				if (indicator.id === null)
					await trx
						.insertInto('trial_indicators')
						.values({ entry_id: entryId, ...values })
						.execute();
				else
					await trx
						.updateTable('trial_indicators')
						.set(values)
						.where('id', '=', indicator.id)
						.where('entry_id', '=', entryId)
						.execute();
			}
			await appendEntryNote(trx, entry, {
				type: 'SAVE_PROTOCOL',
				actorId: actor.userId,
				payload: {
					version: saved.version,
					steps: input.steps.length,
					indicators: indicators.length
				},
				at: now
			});
			return { ok: true, version: saved.version };
		}
	);
	return (
		result ?? {
			ok: false,
			status: 404,
			why: 'notFound',
			message: 'Cette candidature n’existe pas.'
		}
	);
}
