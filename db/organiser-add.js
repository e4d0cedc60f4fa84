// `npm run organiser:add -- someone@example.fr`: gives the organiser role to the account of that
// address, or, when it has none, makes an organiser invitation and prints its link (the person creates
// the account and chooses the password there; the same link is mailed through the outbox). With PGlite,
// stop the server first: two processes must not open the same data folder.
import { runModule } from './run-module.js';

await runModule('/src/lib/server/auth/organiser-cli.ts', 'addOrganiserCommand', [
	process.argv.slice(2)
]);
