// Assignments of jurors to candidatures, per round (/admin/editions/[id]/affectations): the automatic
// assignment (../jury/assignment.ts) run in one transaction, manual additions and removals, the
// progress of each juror and of each candidature, and reminders to late jurors through the outbox.
//
// Which candidatures a round assigns:
//   - preselection: the eligible ones ('eligible'). Once decided (shortlisted, notShortlisted) a
//     candidature leaves the scope: its assignments and reviews are kept as they are.
//   - final: those still competing for the final decision: 'shortlisted', 'inTrial' and 'finalist'
//     (so the final jury can be prepared during the trial phase). Decided ones (laureate,
//     notAwarded) keep theirs.
// Withdrawn candidatures are out of every scope.
//
// A run keeps manual assignments and any assignment with a review (draft or submitted), passes them
// to the algorithm as fixed, and replaces the other automatic ones of the candidatures in scope.
import { sql, type ExpressionBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { formatParisDateTime } from '$lib/domain/calendar';
import { assignJurors, type AssignmentProblem } from '../jury/assignment';
import { enqueueMail } from '../mail/outbox';
import { juryReminderMail } from '../mail/templates';
import type { EntryState } from '../workflow/rules';
import { editionConflicts, jurorConflicted } from './conflicts';
import { ROUND_LABELS } from './criteria';
import type { Db } from './index';
import type { Database, JuryRound } from './schema';
import { parseInteger } from '$lib/domain/integer';

export const ROUND_STATES: Record<JuryRound, readonly EntryState[]> = {
	preselection: ['eligible'],
	final: ['shortlisted', 'inTrial', 'finalist']
};

export const PROGRESS_PAGE_SIZE = 50;
/** A juror reminded less than this long ago is not reminded again. */
export const REMINDER_INTERVAL_HOURS = 24;
export const JURORS_PER_ENTRY_MAX = 10;

const roundColumn = (round: JuryRound) => (round === 'final' ? 'j.final' : 'j.preselection');

async function lockEdition(trx: Db, editionId: number) {
	return trx
		.selectFrom('editions')
		.select(['id', 'title', 'jurors_per_entry', 'preselection_at', 'final_at'])
		.where('id', '=', editionId)
		.forUpdate()
		.executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// The automatic assignment

export interface RunResult {
	ok: true;
	k: number;
	entries: number;
	jurors: number;
	/** Assignments created, automatic ones removed, and kept (manual or reviewed, or unchanged). */
	added: number;
	removed: number;
	kept: number;
	problems: AssignmentProblem[];
}

/**
 * Runs the automatic assignment of a round, in one transaction under the edition's lock: reads the
 * candidatures in scope, the round's jurors and their expertise, every conflict and the fixed
 * assignments; writes the difference (deletes the automatic assignments no longer chosen, inserts
 * the new ones). Deterministic: the same data gives the same assignments.
 */
export async function runAssignment(
	db: Db,
	editionId: number,
	round: JuryRound
): Promise<RunResult | { ok: false; notFound: true }> {
	return db.transaction().execute(async (trx) => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) return { ok: false, notFound: true } as const;
		const states = ROUND_STATES[round];
		const entries = await trx
			.selectFrom('entries as e')
			.leftJoin('categories as c', 'c.id', 'e.category_id')
			.where('e.edition_id', '=', editionId)
			.where('e.state', 'in', states)
			.select(['e.id', 'e.category_id', 'c.name as category_name'])
			.orderBy('e.id')
			.execute();
		const jurors = await trx
			.selectFrom('edition_jurors as j')
			.innerJoin('users as u', 'u.id', 'j.user_id')
			.where('j.edition_id', '=', editionId)
			.where(roundColumn(round), '=', true)
			.select((eb) => [
				'u.id',
				'u.name',
				jsonArrayFrom(
					eb
						.selectFrom('juror_expertise as x')
						.whereRef('x.edition_id', '=', 'j.edition_id')
						.whereRef('x.user_id', '=', 'j.user_id')
						.select('x.category_id')
				).as('expertise')
			])
			.orderBy('u.id')
			.execute();
		const conflicts = await editionConflicts(trx, editionId);
		const existing = await trx
			.selectFrom('assignments as a')
			.innerJoin('entries as e', 'e.id', 'a.entry_id')
			.where('e.edition_id', '=', editionId)
			.where('e.state', 'in', states)
			.where('a.round', '=', round)
			.select((eb) => [
				'a.entry_id',
				'a.juror_id',
				'a.manual',
				eb
					.exists(
						eb
							.selectFrom('reviews as r')
							.whereRef('r.entry_id', '=', 'a.entry_id')
							.whereRef('r.juror_id', '=', 'a.juror_id')
							.whereRef('r.round', '=', 'a.round')
							.select('r.id')
					)
					.as('reviewed')
			])
			.execute();

		const k = edition.jurors_per_entry;
		const result = assignJurors({
			entries: entries.map((e) => ({
				id: e.id,
				categoryId: e.category_id ?? 0,
				categoryName: e.category_name ?? 'Sans catégorie'
			})),
			jurors: jurors.map((j) => ({
				id: j.id,
				name: j.name,
				expertise: j.expertise.map((x) => x.category_id)
			})),
			conflicts: conflicts.map((c) => [c.jurorId, c.entryId] as const),
			fixed: existing
				.filter((a) => a.manual || a.reviewed)
				.map((a) => [a.juror_id, a.entry_id] as const),
			k
		});

		const key = (jurorId: number, entryId: number) => `${jurorId}:${entryId}`;
		const chosen = new Set(result.assignments.map(([j, e]) => key(j, e)));
		const present = new Set(existing.map((a) => key(a.juror_id, a.entry_id)));
		const removable = existing.filter(
			(a) => !a.manual && !a.reviewed && !chosen.has(key(a.juror_id, a.entry_id))
		);
		const added = result.assignments.filter(([j, e]) => !present.has(key(j, e)));
		if (removable.length > 0)
			await sql`
				delete from assignments a
				using unnest(${removable.map((a) => a.entry_id)}::integer[],
					${removable.map((a) => a.juror_id)}::integer[]) as d(entry_id, juror_id)
				where a.entry_id = d.entry_id and a.juror_id = d.juror_id and a.round = ${round}
			`.execute(trx);
		if (added.length > 0)
			await sql`
				insert into assignments (entry_id, round, juror_id, manual)
				select d.entry_id, ${round}, d.juror_id, false
				from unnest(${added.map(([, e]) => e)}::integer[],
					${added.map(([j]) => j)}::integer[]) as d(entry_id, juror_id)
				on conflict do nothing
			`.execute(trx);
		return {
			ok: true,
			k,
			entries: entries.length,
			jurors: jurors.length,
			added: added.length,
			removed: removable.length,
			kept: existing.length - removable.length,
			problems: result.problems
		} as const;
	});
}

// ---------------------------------------------------------------------------------------------
// By hand

/** The French reasons why the juror may not review the candidature (empty: none), in one query. */
export async function pairConflictReasons(
	db: Db,
	jurorId: number,
	entryId: number
): Promise<string[]> {
	const rows = await sql<{ reason: string }>`
		select c.reason from conflicts c where c.entry_id = ${entryId} and c.juror_id = ${jurorId}
		union all
		select 'Le juré est membre de l’équipe.' from entry_members m
		where m.entry_id = ${entryId} and m.user_id = ${jurorId}
		union all
		select 'Le juré travaille dans le même établissement (UAI ' || e.uai || ').'
		from entries e join edition_jurors j on j.edition_id = e.edition_id and j.user_id = ${jurorId}
		where e.id = ${entryId} and j.uai = e.uai
		union all
		select 'Le juré et l’équipe relèvent de la même académie (' || e.academie || ').'
		from entries e
		join editions ed on ed.id = e.edition_id and ed.conflict_same_academie
		join edition_jurors j on j.edition_id = e.edition_id and j.user_id = ${jurorId}
		where e.id = ${entryId} and j.academie = e.academie
	`.execute(db);
	return rows.rows.map((r) => r.reason);
}

/**
 * Assigns a juror to a candidature by hand (kept by later automatic runs). Refused in French when
 * the candidature is not in the round, the juror does not sit in it, or he is conflicted. An
 * automatic assignment of the same pair becomes manual.
 */
export async function addManualAssignment(
	db: Db,
	editionId: number,
	round: JuryRound,
	entryId: number,
	jurorId: number
): Promise<{ ok: true; pinned: boolean } | { ok: false; reason: string }> {
	return db.transaction().execute(async (trx) => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) return { ok: false, reason: 'Cette édition n’existe pas.' } as const;
		const entry = await trx
			.selectFrom('entries')
			.select(['id', 'title', 'state'])
			.where('id', '=', entryId)
			.where('edition_id', '=', editionId)
			.executeTakeFirst();
		if (!entry)
			return { ok: false, reason: 'Cette candidature n’appartient pas à cette édition.' } as const;
		if (!ROUND_STATES[round].includes(entry.state as EntryState))
			return {
				ok: false,
				reason: `La candidature « ${entry.title} » n’est pas évaluée au tour « ${ROUND_LABELS[round]} » dans son état actuel.`
			} as const;
		const juror = await trx
			.selectFrom('edition_jurors as j')
			.innerJoin('users as u', 'u.id', 'j.user_id')
			.select(['u.name', 'j.preselection', 'j.final'])
			.where('j.edition_id', '=', editionId)
			.where('j.user_id', '=', jurorId)
			.executeTakeFirst();
		if (!juror)
			return { ok: false, reason: 'Ce juré ne fait pas partie du jury de cette édition.' } as const;
		if (!juror[round])
			return {
				ok: false,
				reason: `${juror.name} ne siège pas au tour « ${ROUND_LABELS[round]} » : modifiez d’abord ses tours sur la page du jury.`
			} as const;
		const reasons = await pairConflictReasons(trx, jurorId, entryId);
		if (reasons.length > 0)
			return {
				ok: false,
				reason: `${juror.name} a un conflit d’intérêts avec la candidature « ${entry.title} » : ${reasons.join(' ')} Il ne peut pas l’évaluer.`
			} as const;
		const existing = await trx
			.selectFrom('assignments')
			.select('manual')
			.where('entry_id', '=', entryId)
			.where('round', '=', round)
			.where('juror_id', '=', jurorId)
			.executeTakeFirst();
		if (existing?.manual)
			return {
				ok: false,
				reason: `${juror.name} est déjà affecté à la candidature « ${entry.title} ».`
			} as const;
		if (existing) {
			await trx
				.updateTable('assignments')
				.set({ manual: true })
				.where('entry_id', '=', entryId)
				.where('round', '=', round)
				.where('juror_id', '=', jurorId)
				.execute();
			return { ok: true, pinned: true } as const;
		}
		await trx
			.insertInto('assignments')
			.values({ entry_id: entryId, round, juror_id: jurorId, manual: true })
			.execute();
		return { ok: true, pinned: false } as const;
	});
}

/** Removes an assignment; refused when the juror has started a review of it. */
export async function removeAssignment(
	db: Db,
	editionId: number,
	round: JuryRound,
	entryId: number,
	jurorId: number
): Promise<{ ok: true } | { ok: false; reason: string }> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('assignments as a')
			.innerJoin('entries as e', 'e.id', 'a.entry_id')
			.innerJoin('users as u', 'u.id', 'a.juror_id')
			.leftJoin('reviews as r', (join) =>
				join
					.onRef('r.entry_id', '=', 'a.entry_id')
					.onRef('r.juror_id', '=', 'a.juror_id')
					.onRef('r.round', '=', 'a.round')
			)
			.where('e.edition_id', '=', editionId)
			.where('a.entry_id', '=', entryId)
			.where('a.round', '=', round)
			.where('a.juror_id', '=', jurorId)
			.select(['u.name', 'e.title', 'r.status'])
			.forUpdate('a')
			.executeTakeFirst();
		if (!row) return { ok: false, reason: 'Cette affectation n’existe plus.' } as const;
		if (row.status)
			return {
				ok: false,
				reason:
					row.status === 'submitted'
						? `${row.name} a déjà remis son évaluation de « ${row.title} » : l’affectation ne peut plus être retirée.`
						: `${row.name} a commencé l’évaluation de « ${row.title} » (brouillon enregistré) : l’affectation ne peut plus être retirée.`
			} as const;
		await trx
			.deleteFrom('assignments')
			.where('entry_id', '=', entryId)
			.where('round', '=', round)
			.where('juror_id', '=', jurorId)
			.execute();
		return { ok: true } as const;
	});
}

/** Sets K, the number of jurors per candidature (1 to 10). */
export async function setJurorsPerEntry(
	db: Db,
	editionId: number,
	text: string
): Promise<{ ok: true; k: number } | { ok: false; error: string }> {
	const k = parseInteger(text, { min: 1, max: JURORS_PER_ENTRY_MAX }) ?? NaN;
	if (!(k >= 1 && k <= JURORS_PER_ENTRY_MAX))
		return {
			ok: false,
			error: `Saisissez un nombre entier de jurés par candidature, entre 1 et ${JURORS_PER_ENTRY_MAX}.`
		};
	await db
		.updateTable('editions')
		.set({ jurors_per_entry: k })
		.where('id', '=', editionId)
		.execute();
	return { ok: true, k };
}

// ---------------------------------------------------------------------------------------------
// Progress

/** Totals of a round: candidatures in scope, those short of K, assignments and reviews (2 queries). */
export async function roundSummary(db: Db, editionId: number, round: JuryRound, k: number) {
	const [counts, entries] = await Promise.all([
		db
			.selectFrom('assignments as a')
			.innerJoin('entries as e', 'e.id', 'a.entry_id')
			.leftJoin('reviews as r', (join) =>
				join
					.onRef('r.entry_id', '=', 'a.entry_id')
					.onRef('r.juror_id', '=', 'a.juror_id')
					.onRef('r.round', '=', 'a.round')
			)
			.where('e.edition_id', '=', editionId)
			.where('a.round', '=', round)
			.select([
				sql<number>`count(*)::int`.as('assigned'),
				sql<number>`(count(*) filter (where a.manual))::int`.as('manual'),
				sql<number>`(count(*) filter (where r.status = 'submitted'))::int`.as('submitted'),
				sql<number>`(count(*) filter (where r.status = 'draft'))::int`.as('drafts')
			])
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('entries as e')
			.where('e.edition_id', '=', editionId)
			.where('e.state', 'in', ROUND_STATES[round])
			.select([
				sql<number>`count(*)::int`.as('inScope'),
				sql<number>`(count(*) filter (where (
					select count(*) from assignments a where a.entry_id = e.id and a.round = ${round}
				) < ${k}))::int`.as('short')
			])
			.executeTakeFirstOrThrow()
	]);
	return { ...counts, ...entries };
}

/**
 * One page of the round's jurors (those who sit in it, and any other with assignments in it), by
 * name, with their assigned, submitted and draft reviews: two queries.
 */
export async function jurorProgress(
	db: Db,
	editionId: number,
	round: JuryRound,
	options: { page: number; pageSize?: number }
) {
	const pageSize = Math.max(1, Math.floor(options.pageSize ?? PROGRESS_PAGE_SIZE));
	const base = db
		.selectFrom('edition_jurors as j')
		.innerJoin('users as u', 'u.id', 'j.user_id')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('assignments as a')
					.innerJoin('entries as e', 'e.id', 'a.entry_id')
					.leftJoin('reviews as r', (join) =>
						join
							.onRef('r.entry_id', '=', 'a.entry_id')
							.onRef('r.juror_id', '=', 'a.juror_id')
							.onRef('r.round', '=', 'a.round')
					)
					.whereRef('a.juror_id', '=', 'j.user_id')
					.where('a.round', '=', round)
					.where('e.edition_id', '=', editionId)
					.where(sql<boolean>`not ${jurorConflicted('a.juror_id', 'e.id')}`)
					.select([
						sql<number>`count(*)::int`.as('assigned'),
						sql<number>`(count(*) filter (where r.status = 'submitted'))::int`.as('submitted'),
						sql<number>`(count(*) filter (where r.status = 'draft'))::int`.as('drafts')
					])
					.as('p'),
			(join) => join.onTrue()
		)
		.where('j.edition_id', '=', editionId)
		.where((eb) => eb.or([eb(roundColumn(round), '=', true), eb('p.assigned', '>', 0)]));
	const counted = await base
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const total = Number(counted.n);
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
	const jurors =
		total === 0
			? []
			: await base
					.select([
						'u.id',
						'u.name',
						'u.email',
						'p.assigned',
						'p.submitted',
						'p.drafts',
						sql<boolean>`${sql.ref(roundColumn(round))}`.as('sits')
					])
					.orderBy('u.name')
					.orderBy('u.id')
					.limit(pageSize)
					.offset((page - 1) * pageSize)
					.execute();
	return {
		total,
		page,
		pageCount,
		jurors: jurors.map((j) => ({
			...j,
			assigned: Number(j.assigned ?? 0),
			submitted: Number(j.submitted ?? 0),
			drafts: Number(j.drafts ?? 0)
		}))
	};
}

/**
 * One page of the round's candidatures (in scope, or with assignments in the round), by id, with
 * their jurors and the status of each review: two queries.
 */
export async function entryProgress(
	db: Db,
	editionId: number,
	round: JuryRound,
	options: { page: number; pageSize?: number }
) {
	const pageSize = Math.max(1, Math.floor(options.pageSize ?? PROGRESS_PAGE_SIZE));
	const base = db
		.selectFrom('entries as e')
		.where('e.edition_id', '=', editionId)
		.where((eb) =>
			eb.or([
				eb('e.state', 'in', ROUND_STATES[round]),
				eb.exists(
					eb
						.selectFrom('assignments as x')
						.whereRef('x.entry_id', '=', 'e.id')
						.where('x.round', '=', round)
						.select('x.juror_id')
				)
			])
		);
	const counted = await base
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const total = Number(counted.n);
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
	const entries =
		total === 0
			? []
			: await base
					.leftJoin('categories as c', 'c.id', 'e.category_id')
					.select((eb) => [
						'e.id',
						'e.title',
						'e.state',
						'c.name as category_name',
						roundJurors(eb, round).as('jurors')
					])
					.orderBy('e.id')
					.limit(pageSize)
					.offset((page - 1) * pageSize)
					.execute();
	return {
		total,
		page,
		pageCount,
		entries: entries.map((e) => ({
			...e,
			inScope: ROUND_STATES[round].includes(e.state as EntryState),
			submitted: e.jurors.filter((j) => j.status === 'submitted').length
		}))
	};
}

/** The jurors assigned to the candidature `e` in the round, with their review's status, by name. */
function roundJurors(
	eb: ExpressionBuilder<Database & { e: Database['entries'] }, 'e'>,
	round: JuryRound
) {
	return jsonArrayFrom(
		eb
			.selectFrom('assignments as a')
			.innerJoin('users as u', 'u.id', 'a.juror_id')
			.leftJoin('reviews as r', (join) =>
				join
					.onRef('r.entry_id', '=', 'a.entry_id')
					.onRef('r.juror_id', '=', 'a.juror_id')
					.onRef('r.round', '=', 'a.round')
			)
			.whereRef('a.entry_id', '=', 'e.id')
			.where('a.round', '=', round)
			.select(['u.id', 'u.name', 'u.email', 'a.manual', 'r.status'])
			.orderBy('u.name')
			.orderBy('u.id')
	);
}

/** A candidature of the edition with its jurors of the round, and the jurors one may add (3 queries). */
export async function entryAssignments(
	db: Db,
	editionId: number,
	round: JuryRound,
	entryId: number
) {
	const entry = await db
		.selectFrom('entries as e')
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.where('e.id', '=', entryId)
		.where('e.edition_id', '=', editionId)
		.select((eb) => [
			'e.id',
			'e.title',
			'e.state',
			'e.category_id',
			'c.name as category_name',
			roundJurors(eb, round).as('jurors')
		])
		.executeTakeFirst();
	if (!entry) return undefined;
	const [candidates, conflicted] = await Promise.all([
		db
			.selectFrom('edition_jurors as j')
			.innerJoin('users as u', 'u.id', 'j.user_id')
			.where('j.edition_id', '=', editionId)
			.where(roundColumn(round), '=', true)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('assignments as a')
							.whereRef('a.juror_id', '=', 'j.user_id')
							.where('a.entry_id', '=', entryId)
							.where('a.round', '=', round)
							.select('a.juror_id')
					)
				)
			)
			.select((eb) => [
				'u.id',
				'u.name',
				eb
					.exists(
						eb
							.selectFrom('juror_expertise as x')
							.whereRef('x.edition_id', '=', 'j.edition_id')
							.whereRef('x.user_id', '=', 'j.user_id')
							.select('x.category_id')
					)
					.as('has_expertise'),
				eb
					.exists(
						eb
							.selectFrom('juror_expertise as x')
							.whereRef('x.edition_id', '=', 'j.edition_id')
							.whereRef('x.user_id', '=', 'j.user_id')
							.where('x.category_id', '=', entry.category_id ?? 0)
							.select('x.category_id')
					)
					.as('expert'),
				eb
					.selectFrom('assignments as l')
					.innerJoin('entries as le', 'le.id', 'l.entry_id')
					.whereRef('l.juror_id', '=', 'j.user_id')
					.where('l.round', '=', round)
					.where('le.edition_id', '=', editionId)
					.select((sub) => sub.fn.countAll<number>().as('n'))
					.as('load')
			])
			.orderBy('u.name')
			.orderBy('u.id')
			.execute(),
		editionConflicts(db, editionId).then((all) => all.filter((c) => c.entryId === entryId))
	]);
	const reasons = new Map<number, string[]>();
	for (const c of conflicted) reasons.set(c.jurorId, [...(reasons.get(c.jurorId) ?? []), c.reason]);
	const names = new Map(candidates.map((c) => [c.id, c.name]));
	return {
		entry,
		inScope: ROUND_STATES[round].includes(entry.state as EntryState),
		candidates: candidates
			.filter((c) => !reasons.has(c.id))
			.map((c) => ({
				id: c.id,
				name: c.name,
				load: Number(c.load ?? 0),
				competent: !c.has_expertise || Boolean(c.expert)
			})),
		conflicted: [...reasons].map(([id, why]) => ({
			id,
			name: names.get(id) ?? entry.jurors.find((j) => j.id === id)?.name ?? `Juré n° ${id}`,
			reasons: why
		}))
	};
}

// ---------------------------------------------------------------------------------------------
// Reminders

/**
 * Writes one reminder to the outbox for each juror of the round with an assigned review not yet
 * submitted (candidatures in scope only), in one transaction. A juror already reminded for this
 * round less than REMINDER_INTERVAL_HOURS ago is skipped: pressing the button twice sends nothing
 * more.
 */
export async function sendReminders(
	db: Db,
	editionId: number,
	round: JuryRound,
	origin: string,
	now = new Date()
): Promise<{ ok: true; sent: number; skipped: number } | { ok: false; notFound: true }> {
	return db.transaction().execute(async (trx) => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) return { ok: false, notFound: true } as const;
		const late = await trx
			.selectFrom('assignments as a')
			.innerJoin('entries as e', 'e.id', 'a.entry_id')
			.innerJoin('users as u', 'u.id', 'a.juror_id')
			.leftJoin('reviews as r', (join) =>
				join
					.onRef('r.entry_id', '=', 'a.entry_id')
					.onRef('r.juror_id', '=', 'a.juror_id')
					.onRef('r.round', '=', 'a.round')
			)
			.where('e.edition_id', '=', editionId)
			.where('e.state', 'in', ROUND_STATES[round])
			.where('a.round', '=', round)
			.where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '<>', 'submitted')]))
			// A conflict that appeared after the assignment: he cannot see it, so no reminder.
			.where(sql<boolean>`not ${jurorConflicted('a.juror_id', 'e.id')}`)
			.groupBy(['u.id', 'u.name', 'u.email'])
			.select([
				'u.id',
				'u.name',
				'u.email',
				sql<number>`count(*)::int`.as('unfinished'),
				sql<number>`(count(*) filter (where r.status = 'draft'))::int`.as('drafts')
			])
			.orderBy('u.id')
			.execute();
		if (late.length === 0) return { ok: true, sent: 0, skipped: 0 } as const;
		const date = round === 'final' ? edition.final_at : edition.preselection_at;
		const mails = late.map((juror) => ({
			juror,
			mail: juryReminderMail({
				name: juror.name,
				editionTitle: edition.title,
				roundLabel: ROUND_LABELS[round],
				unfinished: Number(juror.unfinished),
				drafts: Number(juror.drafts),
				deadline: date ? formatParisDateTime(date) : null,
				link: `${origin}/jury`
			})
		}));
		const since = new Date(now.getTime() - REMINDER_INTERVAL_HOURS * 3_600_000);
		const recent = await trx
			.selectFrom('outbox')
			.select('recipient')
			.where(
				'recipient',
				'in',
				late.map((j) => j.email)
			)
			.where('subject', '=', mails[0].mail.subject)
			.where('created_at', '>', since)
			.execute();
		const reminded = new Set(recent.map((r) => r.recipient));
		let sent = 0;
		for (const { juror, mail } of mails) {
			if (reminded.has(juror.email)) continue;
			await enqueueMail(trx, juror.email, mail);
			sent++;
		}
		return { ok: true, sent, skipped: late.length - sent } as const;
	});
}
