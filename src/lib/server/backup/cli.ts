// Entry point of `npm run db:backup -- FILE` and `npm run db:restore -- FILE [--remplacer]` (see
// db/backup.js). The database is the server's: DATABASE_URL (PostgreSQL), else the PGlite folder
// PGLITE_DATA_DIR (default ./data). Every refusal is a French message and exit code 1.
import { resolve } from 'node:path';
import { DataDirLockedError } from '../db/data-dir-lock';
import { BackupError, backupDatabase, restoreDatabase, type BackupTarget } from './index';

export type Mode = 'backup' | 'restore';

export const USAGE: Record<Mode, string> = {
	backup:
		'Usage : npm run db:backup -- FICHIER\n' +
		'  Sauvegarde la base de DATABASE_URL (PostgreSQL, avec pg_dump) ou, sans DATABASE_URL, le dossier\n' +
		'  PGlite PGLITE_DATA_DIR (./data par défaut), serveur arrêté. Le fichier ne doit pas exister.',
	restore:
		'Usage : npm run db:restore -- FICHIER [--remplacer]\n' +
		'  Restaure une sauvegarde dans la base de DATABASE_URL (PostgreSQL ; une sauvegarde PGlite y est\n' +
		'  aussi acceptée : c’est le passage de PGlite à PostgreSQL) ou, sans DATABASE_URL, dans le dossier\n' +
		'  PGlite PGLITE_DATA_DIR. La base doit être vide ; --remplacer efface d’abord son contenu.'
};

/** Runs the command; answers the exit code. */
export async function main(mode: Mode, argv: readonly string[]): Promise<number> {
	const files: string[] = [];
	let replace = false;
	for (const arg of argv) {
		if (arg === '--aide' || arg === '--help' || arg === '-h') {
			console.info(USAGE[mode]);
			return 0;
		}
		if (mode === 'restore' && (arg === '--remplacer' || arg === '--force')) replace = true;
		else if (arg.startsWith('-')) return usageError(mode, `Option inconnue : ${arg}.`);
		else files.push(arg);
	}
	if (files.length !== 1)
		return usageError(
			mode,
			files.length === 0 ? 'Indiquez le fichier de sauvegarde.' : 'Un seul fichier à la fois.'
		);

	const target = targetFromEnv(process.env);
	if (typeof target === 'string') {
		console.error(target);
		return 1;
	}
	const log = (line: string) => console.info(line);
	try {
		if (mode === 'backup') await backupDatabase(target, files[0], log);
		else await restoreDatabase(target, files[0], { replace }, log);
		return 0;
	} catch (error) {
		if (error instanceof DataDirLockedError)
			console.error(
				`${error.message}\n` +
					(mode === 'backup'
						? 'Une sauvegarde PGlite se fait serveur arrêté : arrêtez-le, sauvegardez, puis relancez-le.'
						: 'Une restauration se fait serveur arrêté.')
			);
		else if (error instanceof BackupError) console.error(error.message);
		else
			console.error(
				`${mode === 'backup' ? 'La sauvegarde' : 'La restauration'} a échoué : ` +
					(error instanceof Error ? error.message : String(error))
			);
		return 1;
	}
}

function usageError(mode: Mode, problem: string): number {
	console.error(`${problem}\n${USAGE[mode]}`);
	return 1;
}

/** The database of the environment, or a French message when DATABASE_URL is not a postgres URL. */
export function targetFromEnv(env: Record<string, string | undefined>): BackupTarget | string {
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	if (databaseUrl !== undefined) {
		let protocol = '';
		try {
			protocol = new URL(databaseUrl).protocol;
		} catch {
			// reported below
		}
		if (protocol !== 'postgres:' && protocol !== 'postgresql:')
			return 'DATABASE_URL doit être une URL postgres://utilisateur:motdepasse@hôte:port/base.';
	}
	return {
		databaseUrl,
		dataDir: resolve(env.PGLITE_DATA_DIR?.trim() || './data'),
		secretKey: env.SECRET_KEY?.trim() || undefined
	};
}
