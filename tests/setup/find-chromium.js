// Finds the Chromium used by the end-to-end tests. Shared by tests/setup/chromium.js (run before
// `playwright test`) and playwright.config.ts, so both always agree on the browser.
//
// Order: CHROMIUM_PATH (must then be an executable file: a wrong value is an error, never silently
// replaced), Debian's /usr/bin/chromium, /usr/bin/chromium-browser, then the browser downloaded by
// `npx playwright install chromium` (found through playwright-core, when installed).
// Plain Node ESM, no dependency (playwright-core is optional and loaded only if present).
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Places where Debian and Ubuntu put Chromium. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Chromium switches for a closed network and small CI machines: without the first ones Chromium keeps
 * trying to reach Google's services.
 */
export const CHROMIUM_ARGS = [
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run',
	'--disable-dev-shm-usage'
];

/** Whether this process runs as root (Chromium's sandbox then refuses to start). */
export function isRoot() {
	return process.getuid?.() === 0;
}

/** The switches to launch Chromium with in this process. */
export function chromiumArgs() {
	return isRoot() ? [...CHROMIUM_ARGS, '--no-sandbox'] : [...CHROMIUM_ARGS];
}

/** Raised when CHROMIUM_PATH names something that is not an executable file. */
export class ChromiumPathError extends Error {
	/** @param {string} path */
	constructor(path) {
		super(
			`CHROMIUM_PATH="${path}" n'est pas un fichier exécutable / is not an executable file.\n` +
				'Corrigez ou retirez cette variable / fix or unset this variable.'
		);
		this.name = 'ChromiumPathError';
	}
}

/**
 * @param {string} path
 * @returns {boolean}
 */
export function isExecutableFile(path) {
	try {
		if (!statSync(path).isFile()) return false;
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * The browser `npx playwright install chromium` puts in its cache, if playwright-core is installed
 * (it is not before `npm ci`).
 * @returns {string | undefined}
 */
export function playwrightChromiumPath() {
	try {
		const require = createRequire(import.meta.url);
		/** @type {{ chromium: { executablePath(): string } }} */
		const playwright = require('playwright-core');
		return playwright.chromium.executablePath() || undefined;
	} catch {
		return undefined;
	}
}

/**
 * @typedef {{ path: string, source: string }} FoundChromium
 */

/**
 * Looks for Chromium. Returns null when there is none; throws ChromiumPathError when CHROMIUM_PATH is
 * set but wrong.
 * @param {Record<string, string | undefined>} [env]
 * @returns {FoundChromium | null}
 */
export function findChromium(env = process.env) {
	const wanted = env.CHROMIUM_PATH?.trim();
	if (wanted) {
		if (!isExecutableFile(wanted)) throw new ChromiumPathError(wanted);
		return { path: wanted, source: 'CHROMIUM_PATH' };
	}
	for (const path of SYSTEM_CHROMIUM_PATHS) {
		if (isExecutableFile(path)) return { path, source: 'système / system' };
	}
	const downloaded = playwrightChromiumPath();
	if (downloaded && isExecutableFile(downloaded)) return { path: downloaded, source: 'Playwright' };
	return null;
}
