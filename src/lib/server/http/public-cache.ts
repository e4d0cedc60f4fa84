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
// Signed-in visitors see their name in the header: their pages are not kept, but still get an ETag and
// `private, no-cache`.
import { createHash } from 'node:crypto';
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

interface Cached {
	revision: string;
	etag: string;
	status: number;
	headers: [string, string][];
	body: Uint8Array;
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
	/** How many pages are kept now (tests, benchmarks). */
	size: () => number;
}

export function createPublicCache(options: PublicCacheOptions): PublicCache {
	const maxEntries = options.maxEntries ?? 2000;
	const ttl = options.revisionTtlMs ?? 0;
	const now = options.now ?? Date.now;
	const pages = new Map<string, Cached>();
	let latest = '';
	let known: { revision: Promise<string>; until: number } | null = null;

	/** The public revision: read from the database, or the one read less than `ttl` ago. */
	function currentRevision(): Promise<string> {
		if (ttl <= 0) return options.revision();
		if (known && now() < known.until) return known.revision;
		const revision = options.revision();
		const entry = { revision, until: now() + ttl };
		known = entry;
		// A failed read is not kept.
		revision.catch(() => {
			if (known === entry) known = null;
		});
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
		const headers = new Headers(page.headers);
		headers.set('etag', page.etag);
		headers.set('cache-control', cacheControl);
		headers.set('vary', 'Cookie');
		if (etagMatches(event.request.headers.get('if-none-match'), page.etag)) {
			for (const name of ['content-type', 'content-length', 'content-disposition'])
				headers.delete(name);
			return new Response(null, { status: 304, headers });
		}
		const body = event.request.method === 'HEAD' ? null : page.body;
		return new Response(body as BodyInit | null, { status: page.status, headers });
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
			keep(key, page);
			return answer(event, page, ANONYMOUS_CACHE_CONTROL);
		}
		const personal = answer(event, page, PRIVATE_CACHE_CONTROL);
		for (const cookie of cookies) personal.headers.append('set-cookie', cookie);
		return personal;
	};

	return { handle, size: () => pages.size };
}
