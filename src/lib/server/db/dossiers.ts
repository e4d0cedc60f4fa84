// Candidature dossiers: the open editions a team may enter, starting a candidature, reading and saving
// its dossier (a save based on an older `dossier_version` is refused), and the last request for changes.
// State changes go through workflow/advance.ts, never here.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DossierValues, SavedDossier } from '$lib/domain/dossier';
import { EDITABLE_STATES } from '../auth/permissions';
import type { Db } from './index';

/** Editions taking candidatures now: phase 'open' and the deadline not past. */
export async function listOpenEditions(db: Db, now = new Date()) {
	return db
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'submissions_close_at'])
		.where('phase', '=', 'open')
		.where((eb) =>
			eb.or([eb('submissions_close_at', 'is', null), eb('submissions_close_at', '>', now)])
		)
		.orderBy('year', 'desc')
		.execute();
}

/**
 * Starts a candidature: the entry (draft) and its lead, in one transaction. No event: creation is not a
 * change of state. Answers null when the edition does not take candidatures (any more).
 */
export async function createEntry(
	db: Db,
	input: { editionId: number; title: string; leadId: number },
	now = new Date()
): Promise<{ id: number } | null> {
	return db.transaction().execute(async (trx) => {
		const edition = await trx
			.selectFrom('editions')
			.select('id')
			.where('id', '=', input.editionId)
			.where('phase', '=', 'open')
			.where((eb) =>
				eb.or([eb('submissions_close_at', 'is', null), eb('submissions_close_at', '>', now)])
			)
			.forShare()
			.executeTakeFirst();
		if (!edition) return null;
		const entry = await trx
			.insertInto('entries')
			.values({ edition_id: edition.id, title: input.title, state: 'draft', machine_version: 1 })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('entry_members')
			.values({ entry_id: entry.id, user_id: input.leadId, role: 'lead' })
			.execute();
		return entry;
	});
}

/** The dossier with its themes, its edition's calendar, and the choices of category and theme. */
export async function loadDossier(db: Db, entryId: number) {
	const entry = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.where('e.id', '=', entryId)
		.select((eb) => [
			'e.id',
			'e.edition_id',
			'e.state',
			'e.title',
			'e.summary',
			'e.category_id',
			'e.uai',
			'e.academie',
			'e.etablissement_name',
			'e.problem',
			'e.solution',
			'e.audience',
			'e.results',
			'e.transferability',
			'e.resources',
			'e.publication_consent',
			'e.dossier_version',
			'e.created_at',
			'ed.year as edition_year',
			'ed.title as edition_title',
			'ed.phase as edition_phase',
			'ed.submissions_close_at',
			jsonArrayFrom(
				eb
					.selectFrom('entry_themes')
					.select('theme_id')
					.whereRef('entry_themes.entry_id', '=', 'e.id')
					.orderBy('theme_id')
			).as('theme_rows'),
			jsonArrayFrom(
				eb
					.selectFrom('categories')
					.select(['id', 'name'])
					.whereRef('categories.edition_id', '=', 'e.edition_id')
					.orderBy('position')
					.orderBy('id')
			).as('categories'),
			jsonArrayFrom(
				eb
					.selectFrom('edition_themes')
					.select(['id', 'name'])
					.whereRef('edition_themes.edition_id', '=', 'e.edition_id')
					.orderBy('position')
					.orderBy('id')
			).as('edition_themes')
		])
		.executeTakeFirst();
	if (!entry) return null;
	const { theme_rows, ...rest } = entry;
	return { ...rest, themes: theme_rows.map((t) => t.theme_id) };
}

export type Dossier = NonNullable<Awaited<ReturnType<typeof loadDossier>>>;

/**
 * Saves the dossier if nobody saved it since `version` was read and it is still editable (a draft, or
 * changes requested), and bumps the version. Themes are replaced in the same transaction. When nothing is
 * written, says why: another save came first ('version'), or the dossier was submitted meanwhile
 * ('readOnly'). The row lock taken by the UPDATE orders a save after a submission in progress.
 */
export async function saveDossier(
	db: Db,
	entryId: number,
	version: number,
	values: DossierValues
): Promise<{ ok: true; version: number } | { ok: false; why: 'version' | 'readOnly' }> {
	return db.transaction().execute(async (trx) => {
		const { themes, ...columns } = values;
		const updated = await trx
			.updateTable('entries')
			.set({
				...columns,
				dossier_version: sql<number>`dossier_version + 1`,
				updated_at: new Date()
			})
			.where('id', '=', entryId)
			.where('dossier_version', '=', version)
			.where('state', 'in', EDITABLE_STATES)
			.returning('dossier_version')
			.executeTakeFirst();
		if (!updated) {
			const current = await trx
				.selectFrom('entries')
				.select('state')
				.where('id', '=', entryId)
				.executeTakeFirst();
			const editable = (EDITABLE_STATES as readonly string[]).includes(current?.state ?? '');
			return { ok: false as const, why: editable ? ('version' as const) : ('readOnly' as const) };
		}
		await trx.deleteFrom('entry_themes').where('entry_id', '=', entryId).execute();
		if (themes.length > 0)
			await trx
				.insertInto('entry_themes')
				.values(themes.map((theme_id) => ({ entry_id: entryId, theme_id })))
				.execute();
		return { ok: true as const, version: updated.dossier_version };
	});
}

/** The last request for changes of a candidature (message and due date), if any. */
export async function lastChangeRequest(db: Db, entryId: number) {
	const row = await db
		.selectFrom('events')
		.select(['payload', 'created_at'])
		.where('entity', '=', 'entry')
		.where('entity_id', '=', entryId)
		.where('type', '=', 'REQUEST_CHANGES')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return null;
	const payload = (row.payload ?? {}) as { reason?: unknown; dueAt?: unknown };
	return {
		at: row.created_at,
		reason: typeof payload.reason === 'string' ? payload.reason : null,
		dueAt: typeof payload.dueAt === 'string' ? payload.dueAt : null
	};
}

/**
 * The dossier as completeness reads it, in one query. `advanceEntry` calls it inside the submission's
 * transaction, after locking the entry, so no save can slip in between the check and the submission.
 */
export async function savedDossierOf(db: Db, entryId: number): Promise<SavedDossier | null> {
	const row = await db
		.selectFrom('entries as e')
		.where('e.id', '=', entryId)
		.select((eb) => [
			'e.title',
			'e.summary',
			'e.etablissement_name',
			'e.problem',
			'e.solution',
			'e.audience',
			'e.results',
			'e.transferability',
			'e.resources',
			'e.uai',
			'e.category_id',
			'e.publication_consent',
			jsonArrayFrom(
				eb
					.selectFrom('entry_themes')
					.select('theme_id')
					.whereRef('entry_themes.entry_id', '=', 'e.id')
			).as('theme_rows')
		])
		.executeTakeFirst();
	if (!row) return null;
	const { theme_rows, ...rest } = row;
	return { ...rest, themes: theme_rows.map((t) => t.theme_id) };
}
