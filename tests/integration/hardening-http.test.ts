// Issue 16's hardening, seen from outside on the BUILT server (`npm run build` first): rate limits under
// parallel HTTP requests, the page after log-in that never leaves the site nor gives a 500, and the
// security headers on every answer, the static files under /_app/ included.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed/demo';
import { LIMITS } from '../../src/lib/server/auth/rate-limit';
import {
	ROOT,
	serverDatabaseEnv,
	startServer,
	type ServerProcess
} from '../helpers/server-process';

let server: ServerProcess;
let removeDatabase: () => Promise<void> = async () => {};
/** The origin the server believes it has (start.js defaults ORIGIN to http://localhost:PORT). */
let origin: string;

beforeAll(async () => {
	const database = await serverDatabaseEnv();
	removeDatabase = database.remove;
	server = await startServer({ env: { ...database.env, DEMO_DATA: 'true' } });
	origin = `http://localhost:${server.port}`;
}, 120_000);

afterAll(async () => {
	await server?.stop();
	await removeDatabase();
});

/**
 * Posts a form as a browser without JavaScript would (same Origin, asking for HTML, so that SvelteKit
 * answers with the page and its status rather than JSON), without following the redirect.
 */
function post(path: string, fields: Record<string, string>, cookie?: string) {
	return fetch(server.url + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields).toString()
	});
}

function statuses(responses: Response[]): Record<number, number> {
	const counts: Record<number, number> = {};
	for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
	return counts;
}

describe('rate limits over HTTP', () => {
	it('checks 5 of 100 simultaneous wrong passwords for one address, and refuses the rest', async () => {
		const responses = await Promise.all(
			Array.from({ length: 100 }, () =>
				post('/connexion', { email: 'parallele@ac-rennes.fr', password: 'pas le bon' })
			)
		);
		const bodies = await Promise.all(responses.map((r) => r.text()));
		expect(statuses(responses)).toEqual({
			400: LIMITS.login.perEmail.max,
			429: 100 - LIMITS.login.perEmail.max
		});
		expect(bodies.filter((b) => b.includes('Trop de tentatives'))).toHaveLength(95);
	});

	it('creates at most 10 accounts out of 15 simultaneous sign-ups, and keeps the input', async () => {
		const responses = await Promise.all(
			Array.from({ length: 15 }, (_, i) =>
				post('/inscription', {
					name: `Personne ${i}`,
					email: `inscrite${i}@ac-lille.fr`,
					password: 'une phrase de passe solide',
					confirm: 'une phrase de passe solide'
				})
			)
		);
		const bodies = await Promise.all(responses.map((r) => r.text()));
		expect(statuses(responses)).toEqual({
			200: LIMITS.signup.perIp.max,
			429: 15 - LIMITS.signup.perIp.max
		});
		for (const [i, response] of responses.entries()) {
			if (response.status !== 429) continue;
			expect(bodies[i]).toContain('Trop de tentatives. Par sécurité, réessayez dans');
			expect(bodies[i]).toContain(`value="inscrite${i}@ac-lille.fr"`);
			expect(bodies[i]).toContain(`value="Personne ${i}"`);
			expect(bodies[i]).not.toContain('une phrase de passe solide');
		}
	});
});

describe('the page after log-in', () => {
	const logIn = (suite: string) =>
		post('/connexion', {
			email: DEMO_ACCOUNTS.organiser.email,
			password: DEMO_PASSWORD,
			suite
		});

	it.each([
		['/%09/evil.example/', decodeURIComponent('/%09/evil.example/')],
		['/%0d%0a', decodeURIComponent('/%0d%0a')],
		['/compte%0d%0aSet-Cookie:%20x=y', decodeURIComponent('/compte%0d%0aSet-Cookie:%20x=y')],
		['/\\evil.example', '/\\evil.example'],
		['//evil.example', '//evil.example']
	])('stays on the site with suite=%s, never a 500', async (_, suite) => {
		const response = await logIn(suite);
		expect(response.status).toBe(303);
		const location = response.headers.get('location') ?? '';
		expect(new URL(location, origin).origin).toBe(origin);
		expect(location).toBe('/');
		const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
		expect(cookie).toMatch(/^impulsions_session=/);

		// Once logged in, the log-in page itself sends on to `suite`, read from its address.
		const again = await fetch(`${server.url}/connexion?suite=${encodeURIComponent(suite)}`, {
			redirect: 'manual',
			headers: { cookie: cookie! }
		});
		expect(again.status).toBe(303);
		expect(again.headers.get('location')).toBe('/');
	});

	it('still goes to a page of the site given as suite', async () => {
		const response = await logIn('/admin/courriels?page=2');
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/admin/courriels?page=2');
	});
});

describe('security headers', () => {
	const immutable = join(ROOT, 'build', 'client', '_app', 'immutable', 'entry');
	const expectHeaders = (response: Response) => {
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(response.headers.get('permissions-policy')).toBe(
			'camera=(), microphone=(), geolocation=()'
		);
	};

	it('are on a file under /_app/immutable/', async () => {
		const file = readdirSync(immutable).find((name) => name.endsWith('.js'));
		expect(file).toBeDefined();
		const response = await fetch(`${server.url}/_app/immutable/entry/${file}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/javascript/);
		expectHeaders(response);
	});

	it('are on the favicon, on a 304 and on a missing file under /_app/', async () => {
		const favicon = await fetch(`${server.url}/favicon.svg`);
		expect(favicon.status).toBe(200);
		expectHeaders(favicon);
		const etag = favicon.headers.get('etag');
		if (etag) {
			const again = await fetch(`${server.url}/favicon.svg`, {
				headers: { 'if-none-match': etag }
			});
			expect(again.status).toBe(304);
			expectHeaders(again);
		}
		const missing = await fetch(`${server.url}/_app/immutable/entry/absent.js`);
		expect(missing.status).toBe(404);
		expectHeaders(missing);
	});

	it('are given once on pages, kept public pages included', async () => {
		// The second anonymous visit of the home page is served from the kept pages, before SvelteKit.
		for (let i = 0; i < 3; i++) {
			const response = await fetch(`${server.url}/`);
			expect(response.status).toBe(200);
			expectHeaders(response);
		}
		const login = await fetch(`${server.url}/connexion`);
		expectHeaders(login);
	});
});
