// Automatic assignment of jurors to candidatures: K jurors per candidature, none with a conflict of
// interest, each within his expertise, the workload as even as the constraints allow. Pure and
// deterministic: the same input, in any order, gives the same output.
//
// Method: the candidatures with the fewest available jurors are served first, each taking the K
// least-loaded eligible jurors (ties: smallest juror id). Then an improvement pass moves single
// assignments from a juror to an eligible juror with at least 2 fewer, until no such move remains.
// Without conflicts or expertise restrictions this always ends with max load − min load ≤ 1.

/** A candidature to review, with the category its jurors must know. */
export interface AssignmentEntry {
	id: number;
	categoryId: number;
	categoryName: string;
}

/** A juror of the edition; an empty `expertise` means he may review any category. */
export interface AssignmentJuror {
	id: number;
	name: string;
	expertise: readonly number[];
}

/** [jurorId, entryId]. */
export type JurorEntryPair = readonly [jurorId: number, entryId: number];

export interface AssignmentInput {
	entries: readonly AssignmentEntry[];
	jurors: readonly AssignmentJuror[];
	/** Pairs that must not be assigned: declared and automatic conflicts together. */
	conflicts: readonly JurorEntryPair[];
	/**
	 * Pairs set by hand by the organisers: kept as they are and counted in the loads, whatever the
	 * juror's expertise. A fixed pair that is also a conflict is kept too but reported, and it does
	 * not count toward K. Pairs naming an unknown juror or candidature are ignored.
	 */
	fixed: readonly JurorEntryPair[];
	/** Jurors per candidature; 3 by default. */
	k?: number;
}

export interface AssignmentProblem {
	/** 'shortage': fewer than K jurors available; 'conflictedFixed': a fixed pair is a conflict. */
	kind: 'shortage' | 'conflictedFixed';
	entryId: number;
	categoryName: string;
	/** Jurors who may review the candidature: fixed or in its category, without a conflict. */
	available: number;
	/** The juror of a 'conflictedFixed' problem. */
	jurorId?: number;
	/** The French sentence shown to the organisers. */
	message: string;
}

export interface AssignmentResult {
	/** Every assignment, fixed ones included, sorted by juror id then entry id. */
	assignments: [jurorId: number, entryId: number][];
	/** Number of candidatures of each juror (0 included), in juror id order. */
	loads: Map<number, number>;
	/** Sorted by entry id. */
	problems: AssignmentProblem[];
}

const shortageMessage = (category: string, available: number, entryId: number, k: number) => {
	const count =
		available === 0
			? 'n’a aucun juré'
			: available === 1
				? 'n’a qu’un juré'
				: `n’a que ${available} jurés`;
	return `La catégorie « ${category} » ${count} sans conflit pour la candidature n° ${entryId} : il en faut ${k}.`;
};

const conflictedFixedMessage = (juror: string, entryId: number) =>
	`${juror} a été affecté à la main à la candidature n° ${entryId} alors qu’il a un conflit d’intérêts avec elle : retirez cette affectation.`;

function sortedUnique<T extends { id: number }>(items: readonly T[], what: string): T[] {
	const sorted = [...items].sort((a, b) => a.id - b.id);
	sorted.forEach((item, i) => {
		if (i > 0 && sorted[i - 1].id === item.id) throw new Error(`Duplicate ${what} id ${item.id}.`);
	});
	return sorted;
}

/** Assigns K jurors to each candidature; see the top of this file for the method. */
export function assignJurors(input: AssignmentInput): AssignmentResult {
	const k = input.k ?? 3;
	if (!Number.isInteger(k) || k < 1) throw new RangeError('K must be a positive integer.');
	// Internally jurors and entries are indices into these arrays, sorted by id.
	const entries = sortedUnique(input.entries, 'entry');
	const jurors = sortedUnique(input.jurors, 'juror');
	const entryIndex = new Map(entries.map((e, i) => [e.id, i]));
	const jurorIndex = new Map(jurors.map((j, i) => [j.id, i]));
	const expertise = jurors.map((j) => (j.expertise.length ? new Set(j.expertise) : null));
	const competent = (j: number, e: number) =>
		!expertise[j] || expertise[j].has(entries[e].categoryId);

	const competentByCategory = new Map<number, number[]>();
	for (const e of entries) {
		if (competentByCategory.has(e.categoryId)) continue;
		competentByCategory.set(
			e.categoryId,
			jurors.flatMap((_, j) => (!expertise[j] || expertise[j].has(e.categoryId) ? [j] : []))
		);
	}
	const candidatesOf = (e: number) => competentByCategory.get(entries[e].categoryId)!;

	const conflicted = entries.map(() => new Set<number>());
	for (const [jurorId, entryId] of input.conflicts) {
		const j = jurorIndex.get(jurorId);
		const e = entryIndex.get(entryId);
		if (j !== undefined && e !== undefined) conflicted[e].add(j);
	}

	// onEntry[e]: jurors of e; free[j]: the entries of j the improvement pass may move.
	const onEntry = entries.map(() => new Set<number>());
	const free = jurors.map(() => new Set<number>());
	const loads = new Int32Array(jurors.length);
	for (const [jurorId, entryId] of input.fixed) {
		const j = jurorIndex.get(jurorId);
		const e = entryIndex.get(entryId);
		if (j === undefined || e === undefined || onEntry[e].has(j)) continue;
		onEntry[e].add(j);
		loads[j]++;
	}

	const problems: AssignmentProblem[] = [];
	const plan = entries.map((entry, e) => {
		const fixedClean = [...onEntry[e]].filter((j) => !conflicted[e].has(j)).length;
		let barredCompetent = 0; // competent jurors who cannot be added: conflicted or already there
		for (const j of new Set([...conflicted[e], ...onEntry[e]])) {
			if (competent(j, e)) barredCompetent++;
		}
		const available = fixedClean + candidatesOf(e).length - barredCompetent;
		for (const j of onEntry[e]) {
			if (!conflicted[e].has(j)) continue;
			problems.push({
				kind: 'conflictedFixed',
				entryId: entry.id,
				categoryName: entry.categoryName,
				available,
				jurorId: jurors[j].id,
				message: conflictedFixedMessage(jurors[j].name, entry.id)
			});
		}
		return { e, fixedClean, available };
	});

	// Greedy: most constrained candidatures first, each taking its least-loaded eligible jurors.
	const order = [...plan].sort((a, b) => a.available - b.available || a.e - b.e);
	const chosen: number[] = [];
	const barred = new Int32Array(jurors.length); // barred[j] === e + 1: j may not be added to e
	for (const { e, fixedClean, available } of order) {
		const need = k - fixedClean;
		if (need > 0) {
			for (const j of conflicted[e]) barred[j] = e + 1;
			for (const j of onEntry[e]) barred[j] = e + 1;
			leastLoaded(candidatesOf(e), need, loads, barred, e + 1, chosen);
			for (const j of chosen) {
				onEntry[e].add(j);
				free[j].add(e);
				loads[j]++;
			}
		}
		if (available < k) {
			const entry = entries[e];
			problems.push({
				kind: 'shortage',
				entryId: entry.id,
				categoryName: entry.categoryName,
				available,
				message: shortageMessage(entry.categoryName, available, entry.id, k)
			});
		}
	}

	improveBalance(
		loads,
		free,
		onEntry,
		conflicted,
		(e) => entries[e].categoryId,
		competentByCategory
	);

	const assignments: [number, number][] = [];
	onEntry.forEach((js, e) => js.forEach((j) => assignments.push([jurors[j].id, entries[e].id])));
	assignments.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	problems.sort(
		(a, b) =>
			a.entryId - b.entryId || a.kind.localeCompare(b.kind) || (a.jurorId ?? 0) - (b.jurorId ?? 0)
	);
	return {
		assignments,
		loads: new Map(jurors.map((j, i) => [j.id, loads[i]])),
		problems
	};
}

/**
 * Fills `chosen` with the `need` jurors of `candidates` (ascending indices) of smallest load, then
 * smallest index, skipping those with barred[j] === stamp. A plain scan: fast enough for 1,000
 * jurors, and kept apart so that the engine optimises this hot loop on its own.
 */
function leastLoaded(
	candidates: readonly number[],
	need: number,
	loads: Int32Array,
	barred: Int32Array,
	stamp: number,
	chosen: number[]
) {
	chosen.length = 0;
	for (let c = 0; c < candidates.length; c++) {
		const j = candidates[c];
		if (barred[j] === stamp) continue;
		const load = loads[j];
		if (chosen.length === need && load >= loads[chosen[need - 1]]) continue;
		// Insert j keeping `chosen` sorted by load, then index (j is larger than those before).
		let at = Math.min(chosen.length, need - 1);
		while (at > 0 && loads[chosen[at - 1]] > load) at--;
		chosen.splice(at, 0, j);
		if (chosen.length > need) chosen.pop();
	}
}

/**
 * Moves single non-fixed assignments from a juror to an eligible juror with at least 2 fewer
 * candidatures (the least loaded such juror, then the smallest id), until a whole pass finds no
 * move. Each move lowers Σ load² by at least 2, so this ends. Within a pass, receivers are looked
 * for among the jurors light at its start only; the last pass, moving nothing, checks them all.
 */
function improveBalance(
	loads: Int32Array,
	free: Set<number>[],
	onEntry: Set<number>[],
	conflicted: Set<number>[],
	categoryOf: (e: number) => number,
	competentByCategory: ReadonlyMap<number, readonly number[]>
) {
	const jurorIndices = free.map((_, j) => j);
	for (let moved = true; moved;) {
		moved = false;
		let minLoad = Infinity;
		let maxLoad = -Infinity;
		for (const load of loads) {
			minLoad = Math.min(minLoad, load);
			maxLoad = Math.max(maxLoad, load);
		}
		if (maxLoad - minLoad < 2) return;
		const donors = jurorIndices
			.filter((j) => loads[j] >= minLoad + 2)
			.sort((a, b) => loads[b] - loads[a] || a - b);
		const light = new Map<number, number[]>(); // by category, jurors with load ≤ maxLoad − 2
		const receiversOf = (category: number) => {
			let receivers = light.get(category);
			if (!receivers) {
				receivers = competentByCategory.get(category)!.filter((j) => loads[j] <= maxLoad - 2);
				light.set(category, receivers);
			}
			return receivers;
		};
		for (const a of donors) {
			for (const e of [...free[a]].sort((x, y) => x - y)) {
				let best = -1;
				for (const b of receiversOf(categoryOf(e))) {
					if (loads[b] > loads[a] - 2 || (best >= 0 && loads[b] >= loads[best])) continue;
					if (!conflicted[e].has(b) && !onEntry[e].has(b)) best = b;
				}
				if (best < 0) continue;
				onEntry[e].delete(a);
				free[a].delete(e);
				loads[a]--;
				onEntry[e].add(best);
				free[best].add(e);
				loads[best]++;
				moved = true;
			}
		}
	}
}
