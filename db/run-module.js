// The command-line scripts (db:migrate, db:backup, db:restore, organiser:add, seed:large) are TypeScript
// modules of the app, bundled by Vite: each script loads its module through Vite's module loader (no
// dev server, no file watcher, no WebSocket, so that two scripts can run at once), calls one exported
// function, and exits with the code it returns (0 when it returns nothing). An error prints its message
// — the French text the module gave it — and exits with 1.
import { createServer } from 'vite';

/**
 * @param {string} module path from the repository's root, e.g. '/src/lib/server/db/cli.ts'
 * @param {string} name the exported function
 * @param {unknown[]} args its arguments
 * @param {{ stack?: boolean }} [options] print the stack of an unexpected error (seed:large)
 */
export async function runModule(module, name, args, options = {}) {
	const vite = await createServer({
		server: { middlewareMode: true, hmr: false, ws: false, watch: null },
		appType: 'custom',
		logLevel: 'error'
	});
	let code;
	try {
		const loaded = await vite.ssrLoadModule(module);
		code = (await loaded[name](...args)) ?? 0;
	} catch (error) {
		console.error(error instanceof Error ? (options.stack && error.stack) || error.message : error);
		code = 1;
	} finally {
		await vite.close();
	}
	process.exit(code);
}
