// The jury's results for one round of an edition, computed in SQL (DESIGN.md §6: no query per row):
//   - each SUBMITTED review's weighted score out of 20, with the formula of `weightedScore`
//     (src/lib/domain/scoring.ts). A review missing a criterion's score, or with a level outside the
//     criterion's scale, is left out; so is the review of a juror conflicted with the candidature
//     (a recused juror's opinion does not count, even when the conflict was declared after scoring);
//   - each juror's mean and sample sd in the round (window functions), and the normalised score of
//     each review with the rules of `normaliseRound`, in the same query;
//   - per candidature: n, mean, median (percentile_cont), min, max, spread, sd, normalised mean, the
//     disagreement flag (spread > 6 by default), and both rankings (competition ranking, « 1224 »,
//     values equal to 1e-9 tied, ties listed by id) — one more query, paginated when asked;
//   - the round's Krippendorff's alpha (interval), from the per-review scores with
//     `krippendorffAlphaInterval`;
//   - the recusals (every conflicted juror of each candidature, with the juror's name).
// Tests: tests/integration/rankings.test.ts checks all of it against the pure functions.
import { sql, type RawBuilder } from 'kysely';
import {
	krippendorffAlphaInterval,
	scoresByEntry,
	type NormalisationRule
} from '$lib/domain/scoring';
import { editionConflicts, jurorConflicted, type ConflictKind } from './conflicts';
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

/**
 * The reviews that count, with their weighted score (CTE `scored`), then the juror's and the round's
 * statistics and the normalised score (CTE `normalised`). Parameters: edition and round only.
 */
function normalisedReviews(editionId: number, round: JuryRound): RawBuilder<unknown> {
	return sql`
		crit as (
			select id, weight, scale_min, scale_max
			from criteria
			where edition_id = ${editionId} and round = ${round}
		),
		crit_count as (select count(*)::int as n from crit),
		-- The reviews that count, first: the conflict rule is checked once per review rather than once
		-- per score (materialized, so that the planner does not fold it back into the join with the scores).
		counted as materialized (
			select r.id, r.entry_id, r.juror_id
			from reviews r
			join entries e on e.id = r.entry_id and e.edition_id = ${editionId}
			where r.round = ${round}
				and r.status = 'submitted'
				and not ${jurorConflicted('r.juror_id', 'r.entry_id')}
		),
		scored as (
			select r.id as review_id, r.entry_id, r.juror_id,
				20 * sum(c.weight::float8 * (s.level - c.scale_min) / (c.scale_max - c.scale_min))
					/ sum(c.weight)::float8 as score
			from counted r
			join scores s on s.review_id = r.id
			join crit c on c.id = s.criterion_id
			where s.level between c.scale_min and c.scale_max
			group by r.id, r.entry_id, r.juror_id
			having count(*) = (select n from crit_count) and sum(c.weight) > 0
		),
		stats as (
			select scored.*,
				count(*) over juror as juror_n,
				avg(score) over juror as juror_mean,
				stddev_samp(score) over juror as juror_sd,
				min(score) over juror = max(score) over juror as juror_uniform,
				avg(score) over () as round_mean,
				stddev_samp(score) over () as round_sd
			from scored
			window juror as (partition by juror_id)
		),
		normalised as (
			select review_id, entry_id, juror_id, score, juror_n, juror_mean, juror_sd,
				case
					when juror_n = 1 then 'singleReview'
					when juror_uniform then 'uniformJuror'
					else 'standardised'
				end as rule,
				case
					when juror_n = 1 then score
					when juror_uniform then round_mean
					else least(20, greatest(0, round_mean + (score - juror_mean) / juror_sd * round_sd))
				end as normalised
			from stats
		)`;
}

/** Every review that counts in the round, with its normalised score: one query. */
export async function roundReviews(
	db: Db,
	editionId: number,
	round: JuryRound
): Promise<ScoredReview[]> {
	const result = await sql<{
		review_id: number;
		entry_id: number;
		juror_id: number;
		score: number;
		normalised: number;
		rule: NormalisationRule;
		juror_n: number;
		juror_mean: number;
		juror_sd: number | null;
	}>`
		with ${normalisedReviews(editionId, round)}
		select review_id, entry_id, juror_id, score, normalised, rule,
			juror_n::int as juror_n, juror_mean, juror_sd
		from normalised
		order by entry_id, juror_id
	`.execute(db);
	return result.rows.map((r) => ({
		reviewId: r.review_id,
		entryId: r.entry_id,
		jurorId: r.juror_id,
		score: Number(r.score),
		normalised: Number(r.normalised),
		rule: r.rule,
		jurorN: r.juror_n,
		jurorMean: Number(r.juror_mean),
		jurorSd: r.juror_sd === null ? null : Number(r.juror_sd)
	}));
}

export interface RoundEntriesOptions {
	sort?: RankingSort;
	/** 1-based; with `pageSize`, only that page is read (ranks are over the whole round). */
	page?: number;
	pageSize?: number | null;
	maxSpread?: number;
	/** Only these candidatures (ranks still over the whole round). */
	entryIds?: readonly number[];
}

/**
 * The candidatures of the round that have at least one review that counts, with their aggregates and
 * both ranks, sorted by the chosen ranking: one query (plus `total`, the number of ranked
 * candidatures, read with it).
 */
export async function roundEntries(
	db: Db,
	editionId: number,
	round: JuryRound,
	options: RoundEntriesOptions = {}
): Promise<{ rows: RankedEntryRow[]; total: number; page: number; pageCount: number }> {
	const sort = options.sort ?? 'raw';
	const maxSpread = options.maxSpread ?? DEFAULT_MAX_SPREAD;
	const pageSize = options.pageSize ?? null;
	const requested = Math.max(1, Math.floor(options.page ?? 1) || 1);
	const only = options.entryIds ? [...new Set(options.entryIds)] : null;
	if (only && only.length === 0) return { rows: [], total: 0, page: 1, pageCount: 1 };
	const order = sort === 'normalised' ? sql`rank_normalised, entry_id` : sql`rank_raw, entry_id`;
	// Ties as in rankEntries: values equal to 1e-9 share a rank.
	const result = await sql<{
		entry_id: number;
		title: string;
		state: string;
		award: 'prize' | 'mention' | null;
		category_name: string | null;
		n: number;
		mean: number;
		median: number;
		min: number;
		max: number;
		spread: number;
		sd: number | null;
		normalised_mean: number;
		disagreement: boolean;
		rank_raw: number;
		rank_normalised: number;
		total: number;
	}>`
		with ${normalisedReviews(editionId, round)},
		per_entry as (
			select entry_id,
				count(*)::int as n,
				avg(score) as mean,
				percentile_cont(0.5) within group (order by score) as median,
				min(score) as min,
				max(score) as max,
				max(score) - min(score) as spread,
				stddev_samp(score) as sd,
				avg(normalised) as normalised_mean
			from normalised
			group by entry_id
		),
		ranked as (
			select p.*,
				p.spread > ${maxSpread} as disagreement,
				rank() over (order by round((p.mean * 1e9)::numeric) desc)::int as rank_raw,
				rank() over (order by round((p.normalised_mean * 1e9)::numeric) desc)::int
					as rank_normalised,
				count(*) over ()::int as total
			from per_entry p
		)
		select k.*, e.title, e.state, e.award, c.name as category_name
		from ranked k
		join entries e on e.id = k.entry_id
		left join categories c on c.id = e.category_id
		${only ? sql`where k.entry_id in (${sql.join(only)})` : sql``}
		order by ${order}
		${pageSize ? sql`limit ${pageSize} offset ${(requested - 1) * pageSize}` : sql``}
	`.execute(db);
	if (pageSize && result.rows.length === 0 && requested > 1) {
		// Past the last page: answer the last one (rare: a stale link).
		const all = await roundEntries(db, editionId, round, { ...options, page: 1, pageSize: null });
		const last = Math.max(1, Math.ceil(all.total / pageSize));
		return {
			rows: all.rows.slice((last - 1) * pageSize, last * pageSize),
			total: all.total,
			page: last,
			pageCount: last
		};
	}
	const rows = result.rows;
	const page = requested;
	const total = only ? rows.length : (rows[0]?.total ?? 0);
	return {
		rows: rows.map((r) => ({
			entryId: r.entry_id,
			title: r.title,
			state: r.state,
			award: r.award,
			categoryName: r.category_name,
			n: r.n,
			mean: Number(r.mean),
			median: Number(r.median),
			min: Number(r.min),
			max: Number(r.max),
			spread: Number(r.spread),
			sd: r.sd === null ? null : Number(r.sd),
			normalisedMean: Number(r.normalised_mean),
			disagreement: r.disagreement,
			rankRaw: r.rank_raw,
			rankNormalised: r.rank_normalised
		})),
		total,
		page,
		pageCount: pageSize ? Math.max(1, Math.ceil(total / pageSize)) : 1
	};
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

/** The ranking page's data: one page of candidatures, and the alpha: two queries. */
export async function roundRanking(
	db: Db,
	editionId: number,
	round: JuryRound,
	options: { sort?: RankingSort; page?: number; pageSize?: number | null } = {}
): Promise<RoundRanking> {
	const sort = options.sort ?? 'raw';
	const [reviews, entries] = await Promise.all([
		roundReviews(db, editionId, round),
		roundEntries(db, editionId, round, {
			sort,
			page: options.page,
			pageSize: options.pageSize === undefined ? RANKING_PAGE_SIZE : options.pageSize
		})
	]);
	return {
		round,
		sort,
		entries: entries.rows,
		total: entries.total,
		page: entries.page,
		pageCount: entries.pageCount,
		alpha: roundAlpha(reviews),
		reviewCount: reviews.length,
		jurorCount: new Set(reviews.map((r) => r.jurorId)).size
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
