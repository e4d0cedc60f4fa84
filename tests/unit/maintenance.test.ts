// Which tables the PGlite maintenance vacuums and analyses (autovacuum's rules, with what PGlite keeps).
import { describe, expect, it } from 'vitest';
import { statisticsWork, type TableStatistics } from '../../src/lib/server/maintenance';

/** A table of 1,000 rows on 10 pages, vacuumed and analysed, unchanged since. */
const settled: TableStatistics = {
	table: 'entries',
	tuples: 1000,
	pages: 10,
	allVisible: 10,
	pagesNow: 10,
	deadTuples: 0,
	insertedSinceVacuum: 0,
	modifiedSinceAnalyze: 0
};
const work = (change: Partial<TableStatistics>) => statisticsWork({ ...settled, ...change });

describe('PGlite maintenance: what needs VACUUM or ANALYZE', () => {
	it('leaves a settled table alone, and an empty one', () => {
		expect(work({})).toEqual({ vacuum: false, analyze: false });
		expect(work({ tuples: -1, pages: 0, allVisible: 0, pagesNow: 0 })).toEqual({
			vacuum: false,
			analyze: false
		});
	});

	it('does both on a table never vacuumed nor analysed (a freshly filled database)', () => {
		expect(work({ tuples: -1, pages: 0, allVisible: 0 })).toEqual({ vacuum: true, analyze: true });
	});

	it('vacuums a table analysed but never vacuumed (the seed runs ANALYZE only)', () => {
		expect(work({ allVisible: 0 })).toEqual({ vacuum: true, analyze: false });
		expect(work({ allVisible: 8 })).toEqual({ vacuum: false, analyze: false });
		expect(work({ allVisible: 7 })).toEqual({ vacuum: true, analyze: false });
	});

	it('follows the changes counted since the database was opened, at autovacuum’s thresholds', () => {
		// VACUUM: dead or inserted rows above 50 + 20 % of the rows (250 here).
		expect(work({ deadTuples: 250 })).toEqual({ vacuum: false, analyze: false });
		expect(work({ deadTuples: 200, insertedSinceVacuum: 51 })).toEqual({
			vacuum: true,
			analyze: false
		});
		// ANALYZE: changed rows above 50 + 10 % (150 here).
		expect(work({ modifiedSinceAnalyze: 150 })).toEqual({ vacuum: false, analyze: false });
		expect(work({ modifiedSinceAnalyze: 151 })).toEqual({ vacuum: false, analyze: true });
	});

	it('sees the changes made before a restart in the size of the table', () => {
		// PGlite forgets its activity counts when it closes: a table grown by more than 20 % (and a
		// page) since its statistics is done again.
		expect(work({ pagesNow: 12 })).toEqual({ vacuum: false, analyze: false });
		expect(work({ pagesNow: 14 })).toEqual({ vacuum: true, analyze: true });
		// Grown less, but its visibility map now covers under 80 % of it.
		expect(work({ pagesNow: 13 })).toEqual({ vacuum: true, analyze: false });
		expect(work({ tuples: 0, pages: 0, allVisible: 0, pagesNow: 2 })).toEqual({
			vacuum: true,
			analyze: true
		});
	});
});
