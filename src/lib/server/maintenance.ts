// Housekeeping in the server process, every hour: expired sessions and old rate-limit counts are
// deleted, and the trial sites whose report is due soon are reminded (through the outbox).
import { pruneAttempts } from './auth/rate-limit';
import { deleteExpiredSessions } from './auth/session';
import { config } from './config';
import type { Db } from './db';
import { remindTrialSites } from './trial/reminders';

const HOUR = 60 * 60_000;

/** The public address used in mails: ORIGIN, or the local server's. */
function publicOrigin(): string {
	const settings = config();
	return settings.origin ?? `http://localhost:${settings.port}`;
}

/**
 * One round of housekeeping. `origin` is the public address of the links in reminders; by default
 * the configured one, read only when a reminder is due.
 */
export async function runMaintenance(
	db: Db,
	now = new Date(),
	origin: string | (() => string) = publicOrigin
): Promise<void> {
	await deleteExpiredSessions(db, now);
	await pruneAttempts(db, now);
	await remindTrialSites(db, { now, origin });
}

export function startMaintenance(db: Db): () => void {
	const run = () =>
		runMaintenance(db).catch((error) =>
			console.error('Maintenance : échec du nettoyage ou des rappels aux sites d’essai.', error)
		);
	void run();
	const timer = setInterval(run, HOUR);
	timer.unref();
	return () => clearInterval(timer);
}
