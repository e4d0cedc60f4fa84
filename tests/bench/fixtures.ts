// Inputs shared by the vitest benches (*.bench.ts) and `npm run bench` (run.ts).
import type { AssignmentInput, JurorEntryPair } from '../../src/lib/server/jury/assignment';

/**
 * The automatic assignment at the scale the jury issue asks for: `entries` candidatures and `jurors`
 * jurors (K = 3, three categories, a third of the jurors with one category of expertise, 2 % of the
 * pairs conflicted by établissement-like clusters). Deterministic: the same figures from run to run.
 */
export function largeAssignmentInput(entries: number, jurors: number): AssignmentInput {
	const categories = ['Simplification', 'Projet innovant', 'Prix spécial'];
	const conflicts: JurorEntryPair[] = [];
	// Each juror is conflicted with the candidatures of « his » établissement: one in 50.
	for (let j = 1; j <= jurors; j++)
		for (let e = j % 50; e < entries; e += 50 * 20) if (e > 0) conflicts.push([j, e]);
	return {
		entries: Array.from({ length: entries }, (_, i) => ({
			id: i + 1,
			categoryId: (i % 3) + 1,
			categoryName: categories[i % 3]
		})),
		jurors: Array.from({ length: jurors }, (_, i) => ({
			id: i + 1,
			name: `Juré ${i + 1}`,
			expertise: i % 3 === 0 ? [(i % 9) / 3 + 1] : []
		})),
		conflicts,
		fixed: [],
		k: 3
	};
}
