// What the public sees of the editions: those past their draft, with their calendar, categories, and
// the jury's criteria and weights (public once the edition opens); the jury's composition once the
// results are published; the number of candidatures that reached each stage, by académie (computed in
// SQL; which of them may be shown is decided by src/lib/server/opendata/stages.ts); and the event
// log's fingerprint and public chain. A page runs a handful of queries, none per row.
import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { EDITION_EVENT_TYPES } from '../workflow/rules';
import { STAGES, STATE_RANK, type StageCounts } from '../opendata/stages';
import type { Db } from './index';
import type { Database } from './schema';

/** Edition phases whose results (laureates, jury) the public may see. */
export const RESULTS_PHASES = ['published', 'archived'] as const;

/** Editions open to the public (every phase but draft), newest first. */
export async function listPublicEditions(db: Db) {
	return db
		.selectFrom('editions')
		.where('phase', '!=', 'draft')
		.select(['year', 'title', 'phase', 'submissions_close_at', 'ceremony_at'])
		.orderBy('year', 'desc')
		.execute();
}

/** One public edition by its year, with its categories, themes and criteria; undefined otherwise. */
export async function findPublicEdition(db: Db, year: number) {
	return db
		.selectFrom('editions as ed')
		.where('ed.year', '=', year)
		.where('ed.phase', '!=', 'draft')
		.select((eb) => [
			'ed.id',
			'ed.year',
			'ed.title',
			'ed.phase',
			'ed.opens_at',
			'ed.submissions_close_at',
			'ed.eligibility_at',
			'ed.preselection_at',
			'ed.trial_starts_at',
			'ed.trial_ends_at',
			'ed.final_at',
			'ed.ceremony_at',
			jsonArrayFrom(
				eb
					.selectFrom('categories')
					.select(['id', 'name'])
					.whereRef('categories.edition_id', '=', 'ed.id')
					.orderBy('position')
					.orderBy('id')
			).as('categories'),
			jsonArrayFrom(
				eb
					.selectFrom('edition_themes')
					.select(['id', 'name'])
					.whereRef('edition_themes.edition_id', '=', 'ed.id')
					.orderBy('position')
					.orderBy('id')
			).as('themes'),
			jsonArrayFrom(
				eb
					.selectFrom('criteria')
					.select([
						'id',
						'round',
						'label',
						'description',
						'weight',
						'scale_min',
						'scale_max',
						'levels'
					])
					.whereRef('criteria.edition_id', '=', 'ed.id')
					.orderBy('round', 'desc')
					.orderBy('position')
					.orderBy('id')
			).as('criteria')
		])
		.executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Counts by stage and académie

/** The rank (STATE_RANK) of a state: how far a candidature in it went; 0 for draft and withdrawn. */
const rankOf = (state: Expression<string | null>) =>
	sql<number>`case ${state} ${sql.join(
		Object.entries(STATE_RANK).map(
			([value, rank]) => sql`when ${sql.lit(value)} then ${sql.lit(rank)}`
		),
		sql` `
	)} else 0 end`;

export interface AcademieCounts extends StageCounts {
	editionId: number;
	year: number;
	/** Null: the UAI gives no académie. */
	academie: string | null;
}

/**
 * For each public edition (or one), and each académie, how many candidatures reached each stage, and
 * how many laureates got a prize or a mention. Only candidatures submitted at least once are counted
 * (an académie with drafts only does not appear). One query. Raw counts: show them through
 * `publicCounts`, which hides the stages the edition has not passed.
 *
 * The furthest stage a candidature reached is its state's rank, or, for a withdrawn one, the rank of
 * the state it was withdrawn in, read from its last WITHDRAW event (a withdrawn candidature without
 * one, which `advance` never leaves, counts nowhere). The candidatures that are not withdrawn — nearly
 * all — are first counted by (académie, state, award) from the index alone (migration 0009: no read of
 * the wide `entries` rows, no per-row look-up in the log); only the withdrawn ones are read one by one
 * with their event. The stages are then summed over these groups.
 */
export async function countsByAcademie(db: Db, editionId?: number): Promise<AcademieCounts[]> {
	const standing = db
		.selectFrom('entries as e')
		.where('e.state', '!=', 'withdrawn')
		.$if(editionId !== undefined, (q) => q.where('e.edition_id', '=', editionId as number))
		.groupBy(['e.edition_id', 'e.academie', 'e.state', 'e.award'])
		.select((eb) => [
			'e.edition_id',
			'e.academie',
			'e.state',
			'e.award',
			rankOf(eb.ref('e.state')).as('rank'),
			eb.fn.countAll<number>().as('n')
		]);
	const withdrawn = db
		.selectFrom('entries as e')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('events as ev')
					.select('ev.from_state')
					.where('ev.entity', '=', 'entry')
					.whereRef('ev.entity_id', '=', 'e.id')
					.where('ev.type', '=', 'WITHDRAW')
					.orderBy('ev.id', 'desc')
					.limit(1)
					.as('w'),
			(join) => join.onTrue()
		)
		.where('e.state', '=', 'withdrawn')
		.$if(editionId !== undefined, (q) => q.where('e.edition_id', '=', editionId as number))
		.select((eb) => [
			'e.edition_id',
			'e.academie',
			'e.state',
			'e.award',
			rankOf(eb.fn.coalesce('w.from_state', 'e.state')).as('rank'),
			sql<number>`1`.as('n')
		]);

	const reached = (eb: ExpressionBuilder<ReachedRow, 'r'>, rank: number) =>
		eb.fn.coalesce(eb.fn.sum<number>('r.n').filterWhere('r.rank', '>=', rank), sql.lit(0));
	const awarded = (eb: ExpressionBuilder<ReachedRow, 'r'>, award: 'prize' | 'mention') =>
		eb.fn.coalesce(
			eb.fn
				.sum<number>('r.n')
				.filterWhere((f) => f.and([f('r.state', '=', 'laureate'), f('r.award', '=', award)])),
			sql.lit(0)
		);
	const rows = await db
		.selectFrom(standing.unionAll(withdrawn).as('r'))
		.innerJoin('editions as ed', 'ed.id', 'r.edition_id')
		.where('ed.phase', '!=', 'draft')
		.where('r.rank', '>=', 1)
		.groupBy(['r.edition_id', 'ed.year', 'r.academie'])
		.select((eb) => [
			'r.edition_id as editionId',
			'ed.year',
			'r.academie',
			...STAGES.map((stage) => reached(eb, stage.rank).as(stage.key)),
			awarded(eb, 'prize').as('prizes'),
			awarded(eb, 'mention').as('mentions')
		])
		.orderBy('ed.year', 'desc')
		.orderBy(sql`r.academie collate "C"`)
		.execute();
	return rows.map((row) => {
		const counts = { ...row } as Record<string, unknown>;
		for (const key of [...STAGES.map((s) => s.key), 'prizes', 'mentions'])
			counts[key] = Number(counts[key]);
		return counts as unknown as AcademieCounts;
	});
}

/** A row of the groups summed by `countsByAcademie`. */
type ReachedRow = Database & {
	r: {
		edition_id: number;
		academie: string | null;
		state: string;
		award: string | null;
		rank: number;
		n: number;
	};
};

// ---------------------------------------------------------------------------------------------
// The jury

/**
 * The jury of an edition whose results are published: each juror's name, académie (when stored) and
 * rounds; nothing else. Empty before publication. One query.
 */
export async function publicJury(db: Db, editionId: number) {
	return db
		.selectFrom('edition_jurors as j')
		.innerJoin('users as u', 'u.id', 'j.user_id')
		.innerJoin('editions as ed', 'ed.id', 'j.edition_id')
		.where('j.edition_id', '=', editionId)
		.where('ed.phase', 'in', RESULTS_PHASES)
		.where((eb) => eb.or([eb('j.preselection', '=', true), eb('j.final', '=', true)]))
		.select(['u.name', 'j.academie', 'j.preselection', 'j.final'])
		.orderBy('u.name')
		.orderBy('u.id')
		.execute();
}

// ---------------------------------------------------------------------------------------------
// The event log, as the public may see it

/** The edition's fingerprint (hash of its last event) and its number of events. One query. */
export async function journalSummary(db: Db, editionId: number) {
	const row = await db
		.selectFrom('events')
		.where('edition_id', '=', editionId)
		.select((eb) => [
			eb.fn.countAll<number>().as('events'),
			eb
				.selectFrom('events as last')
				.select('last.hash')
				.where('last.edition_id', '=', editionId)
				.orderBy('last.id', 'desc')
				.limit(1)
				.as('fingerprint')
		])
		.executeTakeFirstOrThrow();
	return { events: Number(row.events), fingerprint: row.fingerprint ?? null };
}

/**
 * The edition's chain, oldest first, in one query: every event's hashes and date; the full content
 * only of the edition's phase changes (type, states, the organiser's internal number, the counts of
 * candidatures by state at that moment), which is all that may be published: a candidature's events
 * hold reasons told to the team, trial sites' names and UAI, invitation numbers; other edition events
 * hold certificate codes.
 */
export async function publicChain(db: Db, editionId: number) {
	const phaseChange = sql<boolean>`entity = 'edition' and type in (${sql.join(
		EDITION_EVENT_TYPES.map((t) => sql.lit(t))
	)})`;
	return db
		.selectFrom('events')
		.where('edition_id', '=', editionId)
		.select([
			'id',
			'edition_id',
			'prev_hash',
			'hash',
			'created_at',
			phaseChange.as('public'),
			sql<string | null>`case when ${phaseChange} then entity end`.as('entity'),
			sql<number | null>`case when ${phaseChange} then entity_id end`.as('entity_id'),
			sql<number | null>`case when ${phaseChange} then actor_id end`.as('actor_id'),
			sql<string | null>`case when ${phaseChange} then type end`.as('type'),
			sql<string | null>`case when ${phaseChange} then from_state end`.as('from_state'),
			sql<string | null>`case when ${phaseChange} then to_state end`.as('to_state'),
			sql<unknown>`case when ${phaseChange} then payload end`.as('payload'),
			sql<number | null>`case when ${phaseChange} then machine_version end`.as('machine_version'),
			// The salt only with the content it makes recomputable: a hidden event's stays private, so
			// that its hash cannot be recomputed from guesses (event-log.ts).
			sql<string | null>`case when ${phaseChange} then salt end`.as('salt')
		])
		.orderBy('id')
		.execute();
}

/** Editions open to the public with their fingerprint and number of events (the open data). One query. */
export async function publicEditionsWithJournal(db: Db) {
	return db
		.selectFrom('editions as ed')
		.where('ed.phase', '!=', 'draft')
		.select((eb) => [
			'ed.id',
			'ed.year',
			'ed.title',
			'ed.phase',
			'ed.opens_at',
			'ed.submissions_close_at',
			'ed.ceremony_at',
			eb
				.selectFrom('events as ev')
				.select((c) => c.fn.countAll<number>().as('n'))
				.whereRef('ev.edition_id', '=', 'ed.id')
				.as('events'),
			eb
				.selectFrom('events as last')
				.select('last.hash')
				.whereRef('last.edition_id', '=', 'ed.id')
				.orderBy('last.id', 'desc')
				.limit(1)
				.as('fingerprint')
		])
		.orderBy('ed.year', 'desc')
		.execute();
}

/** The id of a public edition (not in preparation) by its year; undefined otherwise. */
export async function findPublicEditionId(db: Db, year: number) {
	return db
		.selectFrom('editions')
		.where('year', '=', year)
		.where('phase', '!=', 'draft')
		.select(['id', 'year'])
		.executeTakeFirst();
}
