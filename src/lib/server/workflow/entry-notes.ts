// Changes around a candidature that do not move its state but belong in its history (a trial site
// volunteers or is accepted, the protocol is saved, a report is filed, a conflict is declared): they
// run under the same locks as a transition (edition, then entry: no deadlock with `advanceEntry`) and
// are appended to the edition's hash-chained log with the entry's state as both `from` and `to`.
import type { Db } from '../db';
import { ENTRY_MACHINE_VERSION } from './entry.machine';
import { appendEvent, lockEdition, type EventPayload } from './event-log';

export interface LockedEntry {
	id: number;
	edition_id: number;
	title: string;
	state: string;
	uai: string | null;
	academie: string | null;
	publication_consent: boolean;
	version: number;
	/** The edition's phase, read under its lock. */
	phase: string;
	min_trial_reports: number;
	trial_ends_at: Date | null;
}

async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Runs `work` in one transaction with the candidature's edition and the candidature locked (FOR
 * UPDATE, in that order). Answers null, without calling `work`, when the candidature does not exist.
 */
export async function withEntryLocked<T>(
	db: Db,
	entryId: number,
	work: (trx: Db, entry: LockedEntry) => Promise<T>
): Promise<T | null> {
	return inTransaction(db, async (trx) => {
		const located = await trx
			.selectFrom('entries')
			.select('edition_id')
			.where('id', '=', entryId)
			.executeTakeFirst();
		if (!located) return null;
		const edition = await lockEdition(trx, located.edition_id);
		const entry = await trx
			.selectFrom('entries')
			.select([
				'id',
				'edition_id',
				'title',
				'state',
				'uai',
				'academie',
				'publication_consent',
				'version'
			])
			.where('id', '=', entryId)
			.forUpdate()
			.executeTakeFirst();
		if (!edition || !entry) return null;
		return work(trx, {
			...entry,
			phase: edition.phase,
			min_trial_reports: edition.min_trial_reports,
			trial_ends_at: edition.trial_ends_at
		});
	});
}

/**
 * Appends a note to the log of a candidature locked by `withEntryLocked` (same transaction) and
 * bumps the candidature's version, which counts its logged events.
 * `type` is one of ENTRY_NOTE_PAST's keys (src/lib/domain/workflow-labels.ts), so timelines name it.
 */
export async function appendEntryNote(
	trx: Db,
	entry: Pick<LockedEntry, 'id' | 'edition_id' | 'state'>,
	note: { type: string; actorId: number | null; payload?: EventPayload; at?: Date }
): Promise<{ id: number; hash: string }> {
	// The entry's version counts its logged events, notes included.
	await trx
		.updateTable('entries')
		.set((eb) => ({ version: eb('version', '+', 1) }))
		.where('id', '=', entry.id)
		.execute();
	return appendEvent(trx, {
		editionId: entry.edition_id,
		entity: 'entry',
		entityId: entry.id,
		actorId: note.actorId,
		type: note.type,
		from: entry.state,
		to: entry.state,
		payload: note.payload,
		at: note.at ?? new Date(),
		machineVersion: ENTRY_MACHINE_VERSION
	});
}
