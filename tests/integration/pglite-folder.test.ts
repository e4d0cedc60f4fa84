// The PGlite data folder. One process per folder, with two BUILT servers
// (tests/helpers/server-process.ts): the second one on the same folder stops at once with a French
// message naming the folder and the first server's pid, the first keeps serving, a lock left by a
// killed server is taken over, and the folder still opens afterwards. PostgreSQL has no such limit:
// two servers share one database. And the folder does not keep the WAL of a bulk write.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, ping } from '../../src/lib/server/db';
import { LOCK_FILE } from '../../src/lib/server/db/data-dir-lock';
import { serverDatabaseEnv, startServer, temporaryFolder } from '../helpers/server-process';
import { maintainPGlite } from '../../src/lib/server/maintenance';

const SLOW = 180_000;

describe(`one server per database folder (${process.env.TEST_DB})`, () => {
	if (process.env.TEST_DB !== 'postgres') {
		const folder = temporaryFolder('impulsions-verrou-');
		afterAll(() => folder.remove());
		const env = { PGLITE_DATA_DIR: folder.path, DEMO_DATA: 'false' };

		it(
			'stops a second server on the same PGlite folder at once, in French, and the first keeps serving',
			async () => {
				const first = await startServer({ env });
				try {
					const started = performance.now();
					const second = await startServer({ env, waitReady: false });
					const { code } = await second.exited;
					const ms = performance.now() - started;
					const output = second.output();
					expect(code).toBe(1);
					expect(output).toContain(
						`Le dossier PGlite ${folder.path} est déjà utilisé par le processus ${first.child.pid}`
					);
					expect(output).toContain('Arrêtez d’abord ce processus');
					expect(output).not.toMatch(/\n\s+at /); // no stack trace
					expect(output).not.toContain('Listening on');
					expect(ms).toBeLessThan(15_000);

					const health = await fetch(`${first.url}/api/sante`);
					expect(health.status).toBe(200);
				} finally {
					await first.stop('SIGTERM');
				}
				expect(existsSync(join(folder.path, LOCK_FILE))).toBe(false);
			},
			SLOW
		);

		it(
			'takes over the lock of a killed server, and the folder still opens afterwards',
			async () => {
				const killed = await startServer({ env });
				await killed.stop('SIGKILL');
				expect(existsSync(join(folder.path, LOCK_FILE))).toBe(true); // left behind

				const next = await startServer({ env });
				expect((await fetch(`${next.url}/api/sante`)).status).toBe(200);
				// Killed too (a server on an existing PGlite folder waits for its database to be closed
				// before it exits on SIGTERM: the stop sequence's business, not this test's).
				await next.stop('SIGKILL');

				const handle = await openDatabase({ dataDir: folder.path });
				try {
					expect(await ping(handle.db)).toBe(true);
					const tables = await handle.db.selectFrom('users').select('id').execute();
					expect(tables).toEqual([]);
				} finally {
					await handle.close();
				}
			},
			SLOW
		);

		it(
			'keeps no more than two WAL segments after a bulk write and a checkpoint',
			async () => {
				const walFolder = temporaryFolder('impulsions-wal-');
				try {
					const handle = await openDatabase({ dataDir: walFolder.path });
					// About 80 MB of WAL: five 16 MB segments and more.
					await sql`create table bulk (id int primary key, body text)`.execute(handle.db);
					for (let batch = 0; batch < 4; batch++)
						await sql`insert into bulk select g, repeat(md5(g::text), 30)
							from generate_series(${batch * 15_000 + 1}::int, ${(batch + 1) * 15_000}::int) g`.execute(
							handle.db
						);
					await sql`checkpoint`.execute(handle.db);
					await handle.close();
					const segments = readdirSync(join(walFolder.path, 'pg_wal')).filter((name) =>
						/^[0-9A-F]{24}$/.test(name)
					);
					expect(segments.length).toBeLessThanOrEqual(2);
				} finally {
					walFolder.remove();
				}
			},
			SLOW
		);

		it(
			'keeps its WAL small while the server runs: the maintenance round checkpoints',
			async () => {
				const walFolder = temporaryFolder('impulsions-wal-');
				try {
					const handle = await openDatabase({ dataDir: walFolder.path });
					try {
						await sql`create table bulk (id int primary key, body text)`.execute(handle.db);
						for (let batch = 0; batch < 4; batch++)
							await sql`insert into bulk select g, repeat(md5(g::text), 30)
								from generate_series(${batch * 15_000 + 1}::int, ${(batch + 1) * 15_000}::int) g`.execute(
								handle.db
							);
						await maintainPGlite(handle.db);
						// Counted with the database still open, as a running server's folder is.
						const segments = readdirSync(join(walFolder.path, 'pg_wal')).filter((name) =>
							/^[0-9A-F]{24}$/.test(name)
						);
						expect(segments.length).toBeLessThanOrEqual(2);
					} finally {
						await handle.close();
					}
				} finally {
					walFolder.remove();
				}
			},
			SLOW
		);
	} else {
		it(
			'lets two servers share one PostgreSQL database',
			async () => {
				const database = await serverDatabaseEnv();
				try {
					const first = await startServer({ env: database.env });
					const second = await startServer({ env: database.env });
					for (const server of [first, second])
						expect((await fetch(`${server.url}/api/sante`)).status).toBe(200);
					await second.stop('SIGTERM');
					await first.stop('SIGTERM');
				} finally {
					await database.remove();
				}
			},
			SLOW
		);
	}
});
