// Vitest `setupFiles` entry of the integration projects: after all the tests of each file, the
// workflow's invariants (tests/helpers/invariants.ts) are checked on every database the file opened
// and did not close itself, then these are closed (tests/helpers/open-databases.ts). A database the
// file closed was checked when it closed. Registered here, before the file's own hooks, this afterAll
// runs after them (Vitest runs after-hooks in reverse order).
import { afterAll } from 'vitest';
import { checkAndCloseAll, markEndOfFileCheckInstalled } from '../helpers/open-databases';

afterAll(async () => {
	await checkAndCloseAll();
}, 120_000);
markEndOfFileCheckInstalled();
