// The built server stops on SIGTERM within a bound, whatever it was doing: idle, under load (requests
// still running when the signal comes), or with an SMTP server that is slow or refusing (retries
// pending, a send under way). Runs on the database of the Vitest project (PGlite or PostgreSQL).
//
// The bound: in-flight requests get at most 10 s (src/start.js), the steps after them (mail sender,
// maintenance, database) at most 3 s in all (src/lib/server/shutdown.ts); the test allows 15 s.
// STOP_TIMES=1 prints each measured stop.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { serverDatabaseEnv, startServer, type ServerProcess } from '../helpers/server-process';

const BOUND_MS = 15_000;
const DEMO_PASSWORD = 'impulsions-demo';
const ORGANISER = 'organisation@demo.impulsions.fr';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

async function server(env: Record<string, string>): Promise<ServerProcess> {
	const database = await serverDatabaseEnv();
	cleanups.push(database.remove);
	const started = await startServer({ env: { ...database.env, ...env } });
	cleanups.push(async () => {
		if (started.child.exitCode === null && started.child.signalCode === null)
			started.child.kill('SIGKILL');
		await started.exited;
	});
	return started;
}

function report(what: string, ms: number) {
	if (process.env.STOP_TIMES) console.info(`Arrêt ${what} (${process.env.TEST_DB}) : ${ms} ms`);
}

/** Every step of the stop, in order, is in the output (the mail sender's only when SMTP is set). */
function expectStopSteps(output: string, smtp = false) {
	const steps = [
		/Arrêt demandé \(SIGTERM\)/,
		/Arrêt : connexions HTTP fermées/,
		/Arrêt : maintenance arrêtée/,
		...(smtp ? [/Arrêt : .*envoi des courriels arrêté/] : []),
		/Arrêt : base de données fermée/,
		/Arrêt terminé/
	];
	let from = 0;
	for (const step of steps) {
		const at = output.slice(from).search(step);
		expect(at, `${step} après la position ${from} dans :\n${output}`).toBeGreaterThanOrEqual(0);
		from += at;
	}
}

/** The server's ORIGIN: http://localhost:PORT (src/start.js), which forms posted must come from. */
function siteOrigin(url: string): string {
	return url.replace('127.0.0.1', 'localhost');
}

/** Signs in through the log-in form and answers the session cookie. */
async function signIn(url: string, email: string): Promise<string> {
	const response = await fetch(`${url}/connexion`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: siteOrigin(url) },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('impulsions_session='));
	if (!cookie) throw new Error(`Connexion refusée (${response.status}) pour ${email}`);
	return cookie.split(';')[0];
}

interface TestSmtp {
	url: string;
	/** DATA commands received. */
	attempts: number;
	close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1: `refuse` answers 451 to every message, `slow` never answers. */
async function startSmtp(mode: 'refuse' | 'slow'): Promise<TestSmtp> {
	const state: TestSmtp = { url: '', attempts: 0, close: async () => {} };
	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		closeTimeout: 500,
		onData(stream, _session, callback) {
			stream.resume();
			stream.on('end', () => {
				state.attempts++;
				if (mode === 'slow') return; // the client waits for an answer that does not come
				const error = new Error('Mailbox busy, try again later') as Error & {
					responseCode: number;
				};
				error.responseCode = 451;
				callback(error);
			});
		}
	});
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
	state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
	state.close = () => new Promise<void>((done) => server.close(() => done()));
	return state;
}

/** Puts one message in the outbox: a sign-up mails its verification link. */
async function signUp(url: string, n: number): Promise<void> {
	const password = 'un-mot-de-passe-assez-long';
	const response = await fetch(`${url}/inscription`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: siteOrigin(url) },
		body: new URLSearchParams({
			name: `Personne ${n}`,
			email: `personne.${n}@example.fr`,
			password,
			confirm: password
		}),
		redirect: 'manual'
	});
	expect(response.status, await response.text()).toBeLessThan(400);
}

describe('SIGTERM stops the server within the bound', () => {
	it('when idle', async () => {
		const running = await server({ DEMO_DATA: 'false' });
		const stopped = await running.stop('SIGTERM', BOUND_MS + 5_000);
		report('au repos', Math.round(stopped.ms));
		expect(stopped.code, running.output()).toBe(0);
		expect(stopped.ms).toBeLessThan(BOUND_MS);
		expectStopSteps(running.output());
	}, 120_000);

	it('under load: requests in flight finish or are cut, and the process exits 0', async () => {
		const running = await server({ DEMO_DATA: 'true' });
		const cookie = await signIn(running.url, ORGANISER);
		const paths = ['/', '/laureats', '/editions', '/donnees', '/plan-du-site'];
		const signedIn = ['/admin', '/admin/courriels', '/compte'];
		let signalAt = Infinity;
		const outcomes: Array<{ status: number | 'coupée'; after: boolean }> = [];
		const one = async (i: number) => {
			const path = i % 3 === 0 ? signedIn[i % signedIn.length] : paths[i % paths.length];
			try {
				const response = await fetch(`${running.url}${path}`, {
					headers: i % 3 === 0 ? { cookie } : {},
					signal: AbortSignal.timeout(BOUND_MS + 5_000)
				});
				await response.arrayBuffer();
				outcomes.push({ status: response.status, after: performance.now() > signalAt });
			} catch {
				outcomes.push({ status: 'coupée', after: performance.now() > signalAt });
			}
		};
		const load = Array.from({ length: 300 }, (_, i) => one(i));
		// The signal comes while most of them still wait for an answer.
		while (outcomes.length < 20) await new Promise((r) => setTimeout(r, 10));
		signalAt = performance.now();
		const stopped = await running.stop('SIGTERM', BOUND_MS + 5_000);
		await Promise.all(load);
		report(`après charge (${outcomes.length} requêtes)`, Math.round(stopped.ms));
		expect(stopped.code, running.output()).toBe(0);
		expect(stopped.ms).toBeLessThan(BOUND_MS);
		expect(outcomes).toHaveLength(300);
		// Requests already received when the signal came were answered, not dropped at once.
		expect(outcomes.filter((o) => o.after && o.status === 200).length).toBeGreaterThan(0);
		for (const o of outcomes) if (o.status !== 'coupée') expect(o.status).toBe(200);
		expectStopSteps(running.output());
	}, 180_000);

	for (const mode of ['refuse', 'slow'] as const) {
		it(`with SMTP_URL and an SMTP server that ${mode === 'refuse' ? 'refuses (retries pending)' : 'never answers (a send under way)'}`, async () => {
			const smtp = await startSmtp(mode);
			cleanups.push(smtp.close);
			const running = await server({ DEMO_DATA: 'false', SMTP_URL: smtp.url });
			for (let n = 1; n <= 3; n++) await signUp(running.url, n);
			const deadline = Date.now() + 20_000;
			while (smtp.attempts < (mode === 'refuse' ? 3 : 1) && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 50));
			expect(smtp.attempts).toBeGreaterThan(0);
			const stopped = await running.stop('SIGTERM', BOUND_MS + 5_000);
			report(`avec SMTP (${mode})`, Math.round(stopped.ms));
			expect(stopped.code, running.output()).toBe(0);
			expect(stopped.ms).toBeLessThan(BOUND_MS);
			expectStopSteps(running.output(), true);
		}, 120_000);
	}

	it('a second signal during the stop ends the process at once', async () => {
		const smtp = await startSmtp('slow');
		cleanups.push(smtp.close);
		const running = await server({ DEMO_DATA: 'false', SMTP_URL: smtp.url });
		await signUp(running.url, 1);
		const deadline = Date.now() + 20_000;
		while (smtp.attempts < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		running.child.kill('SIGTERM');
		await running.waitForOutput(/Arrêt : connexions HTTP fermées/, 10_000);
		const stopped = await running.stop('SIGINT', 5_000);
		expect(stopped.ms).toBeLessThan(1_000);
		expect(stopped.code).toBe(1);
		expect(running.output()).toMatch(/Second signal \(SIGINT\) : arrêt immédiat/);
		expect(running.output()).not.toMatch(/Arrêt terminé/);
	}, 120_000);
});
