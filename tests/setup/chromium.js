// Makes sure a Chromium is available for the end-to-end tests (run by `npm run test:e2e` before
// `playwright test`), installing one when there is none, and says which one is used.
//
//   node tests/setup/chromium.js
//
// Lookup (tests/setup/find-chromium.js): CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser,
// then Playwright's own download. When none is found: as root, `apt-get install chromium` (Debian);
// otherwise `npx playwright install chromium`. Exits 1 with the command to run when all of this fails.
// Plain Node ESM, no dependency.
import { spawnSync } from 'node:child_process';
import { ChromiumPathError, findChromium, isExecutableFile, isRoot } from './find-chromium.js';

const INSTALL_TIMEOUT_MS = 15 * 60 * 1000;

/** @returns {import('./find-chromium.js').FoundChromium | null} */
function lookup() {
	try {
		return findChromium();
	} catch (error) {
		if (error instanceof ChromiumPathError) {
			console.error(error.message);
			process.exit(1);
		}
		throw error;
	}
}

/**
 * Runs a command with the terminal's output (no input: CI has none) and says whether it succeeded.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
function run(command, args, env = {}) {
	console.log(`$ ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, ...env },
		timeout: INSTALL_TIMEOUT_MS
	});
	if (result.error) console.error(`${command} : ${result.error.message}`);
	return result.status === 0;
}

/** @param {string} path */
function versionOf(path) {
	const result = spawnSync(path, ['--version'], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
		timeout: 30_000
	});
	return result.status === 0 ? result.stdout.trim() : undefined;
}

let found = lookup();

if (!found) {
	console.log('Chromium introuvable, installation… / Chromium not found, installing…');
	if (isRoot() && isExecutableFile('/usr/bin/apt-get')) {
		const noninteractive = { DEBIAN_FRONTEND: 'noninteractive' };
		if (run('apt-get', ['update', '-q'], noninteractive))
			run('apt-get', ['install', '-y', '-q', 'chromium'], noninteractive);
	} else {
		// --no: use the project's own Playwright, never download another one.
		run('npx', ['--no', 'playwright', 'install', 'chromium'], {
			npm_config_update_notifier: 'false'
		});
	}
	found = lookup();
}

if (!found) {
	console.error(
		[
			'',
			'Chromium est introuvable et n’a pas pu être installé.',
			'Chromium was not found and could not be installed.',
			'',
			'Installez-le puis relancez / install it, then run again:',
			`    ${isRoot() ? '' : 'sudo '}apt-get install -y chromium     (Debian, Ubuntu)`,
			'ou / or:',
			'    npx playwright install chromium',
			'',
			'Ou indiquez un Chromium existant / or point to an existing one:',
			'    CHROMIUM_PATH=/chemin/vers/chromium npm run test:e2e',
			''
		].join('\n')
	);
	process.exit(1);
}

const version = versionOf(found.path);
console.log(
	`Chromium utilisé / used: ${found.path} (${found.source}${version ? `, ${version}` : ''})`
);
