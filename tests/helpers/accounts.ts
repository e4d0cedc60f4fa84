// Shared by the tests of the organiser role (installation, organisers): an empty set of accounts before
// each test, and a warmed pool for the races.
import { sql } from 'kysely';
import type { Db } from '../../src/lib/server/db';

/** Deletes every account and what hangs on it (the append-only account log included). */
export async function clearAccounts(db: Db): Promise<void> {
	await sql`alter table account_events disable trigger user`.execute(db);
	for (const table of [
		'account_events',
		'installation_links',
		'invitations',
		'sessions',
		'outbox'
	] as const)
		await db.deleteFrom(table).execute();
	await db.deleteFrom('users').execute();
	await sql`alter table account_events enable trigger user`.execute(db);
}

/**
 * Opens the pool's connections beforehand (PostgreSQL), so that the calls raced afterwards really run
 * at the same time instead of one finishing while the other is still connecting. On PGlite, which has
 * one connection, transactions run one after the other anyway.
 */
export async function warmPool(db: Db): Promise<void> {
	await Promise.all(Array.from({ length: 5 }, () => sql`select pg_sleep(0.05)`.execute(db)));
}
