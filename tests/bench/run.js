// `npm run bench`: the benchmark of tests/bench/run.ts, run through Vite's module loader so that the
// application's TypeScript modules load as they are (like db/migrate.js).
import { createServer } from 'vite';

const vite = await createServer({
	server: { middlewareMode: true, hmr: false, watch: null },
	appType: 'custom',
	logLevel: 'error'
});
let code;
try {
	const { main } = await vite.ssrLoadModule('/tests/bench/run.ts');
	code = await main(process.argv.slice(2));
} catch (error) {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	code = 1;
} finally {
	await vite.close();
}
process.exit(code);
