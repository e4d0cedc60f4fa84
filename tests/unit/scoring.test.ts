import { describe, expect, it } from 'vitest';
import {
	aggregateEntries,
	krippendorffAlphaInterval,
	normaliseRound,
	rankEntries,
	scoresByEntry,
	summarise,
	weightedScore,
	type RoundReview
} from '../../src/lib/domain/scoring';

const review = (jurorId: number, entryId: number, score: number): RoundReview => ({
	jurorId,
	entryId,
	score
});

describe('weightedScore', () => {
	const criteria = [
		{ id: 1, weight: 2, scaleMin: 0, scaleMax: 4 },
		{ id: 2, weight: 1, scaleMin: 1, scaleMax: 5 },
		{ id: 3, weight: 1, scaleMin: 0, scaleMax: 10 }
	];

	it('maps each level to 0..1 on its scale and takes the weighted mean, out of 20', () => {
		// Fractions: 3/4 = 0.75, (2 − 1)/(5 − 1) = 0.25, 5/10 = 0.5.
		// Weighted mean: (2 × 0.75 + 1 × 0.25 + 1 × 0.5) / (2 + 1 + 1) = 2.25 / 4 = 0.5625; × 20 = 11.25.
		const scores = [
			{ criterionId: 1, level: 3 },
			{ criterionId: 2, level: 2 },
			{ criterionId: 3, level: 5 }
		];
		expect(weightedScore(scores, criteria)).toBeCloseTo(11.25, 12);
		expect(weightedScore([...scores].reverse(), [...criteria].reverse())).toBeCloseTo(11.25, 12);
	});

	it('gives 20 when every level is the top of its scale and 0 when every one is the bottom', () => {
		const top = criteria.map((c) => ({ criterionId: c.id, level: c.scaleMax }));
		const bottom = criteria.map((c) => ({ criterionId: c.id, level: c.scaleMin }));
		expect(weightedScore(top, criteria)).toBe(20);
		expect(weightedScore(bottom, criteria)).toBe(0);
	});

	it('is null while a criterion has no level, absent or null', () => {
		expect(
			weightedScore(
				[
					{ criterionId: 1, level: 3 },
					{ criterionId: 2, level: 2 }
				],
				criteria
			)
		).toBeNull();
		expect(
			weightedScore(
				[
					{ criterionId: 1, level: 3 },
					{ criterionId: 2, level: 2 },
					{ criterionId: 3, level: null }
				],
				criteria
			)
		).toBeNull();
	});

	it('is null without criteria or when every weight is zero', () => {
		expect(weightedScore([], [])).toBeNull();
		expect(
			weightedScore(
				[{ criterionId: 1, level: 2 }],
				[{ id: 1, weight: 0, scaleMin: 0, scaleMax: 4 }]
			)
		).toBeNull();
	});

	it('ignores levels of criteria that are not in the grid', () => {
		// Only criterion 1 counts: 2/4 × 20 = 10.
		const grid = [{ id: 1, weight: 1, scaleMin: 0, scaleMax: 4 }];
		const scores = [
			{ criterionId: 1, level: 2 },
			{ criterionId: 99, level: 4 }
		];
		expect(weightedScore(scores, grid)).toBe(10);
	});

	it('refuses inconsistent data: level off its scale, two levels for a criterion, empty scale, negative weight', () => {
		const one = [{ id: 1, weight: 1, scaleMin: 0, scaleMax: 4 }];
		expect(() => weightedScore([{ criterionId: 1, level: 5 }], one)).toThrow(RangeError);
		expect(() =>
			weightedScore(
				[
					{ criterionId: 1, level: 1 },
					{ criterionId: 1, level: 2 }
				],
				one
			)
		).toThrow(RangeError);
		expect(() =>
			weightedScore([{ criterionId: 1, level: 2 }], [{ ...one[0], scaleMax: 0 }])
		).toThrow(RangeError);
		expect(() =>
			weightedScore([{ criterionId: 1, level: 2 }], [{ ...one[0], weight: -1 }])
		).toThrow(RangeError);
	});
});

describe('summarise', () => {
	it('computes mean, median, extremes, spread and sample standard deviation', () => {
		// Sorted 8 9 12 15: mean 44/4 = 11, median (9 + 12)/2 = 10.5, spread 15 − 8 = 7.
		// Deviations −3 −2 1 4, squares 9 4 1 16 = 30, sample variance 30/3 = 10, sd √10.
		const s = summarise([12, 8, 15, 9]);
		expect(s).toMatchObject({ n: 4, mean: 11, median: 10.5, min: 8, max: 15, spread: 7 });
		expect(s.sd).toBeCloseTo(Math.sqrt(10), 12);
	});

	it('takes the middle value as the median of an odd count', () => {
		expect(summarise([5, 1, 3]).median).toBe(3);
	});

	it('has no standard deviation for a single value', () => {
		expect(summarise([14])).toEqual({
			n: 1,
			mean: 14,
			median: 14,
			min: 14,
			max: 14,
			spread: 0,
			sd: null
		});
	});

	it('has nothing but n = 0 for an empty list', () => {
		expect(summarise([])).toEqual({
			n: 0,
			mean: null,
			median: null,
			min: null,
			max: null,
			spread: null,
			sd: null
		});
	});

	it('gives exactly zero sd for identical values whose mean is not exact in floating point', () => {
		const third = 40 / 3;
		expect(summarise([third, third, third]).sd).toBe(0);
	});
});

describe('normaliseRound', () => {
	it('puts a severe and a lenient juror who rank alike on the same scores', () => {
		// Juror 1 (severe): 6 and 10, mean 8, sd √((4 + 4)/1) = 2√2.
		// Juror 2 (lenient): 14 and 18, mean 16, sd 2√2.
		// Round: 6 10 14 18, mean M = 12, deviations −6 −2 2 6, sd S = √(80/3).
		// z = ∓2/(2√2) = ∓1/√2, so entry 1 → 12 − S/√2 = 12 − √(40/3), entry 2 → 12 + √(40/3).
		const out = normaliseRound([
			review(1, 1, 6),
			review(1, 2, 10),
			review(2, 1, 14),
			review(2, 2, 18)
		]);
		const low = 12 - Math.sqrt(40 / 3); // ≈ 8.3485
		const high = 12 + Math.sqrt(40 / 3); // ≈ 15.6515
		expect(out.map((r) => r.normalised)).toEqual([
			expect.closeTo(low, 12),
			expect.closeTo(high, 12),
			expect.closeTo(low, 12),
			expect.closeTo(high, 12)
		]);
		expect(out.every((r) => r.rule === 'standardised')).toBe(true);
	});

	it('keeps the raw score of a juror with a single review in the round', () => {
		// Juror 3 only scored entry 1: his severity cannot be estimated, so 5 stays 5.
		const out = normaliseRound([review(1, 1, 10), review(1, 2, 14), review(3, 1, 5)]);
		expect(out[2]).toEqual({ ...review(3, 1, 5), normalised: 5, rule: 'singleReview' });
	});

	it('gives the round mean to every review of a juror who scored all his candidatures alike', () => {
		// Juror 2 gave 7 to both: z = 0, i.e. the round mean (10 + 14 + 7 + 7)/4 = 9.5.
		const out = normaliseRound([
			review(1, 1, 10),
			review(1, 2, 14),
			review(2, 1, 7),
			review(2, 2, 7)
		]);
		expect(out.slice(2).map((r) => [r.normalised, r.rule])).toEqual([
			[9.5, 'uniformJuror'],
			[9.5, 'uniformJuror']
		]);
	});

	it('clamps normalised scores to 0..20', () => {
		// Juror 1: 10 10 10 10 20, mean 12, sd √(80/4) = √20; z of the 20 = 8/√20 ≈ 1.789.
		// Juror 2: 0 and 20. Round of 7 scores: M = 80/7 ≈ 11.43,
		// S² = (Σx² − 7M²)/6 = (1200 − 6400/7)/6 ≈ 47.62, S ≈ 6.90; M + zS ≈ 23.8, clamped to 20.
		const reviews = [
			...[1, 2, 3, 4].map((e) => review(1, e, 10)),
			review(1, 5, 20),
			review(2, 1, 0),
			review(2, 5, 20)
		];
		const m = 80 / 7;
		const s = Math.sqrt((1200 - 6400 / 7) / 6);
		expect(m + (8 / Math.sqrt(20)) * s).toBeGreaterThan(23);
		const out = normaliseRound(reviews);
		expect(out[4].normalised).toBe(20);
		expect(out.every((r) => r.normalised >= 0 && r.normalised <= 20)).toBe(true);
	});

	it('keeps the input order and the extra fields of each review', () => {
		const out = normaliseRound([
			{ ...review(2, 9, 12), id: 'b' },
			{ ...review(1, 3, 8), id: 'a' }
		]);
		expect(out.map((r) => r.id)).toEqual(['b', 'a']);
	});

	it('returns nothing for an empty round and the raw score for a one-review round', () => {
		expect(normaliseRound([])).toEqual([]);
		expect(normaliseRound([review(1, 1, 13)])[0].normalised).toBe(13);
	});
});

describe('aggregateEntries', () => {
	// Three jurors, four candidatures (A = 1, B = 2, C = 3, D = 4); juror 3 is severe.
	//   juror 1: A 16, B 14, C 12 → mean 14, sd 2  → z: A +1, B 0, C −1
	//   juror 2: B 15, C 13, D 11 → mean 13, sd 2  → z: B +1, C 0, D −1
	//   juror 3: A 11, C 9,  D 7  → mean 9,  sd 2  → z: A +1, C 0, D −1
	// Round: sum 108 over 9 scores, M = 12; squared deviations 16 4 0 9 1 1 1 9 25 = 66, S = √(66/8).
	// Raw means: A (16 + 11)/2 = 13.5, B (14 + 15)/2 = 14.5, C 34/3 ≈ 11.33, D 9 → B before A,
	// only because A met the severe juror although both its jurors put it first.
	// Normalised means (M + mean z × S): A 12 + S ≈ 14.87, B 12 + S/2 ≈ 13.44, C 12 − S/3 ≈ 11.04,
	// D 12 − S ≈ 9.13 → A before B.
	const reviews = [
		review(1, 1, 16),
		review(1, 2, 14),
		review(1, 3, 12),
		review(2, 2, 15),
		review(2, 3, 13),
		review(2, 4, 11),
		review(3, 1, 11),
		review(3, 3, 9),
		review(3, 4, 7)
	];
	const S = Math.sqrt(66 / 8);

	it('lets normalisation undo a raw ranking decided by one severe juror', () => {
		const { rankings } = aggregateEntries(reviews);
		expect(rankings.raw.map((r) => [r.entryId, r.rank])).toEqual([
			[2, 1],
			[1, 2],
			[3, 3],
			[4, 4]
		]);
		expect(rankings.normalised.map((r) => [r.entryId, r.rank])).toEqual([
			[1, 1],
			[2, 2],
			[3, 3],
			[4, 4]
		]);
	});

	it('reports raw and normalised statistics per candidature, by entry id', () => {
		const { entries } = aggregateEntries([...reviews].reverse());
		expect(entries.map((e) => e.entryId)).toEqual([1, 2, 3, 4]);
		expect(entries[0]).toMatchObject({ n: 2, mean: 13.5, median: 13.5, min: 11, max: 16 });
		expect(entries[0].spread).toBe(5);
		expect(entries[2].mean).toBeCloseTo(34 / 3, 12);
		expect(entries.map((e) => e.normalisedMean)).toEqual([
			expect.closeTo(12 + S, 12),
			expect.closeTo(12 + S / 2, 12),
			expect.closeTo(12 - S / 3, 12),
			expect.closeTo(12 - S, 12)
		]);
	});

	it('flags a disagreement when the spread exceeds 6 points, not when it equals 6', () => {
		// Entry 1: 8 and 15, spread 7 > 6. Entry 2: 10 and 16, spread 6.
		const { entries } = aggregateEntries([
			review(1, 1, 8),
			review(2, 1, 15),
			review(1, 2, 10),
			review(2, 2, 16)
		]);
		expect(entries.map((e) => e.disagreement)).toEqual([true, false]);
	});

	it('does not flag a spread of 6 that float addition left a hair above it', () => {
		// A weighted score is a float sum: 16 may come out a few units of the last place above it.
		const above = 16.000000000000004;
		expect(above - 10).toBeGreaterThan(6);
		const { entries } = aggregateEntries([review(1, 1, 10), review(2, 1, above)]);
		expect(entries[0].disagreement).toBe(false);
		expect(aggregateEntries([review(1, 1, 10), review(2, 1, 16.001)]).entries[0].disagreement).toBe(
			true
		);
	});

	it('takes the spread threshold and an optional sd threshold as options', () => {
		// Entry 1: 10 12 14, spread 4, sd 2. Entry 2: 10 10 13, spread 3, sd √3 ≈ 1.73.
		const round = [
			review(1, 1, 10),
			review(2, 1, 12),
			review(3, 1, 14),
			review(1, 2, 10),
			review(2, 2, 10),
			review(3, 2, 13)
		];
		const flags = (options: Parameters<typeof aggregateEntries>[1]) =>
			aggregateEntries(round, options).entries.map((e) => e.disagreement);
		expect(flags({})).toEqual([false, false]);
		expect(flags({ maxSpread: 3 })).toEqual([true, false]);
		expect(flags({ maxSd: 1.9 })).toEqual([true, false]);
		expect(flags({ maxSd: 1.5 })).toEqual([true, true]);
	});

	it('gives tied candidatures the same rank and skips the next ones (1, 2, 2, 4), listing ties by id', () => {
		// Means: entry 7 → 15, entries 3 and 5 → 12, entry 1 → 10.
		const { rankings } = aggregateEntries([
			review(1, 5, 12),
			review(1, 1, 10),
			review(1, 7, 15),
			review(1, 3, 12)
		]);
		expect(rankings.raw).toEqual([
			{ entryId: 7, rank: 1, value: 15 },
			{ entryId: 3, rank: 2, value: 12 },
			{ entryId: 5, rank: 2, value: 12 },
			{ entryId: 1, rank: 4, value: 10 }
		]);
	});

	it('treats means that differ only by floating-point rounding as tied', () => {
		// (0.1 + 0.2)/2 = 0.15000000000000002 in floating point, (0.15 + 0.15)/2 = 0.15.
		const { rankings } = aggregateEntries([
			review(1, 2, 0.1),
			review(2, 2, 0.2),
			review(1, 1, 0.15),
			review(2, 1, 0.15)
		]);
		expect(rankings.raw.map((r) => [r.entryId, r.rank])).toEqual([
			[1, 1],
			[2, 1]
		]);
	});

	it('returns empty lists for an empty round', () => {
		expect(aggregateEntries([])).toEqual({
			entries: [],
			rankings: { raw: [], normalised: [] },
			reviews: []
		});
	});
});

describe('rankEntries', () => {
	it('ranks best first whatever the input order', () => {
		const ranked = rankEntries([
			{ entryId: 4, value: 9 },
			{ entryId: 2, value: 17 },
			{ entryId: 9, value: 9 },
			{ entryId: 1, value: 9 }
		]);
		expect(ranked.map((r) => [r.entryId, r.rank])).toEqual([
			[2, 1],
			[1, 2],
			[4, 2],
			[9, 2]
		]);
	});
});

describe('krippendorffAlphaInterval', () => {
	it('reproduces alpha = 0.849 on the interval example of Krippendorff (2011), with missing data', () => {
		// "Computing Krippendorff's Alpha-Reliability", 4 observers × 12 units ('.' = missing):
		//   A: 1 2 3 3 2 1 4 1 2 . . .
		//   B: 1 2 3 3 2 2 4 1 2 5 . 3
		//   C: . 3 3 3 2 3 4 2 2 5 1 .
		//   D: 1 2 3 3 2 4 4 1 2 5 1 .
		// Unit 12 has one value and is dropped: n = 3 + 8 × 4 + 3 + 2 = 40 pairable values.
		// Observed: only units 2 (2 2 3 2), 6 (1 2 3 4) and 8 (1 1 2 1) disagree. Over ordered pairs,
		//   unit 2: 6 pairs × 1² = 6, /(4 − 1) = 2; unit 6: 2 × (3×1 + 2×4 + 1×9) = 40, /3 = 40/3;
		//   unit 8: 6/3 = 2. D_o = (2 + 40/3 + 2)/40 = (52/3)/40 = 13/30.
		// Expected: Σv = 100, Σv² = 306, Σ(v − v̄)² = 306 − 100²/40 = 56, D_e = 2 × 56/39 = 112/39.
		// alpha = 1 − (13/30)/(112/39) = 1 − 169/1120 = 951/1120 ≈ 0.8491.
		const m = null;
		const observers = [
			[1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m],
			[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3],
			[m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m],
			[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m]
		];
		const units = new Map(
			observers[0].map((_, u) => [
				u + 1,
				observers.map((o) => o[u]).filter((v): v is number => v !== null)
			])
		);
		const alpha = krippendorffAlphaInterval(units);
		expect(alpha).toBeCloseTo(951 / 1120, 12);
		expect(alpha!.toFixed(3)).toBe('0.849');
	});

	it('computes a small case by hand', () => {
		// Units [1, 3] and [5, 5]: n = 4, values 1 3 5 5, mean 3.5, Σ(v − v̄)² = 6.25 + 0.25 + 2.25 + 2.25
		// = 11, D_e = 2 × 11/3 = 22/3. D_o = (2 × (3 − 1)²/(2 − 1) + 0)/4 = 8/4 = 2.
		// alpha = 1 − 2/(22/3) = 1 − 6/22 = 8/11.
		expect(
			krippendorffAlphaInterval([
				[1, 3],
				[5, 5]
			])
		).toBeCloseTo(8 / 11, 12);
	});

	it('is 1 for perfect agreement and negative for systematic disagreement', () => {
		expect(
			krippendorffAlphaInterval([
				[4, 4, 4],
				[12, 12],
				[17, 17]
			])
		).toBe(1);
		// Units [1, 5] and [5, 1]: D_o = (32 + 32)/4 = 16; values 1 5 5 1, Σ(v − 3)² = 16,
		// D_e = 2 × 16/3 = 32/3; alpha = 1 − 16/(32/3) = −0.5.
		expect(
			krippendorffAlphaInterval([
				[1, 5],
				[5, 1]
			])
		).toBeCloseTo(-0.5, 12);
	});

	it('ignores candidatures with a single score', () => {
		const pairs = [
			[1, 3],
			[5, 5]
		];
		expect(krippendorffAlphaInterval([...pairs, [20], []])).toBe(krippendorffAlphaInterval(pairs));
	});

	it('is null when undefined: nothing pairable, or no variation at all', () => {
		expect(krippendorffAlphaInterval(new Map())).toBeNull();
		expect(krippendorffAlphaInterval([[12], [15]])).toBeNull();
		expect(
			krippendorffAlphaInterval([
				[12, 12],
				[12, 12, 12]
			])
		).toBeNull();
	});

	it('takes a round’s reviews grouped by scoresByEntry', () => {
		const units = scoresByEntry([
			review(1, 2, 5),
			review(2, 1, 1),
			review(1, 1, 3),
			review(2, 2, 5)
		]);
		expect([...units]).toEqual([
			[1, [1, 3]],
			[2, [5, 5]]
		]);
		expect(krippendorffAlphaInterval(units)).toBeCloseTo(8 / 11, 12);
	});
});
