// The automatic assignment at the scale the jury issue asks for: 10,000 candidatures and 1,000 jurors
// (K = 3; the input is described in fixtures.ts). `npm run bench` measures the same input.
import { bench, describe } from 'vitest';
import { assignJurors } from '../../src/lib/server/jury/assignment';
import { largeAssignmentInput } from './fixtures';

const large = largeAssignmentInput(10_000, 1_000);

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
