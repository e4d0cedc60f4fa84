// The jury's results for one round of an edition (DESIGN.md §6: no query per row):
//   - one query reads each SUBMITTED review's weighted score out of 20, with the formula of
//     `weightedScore` (src/lib/domain/scoring.ts). A review missing a criterion's score, or with a
//     level outside the criterion's scale, is left out; so is the review of a juror conflicted with
//     the candidature (a recused juror's opinion does not count, even when the conflict was declared
//     after scoring): the rules of `jurorConflicted`, written as joins (see `countedReviews`);
//   - the rest is computed once, in TypeScript, with the rules of scoring.ts: each juror's mean and
//     sample sd in the round and each review's normalised score (`normaliseRound`); per candidature
//     n, mean, median, min, max, spread, sd (`summarise`), normalised mean and the disagreement flag
//     (spread > 6 by default, as `aggregateEntries`); both rankings (as `rankEntries`: competition
//     ranking, « 1224 », values equal to 1e-9 tied, ties listed by id); the round's Krippendorff's
//     alpha (`krippendorffAlphaInterval`). The passes over the reviews work on columns, not on an
//     object per review: on 28,000 reviews `aggregateEntries` itself takes about half a second;
//   - a second query reads the title, state, award and category of the candidatures returned;
//   - the recusals (every conflicted juror of each candidature, with the juror's name).
// The ranking page used to take about 4 s on 28,000 reviews (two queries, each redoing the whole
// normalisation in SQL with a conflict subquery per review).
// Tests: tests/integration/rankings.test.ts checks all of it against the pure functions.
import { sql } from 'kysely';
import {
	SCORE_MAX,
	entryAggregate,
	krippendorffAlphaInterval,
	scoresByEntry,
	summarise,
	type NormalisationRule
} from '$lib/domain/scoring';
import { editionConflicts, type ConflictKind } from './conflicts';
import type { JuryRound } from './schema';
import type { Db } from './index';

export const RANKING_PAGE_SIZE = 100;
/** A candidature is flagged « À discuter » when the spread of its raw scores exceeds this. */
export const DEFAULT_MAX_SPREAD = 6;

export type RankingSort = 'raw' | 'normalised';

/** One submitted, complete review with its weighted and normalised scores (out of 20). */
export interface ScoredReview {
	reviewId: number;
	entryId: number;
	jurorId: number;
	score: number;
	normalised: number;
	rule: NormalisationRule;
	/** The juror's number of scored reviews, mean and sample sd (null when n = 1) in the round. */
	jurorN: number;
	jurorMean: number;
	jurorSd: number | null;
}

/** One candidature's aggregates in the round and its places in both rankings. */
export interface RankedEntryRow {
	entryId: number;
	title: string;
	state: string;
	award: 'prize' | 'mention' | null;
	categoryName: string | null;
	n: number;
	mean: number;
	median: number;
	min: number;
	max: number;
	spread: number;
	sd: number | null;
	normalisedMean: number;
	disagreement: boolean;
	rankRaw: number;
	rankNormalised: number;
}

/** The reviews that count in a round, as columns (index i: one review), by candidature then juror. */
interface CountedReviews {
	reviewIds: number[];
	entryIds: number[];
	jurorIds: number[];
	/** The weighted score out of 20. */
	scores: number[];
}

/**
 * The reviews that count in the round, with their weighted score, by candidature then juror: one
 * query, whose cost grows with the round's scores only.
 *
 * Written for plans that stay good whatever the planner guesses: its row estimates for these filters
 * are far off (1 to 50 rows for 28,000), and a form with anti-joins ran for two minutes on
 * PostgreSQL, in nested loops.
 *   - `scored`: each review's sum over the round's criteria, levels within the scale only (a level
 *     outside it leaves the review incomplete), added in the order the scores are read, that is, as
 *     written (normally the criteria's order). A float sum depends on its order: on the large seed
 *     every score equals `weightedScore`'s to the last bit, on PGlite and PostgreSQL alike;
 *   - `reviewed`: the round's submitted reviews and whether the juror is conflicted with the
 *     candidature, with the rules of `jurorConflicted` (conflicts.ts) written as outer joins instead
 *     of three subqueries per review (28,000 reviews: most of a second in PGlite): a conflict
 *     recorded for the pair; the juror in the candidature's team; the juror's row of edition_jurors
 *     for the candidature's edition (one at most) with the same UAI, or the same académie when the
 *     edition says so — a juror no longer on the jury, or a NULL on either side, matching nothing, as
 *     with `exists`;
 *   - both are materialized and joined last, with the filters, so that no estimate steers the plan.
 * The rows come back as four JSON arrays: PGlite spends about 10 µs on each row it returns (0.3 s
 * here), and a JSON array is read natively, where a PostgreSQL array is parsed character by character.
 * tests/integration/rankings.test.ts compares the result with `jurorConflicted` on every review.
 */
async function countedReviews(
	db: Db,
	editionId: number,
	round: JuryRound
): Promise<CountedReviews> {
	const result = await sql<{
		ids: number[] | null;
		entries: number[] | null;
		jurors: number[] | null;
		scores: number[] | null;
	}>`
		with crit as (
			select id, weight, scale_min, scale_max
			from criteria
			where edition_id = ${editionId} and round = ${round}
		),
		scored as materialized (
			select s.review_id,
				count(*) filter (where s.level between c.scale_min and c.scale_max) as n,
				sum(c.weight) filter (where s.level between c.scale_min and c.scale_max) as weight,
				sum(c.weight::float8 * (s.level - c.scale_min) / (c.scale_max - c.scale_min))
					filter (where s.level between c.scale_min and c.scale_max) as weighted
			from scores s
			join crit c on c.id = s.criterion_id
			group by s.review_id
		),
		reviewed as materialized (
			select r.id, r.entry_id, r.juror_id,
				c.entry_id is not null
					or m.entry_id is not null
					or coalesce(
						(ej.uai is not null and ej.uai = e.uai)
							or (ed.conflict_same_academie and ej.academie is not null and ej.academie = e.academie),
						false
					) as conflicted
			from reviews r
			join entries e on e.id = r.entry_id
			join editions ed on ed.id = e.edition_id
			left join edition_jurors ej on ej.edition_id = e.edition_id and ej.user_id = r.juror_id
			left join entry_members m on m.entry_id = r.entry_id and m.user_id = r.juror_id
			left join (select distinct entry_id, juror_id from conflicts) c
				on c.entry_id = r.entry_id and c.juror_id = r.juror_id
			where e.edition_id = ${editionId}
				and r.round = ${round}
				and r.status = 'submitted'
		),
		counted as (
			select r.id, r.entry_id, r.juror_id, 20 * sc.weighted / sc.weight::float8 as score
			from reviewed r
			join scored sc on sc.review_id = r.id
			where not r.conflicted and sc.n = (select count(*) from crit) and sc.weight > 0
		)
		select to_json(array_agg(id)) as ids, to_json(array_agg(entry_id)) as entries,
			to_json(array_agg(juror_id)) as jurors, to_json(array_agg(score)) as scores
		from counted
	`.execute(db);
	const { ids, entries, jurors, scores } = result.rows[0] ?? {};
	if (!ids || !entries || !jurors || !scores)
		return { reviewIds: [], entryIds: [], jurorIds: [], scores: [] };
	const order = ids
		.map((_, i) => i)
		.sort((i, j) => entries[i] - entries[j] || jurors[i] - jurors[j]);
	return {
		reviewIds: order.map((i) => ids[i]),
		entryIds: order.map((i) => entries[i]),
		jurorIds: order.map((i) => jurors[i]),
		scores: order.map((i) => Number(scores[i]))
	};
}

/** Each review's normalised score, and its juror's statistics in the round (by juror slot). */
interface Normalisation {
	normalised: Float64Array;
	rules: NormalisationRule[];
	/** The review's juror, as an index into the three arrays below. */
	slots: Int32Array;
	jurorN: number[];
	jurorMean: number[];
	/** Sample sd; null with one review, 0 when all the juror's scores are equal. */
	jurorSd: (number | null)[];
}

/**
 * `normaliseRound` on columns: z-score within the juror, rescaled to the round's mean M and sd S and
 * clamped to 0–20; the round mean M for a juror whose scores are all equal; the raw score for a
 * juror with a single review. Means and sds as `summarise` (two passes; sd 0 when min = max).
 */
function normalise(counted: CountedReviews): Normalisation {
	const { jurorIds, scores } = counted;
	const n = scores.length;
	const slotOf = new Map<number, number>();
	const slots = new Int32Array(n);
	const jurorN: number[] = [];
	const sums: number[] = [];
	const mins: number[] = [];
	const maxs: number[] = [];
	let total = 0;
	for (let i = 0; i < n; i++) {
		let slot = slotOf.get(jurorIds[i]);
		if (slot === undefined) {
			slot = jurorN.length;
			slotOf.set(jurorIds[i], slot);
			jurorN.push(0);
			sums.push(0);
			mins.push(Infinity);
			maxs.push(-Infinity);
		}
		const x = scores[i];
		slots[i] = slot;
		jurorN[slot]++;
		sums[slot] += x;
		if (x < mins[slot]) mins[slot] = x;
		if (x > maxs[slot]) maxs[slot] = x;
		total += x;
	}
	const roundMean = total / n;
	const jurorMean = sums.map((sum, slot) => sum / jurorN[slot]);
	const squares = new Float64Array(jurorN.length);
	let roundSquares = 0;
	for (let i = 0; i < n; i++) {
		squares[slots[i]] += (scores[i] - jurorMean[slots[i]]) ** 2;
		roundSquares += (scores[i] - roundMean) ** 2;
	}
	const roundSd = Math.sqrt(roundSquares / (n - 1));
	const jurorSd = jurorN.map((k, slot) =>
		k < 2 ? null : mins[slot] === maxs[slot] ? 0 : Math.sqrt(squares[slot] / (k - 1))
	);
	const normalised = new Float64Array(n);
	const rules: NormalisationRule[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const slot = slots[i];
		if (jurorN[slot] === 1) {
			normalised[i] = scores[i];
			rules[i] = 'singleReview';
		} else if (mins[slot] === maxs[slot]) {
			normalised[i] = roundMean;
			rules[i] = 'uniformJuror';
		} else {
			const z = (scores[i] - jurorMean[slot]) / jurorSd[slot]!;
			normalised[i] = Math.min(SCORE_MAX, Math.max(0, roundMean + z * roundSd));
			rules[i] = 'standardised';
		}
	}
	return { normalised, rules, slots, jurorN, jurorMean, jurorSd };
}

/** Every review that counts in the round, with its normalised score: one query. */
export async function roundReviews(
	db: Db,
	editionId: number,
	round: JuryRound
): Promise<ScoredReview[]> {
	const counted = await countedReviews(db, editionId, round);
	const { normalised, rules, slots, jurorN, jurorMean, jurorSd } = normalise(counted);
	return counted.reviewIds.map((reviewId, i) => ({
		reviewId,
		entryId: counted.entryIds[i],
		jurorId: counted.jurorIds[i],
		score: counted.scores[i],
		normalised: normalised[i],
		rule: rules[i],
		jurorN: jurorN[slots[i]],
		jurorMean: jurorMean[slots[i]],
		jurorSd: jurorSd[slots[i]]
	}));
}

export interface RoundEntriesOptions {
	sort?: RankingSort;
	/** 1-based; with `pageSize`, only that page is returned (ranks are over the whole round). */
	page?: number;
	pageSize?: number | null;
	maxSpread?: number;
	/** Only these candidatures (ranks still over the whole round). */
	entryIds?: readonly number[];
}

type RankedAggregate = Omit<RankedEntryRow, 'title' | 'state' | 'award' | 'categoryName'>;

/** The candidatures with a review that counts, in the order of each ranking, and their raw scores. */
interface RoundRanks {
	raw: RankedAggregate[];
	normalised: RankedAggregate[];
	/** Each candidature's raw scores, by entry id then juror: the units of the alpha. */
	units: number[][];
}

/** Values closer than this are tied (as `rankEntries`). */
const TIE_RESOLUTION = 1e9;

/**
 * Orders the candidatures best first, by `value` rounded to 1e-9 then by id, and writes each one's
 * competition rank (« 1224 ») with `set`: `rankEntries` on columns.
 */
function rankBy(
	entries: RankedAggregate[],
	value: (e: RankedAggregate) => number,
	set: (e: RankedAggregate, rank: number) => void
): RankedAggregate[] {
	const keys = entries.map((e) => Math.round(value(e) * TIE_RESOLUTION));
	const order = entries
		.map((_, i) => i)
		.sort((i, j) => keys[j] - keys[i] || entries[i].entryId - entries[j].entryId);
	let rank = 0;
	return order.map((i, place) => {
		if (place === 0 || keys[order[place - 1]] !== keys[i]) rank = place + 1;
		set(entries[i], rank);
		return entries[i];
	});
}

/**
 * Per candidature, the statistics of `aggregateEntries` (raw scores through `summarise`, normalised
 * mean as `summarise` computes a mean: over the sorted values), and both rankings.
 */
function rankRound(counted: CountedReviews, maxSpread: number): RoundRanks {
	const { entryIds, scores } = counted;
	const { normalised } = normalise(counted);
	const entries: RankedAggregate[] = [];
	const units: number[][] = [];
	for (let start = 0; start < entryIds.length;) {
		let end = start + 1;
		while (end < entryIds.length && entryIds[end] === entryIds[start]) end++;
		const raw = scores.slice(start, end);
		let normalisedSum = 0;
		for (const x of normalised.slice(start, end).sort()) normalisedSum += x;
		entries.push({
			...entryAggregate(entryIds[start], summarise(raw), normalisedSum / raw.length, { maxSpread }),
			rankRaw: 0,
			rankNormalised: 0
		});
		units.push(raw);
		start = end;
	}
	return {
		raw: rankBy(
			entries,
			(e) => e.mean,
			(e, rank) => (e.rankRaw = rank)
		),
		normalised: rankBy(
			entries,
			(e) => e.normalisedMean,
			(e, rank) => (e.rankNormalised = rank)
		),
		units
	};
}

/**
 * The chosen candidatures (one page, or all) of a ranking, with their title, state, award and
 * category: one query.
 */
async function withNames(db: Db, rows: readonly RankedAggregate[]): Promise<RankedEntryRow[]> {
	if (rows.length === 0) return [];
	const names = new Map(
		(
			await db
				.selectFrom('entries as e')
				.leftJoin('categories as c', 'c.id', 'e.category_id')
				.select(['e.id', 'e.title', 'e.state', 'e.award', 'c.name as category_name'])
				.where(sql<boolean>`e.id = any(${rows.map((r) => r.entryId)}::integer[])`)
				.execute()
		).map((e) => [e.id, e])
	);
	return rows.map((r) => {
		const e = names.get(r.entryId)!;
		return {
			entryId: r.entryId,
			title: e.title,
			state: e.state,
			award: e.award,
			categoryName: e.category_name,
			n: r.n,
			mean: r.mean,
			median: r.median,
			min: r.min,
			max: r.max,
			spread: r.spread,
			sd: r.sd,
			normalisedMean: r.normalisedMean,
			disagreement: r.disagreement,
			rankRaw: r.rankRaw,
			rankNormalised: r.rankNormalised
		};
	});
}

interface RankedPage {
	rows: RankedEntryRow[];
	total: number;
	page: number;
	pageCount: number;
}

/** Filters and pages a ranking, then names the candidatures kept: one query. */
async function rankedPage(
	db: Db,
	ranks: RoundRanks,
	options: RoundEntriesOptions
): Promise<RankedPage> {
	const pageSize = options.pageSize ?? null;
	const requested = Math.max(1, Math.floor(options.page ?? 1) || 1);
	const only = options.entryIds ? new Set(options.entryIds) : null;
	const ranking = options.sort === 'normalised' ? ranks.normalised : ranks.raw;
	const sorted = only ? ranking.filter((r) => only.has(r.entryId)) : ranking;
	const total = sorted.length;
	if (!pageSize) return { rows: await withNames(db, sorted), total, page: requested, pageCount: 1 };
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	// Past the last page: answer the last one (rare: a stale link).
	const page = Math.min(requested, pageCount);
	const rows = await withNames(db, sorted.slice((page - 1) * pageSize, page * pageSize));
	return { rows, total, page, pageCount };
}

/**
 * The candidatures of the round that have at least one review that counts, with their aggregates and
 * both ranks, sorted by the chosen ranking: two queries (the reviews, then the names of the
 * candidatures returned). `total` is the number of ranked candidatures (of `entryIds` when given).
 */
export async function roundEntries(
	db: Db,
	editionId: number,
	round: JuryRound,
	options: RoundEntriesOptions = {}
): Promise<RankedPage> {
	if (options.entryIds && options.entryIds.length === 0)
		return { rows: [], total: 0, page: 1, pageCount: 1 };
	const counted = await countedReviews(db, editionId, round);
	return rankedPage(db, rankRound(counted, options.maxSpread ?? DEFAULT_MAX_SPREAD), options);
}

/** Krippendorff's alpha (interval) of the round, from its reviews' raw scores; null when undefined. */
export function roundAlpha(reviews: readonly ScoredReview[]): number | null {
	return krippendorffAlphaInterval(scoresByEntry(reviews));
}

/** What the alpha says, in plain French, for organisers. */
export function alphaInterpretation(alpha: number | null): {
	level: 'fiable' | 'acceptable' | 'faible' | null;
	text: string;
} {
	if (alpha === null)
		return {
			level: null,
			text: 'La fiabilité ne peut pas encore être estimée : il faut au moins une candidature notée par deux jurés, et des notes qui ne soient pas toutes identiques.'
		};
	if (alpha >= 0.8)
		return {
			level: 'fiable',
			text: 'Fiable : les jurés s’accordent nettement au-delà du hasard.'
		};
	if (alpha >= 0.667)
		return {
			level: 'acceptable',
			text: 'Acceptable : l’accord entre jurés suffit pour classer, mais examinez les candidatures « À discuter ».'
		};
	return {
		level: 'faible',
		text: 'Faible : les jurés s’accordent peu ; le classement doit être discuté avant toute décision.'
	};
}

export interface RoundRanking {
	round: JuryRound;
	sort: RankingSort;
	entries: RankedEntryRow[];
	total: number;
	page: number;
	pageCount: number;
	alpha: number | null;
	/** Number of reviews that count in the round. */
	reviewCount: number;
	jurorCount: number;
}

/**
 * The ranking page's data: one page of candidatures, and the round's alpha and counts: two queries
 * (the reviews, read once for everything, then the names of the page's candidatures).
 */
export async function roundRanking(
	db: Db,
	editionId: number,
	round: JuryRound,
	options: { sort?: RankingSort; page?: number; pageSize?: number | null } = {}
): Promise<RoundRanking> {
	const sort = options.sort ?? 'raw';
	const counted = await countedReviews(db, editionId, round);
	const ranks = rankRound(counted, DEFAULT_MAX_SPREAD);
	const entries = await rankedPage(db, ranks, {
		sort,
		page: options.page,
		pageSize: options.pageSize === undefined ? RANKING_PAGE_SIZE : options.pageSize
	});
	return {
		round,
		sort,
		entries: entries.rows,
		total: entries.total,
		page: entries.page,
		pageCount: entries.pageCount,
		alpha: krippendorffAlphaInterval(ranks.units),
		reviewCount: counted.reviewIds.length,
		jurorCount: new Set(counted.jurorIds).size
	};
}

export interface Recusal {
	jurorId: number;
	jurorName: string;
	kind: ConflictKind;
	reason: string;
}

/**
 * Every conflicted juror of each candidature of the edition (declared, recorded or following from the
 * rules: member of the team, same établissement, same académie when the edition says so), with the
 * juror's name: two queries. Jurors of the edition only, and every user recorded in `conflicts`.
 */
export async function editionRecusals(db: Db, editionId: number): Promise<Map<number, Recusal[]>> {
	const pairs = await editionConflicts(db, editionId);
	const ids = [...new Set(pairs.map((p) => p.jurorId))];
	const names = new Map(
		ids.length === 0
			? []
			: (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()).map(
					(u) => [u.id, u.name]
				)
	);
	const out = new Map<number, Recusal[]>();
	for (const p of pairs) {
		const list = out.get(p.entryId) ?? [];
		list.push({
			jurorId: p.jurorId,
			jurorName: names.get(p.jurorId) ?? `Juré n° ${p.jurorId}`,
			kind: p.kind,
			reason: p.reason
		});
		out.set(p.entryId, list);
	}
	return out;
}

/** The decision events of a round: the first event type is shortlisting or awarding. */
export const ROUND_DECISIONS: Record<JuryRound, readonly string[]> = {
	preselection: ['SHORTLIST', 'REJECT_AT_PRESELECTION'],
	final: ['AWARD', 'NOT_AWARDED']
};

export interface RecordedDecision {
	entryId: number;
	type: string;
	award: 'prize' | 'mention' | null;
	rationale: string | null;
	at: Date;
	actorName: string | null;
	eventId: number;
}

/** The decision recorded in the event log for each candidature of the round (the latest): one query. */
export async function roundDecisions(
	db: Db,
	editionId: number,
	round: JuryRound
): Promise<Map<number, RecordedDecision>> {
	const rows = await db
		.selectFrom('events as ev')
		.leftJoin('users as u', 'u.id', 'ev.actor_id')
		.where('ev.edition_id', '=', editionId)
		.where('ev.entity', '=', 'entry')
		.where('ev.type', 'in', [...ROUND_DECISIONS[round]])
		.distinctOn('ev.entity_id')
		.select([
			'ev.id',
			'ev.entity_id',
			'ev.type',
			'ev.payload',
			'ev.created_at',
			'u.name as actor_name'
		])
		.orderBy('ev.entity_id')
		.orderBy('ev.id', 'desc')
		.execute();
	return new Map(
		rows.map((r) => {
			const payload = (r.payload ?? {}) as { reason?: unknown; award?: unknown };
			return [
				r.entity_id,
				{
					entryId: r.entity_id,
					type: r.type,
					award: payload.award === 'prize' || payload.award === 'mention' ? payload.award : null,
					rationale: typeof payload.reason === 'string' ? payload.reason : null,
					at: r.created_at,
					actorName: r.actor_name,
					eventId: r.id
				}
			];
		})
	);
}
