// HTTP measures of `npm run bench`: log in once per role, load a page with autocannon, read a page's
// SQL query count (x-query-count, BENCH_QUERY_COUNT=1), and the JavaScript a page ships.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';

export const SESSION_COOKIE = 'impulsions_session';

/** Logs in through the form (the Origin header passes SvelteKit's CSRF check); answers the cookie. */
export async function logIn(
	server: { url: string; origin: string },
	email: string,
	password: string
): Promise<string> {
	const response = await fetch(`${server.url}/connexion`, {
		method: 'POST',
		redirect: 'manual',
		// A plain form post (text/html): the answer is the 303 with the session cookie.
		headers: {
			origin: server.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password, suite: '/' })
	});
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
	if (response.status !== 303 || !cookie)
		throw new Error(
			`Connexion de ${email} refusée (statut ${response.status}) : ${(await response.text()).slice(0, 300)}`
		);
	return cookie;
}

export interface PageAnswer {
	status: number;
	queries: number | null;
	/** Milliseconds the database took for them (x-query-ms). */
	queryMs: number | null;
	body: string;
	link: string | null;
	/** Seconds from the request to the whole body. */
	seconds: number;
}

/** One GET, with the session cookie when given; the redirects are not followed. */
export async function getPage(
	server: { url: string },
	path: string,
	cookie?: string
): Promise<PageAnswer> {
	const started = performance.now();
	const response = await fetch(`${server.url}${path}`, {
		redirect: 'manual',
		headers: cookie ? { cookie } : {}
	});
	const body = await response.text();
	const count = response.headers.get('x-query-count');
	const ms = response.headers.get('x-query-ms');
	return {
		status: response.status,
		queries: count === null ? null : Number(count),
		queryMs: ms === null ? null : Number(ms),
		body,
		link: response.headers.get('link'),
		seconds: (performance.now() - started) / 1000
	};
}

export interface LoadResult {
	requestsPerSecond: number;
	p50: number;
	p99: number;
	non2xx: number;
	errors: number;
}

/**
 * Loads `path` for `duration` seconds with `connections` connections, after a one-second warm-up.
 * A request may take up to 60 s (a slow page is measured, not counted as an error).
 */
export async function loadPath(
	server: { url: string },
	path: string,
	options: { connections: number; duration: number; cookie?: string }
): Promise<LoadResult> {
	const settings = {
		url: `${server.url}${path}`,
		connections: options.connections,
		// As a browser asks: a kept public page then goes gzip-compressed (public-cache.ts).
		headers: {
			'accept-encoding': 'gzip, deflate, br',
			...(options.cookie ? { cookie: options.cookie } : {})
		} as Record<string, string>,
		timeout: 60
	};
	await autocannon({ ...settings, duration: 1 });
	const result = await autocannon({ ...settings, duration: options.duration });
	const total = result.requests.total ?? result.requests.average * result.duration;
	return {
		requestsPerSecond: total / result.duration,
		p50: result.latency.p50,
		p99: result.latency.p99,
		non2xx: result.non2xx,
		errors: result.errors
	};
}

/** Static imports and re-exports of an ES module (not dynamic `import()`: loaded on demand). */
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g;

/**
 * The JavaScript a page makes the browser load at once: the modules named by its HTML (script
 * sources, modulepreload links, the inline start-up script's imports) and by its `Link` header
 * (SvelteKit sends the modulepreloads there), then everything they import statically — each file
 * read from the build output and counted gzip-compressed (level 9). Code imported dynamically
 * (other pages) is not counted.
 */
export function shippedJavaScript(
	html: string,
	pageUrl: string,
	clientDir: string,
	linkHeader: string | null = null
): { files: string[]; gzipBytes: number } {
	const queue: string[] = [];
	const add = (href: string, base: string) => {
		const path = new URL(href, base).pathname;
		if (path.endsWith('.js')) queue.push(path);
	};
	const patterns = [
		/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g,
		/<link[^>]+href="([^"]+)"[^>]*rel="modulepreload"/g,
		/<script[^>]+src="([^"]+)"/g,
		/import\(\s*["']([^"']+\.js)["']\s*\)/g
	];
	for (const pattern of patterns)
		for (const match of html.matchAll(pattern)) add(match[1], pageUrl);
	for (const match of (linkHeader ?? '').matchAll(/<([^>]+)>;[^,]*rel="?modulepreload"?/g))
		add(match[1], pageUrl);
	const seen = new Map<string, number>();
	while (queue.length > 0) {
		const path = queue.shift()!;
		if (seen.has(path)) continue;
		const file = join(clientDir, decodeURIComponent(path));
		if (!existsSync(file)) throw new Error(`JavaScript introuvable dans la construction : ${path}`);
		const code = readFileSync(file);
		seen.set(path, gzipSync(code, { level: 9 }).length);
		for (const match of code.toString('utf8').matchAll(STATIC_IMPORT))
			add(match[1], `http://x${path}`);
	}
	const files = [...seen.keys()].sort();
	return { files, gzipBytes: [...seen.values()].reduce((a, b) => a + b, 0) };
}
