// The BUILT server (build/, made by `npm run build`, which `npm test` runs before the Vitest tests) as
// a child process, for tests of what only a real process shows: what it prints at start-up, how it
// stops on a signal, what a second process on the same data folder does.
//
//   const server = await startServer({ env: { PGLITE_DATA_DIR: dir, DEMO_DATA: 'false' } });
//   await server.waitForOutput(/installation\/(\S+)/);
//   const { code, ms } = await server.stop('SIGTERM');
//
// Each server gets a free port, its own environment (DATABASE_URL, SMTP_URL, ORIGIN… are removed from
// the test's own environment unless given) and a PGlite folder of its own unless `env` says otherwise.
import { createPostgresDatabase, dropPostgresDatabase } from './postgres';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { registerDatabase, registerServer } from './open-databases';

export const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = join(ROOT, 'build');

/** A free TCP port on 127.0.0.1 (asked of the system, then released). */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.unref();
		probe.on('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolvePort(address.port) : reject()
			);
		});
	});
}

/** A temporary folder, removed by the returned function. */
export function temporaryFolder(prefix = 'impulsions-'): { path: string; remove(): void } {
	const path = mkdtempSync(join(tmpdir(), prefix));
	return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface Stopped {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** Milliseconds from the signal to the process's exit. */
	ms: number;
}

export interface ServerProcess {
	url: string;
	port: number;
	child: ChildProcess;
	/** Everything printed so far on stdout and stderr, interleaved. */
	output(): string;
	/** Waits until the output matches (checked on what was printed so far, then on each new chunk). */
	waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
	/** Resolves when the process exits (whether or not a signal was sent). */
	exited: Promise<Omit<Stopped, 'ms'>>;
	/** Sends the signal and waits for the exit, at most `timeoutMs` (then SIGKILL, and it throws). */
	stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Stopped>;
}

const CLEARED = [
	'DATABASE_URL',
	'SMTP_URL',
	'ORIGIN',
	'PGLITE_DATA_DIR',
	'DEMO_DATA',
	'LOG_FORMAT'
];

/**
 * Starts `node src/start.js` on the built app. Resolves once `GET /api/sante` answers 200, unless
 * `waitReady: false` (for a process expected to stop by itself).
 */
export async function startServer(
	options: {
		env?: Record<string, string>;
		waitReady?: boolean;
		readyTimeoutMs?: number;
		/** A given port rather than a free one (the end-to-end workers' E2E_PORT + index). */
		port?: number;
		/**
		 * For the PGlite folder made here when `env` names no database: false to skip the invariants
		 * checked on it (and its removal) after the file's last test.
		 */
		checkInvariants?: boolean;
	} = {}
): Promise<ServerProcess> {
	if (!existsSync(join(BUILD, 'handler.js')))
		throw new Error(`${BUILD} est absent : lancez d’abord « npm run build ».`);
	const port = options.port ?? (await freePort());
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env))
		if (value !== undefined && !CLEARED.includes(name) && !name.startsWith('VITEST'))
			env[name] = value;
	Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', BUILD_DIR: BUILD }, options.env);
	if (!env.PGLITE_DATA_DIR && !env.DATABASE_URL) {
		const dataDir = join(tmpdir(), `impulsions-server-${randomBytes(6).toString('hex')}`);
		env.PGLITE_DATA_DIR = dataDir;
		// Its own folder, checked and removed after the file's last test (tests/setup/invariants.ts).
		const check = options.checkInvariants !== false;
		registerDatabase({
			label: `dossier PGlite du serveur ${dataDir}`,
			checkAndClose: async () => {
				try {
					if (check && existsSync(dataDir))
						await (await import('./db')).checkInvariantsAt({ dataDir });
				} finally {
					rmSync(dataDir, { recursive: true, force: true });
				}
			}
		});
	}

	const child = spawn(process.execPath, [join(ROOT, 'src', 'start.js')], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let printed = '';
	const listeners = new Set<() => void>();
	const onData = (chunk: Buffer) => {
		printed += chunk.toString('utf8');
		for (const listener of listeners) listener();
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	const exited = new Promise<Omit<Stopped, 'ms'>>((resolveExit) =>
		child.once('exit', (code, signal) => resolveExit({ code, signal }))
	);
	let hasExited = false;
	// Stopped after the file's last test if the file did not stop it (tests/setup/invariants.ts).
	const unregister = registerServer({ stop: () => server.stop() });
	void exited.then(() => {
		hasExited = true;
		unregister();
		for (const listener of listeners) listener();
	});

	const url = `http://127.0.0.1:${port}`;
	const server: ServerProcess = {
		url,
		port,
		child,
		exited,
		output: () => printed,
		waitForOutput(pattern, timeoutMs = 60_000) {
			return new Promise((resolveMatch, reject) => {
				const check = () => {
					const match = printed.match(pattern);
					if (match) return done(() => resolveMatch(match));
					if (hasExited)
						done(() =>
							reject(new Error(`Le serveur s’est arrêté sans écrire ${pattern} :\n${printed}`))
						);
				};
				const timer = setTimeout(
					() =>
						done(() => reject(new Error(`${pattern} non écrit en ${timeoutMs} ms :\n${printed}`))),
					timeoutMs
				);
				const done = (settle: () => void) => {
					clearTimeout(timer);
					listeners.delete(check);
					settle();
				};
				listeners.add(check);
				check();
			});
		},
		async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
			if (hasExited) return { ...(await exited), ms: 0 };
			const started = performance.now();
			child.kill(signal);
			let timer: NodeJS.Timeout | undefined;
			const limit = new Promise<'timeout'>((resolveLimit) => {
				timer = setTimeout(() => resolveLimit('timeout'), timeoutMs);
			});
			const result = await Promise.race([exited, limit]);
			clearTimeout(timer);
			if (result === 'timeout') {
				child.kill('SIGKILL');
				await exited;
				throw new Error(
					`Le serveur ne s’est pas arrêté ${timeoutMs} ms après ${signal} :\n${printed}`
				);
			}
			return { ...result, ms: performance.now() - started };
		}
	};

	if (options.waitReady !== false) {
		const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
		for (;;) {
			if (hasExited) throw new Error(`Le serveur s’est arrêté au démarrage :\n${printed}`);
			try {
				const response = await fetch(`${url}/api/sante`);
				if (response.ok) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) {
				child.kill('SIGKILL');
				throw new Error(`Le serveur n’a pas démarré à temps :\n${printed}`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return server;
}

/**
 * A new, empty database on the TEST_DATABASE_URL server (for a server process to migrate itself), and
 * the function that drops it.
 */
export async function emptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) throw new Error('TEST_DATABASE_URL est requis pour les tests sur PostgreSQL.');
	const { name, url } = await createPostgresDatabase(adminUrl, 'impulsions_proc');
	return {
		url,
		drop: () => dropPostgresDatabase(adminUrl, name)
	};
}

/**
 * The database the current Vitest project runs on: an empty PostgreSQL database, or a PGlite folder.
 * `remove()` (to call once the server using it has stopped) first checks the workflow's invariants on
 * what the server left there, unless `checkInvariants: false`; a file that does not call it has it done
 * after its last test, its servers stopped first (tests/setup/invariants.ts).
 */
export async function serverDatabaseEnv(options: { checkInvariants?: boolean } = {}): Promise<{
	env: Record<string, string>;
	kind: 'pglite' | 'postgres';
	remove(): Promise<void>;
}> {
	const check = options.checkInvariants !== false;
	const checked = async (where: { dataDir: string } | { databaseUrl: string }) => {
		if (!check) return;
		const { checkInvariantsAt } = await import('./db');
		await checkInvariantsAt(where);
	};
	if (process.env.TEST_DB === 'postgres') {
		const database = await emptyPostgresDatabase();
		const remove = registerDatabase({
			label: `base du serveur ${new URL(database.url).pathname.slice(1)}`,
			checkAndClose: async () => {
				try {
					await checked({ databaseUrl: database.url });
				} finally {
					await database.drop();
				}
			}
		});
		return {
			kind: 'postgres',
			env: { DATABASE_URL: database.url, SECRET_KEY: randomBytes(32).toString('hex') },
			remove
		};
	}
	const folder = temporaryFolder('impulsions-pglite-');
	const remove = registerDatabase({
		label: `dossier PGlite du serveur ${folder.path}`,
		checkAndClose: async () => {
			try {
				await checked({ dataDir: folder.path });
			} finally {
				folder.remove();
			}
		}
	});
	return { kind: 'pglite', env: { PGLITE_DATA_DIR: folder.path }, remove };
}
