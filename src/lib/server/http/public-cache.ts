// Public pages are cacheable: every answer carries an ETag and Cache-Control, a matching If-None-Match
// gets 304, and what an anonymous visitor sees is kept in the server process until the results change.
//
// "Results change" is the database's public revision (table public_revision, migration 0006), bumped by
// triggers in the same transaction as any change the public may see. A cached page is served only when
// it was rendered at the current revision. The revision read is trusted for a second at most
// (`revisionTtlMs`), and forgotten as soon as a request that may change data (any method but GET and
// HEAD) ends in this process: a change made here is seen by the next request; one made by another
// process (a second server, a script) within a second.
//
// The ETag is a hash of the body, so an unchanged page still answers 304 after an unrelated change.
// A kept text page of 1 kB or more is also gzip-compressed once, and goes compressed to clients that
// accept it (its ETag then ends in -gz).
// Signed-in visitors see their name in the header: their pages are not kept, but still get an ETag and
// `private, no-cache`.
//
// A kept page is also served before SvelteKit (`serveKeptPage`, called by the server in src/start.js):
// a GET without the session cookie, for a page kept at a revision read less than a second ago, is
// written straight from memory, without building a Web Request, running the hooks or the router. Any
// other request (the revision is stale, the page is not kept, a signed-in visitor) goes to SvelteKit,
// whose hook below reads the revision, renders and keeps the page.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db';

/** Paths of public pages, feeds and data files whose content depends only on the public revision. */
const CACHED_PATHS: RegExp[] = [
	/^\/$/,
	/^\/laureats(?:\/[^/]+)?$/,
	/^\/laureats\.atom$/,
	/^\/editions(?:\/\d{4}(?:\/journal\.json)?)?$/,
	/^\/donnees(?:\/[^/]+)?$/,
	/^\/essayer(?:\/\d+)?$/,
	/^\/sitemap\.xml$/
];

export function isCachedPublicPath(pathname: string): boolean {
	return CACHED_PATHS.some((re) => re.test(pathname));
}

/** The revision of what the public sees (a decimal string: bigint). */
export async function publicRevision(db: Db): Promise<string> {
	const row = await db.selectFrom('public_revision').select('revision').executeTakeFirstOrThrow();
	return String(row.revision);
}

/** An answer written by the server: status, headers (without Content-Length) and body. */
export interface KeptAnswer {
	status: number;
	headers: [string, string][];
	/** null for a HEAD request or a 304. */
	body: Uint8Array | null;
}

/** What serving a kept page needs to know of a request. */
export interface KeptRequest {
	method: string;
	/** Path and query string, as in the request line. */
	path: string;
	ifNoneMatch: string | null;
	/** The Accept-Encoding header: a kept page goes gzip-compressed to a client that accepts it. */
	acceptEncoding: string | null;
}

interface Cached {
	revision: string;
	etag: string;
	status: number;
	headers: [string, string][];
	body: Uint8Array;
	/** The body gzip-compressed, made once when the page is kept (text of 1 kB or more). */
	gzip?: Uint8Array;
}

/** Headers of a rendered page that are about this answer only, never replayed from the cache. */
const NOT_REPLAYED = new Set(['set-cookie', 'etag', 'cache-control', 'vary', 'content-length']);

export const ANONYMOUS_CACHE_CONTROL = 'public, no-cache';
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

/** Does one entity tag of If-None-Match (a list, or *) match this one? Weak comparison (RFC 9110). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === '*') return true;
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

function hashTag(body: Uint8Array): string {
	return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

/** A kept page as an answer to this request: gzip when accepted, 304 when If-None-Match matches. */
function keptAnswer(
	page: Cached,
	cacheControl: string,
	request: Pick<KeptRequest, 'method' | 'ifNoneMatch' | 'acceptEncoding'>
): KeptAnswer {
	const gzip = page.gzip && acceptsGzip(request.acceptEncoding) ? page.gzip : null;
	// Each representation has its own tag; either one names the same content, so either gets 304.
	const gzipEtag = `${page.etag.slice(0, -1)}-gz"`;
	const headers: [string, string][] = [
		...page.headers,
		['etag', gzip ? gzipEtag : page.etag],
		['cache-control', cacheControl],
		['vary', page.gzip ? 'Cookie, Accept-Encoding' : 'Cookie']
	];
	if (gzip) headers.push(['content-encoding', 'gzip']);
	const match = (etag: string) => etagMatches(request.ifNoneMatch, etag);
	if (match(page.etag) || (page.gzip && match(gzipEtag))) {
		const kept = headers.filter(([name]) => !NOT_IN_304.has(name));
		return { status: 304, headers: kept, body: null };
	}
	const body = gzip ?? page.body;
	return { status: page.status, headers, body: request.method === 'HEAD' ? null : body };
}

/** Does this Accept-Encoding allow gzip (named or *, with a weight above 0)? */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	if (!acceptEncoding) return false;
	let gzip: boolean | null = null;
	let any = false;
	for (const part of acceptEncoding.split(',')) {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const allowed = q === undefined || Number(q.slice(2)) > 0;
		if (coding.trim() === 'gzip') gzip = allowed;
		else if (coding.trim() === '*') any = allowed;
	}
	return gzip ?? any;
}

/** Text bodies of 1 kB or more are worth compressing once, when kept. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|atom\+xml|[\w.+-]+\+json)\b)/;

function compressed(page: Cached): Uint8Array | undefined {
	const type = page.headers.find(([name]) => name === 'content-type')?.[1] ?? '';
	const encoded = page.headers.some(([name]) => name === 'content-encoding');
	if (encoded || page.body.byteLength < 1024 || !COMPRESSIBLE.test(type)) return undefined;
	const gzip = gzipSync(page.body, { level: 6 });
	return gzip.byteLength < page.body.byteLength ? new Uint8Array(gzip) : undefined;
}

/** Headers about the body, left out of a 304. */
const NOT_IN_304 = new Set([
	'content-type',
	'content-length',
	'content-disposition',
	'content-encoding'
]);

export interface PublicCacheOptions {
	/** The database's public revision. */
	revision: () => Promise<string>;
	/** Is the visitor anonymous (nothing personal on the page)? */
	anonymous: (event: RequestEvent) => boolean;
	/** Most pages kept (least recently used go first). */
	maxEntries?: number;
	/**
	 * How long a revision read from the database is trusted (ms; 0 = read on every request). Every
	 * change made through this process ends a request other than GET or HEAD, which forgets it at once;
	 * the delay bounds only what another process (a second server, a script) changes.
	 */
	revisionTtlMs?: number;
	/** The clock (tests). */
	now?: () => number;
}

export interface PublicCache {
	handle: Handle;
	/** The kept page for an anonymous visitor's request, when no database read is needed; else null. */
	lookup: (request: KeptRequest) => KeptAnswer | null;
	/** How many pages are kept now (tests, benchmarks). */
	size: () => number;
}

export function createPublicCache(options: PublicCacheOptions): PublicCache {
	const maxEntries = options.maxEntries ?? 2000;
	const ttl = options.revisionTtlMs ?? 0;
	const now = options.now ?? Date.now;
	const pages = new Map<string, Cached>();
	let latest = '';
	/** The last revision read (its value once the read is done) and until when it is trusted. */
	let known: { revision: Promise<string>; value?: string; until: number } | null = null;

	/** The public revision: read from the database, or the one read less than `ttl` ago. */
	function currentRevision(): Promise<string> {
		if (ttl <= 0) return options.revision();
		if (known && now() < known.until) return known.revision;
		const revision = options.revision();
		const entry: NonNullable<typeof known> = { revision, until: now() + ttl };
		known = entry;
		revision.then(
			(value) => {
				entry.value = value;
			},
			// A failed read is not kept.
			() => {
				if (known === entry) known = null;
			}
		);
		return revision;
	}

	function keep(key: string, page: Cached) {
		if (page.revision !== latest) {
			// A newer revision: every page kept so far is out of date.
			pages.clear();
			latest = page.revision;
		}
		pages.delete(key);
		pages.set(key, page);
		while (pages.size > maxEntries) pages.delete(pages.keys().next().value as string);
	}

	function answer(event: RequestEvent, page: Cached, cacheControl: string): Response {
		const kept = keptAnswer(page, cacheControl, {
			method: event.request.method,
			ifNoneMatch: event.request.headers.get('if-none-match'),
			acceptEncoding: event.request.headers.get('accept-encoding')
		});
		return new Response(kept.body as BodyInit | null, {
			status: kept.status,
			headers: kept.headers
		});
	}

	/**
	 * The kept page for this request when it can be served without asking the database: a GET or HEAD
	 * for a page kept at the revision read less than `revisionTtlMs` ago. The caller has checked that
	 * the visitor is anonymous. null: let SvelteKit answer.
	 */
	function lookup(request: KeptRequest): KeptAnswer | null {
		if (request.method !== 'GET' && request.method !== 'HEAD') return null;
		if (!known || known.value === undefined || now() >= known.until) return null;
		const page = pages.get(request.path);
		if (!page || page.revision !== known.value) return null;
		pages.delete(request.path);
		pages.set(request.path, page);
		return keptAnswer(page, ANONYMOUS_CACHE_CONTROL, request);
	}

	const handle: Handle = async ({ event, resolve }) => {
		const method = event.request.method;
		if (method !== 'GET' && method !== 'HEAD') {
			// A form or an endpoint may have changed what the public sees: read the revision again.
			try {
				return await resolve(event);
			} finally {
				known = null;
			}
		}
		if (!isCachedPublicPath(event.url.pathname)) return resolve(event);

		const anonymous = options.anonymous(event);
		const key = event.url.pathname + event.url.search;
		const revision = await currentRevision();
		if (anonymous) {
			const page = pages.get(key);
			if (page && page.revision === revision) {
				pages.delete(key);
				pages.set(key, page);
				return answer(event, page, ANONYMOUS_CACHE_CONTROL);
			}
		}

		const response = await resolve(event);
		if (response.status !== 200) return response;
		const body = new Uint8Array(await response.arrayBuffer());
		const headers = [...response.headers].filter(([name]) => !NOT_REPLAYED.has(name));
		const page: Cached = {
			revision,
			etag: `"${hashTag(body)}"`,
			status: response.status,
			headers,
			body
		};
		const cookies = response.headers.getSetCookie();
		if (anonymous && cookies.length === 0) {
			page.gzip = compressed(page);
			keep(key, page);
			return answer(event, page, ANONYMOUS_CACHE_CONTROL);
		}
		const personal = answer(event, page, PRIVATE_CACHE_CONTROL);
		for (const cookie of cookies) personal.headers.append('set-cookie', cookie);
		return personal;
	};

	return { handle, lookup, size: () => pages.size };
}

/** Where the SvelteKit server leaves `serveKeptPage` for the Node server of src/start.js. */
export const KEPT_PAGES_KEY = Symbol.for('prix-impulsions.serve-kept-page');

export type ServeKeptPage = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * A Node request handler that writes a kept page and returns true, or returns false (and writes
 * nothing) when SvelteKit must answer. Requests carrying the session cookie always go to SvelteKit.
 * `extraHeaders` are those the hooks add to every answer (security headers).
 */
export function keptPageServer(
	cache: Pick<PublicCache, 'lookup'>,
	options: { sessionCookie: string; extraHeaders: () => [string, string][] }
): ServeKeptPage {
	const session = new RegExp(`(?:^|;)\\s*${options.sessionCookie}=`);
	return (req, res) => {
		const method = req.method ?? 'GET';
		if (method !== 'GET' && method !== 'HEAD') return false;
		const cookie = req.headers.cookie;
		if (cookie && session.test(cookie)) return false;
		const url = new URL(req.url ?? '/', 'http://localhost');
		const kept = cache.lookup({
			method,
			path: url.pathname + url.search,
			ifNoneMatch: req.headers['if-none-match'] ?? null,
			acceptEncoding: req.headers['accept-encoding'] ?? null
		});
		if (!kept) return false;
		const headers = [...kept.headers, ...options.extraHeaders()];
		if (kept.body) headers.push(['content-length', String(kept.body.byteLength)]);
		res.writeHead(kept.status, headers.flat());
		res.end(kept.body ?? undefined);
		return true;
	};
}
