// The maintenance's VACUUM and ANALYZE: on PGlite, which has no autovacuum, the rounds give the planner
// its statistics and set the visibility map (without which an index-only scan still reads the table);
// on PostgreSQL they leave both to autovacuum.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	isPGlite,
	maintainPGlite,
	refreshStatistics,
	runMaintenance
} from '../../src/lib/server/maintenance';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ORIGIN = 'http://localhost:3000';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t?.close();
});

/** What the catalogue says of a table: rows and pages as last counted, visibility map, statistics. */
async function catalogue(table: string) {
	const { rows } = await sql<{
		tuples: number;
		pages: number;
		all_visible: number;
		columns: number | string;
	}>`select c.reltuples as tuples, c.relpages as pages, c.relallvisible as all_visible,
			(select count(*) from pg_stats s
				where s.schemaname = current_schema() and s.tablename = c.relname) as columns
		from pg_class c where c.oid = to_regclass(${table})`.execute(t.db);
	const row = rows[0];
	return {
		tuples: Number(row.tuples),
		pages: Number(row.pages),
		allVisible: Number(row.all_visible),
		columnsWithStatistics: Number(row.columns)
	};
}

/** Recent failed log-ins (kept by the maintenance, which deletes those older than a day). */
async function addFailures(count: number, now: Date) {
	await t.db
		.insertInto('auth_failures')
		.values(
			Array.from({ length: count }, (_, i) => ({
				scope: 'login:email',
				key: `personne-${i % 37}@exemple.fr`,
				at: now
			}))
		)
		.execute();
}

describe(`maintenance: VACUUM and ANALYZE (${process.env.TEST_DB})`, () => {
	it('tells PGlite from PostgreSQL', async () => {
		expect(await isPGlite(t.db)).toBe(t.kind === 'pglite');
	});

	// One test per database, registered only where it applies (not skipped elsewhere).
	if (process.env.TEST_DB !== 'postgres')
		it('on PGlite, gives a changed table its statistics and visibility map, and leaves it alone after', async () => {
			const now = new Date();
			await addFailures(500, now);
			// Never analysed nor vacuumed: the planner guesses, an index-only scan reads the table.
			expect(await catalogue('auth_failures')).toMatchObject({
				tuples: -1,
				allVisible: 0,
				columnsWithStatistics: 0
			});

			await runMaintenance(t.db, now, ORIGIN);
			const done = await catalogue('auth_failures');
			expect(done.tuples).toBe(500);
			expect(done.pages).toBeGreaterThan(0);
			expect(done.allVisible).toBe(done.pages);
			// id, scope, key, at.
			expect(done.columnsWithStatistics).toBe(4);

			// Unchanged since: the next round does not touch it.
			expect((await refreshStatistics(t.db)).map((d) => d.table)).not.toContain('auth_failures');

			// Grown far beyond its statistics: done again, both.
			await addFailures(1500, now);
			expect(await maintainPGlite(t.db)).toContainEqual({
				table: 'auth_failures',
				vacuum: true,
				analyze: true
			});
			const again = await catalogue('auth_failures');
			expect(again.tuples).toBe(2000);
			expect(again.allVisible).toBe(again.pages);
		});

	if (process.env.TEST_DB === 'postgres')
		it('on PostgreSQL, leaves VACUUM and ANALYZE to autovacuum', async () => {
			const now = new Date();
			// Fewer rows than autovacuum's insert threshold (1,000): it does not vacuum them either.
			await addFailures(500, now);
			expect(await maintainPGlite(t.db)).toEqual([]);
			await runMaintenance(t.db, now, ORIGIN);
			expect((await catalogue('auth_failures')).allVisible).toBe(0);
		});
});
