import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ping } from '../../src/lib/server/db';
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
