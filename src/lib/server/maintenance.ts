// Housekeeping in the server process: expired sessions and old rate-limit counts are deleted every hour.
import { pruneAttempts } from './auth/rate-limit';
import { deleteExpiredSessions } from './auth/session';
import type { Db } from './db';

const HOUR = 60 * 60_000;

export async function runMaintenance(db: Db, now = new Date()): Promise<void> {
	await deleteExpiredSessions(db, now);
	await pruneAttempts(db, now);
}

export function startMaintenance(db: Db): () => void {
	const run = () =>
		runMaintenance(db).catch((error) =>
			console.error('Maintenance : échec du nettoyage des sessions expirées.', error)
		);
	void run();
	const timer = setInterval(run, HOUR);
	timer.unref();
	return () => clearInterval(timer);
}
