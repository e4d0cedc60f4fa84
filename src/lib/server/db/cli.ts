// Entry point of `npm run db:migrate` (see db/migrate.js).
import { loadConfig } from '../config';
import { openDatabase } from './index';
import { migrateToLatest } from './migrate';

export async function runMigrations(): Promise<void> {
	const config = loadConfig();
	const handle = await openDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.pgliteDataDir
	});
	try {
		const applied = await migrateToLatest(handle.db);
		const where = handle.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.pgliteDataDir})`;
		console.info(
			applied.length
				? `Migrations appliquées sur ${where} : ${applied.join(', ')}`
				: `Base à jour sur ${where} : aucune migration à appliquer.`
		);
	} finally {
		await handle.close();
	}
}
