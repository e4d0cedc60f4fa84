// The application's one database handle, opened by the server's init hook.
import { config } from '../config';
import { openDatabase, type DatabaseHandle, type Db } from './index';
import { migrateToLatest } from './migrate';
import { onShutdown } from '../shutdown';
import { logger } from '../log.js';

let handle: DatabaseHandle | undefined;
let opening: Promise<DatabaseHandle> | undefined;

/** Opens the configured database and brings its schema up to date (once per process). */
export function startDatabase(): Promise<DatabaseHandle> {
	opening ??= (async () => {
		const { databaseUrl, pgliteDataDir } = config();
		const opened = await openDatabase({
			databaseUrl,
			dataDir: pgliteDataDir,
			onConnectionLost: (error) =>
				logger.warn(
					{ err: error },
					'PostgreSQL : une connexion inactive a été perdue ; la suivante sera rouverte.'
				)
		});
		await migrateToLatest(opened.db);
		handle = opened;
		// Closed last when the server stops (opened first): the pool's connections, or PGlite's files.
		onShutdown('base de données fermée', () => opened.close());
		return opened;
	})();
	return opening;
}

export function appDatabase(): DatabaseHandle {
	if (!handle) throw new Error('La base de données n’est pas encore ouverte.');
	return handle;
}

/** The application's Kysely instance. */
export function db(): Db {
	return appDatabase().db;
}
