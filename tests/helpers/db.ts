// A fresh, migrated database for one test file: in-memory PGlite, or (TEST_DB=postgres) a new database
// created on the TEST_DATABASE_URL server and dropped afterwards.
import { createPostgresDatabase, dropPostgresDatabase } from './postgres';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { workflowInvariantViolations } from './invariants';
import { registerDatabase } from './open-databases';

export type TestDatabase = DatabaseHandle & { name: string };

/**
 * A fresh database for one test file. Closing it first checks the workflow's invariants (states agree
 * with the event log, chains verify…) and fails the file when one is broken — unless the file breaks
 * them on purpose (`checkInvariants: false`, e.g. to test that tampering is detected). A database the
 * file does not close is checked and closed after its last test all the same (tests/setup/invariants.ts).
 */
export async function createTestDatabase(
	options: { checkInvariants?: boolean } = {}
): Promise<TestDatabase> {
	const handle = await openTestDatabase();
	const check = options.checkInvariants !== false;
	const close = registerDatabase({
		label: `base de test ${handle.name}${check ? '' : ' (invariants non vérifiés)'}`,
		checkAndClose: check ? () => checkThenClose(handle) : handle.close
	});
	return { ...handle, close };
}

/** Checks the workflow's invariants, closes the database whatever happens, throws if one is broken. */
async function checkThenClose(handle: DatabaseHandle): Promise<void> {
	let problems: string[];
	try {
		problems = await workflowInvariantViolations(handle.db);
	} finally {
		await handle.close();
	}
	if (problems.length > 0)
		throw new Error(`Invariants du workflow violés :\n${problems.join('\n')}`);
}

/**
 * Checks the workflow's invariants on a database a server process used (a PGlite folder or a
 * PostgreSQL URL), once that process has stopped; nothing to check if it was never migrated.
 */
export async function checkInvariantsAt(
	where: { dataDir: string } | { databaseUrl: string }
): Promise<void> {
	const handle = await openDatabase(where);
	let migrated: boolean;
	try {
		const found = await sql<{
			events: string | null;
		}>`select to_regclass('public.events')::text as events`.execute(handle.db);
		migrated = found.rows[0]?.events != null;
	} catch (error) {
		await handle.close();
		throw error;
	}
	if (migrated) await checkThenClose(handle);
	else await handle.close();
}

async function openTestDatabase(): Promise<TestDatabase> {
	if (process.env.TEST_DB === 'postgres') {
		const adminUrl = process.env.TEST_DATABASE_URL;
		if (!adminUrl) throw new Error('TEST_DATABASE_URL est requis pour les tests sur PostgreSQL.');
		const { name, url } = await createPostgresDatabase(adminUrl, 'impulsions_test');
		const handle = await openDatabase({ databaseUrl: url, poolSize: 5 });
		await migrateToLatest(handle.db);
		return {
			...handle,
			name,
			close: async () => {
				await handle.close();
				await dropPostgresDatabase(adminUrl, name);
			}
		};
	}
	const handle = await openDatabase({ dataDir: 'memory://' });
	await migrateToLatest(handle.db);
	return { ...handle, name: 'pglite' };
}
