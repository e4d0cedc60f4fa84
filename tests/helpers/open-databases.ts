// The databases a test file opened and has not yet checked and closed. Each database opened for a test
// (createTestDatabase, serverDatabaseEnv) registers how to check the workflow's invariants on it and
// close it; tests/setup/invariants.ts, a Vitest `setupFiles` entry of the integration projects, runs
// after all the tests of each file: it stops the server processes still running, then checks and
// closes every database still registered. A file that closes its databases itself has them checked
// then (close() checks before closing); one that forgets is checked all the same. Only a database
// opened with `checkInvariants: false` (a file that breaks them on purpose) is left out.
//
// Vitest isolates each test file's modules, so this registry is the current file's.

export interface OpenDatabase {
	/** Says which database, in a failure message. */
	label: string;
	/** Checks the invariants, closes (and drops) the database; throws when one is broken. Once only. */
	checkAndClose(): Promise<void>;
}

let installed = false;
const open = new Set<OpenDatabase>();

/** Called by tests/setup/invariants.ts when it registers its afterAll for the current file. */
export function markEndOfFileCheckInstalled(): void {
	installed = true;
}

/** Whether the current file runs with tests/setup/invariants.ts (a `setupFiles` entry). */
export function endOfFileCheckInstalled(): boolean {
	return installed;
}
const running = new Set<{ stop(): Promise<unknown> }>();

/**
 * Registers a database; returns its `checkAndClose`, made idempotent and taken off the list when
 * it starts (so that the end-of-file check does not run it twice).
 */
export function registerDatabase(database: OpenDatabase): () => Promise<void> {
	let done: Promise<void> | undefined;
	const entry: OpenDatabase = {
		label: database.label,
		checkAndClose() {
			open.delete(entry);
			done ??= database.checkAndClose();
			return done;
		}
	};
	open.add(entry);
	return () => entry.checkAndClose();
}

/** A server process using one of the registered databases: stopped before they are checked. */
export function registerServer(server: { stop(): Promise<unknown> }): () => void {
	running.add(server);
	return () => running.delete(server);
}

/** The databases still open (their labels). */
export function openDatabases(): string[] {
	return [...open].map((database) => database.label);
}

/**
 * Stops the servers still running, then checks and closes every database still open. Throws one
 * error listing every broken invariant (and every failure to close), after trying them all.
 */
export async function checkAndCloseAll(): Promise<void> {
	const failures: string[] = [];
	for (const server of [...running]) {
		running.delete(server);
		try {
			await server.stop();
		} catch (error) {
			failures.push(`arrêt d’un serveur / stopping a server: ${String(error)}`);
		}
	}
	for (const database of [...open]) {
		try {
			await database.checkAndClose();
		} catch (error) {
			failures.push(`${database.label}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	if (failures.length > 0) throw new Error(failures.join('\n'));
}
