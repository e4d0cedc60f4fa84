// Migrations are TypeScript modules in db/migrations, bundled by Vite (import.meta.glob) so that the same
// list runs in development, in the built server and in Vitest.
import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './index';

const modules = import.meta.glob<Migration>('/db/migrations/*.ts', { eager: true });

export const migrations: Record<string, Migration> = Object.fromEntries(
	Object.entries(modules).map(([path, module]) => [
		path.replace(/^.*\//, '').replace(/\.ts$/, ''),
		module
	])
);

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations }
	});
	const result: MigrationResultSet = await migrator.migrateToLatest();
	const failed = result.results?.find((r) => r.status === 'Error');
	if (result.error || failed) {
		const reason = result.error instanceof Error ? result.error.message : String(result.error);
		throw new Error(`La migration ${failed?.migrationName ?? ''} a échoué : ${reason}`);
	}
	return (result.results ?? []).map((r) => r.migrationName);
}
