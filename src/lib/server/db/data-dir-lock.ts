// One process per PGlite data folder. PGlite itself does not prevent two processes from opening one
// folder, and two of them leave it unusable; so whoever opens a folder (the server, db:migrate,
// seed:large, db:backup, db:restore) first takes a lock file in it that names its process.
//
// The lock file is created complete and atomically: written under a unique temporary name, then
// hard-linked to its final name (link fails when the name exists). A lock whose process is dead on
// this machine (a crash, a SIGKILL) is taken over; the take-over itself is serialised by a second,
// short-lived guard file, so that two processes recovering the same stale lock cannot both win. A lock
// written on another machine (a folder shared over the network) cannot be checked and is never taken
// over: the message says which file to remove once sure. The lock is released when the handle closes,
// and as a last resort when the process exits.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** The lock's file name inside the data folder (not part of backups, see backup/pglite-archive.ts). */
export const LOCK_FILE = 'impulsions.lock';
const GUARD_SUFFIX = '.reprise';
/** A guard older than this was left by a process that died while recovering a stale lock. */
const GUARD_MAX_AGE_MS = 10_000;

interface Holder {
	pid: number;
	host: string;
	startedAt: string;
	command: string;
}

export class DataDirLockedError extends Error {
	constructor(
		public readonly dataDir: string,
		public readonly lockPath: string,
		public readonly holder: Holder | null
	) {
		const who = holder
			? `le processus ${holder.pid}${holder.pid === process.pid ? ' (celui-ci)' : ''}` +
				` sur la machine « ${holder.host} », depuis le ${describeDate(holder.startedAt)}` +
				(holder.command ? ` (${holder.command})` : '')
			: 'un autre processus';
		super(
			`Le dossier PGlite ${dataDir} est déjà utilisé par ${who}.\n` +
				'Un seul processus à la fois peut ouvrir ce dossier : deux processus l’abîmeraient. ' +
				'Arrêtez d’abord ce processus (le serveur, une sauvegarde, une migration…), ' +
				'ou indiquez un autre dossier avec PGLITE_DATA_DIR.\n' +
				`Si vous êtes certain qu’aucun processus ne l’utilise plus, supprimez le fichier ${lockPath}.`
		);
		this.name = 'DataDirLockedError';
	}
}

export interface DataDirLock {
	readonly path: string;
	/** Removes the lock file if it is still this one (idempotent). */
	release(): void;
}

/**
 * Lock files held by this process, with their content (to remove only our own). Kept on globalThis so
 * that a second copy of this module (Vite's dev server reloads modules) still sees them.
 */
const state = ((globalThis as Record<symbol, unknown>)[
	Symbol.for('prix-impulsions.data-dir-locks')
] ??= { held: new Map<string, string>(), exitHookInstalled: false }) as {
	held: Map<string, string>;
	exitHookInstalled: boolean;
};
const held = state.held;

/** A PGlite data folder on disk, as opposed to `memory://` (or another PGlite storage scheme). */
export function isDataFolder(dataDir: string): boolean {
	return !/^[a-z]+:\/\//i.test(dataDir);
}

/**
 * Takes the lock of a PGlite data folder (created if absent), or throws DataDirLockedError naming the
 * process that holds it.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
	const dir = resolve(dataDir);
	mkdirSync(dir, { recursive: true });
	const path = join(dir, LOCK_FILE);
	const content = JSON.stringify({
		pid: process.pid,
		host: hostname(),
		startedAt: new Date().toISOString(),
		command: describeCommand(),
		token: randomBytes(8).toString('hex')
	} satisfies Holder & { token: string });

	for (let attempt = 0; attempt < 50; attempt++) {
		if (held.has(path)) throw new DataDirLockedError(dir, path, readHolder(path)?.holder ?? null);
		if (createExclusive(path, content)) {
			held.set(path, content);
			installExitHook();
			return { path, release: () => releaseLock(path, content) };
		}
		const current = readHolder(path);
		if (current === undefined) continue; // removed meanwhile: try again
		if (current === null || !isStale(current.holder))
			throw new DataDirLockedError(dir, path, current?.holder ?? null);
		recoverStale(path, current.raw);
	}
	throw new DataDirLockedError(dir, path, readHolder(path)?.holder ?? null);
}

/** Creates `path` with `content` unless it exists; the file appears complete or not at all. */
function createExclusive(path: string, content: string): boolean {
	const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
	writeFileSync(temporary, content, { mode: 0o644 });
	try {
		linkSync(temporary, path);
		return true;
	} catch (error) {
		if (errorCode(error) === 'EEXIST') return false;
		throw error;
	} finally {
		unlinkSync(temporary);
	}
}

/** The lock's holder; undefined when there is no lock file, null when it cannot be read as one. */
function readHolder(path: string): { raw: string; holder: Holder | null } | null | undefined {
	let raw: string;
	try {
		raw = readFileSync(path, 'utf8');
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return undefined;
		throw error;
	}
	try {
		const parsed = JSON.parse(raw) as Partial<Holder>;
		if (!Number.isInteger(parsed.pid) || typeof parsed.host !== 'string') return null;
		return {
			raw,
			holder: {
				pid: parsed.pid!,
				host: parsed.host,
				startedAt: String(parsed.startedAt ?? ''),
				command: String(parsed.command ?? '')
			}
		};
	} catch {
		return null;
	}
}

/** A lock of a dead process of this machine (or of this very process's pid, reused after a restart). */
function isStale(holder: Holder | null): boolean {
	if (!holder || holder.host !== hostname()) return false;
	if (holder.pid === process.pid) return true; // not in `held`: a previous process with our pid
	return !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return errorCode(error) === 'EPERM';
	}
}

/** Removes the stale lock if it is still the one read, under the guard file. */
function recoverStale(path: string, staleRaw: string): void {
	const guard = path + GUARD_SUFFIX;
	const guardContent = JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() });
	if (!createExclusive(guard, guardContent)) {
		removeDeadGuard(guard);
		sleep(20);
		return;
	}
	try {
		let current: string | undefined;
		try {
			current = readFileSync(path, 'utf8');
		} catch (error) {
			if (errorCode(error) !== 'ENOENT') throw error;
		}
		if (current === staleRaw) unlinkSync(path);
	} finally {
		removeIfContent(guard, guardContent);
	}
}

/** A guard left by a process that died during its recovery (rare) is removed. */
function removeDeadGuard(guard: string): void {
	let raw: string;
	try {
		raw = readFileSync(guard, 'utf8');
	} catch {
		return;
	}
	try {
		const parsed = JSON.parse(raw) as { pid: number; host: string; at: number };
		const dead = parsed.host === hostname() && !isAlive(parsed.pid);
		if (dead || Date.now() - parsed.at > GUARD_MAX_AGE_MS) removeIfContent(guard, raw);
	} catch {
		removeIfContent(guard, raw);
	}
}

function releaseLock(path: string, content: string): void {
	if (held.get(path) !== content) return;
	held.delete(path);
	removeIfContent(path, content);
}

function removeIfContent(path: string, content: string): void {
	try {
		if (readFileSync(path, 'utf8') === content) unlinkSync(path);
	} catch (error) {
		if (errorCode(error) !== 'ENOENT') throw error;
	}
}

function installExitHook(): void {
	if (state.exitHookInstalled) return;
	state.exitHookInstalled = true;
	process.on('exit', () => {
		for (const [path, content] of [...held]) {
			try {
				releaseLock(path, content);
			} catch {
				// the process is ending: nothing more can be done
			}
		}
	});
}

function describeCommand(): string {
	const script = process.argv[1] ?? '';
	const npmScript = process.env.npm_lifecycle_event;
	return npmScript ? `npm run ${npmScript}` : script ? `node ${script}` : '';
}

function describeDate(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return 'un moment inconnu';
	return (
		date.toLocaleString('fr-FR', { timeZone: 'UTC', dateStyle: 'long', timeStyle: 'medium' }) +
		' UTC'
	);
}

function errorCode(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | undefined)?.code;
}

function sleep(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
