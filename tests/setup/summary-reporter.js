// A one-line summary per Playwright run, after the `list` reporter's output: the overall status and
// the counts for each project (with and without JavaScript), easy to spot at the end of a CI log.

/** @typedef {import('@playwright/test/reporter').Reporter} Reporter */

/** @implements {Reporter} */
export default class SummaryReporter {
	/** @type {import('@playwright/test/reporter').Suite | undefined} */
	suite;

	/** @param {import('@playwright/test/reporter').FullConfig} _config @param {import('@playwright/test/reporter').Suite} suite */
	onBegin(_config, suite) {
		this.suite = suite;
	}

	/** @param {import('@playwright/test/reporter').FullResult} result */
	onEnd(result) {
		/** @type {Map<string, { ok: number, failed: number, flaky: number, skipped: number }>} */
		const byProject = new Map();
		for (const test of this.suite?.allTests() ?? []) {
			const name = test.parent.project()?.name ?? '?';
			const counts = byProject.get(name) ?? { ok: 0, failed: 0, flaky: 0, skipped: 0 };
			const outcome = test.outcome();
			if (outcome === 'expected') counts.ok++;
			else if (outcome === 'unexpected') counts.failed++;
			else if (outcome === 'flaky') counts.flaky++;
			else counts.skipped++;
			byProject.set(name, counts);
		}
		const parts = [...byProject].map(
			([name, c]) =>
				`${name} ${c.ok} ok, ${c.failed} en échec` +
				(c.flaky ? `, ${c.flaky} instables` : '') +
				(c.skipped ? `, ${c.skipped} ignorés` : '')
		);
		const status = result.status === 'passed' ? 'RÉUSSI' : `ÉCHEC (${result.status})`;
		const seconds = (result.duration / 1000).toFixed(1);
		console.log(`E2E ${status} — ${parts.join(' ; ') || 'aucun test'} — ${seconds} s`);
		// The plain closing line that CI logs are read for: "N passed, N failed[, N skipped]".
		const total = { ok: 0, failed: 0, skipped: 0 };
		for (const c of byProject.values()) {
			total.ok += c.ok + c.flaky;
			total.failed += c.failed;
			total.skipped += c.skipped;
		}
		console.log(`e2e: ${total.ok} passed, ${total.failed} failed, ${total.skipped} skipped`);
	}

	printsToStdio() {
		return true;
	}
}
