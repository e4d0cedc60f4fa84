// The first organiser, as an operator sees it: the BUILT server (run `npm run build` first; `npm test`
// does) started with DEMO_DATA=false on an empty database prints the set-up link, again on every start
// until an organiser exists, and never after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDatabaseEnv, startServer, type ServerProcess } from '../helpers/server-process';

const LINE =
	/Aucun organisateur : créez le premier compte organisateur sur (http:\/\/localhost:\d+\/installation\/[A-Za-z0-9_-]+) \(lien à usage unique, valable 24 h\)\.$/m;
const PASSWORD = 'une phrase de passe solide';

/**
 * Stops a server. Its graceful stop is not this file's subject: on this branch a server restarted on
 * an existing PGlite folder does not exit after SIGTERM (PGlite, never closed, keeps re-arming an
 * internal timer), so after 20 s the helper kills it, and the test goes on.
 */
async function stop(server: ServerProcess) {
	await server.stop('SIGTERM', 20_000).catch(() => undefined);
}

let database: Awaited<ReturnType<typeof serverDatabaseEnv>>;
const started: ServerProcess[] = [];

async function start() {
	const server = await startServer({ env: { ...database.env, DEMO_DATA: 'false' } });
	started.push(server);
	return server;
}

/** The path of the set-up link the server printed, checked to be on one line, printed once. */
async function printedLink(server: ServerProcess): Promise<string> {
	const match = await server.waitForOutput(LINE);
	expect(server.output().match(new RegExp(LINE.source, 'gm'))).toHaveLength(1);
	const link = new URL(match[1]);
	expect(link.origin).toBe(`http://localhost:${server.port}`);
	return link.pathname;
}

beforeAll(async () => {
	database = await serverDatabaseEnv();
});
// Three starts of a server process, each migrating or opening its database.
afterAll(async () => {
	for (const server of started) await stop(server);
	await database?.remove();
});

describe('DEMO_DATA=false on an empty database', () => {
	it('prints a set-up link on every start until the first organiser is made, then never', async () => {
		const first = await start();
		const firstPath = await printedLink(first);
		await stop(first);

		const second = await start();
		const secondPath = await printedLink(second);
		expect(secondPath).not.toBe(firstPath);
		// The older link is still usable until it expires (or an organiser exists).
		const older = await fetch(second.url + firstPath);
		expect(older.status).toBe(200);
		expect(await older.text()).toContain('Créer le compte organisateur');

		const response = await fetch(second.url + secondPath, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: `http://localhost:${second.port}`,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				name: 'Camille Première',
				email: 'premiere@education.gouv.fr',
				password: PASSWORD,
				confirm: PASSWORD
			})
		});
		await response.arrayBuffer();
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/admin');
		const cookie = response.headers.get('set-cookie')!.split(';')[0];
		const admin = await fetch(`${second.url}/admin`, { headers: { cookie }, redirect: 'manual' });
		expect(admin.status).toBe(200);
		// Bodies are read to the end, so that no connection is left busy when the server stops.
		expect(await admin.text()).toContain('Administration du prix');
		const used = await fetch(second.url + secondPath);
		expect(await used.text()).toContain('Ce lien d’installation a déjà servi');
		const void_ = await fetch(second.url + firstPath);
		expect(await void_.text()).toContain('L’installation est terminée');
		await stop(second);

		const third = await start();
		expect(third.output()).not.toContain('Aucun organisateur');
		expect(third.output()).not.toContain('/installation/');
	}, 400_000);
});
