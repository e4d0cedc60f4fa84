// The PGlite folder's lock (one process per folder): a live holder is refused with a French message
// naming the folder and the process, a dead one's lock is taken over, and processes racing for one
// folder (with or without a stale lock in it) end with exactly one holder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	DataDirLockedError,
	LOCK_FILE,
	acquireDataDirLock,
	isDataFolder
} from '../../src/lib/server/db/data-dir-lock';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'impulsions-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeLock(pid: number, host = hostname()) {
	writeFileSync(
		join(dir, LOCK_FILE),
		JSON.stringify({ pid, host, startedAt: '2026-12-01T10:00:00Z', command: 'node src/start.js' })
	);
}

/** The pid of a process that has ended. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
	return Number(child.stdout.toString());
}

describe('the PGlite folder lock', () => {
	it('writes a lock file naming this process, and removes it on release', () => {
		const lock = acquireDataDirLock(dir);
		const content = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
		expect(content).toMatchObject({ pid: process.pid, host: hostname() });
		lock.release();
		expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
		lock.release(); // idempotent
	});

	it('refuses a second acquisition in the same process until the first is released', () => {
		const lock = acquireDataDirLock(dir);
		expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
		lock.release();
		acquireDataDirLock(dir).release();
	});

	it('refuses a folder held by a live process, naming the folder and its pid, in French', async () => {
		const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
		try {
			writeLock(holder.pid!);
			let error: unknown;
			try {
				acquireDataDirLock(dir);
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(DataDirLockedError);
			const message = (error as Error).message;
			expect(message).toContain(
				`Le dossier PGlite ${dir} est déjà utilisé par le processus ${holder.pid}`
			);
			expect(message).toContain('node src/start.js');
			expect(message).toContain('Arrêtez d’abord ce processus');
			expect(message).toContain(join(dir, LOCK_FILE));
			// The holder's lock is left as it was.
			expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(holder.pid);
		} finally {
			holder.kill('SIGKILL');
		}
	});

	it('takes over the lock of a dead process', () => {
		const pid = deadPid();
		writeLock(pid);
		const lock = acquireDataDirLock(dir);
		expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
		lock.release();
	});

	it('never takes over a lock written on another machine (it cannot be checked)', () => {
		writeLock(deadPid(), 'autre-machine.example');
		expect(() => acquireDataDirLock(dir)).toThrow(/machine « autre-machine\.example »/);
	});

	it('refuses an unreadable lock file rather than guessing', () => {
		writeFileSync(join(dir, LOCK_FILE), 'pas du JSON');
		expect(() => acquireDataDirLock(dir)).toThrow(/déjà utilisé par un autre processus/);
	});

	it('does not remove a lock that another process took after ours was taken over', () => {
		const lock = acquireDataDirLock(dir);
		writeLock(4_000_000); // someone else's content now
		lock.release();
		expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
	});

	it('creates the folder when it is absent, and knows memory:// is no folder', () => {
		const lock = acquireDataDirLock(join(dir, 'nouveau'));
		expect(existsSync(join(dir, 'nouveau', LOCK_FILE))).toBe(true);
		lock.release();
		expect(isDataFolder('memory://')).toBe(false);
		expect(isDataFolder('./data')).toBe(true);
	});
});

describe('processes racing for one folder', () => {
	// The module in plain JavaScript, for child processes (it only imports Node's own modules).
	const work = mkdtempSync(join(tmpdir(), 'impulsions-lock-race-'));
	const source = readFileSync(
		join(import.meta.dirname, '../../src/lib/server/db/data-dir-lock.ts'),
		'utf8'
	);
	writeFileSync(
		join(work, 'lock.mjs'),
		ts.transpileModule(source, {
			compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
		}).outputText
	);
	// Each contender waits for the same instant, tries, says whether it won, and holds until told to end.
	writeFileSync(
		join(work, 'contender.mjs'),
		`import { acquireDataDirLock } from './lock.mjs';
		const [dir, at] = process.argv.slice(2);
		while (Date.now() < Number(at));
		let result;
		try { acquireDataDirLock(dir); result = 'won'; } catch (e) { result = e.name === 'DataDirLockedError' ? 'refused' : 'error ' + e.message; }
		process.stdout.write(result + '\\n');
		process.stdin.on('data', () => {}); process.stdin.on('end', () => process.exit(0));`
	);
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	async function race(contenders: number): Promise<string[]> {
		const at = Date.now() + 1500;
		const children = Array.from({ length: contenders }, () =>
			spawn(process.execPath, [join(work, 'contender.mjs'), dir, String(at)], {
				stdio: ['pipe', 'pipe', 'inherit']
			})
		);
		const results = await Promise.all(
			children.map(
				(child) =>
					new Promise<string>((resolve) => {
						let out = '';
						child.stdout.on('data', (chunk) => {
							out += chunk;
							if (out.endsWith('\n')) resolve(out.trim());
						});
					})
			)
		);
		await Promise.all(
			children.map((child) => {
				const ended = new Promise((resolve) => child.once('exit', resolve));
				child.stdin.end();
				return ended;
			})
		);
		return results;
	}

	it('lets exactly one of several processes take a free folder', async () => {
		const results = await race(5);
		expect(results.filter((r) => r === 'won')).toHaveLength(1);
		expect(results.filter((r) => r === 'refused')).toHaveLength(4);
		// The winner's lock went away with it (released when the process exits).
		expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
	}, 20_000);

	it('lets exactly one of several processes take over a stale lock', async () => {
		writeLock(deadPid());
		const results = await race(5);
		expect(results.filter((r) => r === 'won')).toHaveLength(1);
		expect(results.filter((r) => r === 'refused')).toHaveLength(4);
	}, 20_000);
});
