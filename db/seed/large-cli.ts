// `npm run seed:large -- --entries 10000 --jurors 1000 [--seed 1] [--year 2026] [--reset]`: fills the
// database of DATABASE_URL, else the PGlite folder PGLITE_DATA_DIR (default ./data), with the large
// edition of large.ts. Run through Vite (db/seed/large-run.js) so that the application's modules load
// as they are.
//
// Safe by default: a database that already holds data is refused, with the way to go on. With
// --reset, a PGlite folder is emptied (only when it is one: it holds PG_VERSION; secret.key is kept,
// so certificate codes stay verifiable by the server that uses it) and a PostgreSQL database has its
// `public` schema dropped and created again — everything in it is lost, which is what --reset says.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig, type Config } from '../../src/lib/server/config';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { LARGE_PASSWORD, seedLarge, type LargeSeedReport } from './large';
import {
	LARGE_SEED_USAGE,
	formatInteger,
	parseLargeSeedArgs,
	type LargeSeedOptions
} from './large-options';

/** Runs the command; answers the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
	const parsed = parseLargeSeedArgs(argv);
	if (!parsed.ok) {
		console.error(parsed.error);
		return 2;
	}
	if (parsed.help) {
		console.info(LARGE_SEED_USAGE);
		return 0;
	}
	const config = loadConfig();
	const where = config.databaseUrl
		? `PostgreSQL (${redactUrl(config.databaseUrl)})`
		: `PGlite (${config.pgliteDataDir})`;
	let handle = await openMigrated(config);
	try {
		if (!(await isEmptyDatabase(handle))) {
			if (!parsed.reset) {
				console.error(
					`La base ${where} contient déjà des données : la grande édition se crée dans une base vide.\n` +
						'Relancez avec --reset pour la vider d’abord (tout son contenu sera perdu), ' +
						'ou indiquez une autre base (DATABASE_URL, ou PGLITE_DATA_DIR=./autre-dossier).'
				);
				return 1;
			}
			console.info(`Remise à zéro de ${where}…`);
			handle = await resetDatabase(handle, config);
		}
		console.info(
			`Grande édition : ${formatInteger(parsed.options.entries)} candidatures, ` +
				`${formatInteger(parsed.options.jurors)} jurés (graine ${parsed.options.seed}, ` +
				`année ${parsed.options.year}) dans ${where}`
		);
		const report = await seedLarge(handle.db, parsed.options, (line) => console.info(line));
		// The bulk load's WAL goes into the data files now, and PGlite removes the segments it no longer
		// needs (openDatabase turns WAL recycling off), so the folder does not keep hundreds of MB of WAL.
		if (handle.kind === 'pglite') await sql`checkpoint`.execute(handle.db);
		console.info(describeReport(report, parsed.options));
		return 0;
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		return 1;
	} finally {
		await handle.close();
	}
}

async function openMigrated(config: Config): Promise<DatabaseHandle> {
	const handle = await openDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.pgliteDataDir
	});
	await migrateToLatest(handle.db);
	return handle;
}

/** No account and no edition. */
export async function isEmptyDatabase(handle: DatabaseHandle): Promise<boolean> {
	const row = await sql<{ n: number }>`select
		(select count(*) from users)::int + (select count(*) from editions)::int as n`.execute(handle.db);
	return row.rows[0].n === 0;
}

async function resetDatabase(handle: DatabaseHandle, config: Config): Promise<DatabaseHandle> {
	if (config.databaseUrl) {
		await sql`drop schema public cascade`.execute(handle.db);
		await sql`create schema public`.execute(handle.db);
		await migrateToLatest(handle.db);
		return handle;
	}
	await handle.close();
	const dir = config.pgliteDataDir;
	if (!existsSync(join(dir, 'PG_VERSION')))
		throw new Error(
			`${dir} ne ressemble pas à un dossier PGlite (pas de PG_VERSION) : il n’est pas vidé.`
		);
	for (const name of readdirSync(dir))
		if (name !== 'secret.key') rmSync(join(dir, name), { recursive: true, force: true });
	return openMigrated(config);
}

function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'DATABASE_URL';
	}
}

/** The summary printed at the end, in French. */
export function describeReport(report: LargeSeedReport, options: LargeSeedOptions): string {
	const total = report.timings.find((t) => t.step === 'total')?.seconds ?? 0;
	const count = (table: string) => formatInteger(report.counts[table] ?? 0);
	const states = Object.entries(report.states)
		.sort((a, b) => b[1] - a[1])
		.map(([state, n]) => `${state} ${formatInteger(n)}`)
		.join(', ');
	const lines = [
		'',
		`Édition ${report.year} (n° ${report.editionId}) publiée en ${total.toFixed(1)} s.`,
		`  candidatures : ${count('entries')} (${states})`,
		`  comptes : ${count('users')} ; membres d’équipe : ${count('entry_members')} ; pièces jointes : ${count('attachments')}`,
		`  jurés : ${count('edition_jurors')} ; affectations : ${count('assignments')} ; évaluations : ${count('reviews')} ; notes : ${count('scores')}`,
		`  sites d’essai : ${count('trial_sites')} ; rapports : ${count('trial_reports')}`,
		`  événements : ${count('events')} (chaîne vérifiée, empreinte ${report.fingerprint.slice(0, 16)}…)`,
		`  attestations : ${count('certificates')} ; courriels en attente : ${count('outbox')}`,
		report.laureateSlug ? `  un lauréat : /laureats/${report.laureateSlug}` : '',
		`Connexions (mot de passe « ${LARGE_PASSWORD} ») :`,
		`  organisation : ${report.logins.organiser}`,
		`  juré : ${report.logins.juror} (jury final : ${report.logins.finalJuror})`,
		`  équipe lauréate : ${report.logins.team}`,
		...report.gaps.map((gap) => `Lacune : ${gap}`),
		`Reproduire : npm run seed:large -- --entries ${options.entries} --jurors ${options.jurors} --seed ${options.seed} --year ${options.year}`
	];
	return lines.filter((line) => line !== '').join('\n');
}
