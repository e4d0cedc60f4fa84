// `npm run organiser:add -- someone@example.fr`: gives the organiser role to the account of that
// address, or, when it has none, makes an organiser invitation and prints its link (the person creates
// the account and chooses the password there; the same link is mailed through the outbox). Runs the
// TypeScript through Vite's module loader, like db/migrate.js. With PGlite, stop the server first: two
// processes must not open the same data folder.
import { createServer } from 'vite';

const vite = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error'
});
let code;
try {
	const { addOrganiserCommand } = await vite.ssrLoadModule('/src/lib/server/auth/organiser-cli.ts');
	code = await addOrganiserCommand(process.argv.slice(2));
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	code = 1;
} finally {
	await vite.close();
}
process.exit(code);
