// End-to-end tests: Playwright in Chromium against the BUILT server (run `npm run build` first; `npm
// test` does), on a fresh embedded database per run. Every test runs twice: with JavaScript
// (`chromium`) and without (`chromium-sans-js`). See tests/e2e/fixtures.ts for the axe check that
// every visited page must pass.
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './tests/setup/find-chromium.js';

// E2E_PORT lets a second checkout run its own suite at the same time (default 4173).
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_URL = `http://localhost:${PORT}`;
const CI = Boolean(process.env.CI);

// The same lookup as tests/setup/chromium.js (which runs first and installs one when missing).
// Throws on a wrong CHROMIUM_PATH rather than silently using another browser.
const executablePath = findChromium()?.path;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results',
	// One server process with one embedded database: tests share it, one at a time.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	// A journey checks many pages with axe (about a second each on a 2-core machine).
	timeout: 60_000,
	forbidOnly: CI,
	reporter: [['list'], ['./tests/setup/summary-reporter.js']],
	use: {
		baseURL: BASE_URL,
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
	],
	webServer: {
		command: 'node tests/setup/e2e-server.js',
		url: `${BASE_URL}/api/sante`,
		env: { PORT: String(PORT) },
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 }
	}
});
