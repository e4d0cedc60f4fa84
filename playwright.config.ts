// End-to-end tests: Playwright in Chromium against the BUILT server (run `npm run build` first; `npm
// test` does). Each worker starts its own server on its own fresh embedded database filled with the
// demo (tests/e2e/fixtures.ts, `workerServer`), so workers run in parallel. Every test runs twice:
// with JavaScript (`chromium`) and without (`chromium-sans-js`). See tests/e2e/fixtures.ts for the
// axe check that every visited page must pass.
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './tests/setup/find-chromium.js';

const CI = Boolean(process.env.CI);

// The same lookup as tests/setup/chromium.js (which runs first and installs one when missing).
// Throws on a wrong CHROMIUM_PATH rather than silently using another browser.
const executablePath = findChromium()?.path;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results',
	// One server and database per worker (E2E_WORKERS to change their number). The tests of a file
	// run in order in one worker: journeys change the demo's data, and a file's tests may build on it.
	workers: Number(process.env.E2E_WORKERS ?? 2),
	fullyParallel: false,
	retries: 0,
	// A journey checks many pages with axe (about a second each on a 2-core machine).
	timeout: 60_000,
	forbidOnly: CI,
	reporter: [['list'], ['./tests/setup/summary-reporter.js']],
	use: {
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		trace: 'retain-on-failure',
		// A missing button fails the step with its name, not the whole journey at its time limit.
		actionTimeout: 30_000,
		navigationTimeout: 60_000,
		launchOptions: { executablePath, args: chromiumArgs() }
	},
	projects: [
		{ name: 'chromium', use: { ...devices['Desktop Chrome'] } },
		{ name: 'chromium-sans-js', use: { ...devices['Desktop Chrome'], javaScriptEnabled: false } }
	]
});
