// Starts the built server (`npm start`, `npm run serve`). adapter-node takes the site's origin from
// ORIGIN, and without it assumes https — then every form posted from http://localhost would be refused
// as cross-site. A local start therefore defaults ORIGIN to http://localhost:PORT; behind a proxy, set
// ORIGIN to the public URL (README, Configuration). It also allows request bodies of 12 MB (uploads).
//
// The HTTP server is ours, around adapter-node's `handler` (its documented custom-server entry): each
// request first asks the public page cache (src/lib/server/http/public-cache.ts, `serveKeptPage`),
// which writes a kept public page straight from memory when it can, and otherwise goes to SvelteKit.
// HOST and PORT as with adapter-node. Every request gets an id (X-Request-Id) and one log line
// (src/lib/server/log.js), kept pages included.
//
// SIGTERM or SIGINT stops it in order, each step logged in one line: the listener closes (no new
// connection), the requests under way finish — at most IN_FLIGHT_BOUND_MS, then their connections are
// cut —, then the steps the SvelteKit side registered (src/lib/server/shutdown.ts: maintenance, mail
// sender, database; at most 3 s in all), and the process exits with 0. A second signal during the stop
// exits at once, with 1.
import http from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { logger, requestLogger } from './lib/server/log.js';

const port = Number(process.env.PORT || '3000');
const host = process.env.HOST || '0.0.0.0';
process.env.ORIGIN ||= `http://localhost:${port}`;
// Attachments are up to 10 MB each (checked with a French message); the request may carry a bit more.
process.env.BODY_SIZE_LIMIT ||= '12M';
const build = resolve(process.env.BUILD_DIR || 'build');
logger.info(`Prix Impulsions : ouvrez ${process.env.ORIGIN}`);

// Importing the handler starts SvelteKit (hooks' init: database, demo data, mail, maintenance).
const { handler } = await import(pathToFileURL(join(build, 'handler.js')).href);
const KEPT_PAGES_KEY = Symbol.for('prix-impulsions.serve-kept-page');
// The security headers (src/lib/server/http/security-headers.ts, published by the hooks), set on every
// answer first: adapter-node serves the files under /_app/ before SvelteKit's hooks could add them.
const securityHeaders = /** @type {() => [string, string][]} */ (
	/** @type {Record<symbol, unknown>} */ (globalThis)[
		Symbol.for('prix-impulsions.security-headers')
	]
);
if (typeof securityHeaders !== 'function')
	throw new Error('The hooks did not publish the security headers.');
const SHUTDOWN_KEY = Symbol.for('prix-impulsions.shutdown');
/** In-flight requests get this long after the signal; their connections are then cut. */
const IN_FLIGHT_BOUND_MS = 10_000;

const logRequest = requestLogger();
let stopping = false;

const server = http.createServer((req, res) => {
	for (const [name, value] of securityHeaders()) res.setHeader(name, value);
	logRequest(req, res);
	// During the stop, a request on a kept-alive connection is still answered, then its connection closes.
	if (stopping) res.setHeader('connection', 'close');
	const serveKeptPage = /** @type {Record<symbol, unknown>} */ (globalThis)[KEPT_PAGES_KEY];
	if (typeof serveKeptPage === 'function' && serveKeptPage(req, res)) return;
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(port, host, () => logger.info(`Listening on http://${host}:${port}`));

/** @param {NodeJS.Signals} signal */
async function stop(signal) {
	if (stopping) {
		logger.warn(`Second signal (${signal}) : arrêt immédiat.`);
		process.exit(1);
	}
	stopping = true;
	const started = performance.now();
	const since = () => `${Math.round(performance.now() - started)} ms`;
	logger.info(`Arrêt demandé (${signal}) : plus de nouvelle connexion, fin des requêtes en cours…`);

	// Stop accepting; idle kept-alive connections close now, busy ones once their answer is written.
	const closed = new Promise((done) => server.close(done));
	server.closeIdleConnections();
	const closeWhenIdle = setInterval(() => server.closeIdleConnections(), 50);
	let cut = false;
	const bound = setTimeout(() => {
		cut = true;
		server.closeAllConnections();
	}, IN_FLIGHT_BOUND_MS);
	await closed;
	clearInterval(closeWhenIdle);
	clearTimeout(bound);
	logger.info(
		cut
			? `Arrêt : connexions HTTP fermées, requêtes encore en cours coupées après ${since()}.`
			: `Arrêt : connexions HTTP fermées, requêtes en cours terminées (${since()}).`
	);

	// adapter-node's own event, as its server emits it; the SvelteKit side then runs its steps.
	// @ts-expect-error adapter-node's custom event
	process.emit('sveltekit:shutdown', signal);
	const shutdown = /** @type {Record<symbol, unknown>} */ (globalThis)[SHUTDOWN_KEY];
	if (typeof shutdown === 'function') await shutdown();
	logger.info(`Arrêt terminé en ${since()}.`);
	process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
