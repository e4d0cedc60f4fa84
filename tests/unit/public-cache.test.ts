import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import {
	createPublicCache,
	acceptsGzip,
	etagMatches,
	isCachedPublicPath,
	keptPageServer
} from '../../src/lib/server/http/public-cache';

type Resolve = Parameters<ReturnType<typeof createPublicCache>['handle']>[0]['resolve'];

interface TestRequest {
	method?: string;
	ifNoneMatch?: string;
	acceptEncoding?: string;
}

function requestEvent(path: string, init: TestRequest = {}) {
	const url = new URL(path, 'http://localhost');
	const headers = new Headers();
	if (init.ifNoneMatch) headers.set('if-none-match', init.ifNoneMatch);
	if (init.acceptEncoding) headers.set('accept-encoding', init.acceptEncoding);
	return {
		url,
		request: new Request(url, { method: init.method ?? 'GET', headers }),
		locals: {}
	} as unknown as RequestEvent;
}

/** A cache over a fake revision and a fake renderer that counts its renders. */
function setUp(options: { anonymous?: boolean; maxEntries?: number; ttl?: number } = {}) {
	const state = { revision: '1', renders: 0, reads: 0, body: 'page A', now: 0 };
	const cache = createPublicCache({
		revision: async () => {
			state.reads++;
			return state.revision;
		},
		anonymous: () => options.anonymous ?? true,
		maxEntries: options.maxEntries,
		revisionTtlMs: options.ttl,
		now: () => state.now
	});
	const resolve: Resolve = async () => {
		state.renders++;
		return new Response(state.body, {
			headers: { 'content-type': 'text/html; charset=utf-8', 'x-frame-options': 'DENY' }
		});
	};
	const get = (path: string, init?: TestRequest) =>
		cache.handle({ event: requestEvent(path, init), resolve });
	return { state, cache, get };
}

describe('public page cache', () => {
	it('serves an anonymous page from the process until the public revision changes', async () => {
		const { state, get } = setUp();
		const first = await get('/laureats');
		expect(await first.text()).toBe('page A');
		expect(first.headers.get('cache-control')).toBe('public, no-cache');
		expect(first.headers.get('x-frame-options')).toBe('DENY');
		state.body = 'page B';
		expect(await (await get('/laureats')).text()).toBe('page A');
		expect(state.renders).toBe(1);
		state.revision = '2';
		expect(await (await get('/laureats')).text()).toBe('page B');
		expect(state.renders).toBe(2);
	});

	it('answers 304 without a body to a matching If-None-Match, and 200 to a stale one', async () => {
		const { get } = setUp();
		const etag = (await get('/laureats')).headers.get('etag');
		expect(etag).toMatch(/^"[\w-]+"$/);
		const notModified = await get('/laureats', { ifNoneMatch: `W/"x", ${etag}` });
		expect(notModified.status).toBe(304);
		expect(notModified.body).toBeNull();
		expect(notModified.headers.get('etag')).toBe(etag);
		expect((await get('/laureats', { ifNoneMatch: '"autre"' })).status).toBe(200);
	});

	it('keeps the same ETag when a new revision renders the same bytes', async () => {
		const { state, get } = setUp();
		const before = (await get('/editions/2025')).headers.get('etag');
		state.revision = '7';
		const after = await get('/editions/2025', { ifNoneMatch: before ?? '' });
		expect(after.status).toBe(304);
		expect(state.renders).toBe(2);
	});

	it('renders every time for a signed-in visitor, with a private ETag', async () => {
		const { state, get } = setUp({ anonymous: false });
		const first = await get('/laureats');
		expect(first.headers.get('cache-control')).toBe('private, no-cache');
		const again = await get('/laureats', { ifNoneMatch: first.headers.get('etag') ?? '' });
		expect(again.status).toBe(304);
		expect(state.renders).toBe(2);
	});

	it('keys pages by their query string and forgets the least recently used', async () => {
		const { state, cache, get } = setUp({ maxEntries: 2 });
		await get('/laureats?page=1');
		await get('/laureats?page=2');
		await get('/laureats?page=1');
		await get('/laureats?page=3');
		expect(cache.size()).toBe(2);
		expect(state.renders).toBe(3);
		await get('/laureats?page=1');
		expect(state.renders).toBe(3);
		await get('/laureats?page=2');
		expect(state.renders).toBe(4);
	});

	it('leaves other paths and methods alone', async () => {
		const { state, get } = setUp();
		const form = await get('/laureats', { method: 'POST' });
		expect(form.headers.get('etag')).toBeNull();
		const admin = await get('/admin');
		expect(admin.headers.get('etag')).toBeNull();
		expect(state.renders).toBe(2);
	});

	it('trusts a revision read for the delay given, then reads it again', async () => {
		const { state, get } = setUp({ ttl: 1000 });
		await get('/laureats');
		state.revision = '2';
		state.body = 'page B';
		state.now = 999;
		expect(await (await get('/laureats')).text()).toBe('page A');
		expect(state.reads).toBe(1);
		state.now = 1000;
		expect(await (await get('/laureats')).text()).toBe('page B');
		expect(state.reads).toBe(2);
	});

	it('reads the revision again after any request that may change data, at once', async () => {
		const { state, get } = setUp({ ttl: 60_000 });
		await get('/laureats');
		state.revision = '2';
		state.body = 'page B';
		await get('/admin/editions/1/phase', { method: 'POST' });
		expect(await (await get('/laureats')).text()).toBe('page B');
		expect(state.reads).toBe(2);
	});

	it('sends no body to HEAD', async () => {
		const { get } = setUp();
		const head = await get('/laureats', { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.body).toBeNull();
	});
});

describe('kept pages served before SvelteKit', () => {
	const GET = { method: 'GET', ifNoneMatch: null, acceptEncoding: null };

	it('serves a kept page without reading the revision while it is trusted, then defers to SvelteKit', async () => {
		const { state, cache, get } = setUp({ ttl: 1000 });
		expect(cache.lookup({ ...GET, path: '/laureats' })).toBeNull();
		await get('/laureats');
		const kept = cache.lookup({ ...GET, path: '/laureats' });
		expect(kept?.status).toBe(200);
		expect(new TextDecoder().decode(kept?.body ?? undefined)).toBe('page A');
		expect(kept?.headers).toContainEqual(['cache-control', 'public, no-cache']);
		expect(kept?.headers).toContainEqual(['x-frame-options', 'DENY']);
		expect(state.reads).toBe(1);
		expect(cache.lookup({ ...GET, path: '/laureats?page=2' })).toBeNull();
		state.now = 1000;
		expect(cache.lookup({ ...GET, path: '/laureats' })).toBeNull();
		expect(state.reads).toBe(1);
	});

	it('defers to SvelteKit once a request that may change data has ended, or when the revision moved', async () => {
		const { state, cache, get } = setUp({ ttl: 1000 });
		await get('/laureats');
		await get('/connexion', { method: 'POST' });
		expect(cache.lookup({ ...GET, path: '/laureats' })).toBeNull();
		state.revision = '2';
		await get('/editions');
		expect(cache.lookup({ ...GET, path: '/laureats' })).toBeNull();
		expect(cache.lookup({ ...GET, path: '/editions' })).not.toBeNull();
	});

	it('never serves without a trusted revision (delay 0: the revision is read on every request)', async () => {
		const { cache, get } = setUp({ ttl: 0 });
		await get('/laureats');
		expect(cache.lookup({ ...GET, path: '/laureats' })).toBeNull();
	});

	it('answers 304 to a matching If-None-Match and no body to HEAD', async () => {
		const { cache, get } = setUp({ ttl: 1000 });
		const etag = (await get('/laureats')).headers.get('etag');
		const notModified = cache.lookup({ ...GET, path: '/laureats', ifNoneMatch: etag });
		expect(notModified?.status).toBe(304);
		expect(notModified?.body).toBeNull();
		expect(notModified?.headers.map(([name]) => name)).not.toContain('content-type');
		const head = cache.lookup({ ...GET, method: 'HEAD', path: '/laureats' });
		expect(head?.status).toBe(200);
		expect(head?.body).toBeNull();
		expect(cache.lookup({ ...GET, method: 'POST', path: '/laureats' })).toBeNull();
	});

	it('compresses a kept text page once and sends it gzip to clients that accept it', async () => {
		const { state, cache, get } = setUp({ ttl: 1000 });
		state.body = '<p>Lauréat</p>'.repeat(200);
		const rendered = await get('/laureats', { acceptEncoding: 'gzip, deflate, br' });
		expect(rendered.headers.get('content-encoding')).toBe('gzip');
		expect(rendered.headers.get('vary')).toBe('Cookie, Accept-Encoding');
		const gzipTag = rendered.headers.get('etag')!;
		expect(gzipTag).toMatch(/-gz"$/);
		const bytes = new Uint8Array(await rendered.arrayBuffer());
		expect(gunzipSync(bytes).toString()).toBe(state.body);
		expect(bytes.byteLength).toBeLessThan(state.body.length / 10);

		const plain = cache.lookup({ ...GET, path: '/laureats' });
		expect(plain?.headers.map(([name]) => name)).not.toContain('content-encoding');
		expect(new TextDecoder().decode(plain?.body ?? undefined)).toBe(state.body);
		const plainTag = plain?.headers.find(([name]) => name === 'etag')?.[1];
		for (const tag of [gzipTag, plainTag])
			for (const acceptEncoding of [null, 'gzip'])
				expect(
					cache.lookup({ ...GET, path: '/laureats', ifNoneMatch: tag!, acceptEncoding })?.status
				).toBe(304);
		const refused = cache.lookup({ ...GET, path: '/laureats', acceptEncoding: 'gzip;q=0, br' });
		expect(refused?.headers.map(([name]) => name)).not.toContain('content-encoding');
		expect(state.renders).toBe(1);
	});

	it('leaves small pages uncompressed', async () => {
		const { cache, get } = setUp({ ttl: 1000 });
		await get('/laureats');
		const kept = cache.lookup({ ...GET, path: '/laureats', acceptEncoding: 'gzip' });
		expect(kept?.headers).not.toContainEqual(['content-encoding', 'gzip']);
		expect(kept?.headers).toContainEqual(['vary', 'Cookie']);
	});

	describe('over HTTP', () => {
		let server: Server;
		let base: string;
		const { get, cache } = setUp({ ttl: 60_000 });
		const serveKept = keptPageServer(cache, {
			sessionCookie: 'impulsions_session',
			extraHeaders: () => [['x-content-type-options', 'nosniff']]
		});

		beforeAll(async () => {
			await get('/laureats');
			server = createServer((req, res) => {
				if (serveKept(req, res)) return;
				res.writeHead(200, { 'content-type': 'text/plain' }).end('SvelteKit');
			});
			await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
			base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		});
		afterAll(() => new Promise<void>((done) => server.close(() => done())));

		it('writes the kept page with its headers, the hooks’ headers and its length', async () => {
			const response = await fetch(`${base}/laureats`, { headers: { cookie: 'autre=1' } });
			expect(await response.text()).toBe('page A');
			expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(response.headers.get('content-length')).toBe('6');
			expect(response.headers.get('etag')).toMatch(/^"/);
			const again = await fetch(`${base}/laureats`, {
				headers: { 'if-none-match': response.headers.get('etag') ?? '' }
			});
			expect(again.status).toBe(304);
		});

		it('leaves signed-in visitors, other methods and pages not kept to SvelteKit', async () => {
			const signedIn = await fetch(`${base}/laureats`, {
				headers: { cookie: 'a=1; impulsions_session=abc' }
			});
			expect(await signedIn.text()).toBe('SvelteKit');
			const posted = await fetch(`${base}/laureats`, { method: 'POST' });
			expect(await posted.text()).toBe('SvelteKit');
			expect(await (await fetch(`${base}/editions`)).text()).toBe('SvelteKit');
		});
	});
});

describe('cached paths and entity tags', () => {
	it('cover the public pages, feeds and data files, not forms or private areas', () => {
		for (const path of [
			'/',
			'/laureats',
			'/laureats/2025-des-ateliers',
			'/laureats.atom',
			'/editions',
			'/editions/2025',
			'/editions/2025/journal.json',
			'/donnees',
			'/donnees/laureats.csv',
			'/donnees/datapackage.json',
			'/essayer',
			'/essayer/12',
			'/sitemap.xml'
		])
			expect(isCachedPublicPath(path), path).toBe(true);
		for (const path of [
			'/essayer/12/volontaire',
			'/admin',
			'/equipe/3',
			'/verifier/abc',
			'/editions/2025/journal.csv',
			'/compte'
		])
			expect(isCachedPublicPath(path), path).toBe(false);
	});

	it('read Accept-Encoding: gzip named or *, unless its weight is 0', () => {
		expect(acceptsGzip('gzip, deflate, br')).toBe(true);
		expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('gzip;q=0, *')).toBe(false);
		expect(acceptsGzip('br, *;q=0')).toBe(false);
		expect(acceptsGzip('identity')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});

	it('compare weakly, in a list, and with *', () => {
		expect(etagMatches('"a"', '"a"')).toBe(true);
		expect(etagMatches('W/"a"', '"a"')).toBe(true);
		expect(etagMatches('"b", "a"', '"a"')).toBe(true);
		expect(etagMatches('*', '"a"')).toBe(true);
		expect(etagMatches('"b"', '"a"')).toBe(false);
		expect(etagMatches(null, '"a"')).toBe(false);
	});
});
