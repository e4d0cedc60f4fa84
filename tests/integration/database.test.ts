import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, ping } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t?.close();
});

describe(`database (${process.env.TEST_DB})`, () => {
	it('answers a ping', async () => {
		expect(await ping(t.db)).toBe(true);
	});

	it('is of the kind the test asked for', () => {
		expect(t.kind).toBe(process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');
	});

	it('applies migrations once: a second run has nothing to do', async () => {
		expect(await migrateToLatest(t.db)).toEqual([]);
	});

	it('rolls a failed transaction back', async () => {
		await expect(
			t.db.transaction().execute(async (trx) => {
				await trx.insertInto('editions').values({ year: 1999, title: 'Annulée' }).execute();
				throw new Error('abandon');
			})
		).rejects.toThrow('abandon');
		const row = await t.db
			.selectFrom('editions')
			.where('year', '=', 1999)
			.selectAll()
			.executeTakeFirst();
		expect(row).toBeUndefined();
	});

	it('refuses an e-mail address stored with capitals', async () => {
		await expect(
			sql`insert into users (email, name, password_hash) values ('A@b.fr', 'A', 'x')`.execute(t.db)
		).rejects.toThrow();
	});
});

// PostgreSQL may end an idle connection of the pool (a restart, pg_terminate_backend, a failover): the
// pool emits 'error', which crashed the whole server while nothing listened. The connection is dropped,
// the loss reported, and the next query opens a new one.
// PGlite has no connection to lose: the case exists on PostgreSQL only (registered, not skipped).
if (process.env.TEST_DB === 'postgres')
	describe('PostgreSQL connections lost while idle', () => {
		it('are reported and replaced, without an uncaught error', async () => {
			const lost: Error[] = [];
			const own = await openDatabase({
				databaseUrl: databaseUrl(t.name),
				poolSize: 2,
				onConnectionLost: (error) => lost.push(error)
			});
			try {
				expect(await ping(own.db)).toBe(true);
				const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(own.db))
					.rows[0].pid;
				await sql`select pg_terminate_backend(${pid})`.execute(t.db);
				for (let i = 0; i < 50 && lost.length === 0; i++)
					await new Promise((r) => setTimeout(r, 20));
				expect(lost.length).toBe(1);
				expect(await ping(own.db)).toBe(true);
			} finally {
				await own.close();
			}
		});
	});

function databaseUrl(name: string): string {
	const url = new URL(process.env.TEST_DATABASE_URL ?? '');
	url.pathname = `/${name}`;
	return url.toString();
}
