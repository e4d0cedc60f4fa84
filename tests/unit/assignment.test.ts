import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	assignJurors,
	type AssignmentInput,
	type AssignmentResult,
	type JurorEntryPair
} from '../../src/lib/server/jury/assignment';

const CATEGORY_NAMES: Record<number, string> = {
	1: 'Numérique',
	2: 'Inclusion',
	3: 'Climat scolaire'
};

const entry = (id: number, categoryId = 1) => ({
	id,
	categoryId,
	categoryName: CATEGORY_NAMES[categoryId]
});
const juror = (id: number, expertise: readonly number[] = []) => ({
	id,
	name: `Juré ${id}`,
	expertise
});

/** Generated scenarios; each kind of constraint can be switched off. */
function scenario(options: {
	conflicts: boolean;
	expertise: boolean;
	fixed: boolean;
}): fc.Arbitrary<Required<AssignmentInput>> {
	return fc
		.record({
			entryIds: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 24 }),
			jurorIds: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 12 }),
			k: fc.integer({ min: 1, max: 4 })
		})
		.chain(({ entryIds, jurorIds, k }) => {
			const pairs: JurorEntryPair[] = jurorIds.flatMap((j) => entryIds.map((e) => [j, e] as const));
			return fc.record({
				entries: fc.tuple(
					...entryIds.map((id) => fc.integer({ min: 1, max: 3 }).map((c) => entry(id, c)))
				),
				jurors: fc.tuple(
					...jurorIds.map((id) =>
						(options.expertise ? fc.subarray([1, 2, 3]) : fc.constant([])).map((expertise) =>
							juror(id, expertise)
						)
					)
				),
				conflicts: options.conflicts ? fc.subarray(pairs) : fc.constant([]),
				fixed: options.fixed
					? fc.subarray(pairs, { maxLength: Math.min(8, pairs.length) })
					: fc.constant([]),
				k: fc.constant(k)
			});
		});
}

const anything = scenario({ conflicts: true, expertise: true, fixed: true });
const key = (jurorId: number, entryId: number) => `${jurorId}:${entryId}`;

/** What the rules say each entry may get, computed from the input independently. */
function facts(input: Required<AssignmentInput>) {
	const conflicts = new Set(input.conflicts.map(([j, e]) => key(j, e)));
	const fixed = new Set(input.fixed.map(([j, e]) => key(j, e)));
	const competent = (j: (typeof input.jurors)[number], e: (typeof input.entries)[number]) =>
		j.expertise.length === 0 || j.expertise.includes(e.categoryId);
	const available = new Map(
		input.entries.map((e) => [
			e.id,
			input.jurors.filter(
				(j) => !conflicts.has(key(j.id, e.id)) && (fixed.has(key(j.id, e.id)) || competent(j, e))
			).length
		])
	);
	const cleanFixed = (entryId: number) =>
		input.jurors.filter((j) => fixed.has(key(j.id, entryId)) && !conflicts.has(key(j.id, entryId)))
			.length;
	return { conflicts, fixed, competent, available, cleanFixed };
}

const loadSpread = (result: AssignmentResult) => {
	const loads = [...result.loads.values()];
	return Math.max(...loads) - Math.min(...loads);
};

describe('assignJurors, properties', () => {
	it('never assigns a conflicted pair except a fixed one, which it reports', () => {
		fc.assert(
			fc.property(anything, (input) => {
				const { conflicts, fixed } = facts(input);
				const result = assignJurors(input);
				for (const [j, e] of result.assignments) {
					if (!conflicts.has(key(j, e))) continue;
					expect(fixed.has(key(j, e))).toBe(true);
					expect(result.problems).toContainEqual(
						expect.objectContaining({ kind: 'conflictedFixed', entryId: e, jurorId: j })
					);
				}
			})
		);
	});

	it('gives a juror only candidatures of his expertise, unless fixed by hand', () => {
		fc.assert(
			fc.property(anything, (input) => {
				const { fixed, competent } = facts(input);
				for (const [j, e] of assignJurors(input).assignments) {
					const ok =
						fixed.has(key(j, e)) ||
						competent(
							input.jurors.find((x) => x.id === j)!,
							input.entries.find((x) => x.id === e)!
						);
					expect(ok).toBe(true);
				}
			})
		);
	});

	it('lists each pair once, sorted by juror then candidature', () => {
		fc.assert(
			fc.property(anything, (input) => {
				const { assignments } = assignJurors(input);
				const sorted = [...assignments].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
				expect(assignments).toEqual(sorted);
				expect(new Set(assignments.map(([j, e]) => key(j, e))).size).toBe(assignments.length);
			})
		);
	});

	it('gives each candidature min(K, available) jurors without conflict, and reports each shortage', () => {
		fc.assert(
			fc.property(anything, (input) => {
				const { conflicts, available, cleanFixed } = facts(input);
				const result = assignJurors(input);
				for (const e of input.entries) {
					const clean = result.assignments.filter(
						([j, id]) => id === e.id && !conflicts.has(key(j, id))
					).length;
					const expected = Math.max(cleanFixed(e.id), Math.min(input.k, available.get(e.id)!));
					expect(clean).toBe(expected);
					const shortage = result.problems.find((p) => p.kind === 'shortage' && p.entryId === e.id);
					if (available.get(e.id)! < input.k) {
						expect(shortage).toMatchObject({
							available: available.get(e.id),
							categoryName: e.categoryName
						});
					} else expect(shortage).toBeUndefined();
				}
			})
		);
	});

	it('keeps every fixed pair and counts all assignments in the loads', () => {
		fc.assert(
			fc.property(anything, (input) => {
				const result = assignJurors(input);
				const assigned = new Set(result.assignments.map(([j, e]) => key(j, e)));
				for (const [j, e] of input.fixed) expect(assigned.has(key(j, e))).toBe(true);
				expect([...result.loads.keys()]).toEqual(
					input.jurors.map((j) => j.id).sort((a, b) => a - b)
				);
				for (const [id, load] of result.loads) {
					expect(load).toBe(result.assignments.filter(([j]) => j === id).length);
				}
			})
		);
	});

	it('gives the same output for the same input in any order', () => {
		const shuffle = <T>(items: readonly T[]) =>
			fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
		const shuffled = anything.chain((input) =>
			fc.tuple(
				fc.constant(input),
				fc.record({
					entries: shuffle(input.entries),
					jurors: fc
						.tuple(
							...input.jurors.map((j) =>
								shuffle(j.expertise).map((expertise) => ({ ...j, expertise }))
							)
						)
						.chain(shuffle),
					conflicts: shuffle(input.conflicts),
					fixed: shuffle(input.fixed),
					k: fc.constant(input.k)
				})
			)
		);
		fc.assert(
			fc.property(shuffled, ([input, reordered]) => {
				const a = assignJurors(input);
				const b = assignJurors(reordered);
				expect(b.assignments).toEqual(a.assignments);
				expect([...b.loads]).toEqual([...a.loads]);
				expect(b.problems).toEqual(a.problems);
			})
		);
	});

	it('balances loads within 1 without conflicts or expertise restrictions, given at least K jurors', () => {
		fc.assert(
			fc.property(scenario({ conflicts: false, expertise: false, fixed: false }), (input) => {
				fc.pre(input.jurors.length >= input.k);
				const result = assignJurors(input);
				expect(loadSpread(result)).toBeLessThanOrEqual(1);
				expect(result.problems).toEqual([]);
			})
		);
	});

	it('leaves no single move that would even out two jurors’ loads', () => {
		// Local optimum: no non-fixed assignment can go to an eligible juror with 2 fewer.
		fc.assert(
			fc.property(anything, (input) => {
				const { conflicts, fixed, competent } = facts(input);
				const result = assignJurors(input);
				const assigned = new Set(result.assignments.map(([j, e]) => key(j, e)));
				for (const [a, e] of result.assignments) {
					if (fixed.has(key(a, e))) continue;
					const candidature = input.entries.find((x) => x.id === e)!;
					for (const b of input.jurors) {
						const movable =
							result.loads.get(b.id)! <= result.loads.get(a)! - 2 &&
							competent(b, candidature) &&
							!conflicts.has(key(b.id, e)) &&
							!assigned.has(key(b.id, e));
						expect(movable).toBe(false);
					}
				}
			})
		);
	});
});

describe('assignJurors, examples', () => {
	it('assigns least-loaded jurors, smallest id first, 3 per candidature by default', () => {
		// Entry 1 takes jurors 1 2 3 (all at 0); entry 2 takes 4 (0), then 1 and 2 (1 each).
		const result = assignJurors({
			entries: [entry(2), entry(1)],
			jurors: [juror(4), juror(3), juror(2), juror(1)],
			conflicts: [],
			fixed: []
		});
		expect(result.assignments).toEqual([
			[1, 1],
			[1, 2],
			[2, 1],
			[2, 2],
			[3, 1],
			[4, 2]
		]);
		expect([...result.loads]).toEqual([
			[1, 2],
			[2, 2],
			[3, 1],
			[4, 1]
		]);
		expect(result.problems).toEqual([]);
	});

	it('explains in French a category with too few jurors without conflict', () => {
		const result = assignJurors({
			entries: [entry(12, 1)],
			jurors: [juror(1, [1]), juror(2, [1]), juror(3, [1]), juror(4, [2])],
			conflicts: [[3, 12]],
			fixed: []
		});
		expect(result.assignments).toEqual([
			[1, 12],
			[2, 12]
		]);
		expect(result.problems).toEqual([
			{
				kind: 'shortage',
				entryId: 12,
				categoryName: 'Numérique',
				available: 2,
				message:
					'La catégorie « Numérique » n’a que 2 jurés sans conflit pour la candidature n° 12 : il en faut 3.'
			}
		]);
	});

	it('words the shortage for one juror and for none', () => {
		const messages = assignJurors({
			entries: [entry(5, 2), entry(6, 3)],
			jurors: [juror(1, [2])],
			conflicts: [],
			fixed: [],
			k: 2
		}).problems.map((p) => p.message);
		expect(messages).toEqual([
			'La catégorie « Inclusion » n’a qu’un juré sans conflit pour la candidature n° 5 : il en faut 2.',
			'La catégorie « Climat scolaire » n’a aucun juré sans conflit pour la candidature n° 6 : il en faut 2.'
		]);
	});

	it('counts fixed pairs toward K and in the loads, even outside the juror’s expertise', () => {
		// Juror 3 (expert of category 2 only) is fixed on entry 1 and juror 1 on entry 2 (twice: one
		// pair). Each entry needs one more juror. Entry 2 has fewer available jurors (1 and 2, against
		// 1, 2 and 3 for entry 1), so it goes first and takes juror 2 (load 0 against 1); entry 1 then
		// takes juror 1 (load 1, like juror 2, smaller id).
		const result = assignJurors({
			entries: [entry(1, 1), entry(2, 1)],
			jurors: [juror(1), juror(2), juror(3, [2])],
			conflicts: [],
			fixed: [
				[3, 1],
				[1, 2],
				[1, 2]
			],
			k: 2
		});
		expect(result.assignments).toEqual([
			[1, 1],
			[1, 2],
			[2, 2],
			[3, 1]
		]);
		expect([...result.loads]).toEqual([
			[1, 2],
			[2, 1],
			[3, 1]
		]);
	});

	it('keeps a fixed pair that is a conflict, does not count it toward K, and asks to remove it', () => {
		const result = assignJurors({
			entries: [entry(12)],
			jurors: [juror(1), juror(2)],
			conflicts: [[1, 12]],
			fixed: [[1, 12]],
			k: 1
		});
		expect(result.assignments).toEqual([
			[1, 12],
			[2, 12]
		]);
		expect(result.problems).toEqual([
			{
				kind: 'conflictedFixed',
				entryId: 12,
				categoryName: 'Numérique',
				available: 1,
				jurorId: 1,
				message:
					'Juré 1 a été affecté à la main à la candidature n° 12 alors qu’il a un conflit d’intérêts avec elle : retirez cette affectation.'
			}
		]);
	});

	it('serves the most constrained candidature first so that loads stay even', () => {
		// Entry 2 (Inclusion) can only go to juror 1; entry 1 then goes to juror 2.
		const result = assignJurors({
			entries: [entry(1, 1), entry(2, 2)],
			jurors: [juror(1, [1, 2]), juror(2, [1])],
			conflicts: [],
			fixed: [],
			k: 1
		});
		expect(result.assignments).toEqual([
			[1, 2],
			[2, 1]
		]);
	});

	it('moves an assignment from an overloaded juror when the greedy pass leaves loads uneven', () => {
		// Both entries have 3 available jurors, so entry 1 goes first and takes jurors 1 and 2 (load 0,
		// smallest ids); entry 2 then takes juror 3 (load 0) and juror 1 (load 1, smaller id than 2).
		// Loads 2 1 1 0: the balance pass moves entry 1 from juror 1 to juror 4, the only idle one.
		const result = assignJurors({
			entries: [entry(1, 1), entry(2, 2)],
			jurors: [juror(1, [1, 2]), juror(2), juror(3, [2]), juror(4, [1])],
			conflicts: [],
			fixed: [],
			k: 2
		});
		expect(result.assignments).toEqual([
			[1, 2],
			[2, 1],
			[3, 2],
			[4, 1]
		]);
		expect([...result.loads.values()]).toEqual([1, 1, 1, 1]);
	});

	it('never moves a fixed assignment to even out loads', () => {
		// Juror 1 has 3 candidatures by hand; the 2 others go to jurors 2 and 3, loads stay 3 1 1.
		const result = assignJurors({
			entries: [1, 2, 3, 4, 5].map((id) => entry(id)),
			jurors: [juror(1), juror(2), juror(3)],
			conflicts: [],
			fixed: [
				[1, 1],
				[1, 2],
				[1, 3]
			],
			k: 1
		});
		expect(result.assignments).toEqual([
			[1, 1],
			[1, 2],
			[1, 3],
			[2, 4],
			[3, 5]
		]);
	});

	it('ignores conflicts and fixed pairs naming unknown jurors or candidatures', () => {
		const result = assignJurors({
			entries: [entry(1)],
			jurors: [juror(1)],
			conflicts: [[9, 1]],
			fixed: [[1, 9]],
			k: 1
		});
		expect(result.assignments).toEqual([[1, 1]]);
	});

	it('handles empty inputs', () => {
		expect(assignJurors({ entries: [], jurors: [], conflicts: [], fixed: [] })).toEqual({
			assignments: [],
			loads: new Map(),
			problems: []
		});
		const noJurors = assignJurors({ entries: [entry(1)], jurors: [], conflicts: [], fixed: [] });
		expect(noJurors.problems.map((p) => p.available)).toEqual([0]);
	});

	it('refuses duplicate ids and a K that is not a positive integer', () => {
		const base = { entries: [entry(1)], jurors: [juror(1)], conflicts: [], fixed: [] };
		expect(() => assignJurors({ ...base, entries: [entry(1), entry(1)] })).toThrow(/entry id 1/);
		expect(() => assignJurors({ ...base, jurors: [juror(1), juror(1)] })).toThrow(/juror id 1/);
		expect(() => assignJurors({ ...base, k: 0 })).toThrow(RangeError);
		expect(() => assignJurors({ ...base, k: 1.5 })).toThrow(RangeError);
	});
});
