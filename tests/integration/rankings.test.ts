// The jury's rankings (src/lib/server/db/rankings.ts: the reviews that count read in SQL, the rest
// computed from them) against the pure maths of src/lib/domain/scoring.ts, on a dataset made by hand:
// three criteria of different weights and scales, a regular juror, a severe one, a lenient one, a
// juror with a single review, a juror who gives the same score everywhere, and reviews that must not
// count (a draft, an incomplete one, a recused juror's, another round's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	aggregateEntries,
	krippendorffAlphaInterval,
	normaliseRound,
	scoresByEntry,
	summarise,
	weightedScore,
	type RoundReview,
	type WeightedCriterion
} from '../../src/lib/domain/scoring';
import {
	alphaInterpretation,
	editionRecusals,
	roundEntries,
	roundRanking,
	roundReviews,
	type RankedEntryRow
} from '../../src/lib/server/db/rankings';
import { jurorConflicted } from '../../src/lib/server/db/conflicts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let edition: number;
const jurors: Record<string, number> = {};
const entries: number[] = [];
let criteria: (WeightedCriterion & { round: 'preselection' | 'final' })[] = [];
/** The reviews that must count, with their expected weighted score. */
const expected: RoundReview[] = [];

// Levels on [c1 (w 3, 1–4), c2 (w 2, 1–4), c3 (w 1, 0–5)], by juror, for entries e1…e5 (index 0…4).
const SUBMITTED: Record<string, [number, number[]][]> = {
	regular: [
		[0, [4, 3, 4]],
		[1, [3, 3, 3]],
		[2, [2, 2, 2]],
		[3, [1, 2, 1]]
	],
	severe: [
		[0, [2, 2, 2]],
		[1, [2, 3, 2]],
		[2, [1, 1, 0]],
		[4, [1, 4, 5]]
	],
	lenient: [
		[0, [4, 4, 5]],
		[2, [4, 3, 5]],
		[3, [3, 3, 4]],
		[4, [4, 4, 4]]
	],
	single: [[1, [3, 3, 4]]],
	uniform: [
		[3, [2, 2, 2]],
		[4, [2, 2, 2]]
	]
};

async function review(
	juror: number,
	entry: number,
	round: 'preselection' | 'final',
	status: 'draft' | 'submitted',
	levels: [number, number][]
) {
	const { id } = await t.db
		.insertInto('reviews')
		.values({ entry_id: entry, round, juror_id: juror, status, comment_team: 'Bien.' })
		.returning('id')
		.executeTakeFirstOrThrow();
	if (levels.length > 0)
		await t.db
			.insertInto('scores')
			.values(levels.map(([criterion_id, level]) => ({ review_id: id, criterion_id, level })))
			.execute();
	return id;
}

beforeAll(async () => {
	t = await createTestDatabase();
	edition = (
		await t.db
			.insertInto('editions')
			.values({ year: 2091, title: 'Classée', phase: 'preselection' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	for (const name of [
		'regular',
		'severe',
		'lenient',
		'single',
		'uniform',
		'recused',
		'incomplete',
		'member'
	]) {
		jurors[name] = (
			await t.db
				.insertInto('users')
				.values({ email: `${name}@jury.fr`, name: `Juré ${name}`, password_hash: 'x' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		await t.db
			.insertInto('edition_jurors')
			.values({ edition_id: edition, user_id: jurors[name] })
			.execute();
	}
	for (let i = 1; i <= 5; i++)
		entries.push(
			(
				await t.db
					.insertInto('entries')
					.values({ edition_id: edition, title: `Candidature ${i}`, state: 'eligible' })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id
		);
	const rows = await t.db
		.insertInto('criteria')
		.values([
			{ edition_id: edition, round: 'preselection', position: 1, label: 'Efficience', weight: 3 },
			{ edition_id: edition, round: 'preselection', position: 2, label: 'Impact', weight: 2 },
			{
				edition_id: edition,
				round: 'preselection',
				position: 3,
				label: 'Transférabilité',
				weight: 1,
				scale_min: 0,
				scale_max: 5
			},
			{ edition_id: edition, round: 'final', position: 1, label: 'Résultats', weight: 1 }
		])
		.returning(['id', 'weight', 'scale_min', 'scale_max', 'round'])
		.execute();
	criteria = rows.map((c) => ({
		id: c.id,
		weight: c.weight,
		scaleMin: c.scale_min,
		scaleMax: c.scale_max,
		round: c.round
	}));
	const pre = criteria.filter((c) => c.round === 'preselection');
	for (const [name, list] of Object.entries(SUBMITTED))
		for (const [index, levels] of list) {
			const pairs = levels.map((level, k) => [pre[k].id, level] as [number, number]);
			await review(jurors[name], entries[index], 'preselection', 'submitted', pairs);
			const score = weightedScore(
				pairs.map(([criterionId, level]) => ({ criterionId, level })),
				pre
			);
			expected.push({ jurorId: jurors[name], entryId: entries[index], score: score! });
		}
	// Must not count: a draft, a review missing a criterion, a recused juror's, the other round's.
	await review(jurors.regular, entries[4], 'preselection', 'draft', [
		[pre[0].id, 4],
		[pre[1].id, 4],
		[pre[2].id, 4]
	]);
	await review(jurors.incomplete, entries[2], 'preselection', 'submitted', [
		[pre[0].id, 4],
		[pre[1].id, 4]
	]);
	await review(jurors.recused, entries[0], 'preselection', 'submitted', [
		[pre[0].id, 1],
		[pre[1].id, 1],
		[pre[2].id, 0]
	]);
	await t.db
		.insertInto('conflicts')
		.values({
			entry_id: entries[0],
			juror_id: jurors.recused,
			source: 'juror',
			reason: 'Ancien collègue du porteur.'
		})
		.execute();
	await t.db
		.insertInto('entry_members')
		.values({ entry_id: entries[1], user_id: jurors.member, role: 'member' })
		.execute();
	await review(jurors.member, entries[1], 'preselection', 'submitted', [
		[pre[0].id, 4],
		[pre[1].id, 4],
		[pre[2].id, 5]
	]);
	const fin = criteria.find((c) => c.round === 'final')!;
	await review(jurors.regular, entries[0], 'final', 'submitted', [[fin.id, 4]]);
});

afterAll(async () => {
	await t?.close();
});

const close = (a: number | null, b: number | null) => {
	if (a === null || b === null) expect(a).toBe(b);
	else expect(a).toBeCloseTo(b, 9);
};

/** Each candidature's statistics, flag and both ranks are those of the pure `aggregateEntries`. */
function expectAsAggregateEntries(
	rows: RankedEntryRow[],
	pure: ReturnType<typeof aggregateEntries>
): void {
	for (const p of pure.entries) {
		const row = rows.find((r) => r.entryId === p.entryId)!;
		expect(row.n).toBe(p.n);
		for (const k of ['mean', 'median', 'min', 'max', 'spread', 'sd', 'normalisedMean'] as const)
			close(row[k], p[k]);
		expect(row.disagreement).toBe(p.disagreement);
		expect(row.rankRaw).toBe(pure.rankings.raw.find((r) => r.entryId === p.entryId)!.rank);
		expect(row.rankNormalised).toBe(
			pure.rankings.normalised.find((r) => r.entryId === p.entryId)!.rank
		);
	}
}

describe('the reviews of a round, in SQL', () => {
	it('scores each submitted, complete review with weightedScore and leaves the others out', async () => {
		const rows = await roundReviews(t.db, edition, 'preselection');
		expect(rows).toHaveLength(expected.length);
		const key = (r: { jurorId: number; entryId: number }) => `${r.jurorId}/${r.entryId}`;
		const byKey = new Map(rows.map((r) => [key(r), r]));
		for (const e of expected) close(byKey.get(key(e))!.score, e.score);
		// Draft, incomplete, recused juror (declared conflict) and team member are not there.
		for (const name of ['incomplete', 'recused', 'member'])
			expect(rows.some((r) => r.jurorId === jurors[name])).toBe(false);
		expect(rows.filter((r) => r.jurorId === jurors.regular)).toHaveLength(4);
	});

	it('normalises exactly as normaliseRound, with its three rules', async () => {
		const rows = await roundReviews(t.db, edition, 'preselection');
		const pure = normaliseRound(rows.map((r) => ({ ...r })));
		rows.forEach((r, i) => {
			close(r.normalised, pure[i].normalised);
			expect(r.rule).toBe(pure[i].rule);
		});
		expect(rows.find((r) => r.jurorId === jurors.single)!.rule).toBe('singleReview');
		expect(rows.filter((r) => r.jurorId === jurors.uniform).map((r) => r.rule)).toEqual([
			'uniformJuror',
			'uniformJuror'
		]);
	});

	it('lifts a severe juror’s scores and lowers a lenient one’s', async () => {
		const rows = await roundReviews(t.db, edition, 'preselection');
		const severe = rows.filter((r) => r.jurorId === jurors.severe);
		const lenient = rows.filter((r) => r.jurorId === jurors.lenient);
		// Hand check: the severe juror's raw mean is far below the round's, his normalised scores
		// are centred on the round mean (z-scores average to 0, none clamped here).
		const roundMean = rows.reduce((s, r) => s + r.score, 0) / rows.length;
		expect(severe[0].jurorMean).toBeLessThan(roundMean - 3);
		const severeNormalisedMean = severe.reduce((s, r) => s + r.normalised, 0) / severe.length;
		expect(severeNormalisedMean).toBeCloseTo(roundMean, 9);
		for (const r of severe) expect(r.normalised).toBeGreaterThan(r.score);
		for (const r of lenient) expect(r.normalised).toBeLessThan(r.score);
	});
});

describe('the candidatures of a round, in SQL', () => {
	it('gives the aggregates and both rankings of aggregateEntries', async () => {
		const pure = aggregateEntries(expected);
		const { rows, total } = await roundEntries(t.db, edition, 'preselection');
		expect(total).toBe(5);
		expectAsAggregateEntries(rows, pure);
		// Sorted by raw rank by default.
		expect(rows.map((r) => r.rankRaw)).toEqual(
			[...rows.map((r) => r.rankRaw)].sort((a, b) => a - b)
		);
		// The dataset has both: a candidature to discuss (the lenient and severe jurors disagree).
		expect(rows.some((r) => r.disagreement)).toBe(true);
		expect(rows.some((r) => !r.disagreement)).toBe(true);
		// The severe juror changes the order (hand-computed: 12.00 < 12.07 raw, 14.05 > 13.69
		// normalised): candidature 2, which he scored, passes candidature 5.
		const second = rows.find((r) => r.entryId === entries[1])!;
		const fifth = rows.find((r) => r.entryId === entries[4])!;
		expect(second.mean).toBeCloseTo(12, 2);
		expect(fifth.mean).toBeCloseTo(12.07, 2);
		expect([second.rankRaw, fifth.rankRaw]).toEqual([3, 2]);
		expect([second.rankNormalised, fifth.rankNormalised]).toEqual([2, 3]);
		expect(second.normalisedMean).toBeCloseTo(14.05, 2);
		expect(fifth.normalisedMean).toBeCloseTo(13.69, 2);
	});

	it('sorts by the normalised ranking and pages, ranks staying over the whole round', async () => {
		const all = await roundEntries(t.db, edition, 'preselection', { sort: 'normalised' });
		const first = await roundEntries(t.db, edition, 'preselection', {
			sort: 'normalised',
			pageSize: 2,
			page: 1
		});
		const last = await roundEntries(t.db, edition, 'preselection', {
			sort: 'normalised',
			pageSize: 2,
			page: 3
		});
		expect(first).toMatchObject({ total: 5, page: 1, pageCount: 3 });
		expect(first.rows.map((r) => r.entryId)).toEqual(all.rows.slice(0, 2).map((r) => r.entryId));
		expect(last.rows.map((r) => r.entryId)).toEqual(all.rows.slice(4).map((r) => r.entryId));
		const beyond = await roundEntries(t.db, edition, 'preselection', { pageSize: 2, page: 9 });
		expect(beyond).toMatchObject({ page: 3, pageCount: 3 });
		expect(beyond.rows).toHaveLength(1);
	});

	it('computes the round’s alpha with krippendorffAlphaInterval and says what it means', async () => {
		const ranking = await roundRanking(t.db, edition, 'preselection');
		const alpha = krippendorffAlphaInterval(scoresByEntry(expected));
		close(ranking.alpha, alpha);
		expect(ranking).toMatchObject({ reviewCount: expected.length, jurorCount: 5, total: 5 });
		expect(alphaInterpretation(0.85).level).toBe('fiable');
		expect(alphaInterpretation(0.7).level).toBe('acceptable');
		expect(alphaInterpretation(0.2).level).toBe('faible');
		expect(alphaInterpretation(null).level).toBeNull();
	});

	it('keeps the rounds apart', async () => {
		const final = await roundReviews(t.db, edition, 'final');
		expect(final).toEqual([
			expect.objectContaining({
				entryId: entries[0],
				score: 20,
				normalised: 20,
				rule: 'singleReview'
			})
		]);
		const ranking = await roundRanking(t.db, edition, 'final');
		expect(ranking).toMatchObject({ total: 1, alpha: null });
	});

	it('lists the recusals of each candidature with the juror’s name', async () => {
		const recusals = await editionRecusals(t.db, edition);
		expect(recusals.get(entries[0])).toEqual([
			expect.objectContaining({
				jurorName: 'Juré recused',
				kind: 'juror',
				reason: 'Ancien collègue du porteur.'
			})
		]);
		expect(recusals.get(entries[1])).toEqual([
			expect.objectContaining({ jurorName: 'Juré member', kind: 'member' })
		]);
		expect(recusals.has(entries[2])).toBe(false);
	});
});

// A second edition, for what the first does not show: ties (raw and normalised), an even number of
// reviews (median between two scores), a candidature with one review (no sd), a withdrawn
// candidature, a level outside the scale, and each rule of `jurorConflicted` applied to the ranking
// (same établissement, same académie when the edition says so, a team member no longer on the jury,
// and the NULLs that must not count as a match). One criterion on 0–4, weight 1: score = 5 × level.
describe('ties, edge cases and every conflict rule, in a second edition', () => {
	let second: number;
	const who: Record<string, number> = {};
	const entry: Record<string, number> = {};
	/** The reviews that must count (with the académie rule on), with their score. */
	const counting: RoundReview[] = [];
	let before: Awaited<ReturnType<typeof roundReviews>>;

	beforeAll(async () => {
		before = await roundReviews(t.db, edition, 'preselection');
		second = (
			await t.db
				.insertInto('editions')
				.values({
					year: 2092,
					title: 'Égalités',
					phase: 'preselection',
					conflict_same_academie: true
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		// `c` is the first edition's regular juror: his reviews there must not move here, nor back.
		who.c = jurors.regular;
		for (const name of ['a', 'b', 'd', 'solo', 'etab', 'acad', 'outsider'])
			who[name] = (
				await t.db
					.insertInto('users')
					.values({ email: `${name}@egalites.fr`, name: `Juré ${name}`, password_hash: 'x' })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		// Every juror but `outsider` (a team member, taken off the jury after scoring) sits on it.
		const seat: Record<string, { uai?: string; academie?: string }> = {
			a: {},
			b: {},
			c: {},
			d: {},
			solo: {},
			etab: { uai: '0690001A' },
			acad: { academie: 'Lyon' }
		};
		for (const [name, place] of Object.entries(seat))
			await t.db
				.insertInto('edition_jurors')
				.values({ edition_id: second, user_id: who[name], ...place })
				.execute();
		const dossiers: Record<string, { state: string; uai: string | null; academie: string | null }> =
			{
				E1: { state: 'eligible', uai: '0690001A', academie: 'Lyon' },
				E2: { state: 'eligible', uai: '0690003C', academie: 'Lyon' },
				E3: { state: 'withdrawn', uai: '0690004D', academie: 'Lyon' },
				E4: { state: 'eligible', uai: null, academie: null },
				E5: { state: 'eligible', uai: '3800002B', academie: 'Grenoble' },
				E6: { state: 'eligible', uai: '3800005E', academie: 'Grenoble' }
			};
		for (const [name, d] of Object.entries(dossiers))
			entry[name] = (
				await t.db
					.insertInto('entries')
					.values({ edition_id: second, title: `Dossier ${name}`, ...d })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		await t.db
			.insertInto('entry_members')
			.values({ entry_id: entry.E5, user_id: who.outsider, role: 'member' })
			.execute();
		const criterion = (
			await t.db
				.insertInto('criteria')
				.values({
					edition_id: second,
					round: 'preselection',
					position: 1,
					label: 'Qualité',
					weight: 1,
					scale_min: 0,
					scale_max: 4
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		const levels: [string, string, number, boolean][] = [
			// a and b mirror each other on E1 and E2: equal raw means, equal normalised means.
			['a', 'E1', 3, true],
			['a', 'E2', 2, true],
			['b', 'E1', 2, true],
			['b', 'E2', 3, true],
			['c', 'E3', 4, true],
			['c', 'E5', 2, true],
			['d', 'E3', 4, true],
			['d', 'E5', 1, true],
			['d', 'E6', 0, true],
			['d', 'E4', 5, false], // level 5 on a 0–4 scale
			['solo', 'E4', 1, true],
			['etab', 'E1', 0, false], // same UAI as E1
			['etab', 'E4', 3, true], // E4 has no UAI: no match
			['etab', 'E5', 4, true], // another UAI
			['acad', 'E3', 0, false], // same académie, and the edition applies the rule
			['acad', 'E5', 3, true], // another académie
			['outsider', 'E5', 0, false], // member of E5's team
			['outsider', 'E4', 4, true] // not on the jury any more: nothing else to match
		];
		for (const [juror, dossier, level, counts] of levels) {
			await review(who[juror], entry[dossier], 'preselection', 'submitted', [[criterion, level]]);
			if (counts) counting.push({ jurorId: who[juror], entryId: entry[dossier], score: 5 * level });
		}
	});

	it('leaves out exactly the reviews of conflicted jurors and out-of-scale levels', async () => {
		const rows = await roundReviews(t.db, second, 'preselection');
		const key = (r: { jurorId: number; entryId: number }) => `${r.jurorId}/${r.entryId}`;
		expect(rows.map(key).sort()).toEqual(counting.map(key).sort());
		const byKey = new Map(counting.map((r) => [key(r), r.score]));
		for (const r of rows) close(r.score, byKey.get(key(r))!);
	});

	it('agrees with jurorConflicted on every submitted review of the round', async () => {
		const flagged = await t.db
			.selectFrom('reviews as r')
			.innerJoin('entries as e', 'e.id', 'r.entry_id')
			.where('e.edition_id', '=', second)
			.select(['r.juror_id', 'r.entry_id'])
			.select(jurorConflicted('r.juror_id', 'r.entry_id').as('conflicted'))
			.execute();
		const counted = new Set(
			(await roundReviews(t.db, second, 'preselection')).map((r) => `${r.jurorId}/${r.entryId}`)
		);
		const conflicted = flagged.filter((f) => f.conflicted);
		expect(conflicted).toHaveLength(3);
		for (const f of conflicted) expect(counted.has(`${f.juror_id}/${f.entry_id}`)).toBe(false);
	});

	it('applies the same-académie rule only when the edition says so', async () => {
		const set = (on: boolean) =>
			t.db
				.updateTable('editions')
				.set({ conflict_same_academie: on })
				.where('id', '=', second)
				.execute();
		await set(false);
		try {
			const rows = await roundReviews(t.db, second, 'preselection');
			expect(rows).toHaveLength(counting.length + 1);
			expect(rows.find((r) => r.jurorId === who.acad && r.entryId === entry.E3)?.score).toBe(0);
		} finally {
			await set(true);
		}
		expect(await roundReviews(t.db, second, 'preselection')).toHaveLength(counting.length);
	});

	it('lists the reviews by candidature then juror, with each juror’s n, mean and sd in the round', async () => {
		const rows = await roundReviews(t.db, second, 'preselection');
		const order = [...rows].sort((x, y) => x.entryId - y.entryId || x.jurorId - y.jurorId);
		expect(rows.map((r) => r.reviewId)).toEqual(order.map((r) => r.reviewId));
		for (const r of rows) {
			const own = summarise(counting.filter((c) => c.jurorId === r.jurorId).map((c) => c.score));
			expect(r.jurorN).toBe(own.n);
			close(r.jurorMean, own.mean);
			close(r.jurorSd, own.sd);
		}
		const pure = normaliseRound(rows.map((r) => ({ ...r })));
		rows.forEach((r, i) => {
			close(r.normalised, pure[i].normalised);
			expect(r.rule).toBe(pure[i].rule);
		});
		expect(rows.filter((r) => r.rule === 'singleReview').map((r) => r.jurorId)).toEqual(
			expect.arrayContaining([who.solo, who.acad, who.outsider])
		);
	});

	it('gives tied candidatures the same rank, listed by id, and skips the next ranks (1, 2, 3, 3, 3, 6)', async () => {
		const { rows, total } = await roundEntries(t.db, second, 'preselection');
		expect(total).toBe(6);
		expect(rows.map((r) => [r.entryId, r.rankRaw])).toEqual([
			[entry.E3, 1],
			[entry.E4, 2],
			[entry.E1, 3],
			[entry.E2, 3],
			[entry.E5, 3],
			[entry.E6, 6]
		]);
		// E1 and E2 mirror each other: the same normalised mean, hence the same normalised rank.
		const e1 = rows.find((r) => r.entryId === entry.E1)!;
		const e2 = rows.find((r) => r.entryId === entry.E2)!;
		close(e1.normalisedMean, e2.normalisedMean);
		expect(e1.rankNormalised).toBe(e2.rankNormalised);
		const normalised = await roundEntries(t.db, second, 'preselection', { sort: 'normalised' });
		const at = normalised.rows.findIndex((r) => r.entryId === entry.E1);
		expect(normalised.rows[at + 1].entryId).toBe(entry.E2);
		expect(normalised.rows.map((r) => r.rankNormalised)).toEqual(
			[...normalised.rows.map((r) => r.rankNormalised)].sort((x, y) => x - y)
		);
	});

	it('agrees with aggregateEntries: even counts, one review, a withdrawn candidature and both rankings', async () => {
		const pure = aggregateEntries(counting);
		const { rows } = await roundEntries(t.db, second, 'preselection');
		expect(rows).toHaveLength(pure.entries.length);
		expectAsAggregateEntries(rows, pure);
		const e5 = rows.find((r) => r.entryId === entry.E5)!;
		expect(e5).toMatchObject({ n: 4, median: 12.5, mean: 12.5, spread: 15, disagreement: true });
		expect(rows.find((r) => r.entryId === entry.E6)).toMatchObject({ n: 1, sd: null, median: 0 });
		// The ranking does not filter on the state: a withdrawn candidature keeps its place, shown.
		expect(rows.find((r) => r.entryId === entry.E3)).toMatchObject({
			state: 'withdrawn',
			title: 'Dossier E3',
			rankRaw: 1
		});
	});

	it('flags disagreement against the given threshold, strictly above it', async () => {
		const strict = await roundEntries(t.db, second, 'preselection', { maxSpread: 15 });
		expect(strict.rows.find((r) => r.entryId === entry.E5)!.disagreement).toBe(false);
		const loose = await roundEntries(t.db, second, 'preselection', { maxSpread: 14.9 });
		expect(loose.rows.find((r) => r.entryId === entry.E5)!.disagreement).toBe(true);
		const pure = aggregateEntries(counting, { maxSpread: 4 });
		const four = await roundEntries(t.db, second, 'preselection', { maxSpread: 4 });
		for (const p of pure.entries)
			expect(four.rows.find((r) => r.entryId === p.entryId)!.disagreement).toBe(p.disagreement);
	});

	it('restricts to the given candidatures, ranks staying over the whole round', async () => {
		const all = await roundEntries(t.db, second, 'preselection', { sort: 'normalised' });
		const some = await roundEntries(t.db, second, 'preselection', {
			sort: 'normalised',
			entryIds: [entry.E6, entry.E1, entry.E6, 999_999_999]
		});
		expect(some.total).toBe(2);
		expect(some.rows).toEqual(
			all.rows.filter((r) => r.entryId === entry.E1 || r.entryId === entry.E6)
		);
		expect(await roundEntries(t.db, second, 'preselection', { entryIds: [] })).toMatchObject({
			rows: [],
			total: 0
		});
	});

	it('counts the reviews, jurors and alpha of the round on one page of the ranking', async () => {
		const ranking = await roundRanking(t.db, second, 'preselection', {
			sort: 'normalised',
			pageSize: 4,
			page: 2
		});
		const all = await roundEntries(t.db, second, 'preselection', { sort: 'normalised' });
		expect(ranking).toMatchObject({
			sort: 'normalised',
			total: 6,
			page: 2,
			pageCount: 2,
			reviewCount: counting.length,
			jurorCount: new Set(counting.map((r) => r.jurorId)).size
		});
		expect(ranking.entries).toEqual(all.rows.slice(4));
		close(ranking.alpha, krippendorffAlphaInterval(scoresByEntry(counting)));
	});

	it('keeps editions apart, even for a juror who sits on both juries', async () => {
		const after = await roundReviews(t.db, edition, 'preselection');
		expect(after).toEqual(before);
		expect(after.filter((r) => r.jurorId === jurors.regular).map((r) => r.jurorN)).toEqual([
			4, 4, 4, 4
		]);
		const here = await roundReviews(t.db, second, 'preselection');
		expect(here.filter((r) => r.jurorId === who.c).map((r) => r.jurorN)).toEqual([2, 2]);
	});
});
