// The log of the built server, as an operator reads it: one JSON line per request (LOG_FORMAT=json)
// without the secrets of paths and query strings, and, for a real failure, one error line with its
// stack whose request id is the « référence de l’erreur » the French 500 page shows.
//
// The failure is genuine: two tables of the server's PostgreSQL database are renamed under it (as a
// bad manual change would), so the pages that read them fail. Registered on PostgreSQL only: PGlite
// lives inside the server process, and nothing outside it can break it short of a test-only hook.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { serverDatabaseEnv, startServer, type ServerProcess } from '../helpers/server-process';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

async function server(env: Record<string, string>) {
	const database = await serverDatabaseEnv();
	cleanups.push(database.remove);
	const running = await startServer({ env: { ...database.env, DEMO_DATA: 'false', ...env } });
	cleanups.push(async () => {
		if (running.child.exitCode === null && running.child.signalCode === null)
			running.child.kill('SIGKILL');
		await running.exited;
	});
	return { running, database };
}

/** The JSON records printed so far (every line must parse). */
function records(running: ServerProcess): Array<Record<string, unknown>> {
	return running
		.output()
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => {
			try {
				return JSON.parse(line);
			} catch {
				throw new Error(`Ligne de journal non JSON : ${line}`);
			}
		});
}

describe(`server log (${process.env.TEST_DB})`, () => {
	it('LOG_FORMAT=json: every line parses; one per request, with its id, and no secret', async () => {
		const { running } = await server({ LOG_FORMAT: 'json' });
		const response = await fetch(`${running.url}/invitation/SECRETTOKEN42?code=SECRETCODE42`);
		await response.text();
		const id = response.headers.get('x-request-id');
		expect(id).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
		await running.waitForOutput(new RegExp(`"reqId":"${id}"`), 5_000);
		const line = records(running).find((r) => r.reqId === id);
		expect(line).toMatchObject({
			level: 'info',
			method: 'GET',
			path: '/invitation/***?code=***',
			status: response.status
		});
		expect(typeof line!.durationMs).toBe('number');
		expect(line!.msg).toBe(
			`GET /invitation/***?code=*** ${response.status} ${line!.durationMs} ms`
		);
		// A kept public page, written by src/start.js before SvelteKit, has its line too.
		const ids = [];
		for (let i = 0; i < 3; i++) {
			const home = await fetch(`${running.url}/`);
			await home.text();
			ids.push(home.headers.get('x-request-id'));
		}
		for (const homeId of ids)
			await running.waitForOutput(new RegExp(`"reqId":"${homeId}"[^}]*"path":"/"`), 5_000);
		expect(new Set(ids).size).toBe(3);
		// Start-up messages are log lines too, their French text unchanged.
		expect(records(running).map((r) => r.msg)).toContain(
			`Listening on http://127.0.0.1:${running.port}`
		);
		const stopped = await running.stop('SIGTERM');
		expect(stopped.code).toBe(0);
		records(running);
		expect(running.output()).not.toMatch(/SECRET/);
	}, 120_000);

	if (process.env.TEST_DB === 'postgres')
		it('a real failure: the 500 page shows the reference that the error line (with its stack) carries', async () => {
			const { running, database } = await server({ LOG_FORMAT: 'json' });
			// Tables the pages read disappear under the running server.
			const admin = new pg.Client({ connectionString: database.env.DATABASE_URL });
			await admin.connect();
			await admin.query('alter table users rename to users_away');
			await admin.query('alter table public_revision rename to public_revision_away');
			await admin.end();

			// A form whose action reads the database: SvelteKit's French error page (+error.svelte).
			const page = await fetch(`${running.url}/connexion?suite=%2Finvitation%2FSECRETTOKEN42`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					origin: running.url.replace('127.0.0.1', 'localhost')
				},
				body: new URLSearchParams({ email: 'personne@example.fr', password: 'SECRETPASSWORD42' })
			});
			const html = await page.text();
			expect(page.status, html).toBe(500);
			const id = page.headers.get('x-request-id')!;
			expect(id).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
			expect(html).toContain('Erreur inattendue');
			expect(html).toMatch(new RegExp(`Référence de l’erreur : <strong[^>]*>${id}</strong>`));

			// A failure in a hook, before any page: the static French page (src/error.html).
			const home = await fetch(`${running.url}/`);
			const homeHtml = await home.text();
			expect(home.status).toBe(500);
			const homeId = home.headers.get('x-request-id')!;
			expect(homeHtml).toContain(`référence de l’erreur : ${homeId}`);

			// Each request's own line (written when its answer is finished) is there too.
			for (const reqId of [id, homeId])
				await running.waitForOutput(new RegExp(`"reqId":"${reqId}"[^\n]*"durationMs"`), 5_000);
			for (const [reqId, path] of [
				[id, `/connexion?suite=${encodeURIComponent('/invitation/***')}`],
				[homeId, '/']
			]) {
				const lines = records(running).filter((r) => r.reqId === reqId);
				const error = lines.find((r) => r.err);
				expect(error, JSON.stringify(lines)).toMatchObject({
					level: 'error',
					path,
					status: 500,
					msg: `Erreur inattendue (500) : ${reqId === id ? 'POST' : 'GET'} ${path}`
				});
				const err = error!.err as { message: string; stack: string };
				expect(err.message).toMatch(/relation "(users|public_revision)" does not exist/);
				expect(err.stack).toMatch(/\n\s+at /);
				// and the request's own line, with the same id.
				expect(lines.find((r) => !r.err)).toMatchObject({ level: 'error', path, status: 500 });
			}
			expect(running.output()).not.toMatch(/SECRET/);
		}, 120_000);
});
