// `npm run db:backup -- FILE` and `npm run db:restore -- FILE [--remplacer]` (src/lib/server/backup),
// run through Vite's module loader like db/migrate.js. The first argument, given by package.json, is
// the mode: backup or restore.
import { createServer } from 'vite';

const [mode, ...args] = process.argv.slice(2);
const vite = await createServer({
	server: { middlewareMode: true, hmr: false, watch: null },
	appType: 'custom',
	logLevel: 'error'
});
let code;
try {
	const { main } = await vite.ssrLoadModule('/src/lib/server/backup/cli.ts');
	code = await main(mode, args);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	code = 1;
} finally {
	await vite.close();
}
process.exit(code);
