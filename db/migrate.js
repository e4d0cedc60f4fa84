// `npm run db:migrate`: applies db/migrations to DATABASE_URL (or the PGlite folder) and exits.
// The migrations are TypeScript bundled by Vite, so this runs them through Vite's module loader.
import { createServer } from 'vite';

const vite = await createServer({
	server: { middlewareMode: true, hmr: false },
	appType: 'custom',
	logLevel: 'error'
});
let code = 0;
try {
	const { runMigrations } = await vite.ssrLoadModule('/src/lib/server/db/cli.ts');
	await runMigrations();
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	code = 1;
} finally {
	await vite.close();
}
process.exit(code);
