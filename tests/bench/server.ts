// The built application for `npm run bench`: built in a copy of the sources (never into ./build, never
// in the checkout's .svelte-kit), started on a free port against a given database, stopped after.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** What the build needs from the checkout: the sources and the configuration, not the outputs. */
const BUILD_INPUTS = [
	'src',
	'static',
	'db',
	'package.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json'
];

/**
 * Copies the sources into `workDir` (node_modules linked), runs `vite build` there and answers the
 * build folder (workDir/build). The checkout's ./build and .svelte-kit are left alone.
 */
export async function buildApp(root: string, workDir: string, log: (line: string) => void) {
	mkdirSync(workDir, { recursive: true });
	for (const input of BUILD_INPUTS) {
		const from = join(root, input);
		if (existsSync(from)) cpSync(from, join(workDir, input), { recursive: true });
	}
	symlinkSync(join(root, 'node_modules'), join(workDir, 'node_modules'), 'dir');
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const output = await run(process.execPath, [vite, 'build', '--logLevel', 'warn'], workDir);
	if (output.code !== 0)
		throw new Error(`La construction (vite build) a échoué :\n${output.text.slice(-4000)}`);
	const buildDir = join(workDir, 'build');
	if (!existsSync(join(buildDir, 'index.js')))
		throw new Error(`La construction n’a pas produit ${join(buildDir, 'index.js')}.`);
	log(`  construit dans ${buildDir}`);
	return buildDir;
}

function run(
	command: string,
	args: string[],
	cwd: string
): Promise<{ code: number; text: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let text = '';
		child.stdout.on('data', (chunk) => (text += chunk));
		child.stderr.on('data', (chunk) => (text += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? 1, text }));
	});
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export interface RunningServer {
	url: string;
	origin: string;
	stop(): Promise<void>;
	/** What the server printed (for errors). */
	output(): string;
}

export interface ServerOptions {
	root: string;
	buildDir: string;
	database: { url: string } | { pgliteDir: string };
	secretKey: string;
	countQueries: boolean;
}

/** Starts `node src/start.js` on the build, waits for /api/sante. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
	const port = await freePort();
	const origin = `http://localhost:${port}`;
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env))
		if (value !== undefined && !['DATABASE_URL', 'PGLITE_DATA_DIR', 'SMTP_URL'].includes(key))
			env[key] = value;
	Object.assign(env, {
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		BUILD_DIR: options.buildDir,
		SECRET_KEY: options.secretKey,
		DEMO_DATA: 'false',
		BENCH_QUERY_COUNT: options.countQueries ? '1' : '0'
	});
	if ('url' in options.database) env.DATABASE_URL = options.database.url;
	else env.PGLITE_DATA_DIR = options.database.pgliteDir;
	const child: ChildProcess = spawn(process.execPath, [join(options.root, 'src', 'start.js')], {
		cwd: options.root,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	let alive = true;
	child.on('exit', () => (alive = false));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (!alive) throw new Error(`Le serveur s’est arrêté au démarrage :\n${output.slice(-3000)}`);
		try {
			const response = await fetch(`${url}/api/sante`);
			if (response.ok) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`Le serveur ne répond pas après 3 minutes :\n${output.slice(-3000)}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		url,
		origin,
		output: () => output,
		stop: async () => {
			if (!alive) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		}
	};
}
