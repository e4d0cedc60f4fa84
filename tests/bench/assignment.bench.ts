// The automatic assignment at the scale the jury issue asks for: 10,000 candidatures and 1,000 jurors
// (K = 3, three categories, a third of the jurors with one category of expertise, 2 % of the pairs
// conflicted by établissement-like clusters). Deterministic input: the same figures from run to run.
import { bench, describe } from 'vitest';
import {
	assignJurors,
	type AssignmentInput,
	type JurorEntryPair
} from '../../src/lib/server/jury/assignment';

function largeEdition(entries: number, jurors: number): AssignmentInput {
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

const large = largeEdition(10_000, 1_000);

describe('automatic assignment', () => {
	bench(
		'10 000 candidatures × 1 000 jurés, K = 3',
		() => {
			const result = assignJurors(large);
			if (result.assignments.length !== 30_000) throw new Error('incomplete assignment');
		},
		{ iterations: 3, warmupIterations: 1 }
	);
});
