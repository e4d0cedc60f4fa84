// Backups and restores of the platform's database (`npm run db:backup -- FILE`, `npm run db:restore --
// FILE`, see cli.ts):
//
// - PGlite: the data folder as PGlite's own `dumpDataDir` writes it (a gzipped tar, consistent: the
//   folder is locked and checkpointed first), secret.key included — so the file is secret. The folder's
//   lock means a backup is refused while the server runs on it (stop the server first).
// - PostgreSQL: pg_dump's custom format, read back by pg_restore (Debian's postgresql-client).
// - PGlite → PostgreSQL: a PGlite backup restored with DATABASE_URL set is loaded into an in-memory
//   PGlite, dumped as SQL by PGlite's own pg_dump (pglite-tools) and played into PostgreSQL by psql.
//
// A restore goes into an empty database (an absent or empty folder, a database without tables); with
// `replace` an existing one is emptied first. The event log's append-only trigger does not stand in the
// way: rows are inserted (COPY/INSERT) and a replaced schema is dropped whole, never deleted row by row.
import {
	chmodSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, LOCK_FILE } from '../db/data-dir-lock';
import { openDatabase, type Db } from '../db/index';
import type { Database } from '../db/schema';
import { verifyChain } from '../workflow/event-log';
import { BackupError } from './errors';
import {
	backupKind,
	gzip,
	readPgliteArchive,
	tarFileText,
	withoutLockFile
} from './pglite-archive';
import { connection, runTool, toolMajorVersion } from './pg-tools';

export { BackupError } from './errors';

export interface BackupTarget {
	/** PostgreSQL when set, else the PGlite folder `dataDir`. */
	databaseUrl?: string;
	dataDir: string;
	/** SECRET_KEY, when given (compared with the key a PGlite backup carries). */
	secretKey?: string;
}

type Log = (line: string) => void;

const SECRET_FILE = 'secret.key';

/** Backs the database up into `file` (which must not exist yet). */
export async function backupDatabase(target: BackupTarget, file: string, log: Log): Promise<void> {
	const path = resolve(file);
	if (existsSync(path))
		throw new BackupError(
			`Le fichier ${path} existe déjà : choisissez un autre nom (une sauvegarde n’en écrase jamais une autre).`
		);
	if (!existsSync(dirname(path)))
		throw new BackupError(`Le dossier ${dirname(path)} n’existe pas : créez-le d’abord.`);
	if (target.databaseUrl) await backupPostgres(target.databaseUrl, path);
	else {
		const hasKey = await backupPglite(resolve(target.dataDir), path);
		log(
			`Sauvegarde PGlite de ${resolve(target.dataDir)} écrite dans ${path}.` +
				(hasKey
					? '\nElle contient la clé secrète du dossier (secret.key) : gardez ce fichier en lieu sûr, comme un mot de passe.'
					: '')
		);
		return;
	}
	log(`Sauvegarde PostgreSQL (pg_dump, format personnalisé) écrite dans ${path}.`);
}

/** Restores `file` into the target (empty, or emptied first when `replace`). */
export async function restoreDatabase(
	target: BackupTarget,
	file: string,
	options: { replace: boolean },
	log: Log
): Promise<void> {
	const path = resolve(file);
	if (!existsSync(path)) throw new BackupError(`Le fichier ${path} est introuvable.`);
	let bytes: Buffer;
	try {
		bytes = readFileSync(path);
	} catch (error) {
		throw new BackupError(`Le fichier ${path} ne peut pas être lu : ${(error as Error).message}`);
	}
	const kind = backupKind(bytes);
	if (kind === 'unknown')
		throw new BackupError(
			`${path} n’est pas une sauvegarde de la plateforme : ni une archive PGlite (.tar.gz écrit par ` +
				'« npm run db:backup » sans DATABASE_URL), ni une sauvegarde PostgreSQL (format personnalisé de pg_dump).'
		);
	if (target.databaseUrl) {
		if (kind === 'postgres') await restorePgDump(target.databaseUrl, path, options.replace);
		else await restorePgliteIntoPostgres(target, bytes, path, options.replace, log);
		const handle = await openDatabase({ databaseUrl: target.databaseUrl, poolSize: 2 });
		try {
			log(`Sauvegarde ${path} restaurée dans PostgreSQL.\n${await describeRestored(handle.db)}`);
		} finally {
			await handle.close();
		}
		return;
	}
	if (kind === 'postgres')
		throw new BackupError(
			`${path} est une sauvegarde PostgreSQL (pg_dump) : elle se restaure dans PostgreSQL, ` +
				'en donnant l’adresse de la base dans DATABASE_URL. PGlite ne sait pas la lire.'
		);
	await restorePglite(target, bytes, path, options.replace, log);
}

// ——— PGlite ———

/** Answers whether the folder held a secret key (then in the backup). */
async function backupPglite(dir: string, path: string): Promise<boolean> {
	if (!existsSync(join(dir, 'PG_VERSION')))
		throw new BackupError(
			`Aucune base PGlite dans ${dir} (pas de PG_VERSION) : rien à sauvegarder. ` +
				'Indiquez le dossier de la base avec PGLITE_DATA_DIR.'
		);
	const lock = acquireDataDirLock(dir);
	let tar: Uint8Array;
	try {
		const pglite = await PGlite.create(dir);
		try {
			// Everything written so far goes into the data files, so the archive needs little WAL.
			await pglite.exec('checkpoint');
			tar = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
		} finally {
			await pglite.close();
		}
	} finally {
		lock.release();
	}
	const archive = withoutLockFile(tar, path);
	writeSecretFile(path, gzip(archive));
	return tarFileText(archive, SECRET_FILE, path) !== undefined;
}

async function restorePglite(
	target: BackupTarget,
	bytes: Buffer,
	path: string,
	replace: boolean,
	log: Log
): Promise<void> {
	const tar = withoutLockFile(readPgliteArchive(bytes, path), path);
	const dir = resolve(target.dataDir);
	const lock = acquireDataDirLock(dir);
	try {
		const present = readdirSync(dir).filter((name) => !name.startsWith(LOCK_FILE));
		if (present.includes('PG_VERSION')) {
			if (!replace)
				throw new BackupError(
					`Le dossier ${dir} contient déjà une base PGlite : la restauration se fait dans un dossier vide ou absent.\n` +
						'Relancez avec --remplacer pour la remplacer (tout son contenu actuel sera perdu), ' +
						'ou indiquez un autre dossier avec PGLITE_DATA_DIR.'
				);
			for (const name of present) rmSync(join(dir, name), { recursive: true, force: true });
		} else if (present.some((name) => name !== SECRET_FILE)) {
			throw new BackupError(
				`Le dossier ${dir} n’est pas vide et ne ressemble pas à un dossier PGlite (pas de PG_VERSION) : ` +
					'il n’est pas touché. Indiquez un dossier vide ou absent avec PGLITE_DATA_DIR.'
			);
		}
		const pglite = await PGlite.create(dir, { loadDataDir: new Blob([tar]) });
		try {
			const db = pgliteKysely(pglite);
			log(`Sauvegarde ${path} restaurée dans ${dir}.\n${await describeRestored(db)}`);
			await db.destroy();
		} finally {
			await pglite.close();
		}
	} finally {
		lock.release();
	}
	if (tarFileText(tar, SECRET_FILE, path) !== undefined)
		log(`La clé secrète de la sauvegarde est remise dans ${join(dir, SECRET_FILE)}.`);
	else
		log(
			'La sauvegarde ne contient pas de clé secrète (SECRET_KEY était donnée au serveur) : ' +
				'redonnez la même SECRET_KEY au serveur, sans quoi les codes des attestations ne se vérifieront plus.'
		);
}

function pgliteKysely(pglite: PGlite): Kysely<Database> {
	return new Kysely<Database>({
		dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(pglite)) })
	});
}

// ——— PostgreSQL ———

async function backupPostgres(databaseUrl: string, path: string): Promise<void> {
	const serverMajor = await serverMajorVersion(databaseUrl);
	const toolMajor = toolMajorVersion('pg_dump');
	if (toolMajor < serverMajor)
		throw new BackupError(
			`pg_dump ${toolMajor} ne sait pas sauvegarder un serveur PostgreSQL ${serverMajor} : ` +
				`installez les outils clients de PostgreSQL ${serverMajor} ou plus récents (paquet postgresql-client).`
		);
	const { dbname, env } = connection(databaseUrl);
	const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partiel`);
	try {
		await runTool(
			'pg_dump',
			[
				'--format=custom',
				'--no-owner',
				'--no-privileges',
				`--file=${temporary}`,
				`--dbname=${dbname}`
			],
			env,
			'La sauvegarde'
		);
		chmodSync(temporary, 0o600);
		renameSync(temporary, path);
	} finally {
		rmSync(temporary, { force: true });
	}
}

async function restorePgDump(databaseUrl: string, path: string, replace: boolean): Promise<void> {
	toolMajorVersion('pg_restore');
	await prepareEmptyPostgres(databaseUrl, replace);
	const { dbname, env } = connection(databaseUrl);
	await runTool(
		'pg_restore',
		[
			'--no-owner',
			'--no-privileges',
			'--exit-on-error',
			'--single-transaction',
			`--dbname=${dbname}`,
			path
		],
		env,
		'La restauration'
	);
}

async function restorePgliteIntoPostgres(
	target: BackupTarget,
	bytes: Buffer,
	path: string,
	replace: boolean,
	log: Log
): Promise<void> {
	const tar = withoutLockFile(readPgliteArchive(bytes, path), path);
	toolMajorVersion('psql');
	await prepareEmptyPostgres(target.databaseUrl!, replace);
	// The backup in an in-memory PGlite (the folder it came from is not needed), dumped as SQL.
	const pglite = await PGlite.create({ loadDataDir: new Blob([tar]) });
	let dump: string;
	try {
		dump = await (await pgDump({ pg: pglite, args: ['--no-owner', '--no-privileges'] })).text();
	} finally {
		await pglite.close();
	}
	const work = mkdtempSync(join(tmpdir(), 'impulsions-restauration-'));
	try {
		const script = join(work, 'pglite.sql');
		writeFileSync(script, sqlForPostgres(dump), { mode: 0o600 });
		const { dbname, env } = connection(target.databaseUrl!);
		await runTool(
			'psql',
			[
				'-X',
				'-q',
				'-v',
				'ON_ERROR_STOP=1',
				'--single-transaction',
				`--dbname=${dbname}`,
				'-f',
				script
			],
			env,
			'La restauration'
		);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	const key = tarFileText(tar, SECRET_FILE, path)?.trim();
	if (key && key !== target.secretKey)
		log(
			'Attention : la sauvegarde PGlite contient sa propre clé secrète (secret.key), différente de SECRET_KEY. ' +
				'Les codes des attestations déjà délivrées ne se vérifieront qu’avec elle : pour les garder valables, ' +
				`donnez au serveur SECRET_KEY="$(tar -xzOf ${path} /secret.key 2>/dev/null)".`
		);
}

/**
 * PGlite's pg_dump is PostgreSQL 18's; what older servers (15 here) refuse is left out: the
 * transaction_timeout setting (PostgreSQL 17) and PGlite's own `pg_attver` column options.
 */
export function sqlForPostgres(dump: string): string {
	return dump
		.split('\n')
		.filter(
			(line) =>
				!/^SET transaction_timeout = /.test(line) &&
				!/^ALTER TABLE ONLY \S+ ALTER COLUMN \S+ SET \(pg_attver=\d+\);$/.test(line)
		)
		.join('\n');
}

/** Refuses a database that holds tables unless `replace`, then drops and recreates its schema. */
async function prepareEmptyPostgres(databaseUrl: string, replace: boolean): Promise<void> {
	const client = await connect(databaseUrl);
	try {
		const row = await client.query<{ n: number }>(
			`select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
			 where s.nspname = 'public'`
		);
		if (row.rows[0].n === 0) return;
		if (!replace)
			throw new BackupError(
				'La base PostgreSQL de DATABASE_URL contient déjà des tables : la restauration se fait dans une base vide.\n' +
					'Relancez avec --remplacer pour effacer d’abord tout son contenu (le schéma public est supprimé puis recréé), ' +
					'ou créez une base vide (createdb) et indiquez-la dans DATABASE_URL.'
			);
		await client.query('drop schema public cascade');
		await client.query('create schema public');
	} finally {
		await client.end();
	}
}

async function serverMajorVersion(databaseUrl: string): Promise<number> {
	const client = await connect(databaseUrl);
	try {
		const row = await client.query<{ v: string }>('show server_version_num');
		return Math.floor(Number(row.rows[0].v) / 10000);
	} finally {
		await client.end();
	}
}

async function connect(databaseUrl: string): Promise<pg.Client> {
	const client = new pg.Client({ connectionString: databaseUrl });
	try {
		await client.connect();
	} catch (error) {
		throw new BackupError(
			`Connexion à PostgreSQL impossible (DATABASE_URL) : ${(error as Error).message}`
		);
	}
	return client;
}

// ——— Both ———

/** What the restored database holds, and whether each edition's event chain verifies. */
async function describeRestored(db: Db): Promise<string> {
	const counts = await sql<{
		editions: number;
		entries: number;
		events: number;
		attachments: number;
	}>`
		select (select count(*) from editions)::int as editions, (select count(*) from entries)::int as entries,
			(select count(*) from events)::int as events, (select count(*) from attachments)::int as attachments`.execute(
		db
	);
	const c = counts.rows[0];
	const editions = await db.selectFrom('editions').select(['id', 'year']).orderBy('id').execute();
	const broken: string[] = [];
	for (const edition of editions) {
		const check = await verifyChain(db, edition.id);
		if (!check.ok) broken.push(`${edition.year} : ${check.brokenAt.reason}`);
	}
	if (broken.length > 0)
		throw new BackupError(
			`Restauration faite, mais le journal des événements ne se vérifie pas :\n${broken.join('\n')}`
		);
	return (
		`  ${c.editions} édition(s), ${c.entries} candidature(s), ${c.attachments} pièce(s) jointe(s), ` +
		`${c.events} événement(s) ; chaîne des événements vérifiée pour chaque édition.`
	);
}

/** Writes the file complete or not at all, readable by its owner only. */
function writeSecretFile(path: string, content: Uint8Array): void {
	const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partiel`);
	try {
		writeFileSync(temporary, content, { mode: 0o600 });
		renameSync(temporary, path);
	} finally {
		rmSync(temporary, { force: true });
	}
}
