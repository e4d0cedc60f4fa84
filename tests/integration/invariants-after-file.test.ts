// The workflow's invariants are checked on every database a test file opened, after its last test
// (tests/setup/invariants.ts, a `setupFiles` entry of both integration projects), even when the file
// forgets to close it; a server process still running is stopped first. Here the end-of-file check
// (checkAndCloseAll) is called by the tests themselves, on databases broken on purpose, so that the
// file ends with nothing left open. Each test opens and migrates a database of its own (hence 120 s on
// a busy 2-core machine).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { createTestDatabase } from '../helpers/db';
import {
	checkAndCloseAll,
	endOfFileCheckInstalled,
	openDatabases
} from '../helpers/open-databases';
import { serverDatabaseEnv, startServer } from '../helpers/server-process';

const BROKEN = /edition \d+: version 3 but 0 events/;

/** An edition whose version counts 3 events it does not have. */
async function breakInvariants(db: Db): Promise<void> {
	const { id } = await db
		.insertInto('editions')
		.values({ year: 2031, title: 'Prix Impulsions 2031' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.updateTable('editions').set({ version: 3 }).where('id', '=', id).execute();
}

describe('invariants after every integration test file', () => {
	it('runs for this file: tests/setup/invariants.ts is one of its setupFiles', () => {
		expect(endOfFileCheckInstalled()).toBe(true);
	});

	it('a database the file forgot to close is checked, fails the file and is closed', async () => {
		const t = await createTestDatabase();
		await breakInvariants(t.db);
		expect(openDatabases()).toHaveLength(1);
		await expect(checkAndCloseAll()).rejects.toThrow(BROKEN);
		expect(openDatabases()).toEqual([]);
	}, 120_000);

	it('a database the file closes is checked when it closes, and only then', async () => {
		const t = await createTestDatabase();
		await breakInvariants(t.db);
		await expect(t.close()).rejects.toThrow(/Invariants du workflow violés/);
		expect(openDatabases()).toEqual([]);
		await expect(checkAndCloseAll()).resolves.toBeUndefined();
	}, 120_000);

	it('a database opened with checkInvariants: false is closed without a check', async () => {
		const t = await createTestDatabase({ checkInvariants: false });
		await breakInvariants(t.db);
		await expect(checkAndCloseAll()).resolves.toBeUndefined();
		expect(openDatabases()).toEqual([]);
	}, 120_000);

	it('a server database (serverDatabaseEnv) left behind is checked, then removed', async () => {
		const database = await serverDatabaseEnv();
		// What a server process would have left there.
		const handle = await openDatabase(
			database.env.DATABASE_URL
				? { databaseUrl: database.env.DATABASE_URL }
				: { dataDir: database.env.PGLITE_DATA_DIR }
		);
		try {
			await migrateToLatest(handle.db);
			await breakInvariants(handle.db);
		} finally {
			await handle.close();
		}
		expect(openDatabases()).toHaveLength(1);
		await expect(checkAndCloseAll()).rejects.toThrow(BROKEN);
		expect(openDatabases()).toEqual([]);
		if (database.kind === 'pglite') expect(existsSync(database.env.PGLITE_DATA_DIR)).toBe(false);
	}, 120_000);

	it('a server process left running is stopped before its database is checked and removed', async () => {
		const server = await startServer({ env: { DEMO_DATA: 'false' } });
		expect(openDatabases()).toHaveLength(1);
		await expect(checkAndCloseAll()).resolves.toBeUndefined();
		expect(server.child.exitCode ?? server.child.signalCode).not.toBeNull();
		expect(openDatabases()).toEqual([]);
	}, 120_000);
});
