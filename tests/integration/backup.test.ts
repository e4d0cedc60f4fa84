// Backups and restores (src/lib/server/backup), with the real commands (`node db/backup.js`, what
// `npm run db:backup` / `db:restore` run): the demo data (editions, events, attachments, certificates)
// is backed up, the database wiped, the backup restored, and every table's rows, every sequence, the
// attachments' bytes and each edition's event chain are compared with what was there. On PostgreSQL, a
// PGlite backup is also restored into an empty PostgreSQL database, which the built server then serves.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src/lib/server/backup';
import { backupKind } from '../../src/lib/server/backup/pglite-archive';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { DataDirLockedError, LOCK_FILE } from '../../src/lib/server/db/data-dir-lock';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { verifyChain } from '../../src/lib/server/workflow/event-log';
import { ROOT, emptyPostgresDatabase, startServer } from '../helpers/server-process';

const SECRET = 'clé secrète des tests de sauvegarde, trente-deux caractères au moins';
process.env.SECRET_KEY ??= SECRET;
const onPostgres = process.env.TEST_DB === 'postgres';
const SLOW = 240_000;

/** Per table a count and an md5 of its rows in a fixed order; the sequences' last values. */
async function databaseDigest(db: Db): Promise<Record<string, string>> {
	return db.connection().execute(async (c) => {
		await sql`set timezone = 'UTC'`.execute(c);
		const tables = await sql<{ name: string }>`select table_name as name
			from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
			order by 1`.execute(c);
		const digest: Record<string, string> = {};
		for (const { name } of tables.rows) {
			const row = await sql<{ n: number; md5: string }>`select count(*)::int as n,
				md5(coalesce(string_agg(t::text, '|' order by t::text collate "C"), '')) as md5
				from ${sql.table(name)} t`.execute(c);
			digest[name] = `${row.rows[0].n} ${row.rows[0].md5}`;
		}
		const sequences = await sql`select sequencename, last_value from pg_sequences
			where schemaname = 'public' order by 1`.execute(c);
		digest['(séquences)'] = JSON.stringify(sequences.rows);
		return digest;
	});
}

async function attachmentsBytes(db: Db): Promise<string[]> {
	const rows = await db
		.selectFrom('attachments')
		.select(['id', 'sha256', 'content'])
		.orderBy('id')
		.execute();
	return rows.map((r) => {
		const actual = createHash('sha256').update(r.content).digest('hex');
		expect(actual).toBe(r.sha256);
		return `${r.id}:${actual}`;
	});
}

async function expectChainsVerify(db: Db): Promise<void> {
	const editions = await db.selectFrom('editions').select('id').execute();
	expect(editions.length).toBeGreaterThan(0);
	for (const edition of editions) expect((await verifyChain(db, edition.id)).ok).toBe(true);
}

interface Snapshot {
	digest: Record<string, string>;
	attachments: string[];
}

async function snapshot(target: { databaseUrl?: string; dataDir?: string }): Promise<Snapshot> {
	const handle = await openDatabase({ ...target, poolSize: 2 });
	try {
		await expectChainsVerify(handle.db);
		return {
			digest: await databaseDigest(handle.db),
			attachments: await attachmentsBytes(handle.db)
		};
	} finally {
		await handle.close();
	}
}

/** A database filled with the demo data. */
async function demoDatabase(target: { databaseUrl?: string; dataDir?: string }): Promise<void> {
	const handle = await openDatabase(target);
	try {
		await migrateToLatest(handle.db);
		expect(await seedDemoIfEmpty(handle.db, { print: false })).toBe(true);
		const counts = await sql<{ events: number; attachments: number; certificates: number }>`select
			(select count(*) from events)::int as events, (select count(*) from attachments)::int as attachments,
			(select count(*) from certificates)::int as certificates`.execute(handle.db);
		expect(counts.rows[0].events).toBeGreaterThan(0);
		expect(counts.rows[0].attachments).toBeGreaterThan(0);
		expect(counts.rows[0].certificates).toBeGreaterThan(0);
	} finally {
		await handle.close();
	}
}

/** Runs `node db/backup.js MODE ...args` (what the npm scripts run) with only the given database. */
function runCommand(
	mode: 'backup' | 'restore',
	args: string[],
	env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
	const childEnv: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env))
		if (
			value !== undefined &&
			!['DATABASE_URL', 'PGLITE_DATA_DIR', 'SECRET_KEY'].includes(name) &&
			!name.startsWith('VITEST')
		)
			childEnv[name] = value;
	Object.assign(childEnv, env);
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [join(ROOT, 'db', 'backup.js'), mode, ...args], {
			cwd: ROOT,
			env: childEnv,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('close', (code) => resolve({ code, output }));
	});
}

async function wipePostgres(url: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	await client.query('drop schema public cascade');
	await client.query('create schema public');
	await client.end();
}

describe(`backups and restores (${process.env.TEST_DB})`, () => {
	const work = mkdtempSync(join(tmpdir(), 'impulsions-sauvegarde-'));
	const dataDir = join(work, 'donnees');
	let database: { url: string; drop(): Promise<void> } | undefined;
	let env: Record<string, string>;
	let target: { databaseUrl?: string; dataDir: string };
	let before: Snapshot;
	const backupFile = join(work, onPostgres ? 'sauvegarde.dump' : 'sauvegarde.tar.gz');

	beforeAll(async () => {
		if (onPostgres) {
			database = await emptyPostgresDatabase();
			env = { DATABASE_URL: database.url, SECRET_KEY: SECRET };
			target = { databaseUrl: database.url, dataDir };
			await demoDatabase({ databaseUrl: database.url });
		} else {
			env = { PGLITE_DATA_DIR: dataDir };
			target = { dataDir };
			await demoDatabase({ dataDir });
			// The key the server keeps beside its data when SECRET_KEY is not given (config.ts).
			writeFileSync(join(dataDir, 'secret.key'), 'clé du dossier de démonstration', {
				mode: 0o600
			});
		}
		before = await snapshot(target);
	}, SLOW);
	afterAll(async () => {
		await database?.drop();
		rmSync(work, { recursive: true, force: true });
	});

	it(
		'backup → wipe → restore gives the same rows, attachments and verifying event chains',
		async () => {
			const saved = await runCommand('backup', [backupFile], env);
			expect(saved.output).toMatch(/Sauvegarde (PGlite|PostgreSQL).*écrite dans/);
			expect(saved.code).toBe(0);
			expect(backupKind(readFileSync(backupFile))).toBe(onPostgres ? 'postgres' : 'pglite');

			if (onPostgres) await wipePostgres(database!.url);
			else rmSync(dataDir, { recursive: true, force: true });

			const restored = await runCommand('restore', [backupFile], env);
			expect(restored.output).toContain('chaîne des événements vérifiée pour chaque édition');
			expect(restored.code).toBe(0);
			const after = await snapshot(target);
			expect(after.digest).toEqual(before.digest);
			expect(after.attachments).toEqual(before.attachments);
			if (!onPostgres) {
				expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toBe(
					'clé du dossier de démonstration'
				);
				expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
			}
		},
		SLOW
	);

	it(
		'refuses to restore over a database that holds data, unless told to replace it',
		async () => {
			const log: string[] = [];
			await expect(
				restoreDatabase(target, backupFile, { replace: false }, (l) => log.push(l))
			).rejects.toThrow(onPostgres ? /contient déjà des tables/ : /contient déjà une base PGlite/);
			// Something changed since the backup: --remplacer brings back the backup's state.
			const handle = await openDatabase({ ...target, poolSize: 1 });
			await handle.db.deleteFrom('sessions').execute();
			await handle.db.updateTable('users').set({ name: 'Changé après la sauvegarde' }).execute();
			await handle.close();
			await restoreDatabase(target, backupFile, { replace: true }, (l) => log.push(l));
			expect((await snapshot(target)).digest).toEqual(before.digest);
		},
		SLOW
	);

	it('refuses a missing file, a file of another kind and a damaged archive, in French', async () => {
		const log = () => {};
		await expect(
			restoreDatabase(target, join(work, 'absent.tar.gz'), { replace: false }, log)
		).rejects.toThrow(/est introuvable/);
		const text = join(work, 'notes.txt');
		writeFileSync(text, 'pas une sauvegarde');
		await expect(restoreDatabase(target, text, { replace: true }, log)).rejects.toThrow(
			/n’est pas une sauvegarde de la plateforme/
		);
		const truncated = join(work, 'tronquee.tar.gz');
		writeFileSync(truncated, gzipSync(Buffer.alloc(4096, 7)).subarray(0, 40));
		await expect(restoreDatabase(target, truncated, { replace: true }, log)).rejects.toThrow(
			/illisible/
		);
		const notTar = join(work, 'pas-un-tar.tar.gz');
		writeFileSync(notTar, gzipSync(Buffer.from('bonjour '.repeat(200))));
		await expect(restoreDatabase(target, notTar, { replace: true }, log)).rejects.toThrow(
			/illisible/
		);
		await expect(backupDatabase(target, backupFile, log)).rejects.toThrow(/existe déjà/);
		expect((await snapshot(target)).digest).toEqual(before.digest);
	});

	if (!onPostgres) {
		it('refuses to back up a PGlite folder that another handle holds open, naming it', async () => {
			const handle = await openDatabase({ dataDir });
			try {
				const error = await backupDatabase(target, join(work, 'pendant.tar.gz'), () => {}).catch(
					(e: unknown) => e
				);
				expect(error).toBeInstanceOf(DataDirLockedError);
				expect((error as Error).message).toContain(`Le dossier PGlite ${dataDir} est déjà utilisé`);
				expect(existsSync(join(work, 'pendant.tar.gz'))).toBe(false);
			} finally {
				await handle.close();
			}
		});

		it('tells that a PostgreSQL backup does not restore into PGlite', async () => {
			const file = join(work, 'postgres.dump');
			writeFileSync(file, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(100)]));
			await expect(
				restoreDatabase({ dataDir: join(work, 'vide') }, file, { replace: false }, () => {})
			).rejects.toThrow(/sauvegarde PostgreSQL \(pg_dump\).*DATABASE_URL/);
		});
	}

	if (onPostgres) {
		it(
			'says clearly that pg_dump is missing (exit code 1, no stack trace)',
			async () => {
				const result = await runCommand('backup', [join(work, 'sans-outils.dump')], {
					...env,
					PATH: '/nulle-part'
				});
				expect(result.code).toBe(1);
				expect(result.output).toContain('pg_dump est introuvable');
				expect(result.output).toContain('apt-get install postgresql-client');
				expect(result.output).not.toMatch(/\n\s+at /);
			},
			SLOW
		);

		it(
			'moves a PGlite backup into an empty PostgreSQL database, which the server then serves',
			async () => {
				const pgliteDir = join(work, 'pglite');
				await demoDatabase({ dataDir: pgliteDir });
				const key = 'clé du dossier PGlite à reprendre dans SECRET_KEY, 32 caractères';
				writeFileSync(join(pgliteDir, 'secret.key'), key, { mode: 0o600 });
				const fromPglite = await snapshot({ dataDir: pgliteDir });
				const archive = join(work, 'pglite.tar.gz');
				const saved = await runCommand('backup', [archive], { PGLITE_DATA_DIR: pgliteDir });
				expect(saved.code, saved.output).toBe(0);

				const empty = await emptyPostgresDatabase();
				try {
					const restored = await runCommand('restore', [archive], {
						DATABASE_URL: empty.url,
						SECRET_KEY: SECRET
					});
					expect(restored.code, restored.output).toBe(0);
					// The key of the PGlite folder is not SECRET_KEY: the command says how to keep it.
					expect(restored.output).toContain(`tar -xzOf ${archive} /secret.key`);
					const inPostgres = await snapshot({ databaseUrl: empty.url });
					expect(inPostgres.digest).toEqual(fromPglite.digest);
					expect(inPostgres.attachments).toEqual(fromPglite.attachments);

					// The server on PostgreSQL with the PGlite folder's key: no migration to run again,
					// the demo's published laureates served.
					const server = await startServer({
						env: { DATABASE_URL: empty.url, SECRET_KEY: key, DEMO_DATA: 'false' }
					});
					try {
						const page = await fetch(`${server.url}/laureats`);
						expect(page.status).toBe(200);
						const handle = await openDatabase({ databaseUrl: empty.url, poolSize: 1 });
						const laureate = await handle.db
							.selectFrom('entries')
							.select('title')
							.where('state', '=', 'laureate')
							.executeTakeFirstOrThrow();
						await handle.close();
						expect(await page.text()).toContain(laureate.title);
					} finally {
						await server.stop();
					}
					// It found its schema up to date: the migrations table is the one restored.
					expect((await snapshot({ databaseUrl: empty.url })).digest.kysely_migration).toBe(
						fromPglite.digest.kysely_migration
					);
				} finally {
					await empty.drop();
				}
			},
			SLOW * 2
		);
	}
});
