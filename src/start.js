// Starts the built server (`npm start`, `npm run serve`). adapter-node takes the site's origin from
// ORIGIN, and without it assumes https — then every form posted from http://localhost would be refused
// as cross-site. A local start therefore defaults ORIGIN to http://localhost:PORT; behind a proxy, set
// ORIGIN to the public URL (README, Configuration). It also allows request bodies of 12 MB (uploads).
//
// The HTTP server is ours, around adapter-node's `handler` (its documented custom-server entry): each
// request first asks the public page cache (src/lib/server/http/public-cache.ts, `serveKeptPage`),
// which writes a kept public page straight from memory when it can, and otherwise goes to SvelteKit.
// HOST and PORT as with adapter-node; SIGTERM and SIGINT close the server gracefully.
import http from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const port = Number(process.env.PORT || '3000');
const host = process.env.HOST || '0.0.0.0';
process.env.ORIGIN ||= `http://localhost:${port}`;
// Attachments are up to 10 MB each (checked with a French message); the request may carry a bit more.
process.env.BODY_SIZE_LIMIT ||= '12M';
const build = resolve(process.env.BUILD_DIR || 'build');
console.info(`Prix Impulsions : ouvrez ${process.env.ORIGIN}`);

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

const server = http.createServer((req, res) => {
	for (const [name, value] of securityHeaders()) res.setHeader(name, value);
	const serveKeptPage = /** @type {Record<symbol, unknown>} */ (globalThis)[KEPT_PAGES_KEY];
	if (typeof serveKeptPage === 'function' && serveKeptPage(req, res)) return;
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});

server.listen(port, host, () => console.info(`Listening on http://${host}:${port}`));

let stopping = false;
function stop() {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	// @ts-expect-error adapter-node's custom event, as its own server emits it
	server.close(() => process.emit('sveltekit:shutdown', 'SIGTERM'));
	// Connections still busy after 30 s are cut.
	setTimeout(() => server.closeAllConnections(), 30_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
