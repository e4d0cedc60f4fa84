// The arithmetic of the jury: a review's weighted score, summaries, the normalisation of jurors'
// severity within a round, the per-candidature aggregates and rankings, and Krippendorff's alpha.
// Pure and client-safe: no I/O, no Node imports. Ids are the database's integer ids.

/** Every score shown to the jury is out of 20. */
export const SCORE_MAX = 20;

/** The level a juror gave on one criterion; `null` while it is not scored yet. */
export interface CriterionLevel {
	criterionId: number;
	level: number | null;
}

/** A criterion of the grid: its weight and its scale (barème), `scaleMin` < `scaleMax`. */
export interface WeightedCriterion {
	id: number;
	weight: number;
	scaleMin: number;
	scaleMax: number;
}

/**
 * A review's weighted score out of 20, or null when it cannot be computed yet: some criterion has
 * no level, there is no criterion, or all weights are zero.
 *
 *     score = 20 × Σ_c w_c · (ℓ_c − min_c) / (max_c − min_c)  /  Σ_c w_c
 *
 * Each level ℓ_c is mapped linearly from its criterion's scale [min_c, max_c] to [0, 1], then the
 * weighted mean of these fractions is scaled to 20. Levels of criteria not in `criteria` are ignored.
 * Throws a RangeError on inconsistent data: a scale with max ≤ min, a negative weight, a level out
 * of its scale, or two levels for one criterion.
 */
export function weightedScore(
	scores: readonly CriterionLevel[],
	criteria: readonly WeightedCriterion[]
): number | null {
	const levels = new Map<number, number | null>();
	for (const s of scores) {
		if (levels.has(s.criterionId)) {
			throw new RangeError(`Two levels for criterion ${s.criterionId}.`);
		}
		levels.set(s.criterionId, s.level);
	}
	let weighted = 0;
	let totalWeight = 0;
	let missing = false;
	for (const c of criteria) {
		if (!(c.scaleMax > c.scaleMin)) throw new RangeError(`Criterion ${c.id}: empty scale.`);
		if (!(c.weight >= 0) || !Number.isFinite(c.weight)) {
			throw new RangeError(`Criterion ${c.id}: invalid weight ${c.weight}.`);
		}
		const level = levels.get(c.id);
		if (level === undefined || level === null) {
			missing = true;
			continue;
		}
		if (!(level >= c.scaleMin && level <= c.scaleMax)) {
			throw new RangeError(`Criterion ${c.id}: level ${level} outside its scale.`);
		}
		weighted += (c.weight * (level - c.scaleMin)) / (c.scaleMax - c.scaleMin);
		totalWeight += c.weight;
	}
	if (missing || totalWeight === 0) return null;
	return (SCORE_MAX * weighted) / totalWeight;
}

/** Descriptive statistics of a list of scores; every field but `n` is null for an empty list. */
export interface Summary {
	n: number;
	mean: number | null;
	median: number | null;
	min: number | null;
	max: number | null;
	/** max − min. */
	spread: number | null;
	/** Sample standard deviation (divisor n − 1); null when n < 2. */
	sd: number | null;
}

export function summarise(values: readonly number[]): Summary {
	const n = values.length;
	if (n === 0) return { n, mean: null, median: null, min: null, max: null, spread: null, sd: null };
	const sorted = [...values].sort((a, b) => a - b);
	const mean = sorted.reduce((sum, v) => sum + v, 0) / n;
	const half = Math.floor(n / 2);
	const median = n % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
	const min = sorted[0];
	const max = sorted[n - 1];
	// Identical values have exactly zero spread: don't let rounding in `mean` say otherwise.
	const sd =
		n < 2
			? null
			: min === max
				? 0
				: Math.sqrt(sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
	return { n, mean, median, min, max, spread: max - min, sd };
}

/** One juror's weighted score of one candidature in a round, out of 20. */
export interface RoundReview {
	jurorId: number;
	entryId: number;
	score: number;
}

/**
 * How a review's normalised score was obtained:
 * - 'standardised': the juror has several reviews with different scores: z-score, then rescaled;
 * - 'uniformJuror': the juror gave the same score to all his (several) reviews: the round mean;
 * - 'singleReview': the juror has one review in the round: his raw score, uncorrected.
 */
export type NormalisationRule = 'standardised' | 'uniformJuror' | 'singleReview';

export type NormalisedReview<R extends RoundReview = RoundReview> = R & {
	/** The score corrected for the juror's severity or leniency, out of 20. */
	normalised: number;
	rule: NormalisationRule;
};

const clampScore = (x: number) => Math.min(SCORE_MAX, Math.max(0, x));

/**
 * Corrects each juror's severity or leniency within a round. Returns the reviews in input order,
 * each with its normalised score:
 *
 *     z = (x − m_j) / s_j          m_j, s_j: mean and sample sd of juror j's scores in the round
 *     normalised = clamp(M + z · S, 0, 20)   M, S: mean and sample sd of all raw scores of the round
 *
 * so normalised scores keep the round's own centre and dispersion on the 0–20 scale.
 *
 * Edge cases, where s_j is zero or undefined:
 * - a juror with several reviews all scored the same (s_j = 0) expresses no preference between his
 *   candidatures: his reviews get z = 0, that is the round mean M (the same as shifting his raw
 *   scores by M − m_j). He neither lifts nor sinks any candidature.
 * - a juror with a single review in the round: his severity cannot be estimated from one score, so
 *   no correction is made and the normalised score is the raw score. (Replacing it by M, as the
 *   shift would, would silently throw his opinion away.)
 * When the round has a single review, or all its scores are equal (S = 0), these rules give back
 * the raw scores.
 */
export function normaliseRound<R extends RoundReview>(
	reviews: readonly R[]
): NormalisedReview<R>[] {
	const round = summarise(reviews.map((r) => r.score));
	const byJuror = new Map<number, number[]>();
	for (const r of reviews) {
		const scores = byJuror.get(r.jurorId);
		if (scores) scores.push(r.score);
		else byJuror.set(r.jurorId, [r.score]);
	}
	const jurors = new Map([...byJuror].map(([id, scores]) => [id, summarise(scores)]));
	return reviews.map((r) => {
		const juror = jurors.get(r.jurorId)!;
		if (juror.n === 1) return { ...r, normalised: r.score, rule: 'singleReview' };
		if (juror.sd === 0) return { ...r, normalised: round.mean!, rule: 'uniformJuror' };
		const z = (r.score - juror.mean!) / juror.sd!;
		return { ...r, normalised: clampScore(round.mean! + z * round.sd!), rule: 'standardised' };
	});
}

/** The raw scores of each candidature, by entry id in ascending order. */
export function scoresByEntry(reviews: readonly RoundReview[]): Map<number, number[]> {
	const units = new Map<number, number[]>();
	for (const r of [...reviews].sort((a, b) => a.entryId - b.entryId)) {
		const scores = units.get(r.entryId);
		if (scores) scores.push(r.score);
		else units.set(r.entryId, [r.score]);
	}
	return units;
}

export interface AggregateOptions {
	/** A candidature is flagged when the spread of its raw scores exceeds this (default 6 / 20). */
	maxSpread?: number;
	/**
	 * Also flag it when the sd of its raw scores exceeds this; off by default. With two scores
	 * sd = spread / √2, so any threshold below maxSpread / √2 would overrule maxSpread, and any
	 * above it would add nothing for small panels: it is meant for large panels (final jury).
	 */
	maxSd?: number | null;
}

/** What the jury sees of one candidature in a round. Scores are out of 20. */
export interface EntryAggregate {
	entryId: number;
	/** Number of reviews. */
	n: number;
	/** Mean of the raw scores. */
	mean: number;
	median: number;
	min: number;
	max: number;
	spread: number;
	sd: number | null;
	/** Mean of the normalised scores (see `normaliseRound`). */
	normalisedMean: number;
	/** The jurors disagree: spread > maxSpread (or sd > maxSd when set). */
	disagreement: boolean;
}

/** A place in a ranking: equal values share a rank, the next rank skips (1, 2, 2, 4). */
export interface RankedEntry {
	entryId: number;
	rank: number;
	value: number;
}

export interface RoundAggregate {
	/** One per candidature with at least one review, by entry id. */
	entries: EntryAggregate[];
	rankings: { raw: RankedEntry[]; normalised: RankedEntry[] };
	/** The reviews with their normalised scores, in input order. */
	reviews: NormalisedReview[];
}

/** Values closer than this are tied: means of equal sums may differ in their last bits. */
const TIE_RESOLUTION = 1e9;

/**
 * Competition ranking ("1224"), best first: by value descending, ties (equal to 1e-9) sharing the
 * rank of the first of them and listed by entry id ascending.
 */
export function rankEntries(values: readonly { entryId: number; value: number }[]): RankedEntry[] {
	const keyed = values.map((v) => ({ ...v, key: Math.round(v.value * TIE_RESOLUTION) }));
	keyed.sort((a, b) => b.key - a.key || a.entryId - b.entryId);
	const ranked: RankedEntry[] = [];
	keyed.forEach((v, i) => {
		const rank = i > 0 && keyed[i - 1].key === v.key ? ranked[i - 1].rank : i + 1;
		ranked.push({ entryId: v.entryId, rank, value: v.value });
	});
	return ranked;
}

/**
 * Is a spread or a deviation beyond its threshold? Equal to 1e-9 counts as equal: a weighted score
 * is a float sum whose last bit depends on the order the criteria were added, and a spread of
 * exactly 6 must not raise « À discuter » on one database and not on another.
 */
export function exceeds(value: number, threshold: number): boolean {
	return value - threshold > 1e-9;
}

/**
 * One candidature's aggregate from the summary of its raw scores (at least one) and its normalised
 * mean, with the disagreement rule: spread above maxSpread (default 6), or sd above maxSd when set.
 */
export function entryAggregate(
	entryId: number,
	s: ReturnType<typeof summarise>,
	normalisedMean: number,
	options: AggregateOptions = {}
): EntryAggregate {
	const maxSpread = options.maxSpread ?? 6;
	const maxSd = options.maxSd ?? null;
	return {
		entryId,
		n: s.n,
		mean: s.mean!,
		median: s.median!,
		min: s.min!,
		max: s.max!,
		spread: s.spread!,
		sd: s.sd,
		normalisedMean,
		disagreement:
			exceeds(s.spread!, maxSpread) || (maxSd !== null && s.sd !== null && exceeds(s.sd, maxSd))
	};
}

/** Per-candidature statistics of a round, the disagreement flags and the two rankings. */
export function aggregateEntries(
	reviews: readonly RoundReview[],
	options: AggregateOptions = {}
): RoundAggregate {
	const normalised = normaliseRound(reviews);
	const normalisedByEntry = scoresByEntry(normalised.map((r) => ({ ...r, score: r.normalised })));
	const entries: EntryAggregate[] = [...scoresByEntry(reviews)].map(([entryId, scores]) => {
		const normalisedMean = summarise(normalisedByEntry.get(entryId)!).mean!;
		return entryAggregate(entryId, summarise(scores), normalisedMean, options);
	});
	return {
		entries,
		rankings: {
			raw: rankEntries(entries.map((e) => ({ entryId: e.entryId, value: e.mean }))),
			normalised: rankEntries(entries.map((e) => ({ entryId: e.entryId, value: e.normalisedMean })))
		},
		reviews: normalised
	};
}

/**
 * Krippendorff's alpha for interval data: how much the jurors agree beyond chance, 1 for perfect
 * agreement, 0 for agreement no better than chance (it can be negative). Each unit is one
 * candidature's scores, from whichever jurors reviewed it; units with fewer than two scores are not
 * pairable and are ignored. With n the number of pairable values and m_u the size of unit u:
 *
 *     D_o = (1/n) Σ_u 1/(m_u − 1) Σ_{i≠j in u} (v_i − v_j)²          observed disagreement
 *     D_e = 1/(n(n − 1)) Σ_{c≠k, all pairable values} (v_c − v_k)²   expected disagreement
 *     alpha = 1 − D_o / D_e
 *
 * (sums over ordered pairs). D_e is computed as 2·Σ(v − v̄)²/(n − 1), the same quantity in linear
 * time. Null when alpha is not defined: no unit has two scores, or all pairable values are equal
 * (D_e = 0).
 */
export function krippendorffAlphaInterval(
	units: ReadonlyMap<unknown, readonly number[]> | Iterable<readonly number[]>
): number | null {
	const values = units instanceof Map ? units.values() : (units as Iterable<readonly number[]>);
	const pairable = [...values].filter((u) => u.length >= 2);
	const all = pairable.flat();
	const n = all.length;
	if (n < 2) return null;
	const { min, max, mean } = summarise(all);
	if (min === max) return null;
	let observed = 0;
	for (const unit of pairable) {
		let sumOfSquares = 0;
		for (let i = 0; i < unit.length; i++) {
			for (let j = i + 1; j < unit.length; j++) sumOfSquares += 2 * (unit[i] - unit[j]) ** 2;
		}
		observed += sumOfSquares / (unit.length - 1);
	}
	const dObserved = observed / n;
	const dExpected = (2 * all.reduce((sum, v) => sum + (v - mean!) ** 2, 0)) / (n - 1);
	return 1 - dObserved / dExpected;
}
