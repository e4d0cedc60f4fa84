// One database for the app: PostgreSQL through a pg Pool when DATABASE_URL is set, otherwise embedded
// PGlite behind the same pg Pool interface (its node-postgres adapter), so every query takes one code path.
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, isDataFolder } from './data-dir-lock';
import { noteQuery, queryCountEnabled } from './query-count';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
	db: Db;
	kind: DatabaseKind;
	close(): Promise<void>;
}

// Dates and timestamps come back as JavaScript Dates (pg's default); bigint counts as numbers when safe.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
	const n = Number(value);
	return Number.isSafeInteger(n) ? n : value;
});

// Benchmarks only (BENCH_QUERY_COUNT=1): every query is counted for the request that runs it.
const log = queryCountEnabled()
	? (event: LogEvent) => noteQuery(event.queryDurationMillis)
	: undefined;

/**
 * Opens PostgreSQL when a URL is given, else PGlite in `dataDir` (`memory://` for a throw-away one). A
 * PGlite folder is locked for this process until `close()` (data-dir-lock.ts): a folder already open
 * in another process throws DataDirLockedError, with a French message naming that process.
 */
export async function openDatabase(options: {
	databaseUrl?: string;
	dataDir?: string;
	poolSize?: number;
	/**
	 * PostgreSQL ended an idle connection of the pool (restart, pg_terminate_backend, failover): the
	 * pool drops it and opens another on the next query. Without a listener, pg's 'error' event would
	 * crash the process. Defaults to a warning on the console.
	 */
	onConnectionLost?: (error: Error) => void;
}): Promise<DatabaseHandle> {
	if (options.databaseUrl) {
		const pool = new pg.Pool({
			connectionString: options.databaseUrl,
			max: options.poolSize ?? 10
		});
		pool.on(
			'error',
			options.onConnectionLost ??
				((error) =>
					console.warn(`PostgreSQL : une connexion inactive a été perdue (${error.message}).`))
		);
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
		return { db, kind: 'postgres', close: () => db.destroy() };
	}
	const dataDir = options.dataDir ?? 'memory://';
	const lock = isDataFolder(dataDir) ? acquireDataDirLock(dataDir) : undefined;
	let pglite: PGlite;
	try {
		pglite = await PGlite.create(dataDir);
		// PGlite is one session, with no checkpointer: WAL segments freed by a checkpoint would be kept
		// as renamed "future" segments (hundreds of MB after a bulk load); removed instead, the folder
		// keeps only the WAL it needs. (A superuser setting of the session, so the shutdown checkpoint
		// of close() follows it too.)
		if (lock) await pglite.exec('set wal_recycle = off');
	} catch (error) {
		lock?.release();
		throw error;
	}
	const pool = new pg.Pool(createPgConfig(pglite));
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
	return {
		db,
		kind: 'pglite',
		close: async () => {
			try {
				await db.destroy();
				await pglite.close();
			} finally {
				lock?.release();
			}
		}
	};
}

/** Checks that the database answers; used by the health endpoint. */
export async function ping(db: Db): Promise<boolean> {
	const row = await sql<{ ok: number }>`select 1 as ok`.execute(db);
	return row.rows[0]?.ok === 1;
}
