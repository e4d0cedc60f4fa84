import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { config, ConfigError } from '$lib/server/config';
import { startDatabase, db } from '$lib/server/db/app';
import { DataDirLockedError } from '$lib/server/db/data-dir-lock';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/session';
import { sessionCookieOptions } from '$lib/server/auth/cookies';
import { areaOf, whyNotArea } from '$lib/server/auth/permissions';
import { seedDemoIfEmpty } from '$lib/server/demo';
import { announceInstallation } from '$lib/server/auth/installation';
import { startMailSender } from '$lib/server/mail/sender';
import { startMaintenance } from '$lib/server/maintenance';
import {
	KEPT_PAGES_KEY,
	createPublicCache,
	keptPageServer,
	publicRevision
} from '$lib/server/http/public-cache';
import { SECURITY_HEADERS_KEY, securityHeaders } from '$lib/server/http/security-headers';
import { logger } from '$lib/server/log.js';
import { unexpectedError } from '$lib/server/http/errors';
import { SHUTDOWN_KEY, shutdown } from '$lib/server/shutdown';
import { textRefusal, whyRefuseText } from '$lib/server/http/text-input';
import {
	QUERY_COUNT_HEADER,
	QUERY_TIME_HEADER,
	countQueries,
	queryCountEnabled
} from '$lib/server/db/query-count';

export const init: ServerInit = async () => {
	let settings;
	try {
		settings = config();
	} catch (error) {
		if (error instanceof ConfigError) {
			logger.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	let handle;
	try {
		handle = await startDatabase();
	} catch (error) {
		// Another process holds the PGlite folder: stop at once, with its French message only.
		if (error instanceof DataDirLockedError) {
			logger.error(error.message);
			process.exit(1);
		}
		throw error;
	}
	logger.info(
		handle.kind === 'postgres'
			? 'Base de données : PostgreSQL (DATABASE_URL).'
			: `Base de données : PGlite embarqué dans ${settings.pgliteDataDir}.`
	);
	if (settings.demoData)
		await seedDemoIfEmpty(handle.db, {
			print: true,
			origin: settings.origin ?? `http://localhost:${settings.port}`
		});
	// No organiser yet (a real deployment): print the first organiser's single-use set-up link.
	await announceInstallation(
		handle.db,
		settings.origin ?? `http://localhost:${settings.port}`,
		(line) => logger.info(line)
	);
	startMailSender(handle.db, settings);
	startMaintenance(handle.db);
};

// The same headers for src/start.js, which sets them on every answer before adapter-node's static files.
(globalThis as Record<symbol, unknown>)[SECURITY_HEADERS_KEY] = () =>
	securityHeaders(config().secureCookies);

// The stop (src/start.js, or adapter-node's own server through its 'sveltekit:shutdown' event): the
// steps registered with onShutdown — maintenance, mail sender, database — in one bounded run.
(globalThis as Record<symbol, unknown>)[SHUTDOWN_KEY] = shutdown;
process.once('sveltekit:shutdown', () => void shutdown());

// An unexpected error: one log line with its stack, and a reference the French 500 page shows.
export const handleError: HandleServerError = ({ error, event, status, message }) =>
	unexpectedError(logger, { error, event, status, message });

const addSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of securityHeaders(config().secureCookies))
		response.headers.set(name, value);
	return response;
};

// Text PostgreSQL cannot store (a NUL character) in the URL or a form's text fields, or a form body
// that cannot be read: a French 400 for every route, before any of them reads it
// (src/lib/server/http/text-input.ts).
const refuseUnstorableText: Handle = async ({ event, resolve }) => {
	const refusal = await whyRefuseText(event.request, event.url);
	if (refusal) return textRefusal(event.request, event.url, refusal);
	return resolve(event);
};

const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSession(db(), token);
		if (session) {
			event.locals.user = session.user;
			if (session.renewed)
				event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

// A first line of defence for private areas: a visitor is sent to the log-in page, and any request other
// than a page view is refused here. Page views by a user without the role reach the area's layout, which
// renders the French 403 page; form actions and endpoints check permission again themselves.
const guardAreas: Handle = async ({ event, resolve }) => {
	const area = areaOf(event.url.pathname);
	const refusal = whyNotArea(event.locals.user, area);
	if (refusal) {
		const pageView = event.request.method === 'GET' || event.request.method === 'HEAD';
		if (!event.locals.user && pageView) {
			const next = event.url.pathname + event.url.search;
			redirect(303, `/connexion?suite=${encodeURIComponent(next)}`);
		}
		if (pageView) return resolve(event);
		return new Response(refusal, {
			status: event.locals.user ? 403 : 401,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};

// Public pages: ETag, Cache-Control, 304, and the anonymous visitors' pages kept until results change.
const publicCache = createPublicCache({
	revision: () => publicRevision(db()),
	anonymous: (event) => event.locals.user === null,
	// When counting queries (benchmarks), the revision is read on every request, so that a page's
	// count does not depend on how long ago the previous page was.
	revisionTtlMs: queryCountEnabled() ? 0 : 1000
});

// The same kept pages, served by src/start.js before SvelteKit when no database read is needed. Not
// when counting queries (benchmarks): every answer must then come through the hooks and be counted.
if (!queryCountEnabled())
	(globalThis as Record<symbol, unknown>)[KEPT_PAGES_KEY] = keptPageServer(publicCache, {
		sessionCookie: SESSION_COOKIE,
		extraHeaders: () => securityHeaders(config().secureCookies)
	});

// Benchmarks only (BENCH_QUERY_COUNT=1, `npm run bench`): the number of SQL queries the request ran
// and their time, as headers (src/lib/server/db/query-count.ts). Not in the chain otherwise.
const queryCount: Handle = async ({ event, resolve }) => {
	const [response, count] = await countQueries(async () => resolve(event));
	response.headers.set(QUERY_COUNT_HEADER, String(count.queries));
	response.headers.set(QUERY_TIME_HEADER, count.ms.toFixed(1));
	return response;
};

const handles = [
	addSecurityHeaders,
	refuseUnstorableText,
	authenticate,
	publicCache.handle,
	guardAreas
];
export const handle = queryCountEnabled() ? sequence(queryCount, ...handles) : sequence(...handles);
