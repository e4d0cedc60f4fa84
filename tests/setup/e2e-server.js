// Starts the BUILT server (build/index.js) for the end-to-end tests, on a fresh embedded database:
// Playwright's webServer runs this once per `playwright test` run.
//
// The PGlite folder (tests/.tmp/e2e-pglite, gitignored) is deleted first, so every run starts from a
// newly migrated database filled with the demo data. It is left behind afterwards for inspection.
// The server runs in this same process, so Playwright's stop signal reaches it directly.
// E2E_BUILD_DIR (relative to the repository) tests another copy of the build than build/.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const server = join(resolve(root, process.env.E2E_BUILD_DIR ?? 'build'), 'index.js');
const dataDir = join(root, 'tests', '.tmp', 'e2e-pglite');

if (!existsSync(server)) {
	console.error(
		`${server} est absent : lancez d’abord « npm run build ».\n` +
			`${server} is missing: run "npm run build" first.`
	);
	process.exit(1);
}

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

// The embedded database, whatever the developer's own environment says.
delete process.env.DATABASE_URL;
// No real e-mail leaves a test run.
delete process.env.SMTP_URL;
process.env.PGLITE_DATA_DIR = dataDir;
process.env.DEMO_DATA = 'true';
process.env.PORT ??= '4173';
delete process.env.ORIGIN;
// ORIGIN is left to the launcher's default (http://localhost:PORT), so that the tests exercise it.
process.env.BUILD_DIR = dirname(server);

console.info(`Serveur de test : base PGlite neuve dans ${dataDir}`);
await import(pathToFileURL(join(root, 'src', 'start.js')).href);
