// Playwright fixtures for every end-to-end test: import `test` and `expect` from here, never from
// '@playwright/test'.
//
// RULE: every page a test visits must pass an axe check (WCAG 2.0/2.1, levels A and AA) while it is
// displayed. Call `await axe()` after each navigation: page.goto, a click on a link, a form sent (with
// or without JavaScript), a redirection. An automatic fixture records every URL the main frame of each
// page shows (path + search; the #hash is ignored) and fails the test at its end if one of them was
// never checked. A form sent without JavaScript lands on `/path?/action`: that page (often the one
// showing the errors) is a page of its own and needs its own check.
//
//   import { test, expect } from './fixtures';
//
//   test('la page de connexion', async ({ page, axe }) => {
//   	await page.goto('/connexion');
//   	await axe();
//   	await page.getByRole('button', { name: 'Se connecter' }).click();
//   	await expect(page.getByRole('alert')).toBeVisible();
//   	await axe(); // the page showing the errors
//   });
//
// `axe(otherPage)` checks another page (a second user in its own context): pages of the test's
// `context` and of contexts opened with `browser.newContext()` / `browser.newPage()` are all watched.
// Endpoints that are not pages (JSON, PDF, CSV) are fetched with `request`, not visited with `page`.
// In the `chromium-sans-js` project the check works the same (see withTimersWithoutJavaScript). The
// end-of-test check is skipped when the test has already failed. `a11yCoverage.unchecked()` lists
// the pages still to check. Nothing here may be weakened to let a page through: fix the page instead.
//
// SERVER: each Playwright worker starts its own built server (`npm run build` first) on its own port,
// with its own PGlite folder (tests/.tmp/e2e-pglite-<worker index>, emptied first, left afterwards for
// inspection) filled with the demo data, and `baseURL` points to it. The tests of one file run in
// order in one worker (fullyParallel: false), so only they, and the files run before them in the same
// worker, share its data: a test must not rely on another file having run, or not. A file may still
// start a server of its own (tests/helpers/server-process.ts) and visit it by absolute URL.
import AxeBuilder from '@axe-core/playwright';
import {
	test as base,
	expect,
	type Browser,
	type BrowserContext,
	type Page,
	type TestInfo
} from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer } from '../helpers/server-process';

/** The rules checked: WCAG 2.0 and 2.1, levels A and AA (the RGAA's reference). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Checks `target` (by default the test's page) with axe and fails with the list of violations. */
export type Axe = (target?: Page) => Promise<void>;

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

const MAX_TARGETS_SHOWN = 10;

/** What a page showed during the test and what axe checked, by path + search. */
interface PageRecord {
	label: string;
	visited: string[];
	checked: Set<string>;
}

/** Records the URLs shown by every watched page and the ones checked by axe. */
class A11yCoverage {
	private readonly pages = new Map<Page, PageRecord>();
	private readonly contexts = new WeakSet<BrowserContext>();
	private readonly scriptless = new WeakSet<BrowserContext>();
	private shown = 0;

	constructor(private readonly baseURL: string | undefined) {}

	/** path + search for this site's URLs, the full URL (without #hash) for others; null if no page. */
	key(url: string): string | null {
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			return null;
		}
		// about:blank, chrome-error://… and the like are not pages of the site.
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
		const base = this.baseURL ? new URL(this.baseURL).origin : undefined;
		const local = parsed.pathname + parsed.search;
		return parsed.origin === base ? local : parsed.origin + local;
	}

	watchContext(context: BrowserContext, javaScriptEnabled = true): void {
		if (this.contexts.has(context)) return;
		this.contexts.add(context);
		if (!javaScriptEnabled) this.scriptless.add(context);
		for (const page of context.pages()) this.watchPage(page);
		context.on('page', (page) => this.watchPage(page));
	}

	watchPage(page: Page): void {
		if (this.pages.has(page)) return;
		const record: PageRecord = { label: '', visited: [], checked: new Set() };
		this.pages.set(page, record);
		const visit = (url: string) => {
			const key = this.key(url);
			if (key === null || record.visited.includes(key)) return;
			// Numbered in the order they first show something (axe's own blank pages never do).
			record.label ||= `page ${++this.shown}`;
			record.visited.push(key);
		};
		visit(page.url());
		page.on('framenavigated', (frame) => {
			if (frame === page.mainFrame()) visit(frame.url());
		});
	}

	/** Whether the page was opened with JavaScript disabled. */
	isScriptless(page: Page): boolean {
		return this.scriptless.has(page.context());
	}

	markChecked(page: Page, url: string): void {
		this.watchPage(page);
		const key = this.key(url);
		if (key !== null) this.pages.get(page)?.checked.add(key);
	}

	/** The visited URLs never checked, as "page N: /path?search". */
	unchecked(): string[] {
		const several = this.shown > 1;
		const missing: string[] = [];
		for (const record of this.pages.values()) {
			for (const key of record.visited) {
				if (!record.checked.has(key)) missing.push(several ? `${record.label} : ${key}` : key);
			}
		}
		return missing;
	}
}

function formatTarget(target: Violation['nodes'][number]['target']): string {
	// A selector inside iframes or shadow roots is a list of selectors, outermost first.
	return target
		.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part)))
		.join(' » ');
}

/** A readable list: one block per rule, with its impact, its help and the elements at fault. */
export function formatViolations(where: string, violations: Violation[]): string {
	const lines = [
		`axe : ${violations.length} règle(s) WCAG A/AA non respectée(s) sur ${where}`,
		`axe: ${violations.length} WCAG A/AA violation(s) on ${where}`
	];
	for (const violation of violations) {
		lines.push('', `- ${violation.id} [${violation.impact ?? '?'}] ${violation.help}`);
		lines.push(`  ${violation.helpUrl}`);
		for (const node of violation.nodes.slice(0, MAX_TARGETS_SHOWN)) {
			lines.push(`    • ${formatTarget(node.target)}`);
		}
		const more = violation.nodes.length - MAX_TARGETS_SHOWN;
		if (more > 0) lines.push(`    … et ${more} autre(s) / and ${more} more`);
	}
	return lines.join('\n');
}

/** Makes pages opened in new contexts during the test watched too; returns the undo function. */
function watchNewContexts(browser: Browser, coverage: A11yCoverage): () => void {
	const newContext = browser.newContext;
	const newPage = browser.newPage;
	browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
		const context = await newContext.apply(browser, args);
		coverage.watchContext(context, args[0]?.javaScriptEnabled !== false);
		return context;
	};
	browser.newPage = async (...args: Parameters<Browser['newPage']>) => {
		const page = await newPage.apply(browser, args);
		coverage.watchContext(page.context(), args[0]?.javaScriptEnabled !== false);
		coverage.watchPage(page);
		return page;
	};
	return () => {
		browser.newContext = newContext;
		browser.newPage = newPage;
	};
}

type WithSavedTimers = Window & { __axeTimers?: [Window['setTimeout'], Window['clearTimeout']] };

/**
 * Runs `check` in a page opened with JavaScript disabled. There, axe's code runs (it is evaluated by
 * Playwright) and so do promise reactions, but timers never fire, and axe waits on `setTimeout(…, 0)`:
 * for the time of the check, the page's `setTimeout` runs zero-delay callbacks as promise reactions
 * and drops the others (axe only uses them as watchdogs). It is put back afterwards. The page's own
 * scripts stay disabled throughout.
 */
async function withTimersWithoutJavaScript<T>(page: Page, check: () => Promise<T>): Promise<T> {
	await page.evaluate(() => {
		const w = window as WithSavedTimers;
		w.__axeTimers ??= [w.setTimeout, w.clearTimeout];
		w.setTimeout = (callback: TimerHandler, delay?: number, ...args: unknown[]) => {
			if (!delay && typeof callback === 'function') Promise.resolve().then(() => callback(...args));
			return 0;
		};
		w.clearTimeout = () => {};
	});
	try {
		return await check();
	} finally {
		if (!page.isClosed())
			await page.evaluate(() => {
				const w = window as WithSavedTimers;
				if (w.__axeTimers) [w.setTimeout, w.clearTimeout] = w.__axeTimers;
				delete w.__axeTimers;
			});
	}
}

async function checkPage(page: Page, coverage: A11yCoverage, testInfo: TestInfo): Promise<void> {
	const url = page.url();
	const where = coverage.key(url) ?? url;
	await base.step(
		`axe ${where}`,
		async () => {
			await page.waitForLoadState('load');
			const builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
			// Without JavaScript, axe runs in the page itself (by default it finishes in a new blank
			// page of the same context, without JavaScript too). Frames would not answer there: the site
			// has none.
			const results = coverage.isScriptless(page)
				? await withTimersWithoutJavaScript(page, () => builder.setLegacyMode().analyze())
				: await builder.analyze();
			if (results.violations.length > 0) {
				await testInfo.attach(`axe ${where}`, {
					body: JSON.stringify(results.violations, null, '\t'),
					contentType: 'application/json'
				});
				throw new Error(formatViolations(where, results.violations));
			}
			coverage.markChecked(page, url);
		},
		{ box: true }
	);
}

/** The worker's own server: its URL (http://localhost:PORT, the launcher's default ORIGIN). */
export interface WorkerServer {
	url: string;
	port: number;
	dataDir: string;
}

export const test = base.extend<
	{ axe: Axe; a11yCoverage: A11yCoverage },
	{ workerServer: WorkerServer }
>({
	// Started on the first test of the worker that needs `baseURL` (a page, a request…), stopped with
	// the worker. E2E_PORT (optional) puts worker N on E2E_PORT + N rather than on a free port.
	workerServer: [
		// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
		async ({}, use, workerInfo) => {
			// Per worker process (a worker restarted after a failure gets a new one, and a fresh database,
			// even if its predecessor's server has not finished stopping).
			const dataDir = join(ROOT, 'tests', '.tmp', `e2e-pglite-${workerInfo.workerIndex}`);
			rmSync(dataDir, { recursive: true, force: true });
			const port = process.env.E2E_PORT
				? Number(process.env.E2E_PORT) + workerInfo.parallelIndex
				: undefined;
			const server = await startServer({
				port,
				env: { PGLITE_DATA_DIR: dataDir, DEMO_DATA: 'true' },
				readyTimeoutMs: 120_000
			});
			// A worker killed without its teardown does not leave its server behind.
			const killServer = () => server.child.kill('SIGKILL');
			process.once('exit', killServer);
			try {
				await use({ url: `http://localhost:${server.port}`, port: server.port, dataDir });
			} finally {
				process.off('exit', killServer);
				const stopped = await server.stop('SIGTERM', 10_000);
				if (stopped.code !== 0 && stopped.signal !== 'SIGTERM')
					console.error(`Serveur du worker ${workerInfo.parallelIndex} :\n${server.output()}`);
			}
		},
		{ scope: 'worker', timeout: 180_000 }
	],

	baseURL: async ({ workerServer }, use) => {
		await use(workerServer.url);
	},

	// Automatic: watches every page of the test, and at its end fails it if a visited URL was never
	// checked by axe. Skipped when the test has already failed (its later pages were never reached).
	a11yCoverage: [
		async ({ browser, context, baseURL, javaScriptEnabled }, use, testInfo) => {
			const coverage = new A11yCoverage(baseURL);
			coverage.watchContext(context, javaScriptEnabled);
			const unwatch = watchNewContexts(browser, coverage);
			try {
				await use(coverage);
			} finally {
				unwatch();
			}
			if (testInfo.status !== 'passed') return;
			const missing = coverage.unchecked();
			if (missing.length > 0) {
				throw new Error(
					[
						'Page(s) affichée(s) sans contrôle axe / page(s) shown but never checked with axe:',
						...missing.map((key) => `  - ${key}`),
						'Appelez « await axe() » après chaque navigation (tests/e2e/fixtures.ts).',
						'Call "await axe()" after each navigation (tests/e2e/fixtures.ts).'
					].join('\n')
				);
			}
		},
		{ auto: true }
	],

	axe: async ({ page, a11yCoverage }, use, testInfo) => {
		await use((target = page) => checkPage(target, a11yCoverage, testInfo));
	}
});

export { expect };
