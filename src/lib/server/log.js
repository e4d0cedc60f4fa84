// The server's log, written with pino: one line per request (src/start.js, through pino-http), one per
// error with its stack (the handleError hook, the mail sender, the maintenance), and the start-up and
// stop messages. LOG_FORMAT=json writes pino's JSON lines (for a log collector); the default, `text`,
// writes the same records as short lines for a person reading a terminal or journalctl:
//
//   2026-12-08T00:41:03.512Z INFO  GET /laureats 200 4 ms req=K7M2QX9D3P
//   2026-12-08T00:41:05.020Z ERROR Erreur inattendue (500) : GET /admin req=P3QW8ZK2MN
//       Error: connect ECONNREFUSED 127.0.0.1:5432
//           at …
//
// Plain JavaScript (with JSDoc types), because src/start.js, which is not bundled, imports it as well
// as the SvelteKit code; both get the same logger (kept on globalThis).
//
// Request ids are made here, never taken from the request: an X-Request-Id sent by a client could
// be chosen to look like another request's reference, or to carry text into the log. A proxy in
// front can log ours from the X-Request-Id response header.
//
// Paths are logged without their secrets: the token of /invitation/<token>, /mot-de-passe/<token>,
// /installation/<token>, /verification/<token> and the code of /verifier/<code>, and the value of any
// query parameter whose name suggests a secret (code, token, clé…), are replaced by « *** »; a query
// value that is itself a path (?suite=/invitation/…) is masked the same way.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';

/** The values LOG_FORMAT accepts (checked in config.ts). */
export const LOG_FORMATS = /** @type {const} */ (['text', 'json']);

/** @typedef {(typeof LOG_FORMATS)[number]} LogFormat */
/** @typedef {{ write(line: string): unknown }} LogDestination */

const MASK = '***';

/** Path segments followed by a secret: the next segment is masked. */
const SECRET_AFTER = new Set([
	'invitation',
	'mot-de-passe',
	'installation',
	'verification',
	'verifier'
]);

/** Query parameters whose value is a secret. */
const SECRET_PARAM = /token|jeton|code|cle|clé|key|secret|pass|mdp|signature|sig|auth/i;

/**
 * The path and query of a request as it may be logged: secret segments and values masked.
 * @param {string} url — the request line's target, e.g. `/invitation/abc?suite=/admin`
 * @returns {string}
 */
export function maskedPath(url) {
	const at = url.indexOf('?');
	const path = at < 0 ? url : url.slice(0, at);
	const segments = path.split('/');
	for (let i = 1; i < segments.length; i++)
		if (segments[i] && SECRET_AFTER.has(segments[i - 1].toLowerCase())) segments[i] = MASK;
	const masked = segments.join('/');
	if (at < 0) return masked;
	/** @type {string[]} */
	const parts = [];
	for (const part of url.slice(at + 1).split('&')) {
		const equals = part.indexOf('=');
		if (equals < 0) {
			parts.push(part);
			continue;
		}
		const name = part.slice(0, equals);
		const value = part.slice(equals + 1);
		let decoded = value;
		try {
			decoded = decodeURIComponent(value.replace(/\+/g, ' '));
		} catch {
			// a malformed escape: the raw value is looked at
		}
		if (SECRET_PARAM.test(safeDecode(name))) parts.push(`${name}=${MASK}`);
		else if (decoded.startsWith('/'))
			parts.push(`${name}=${encodeURIComponent(maskedPath(decoded))}`);
		else parts.push(part);
	}
	return `${masked}?${parts.join('&')}`;
}

/** @param {string} text */
function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

// Unambiguous when read aloud or copied by hand: no 0/O, 1/I (32 characters, 5 bits each).
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A new request id: 10 characters (50 bits), shown to the user as the error's reference. */
export function newRequestId() {
	const bytes = randomBytes(10);
	let id = '';
	for (const byte of bytes) id += ID_ALPHABET[byte & 31];
	return id;
}

/** Fields of a request line already written in its message (text format). */
const REQUEST_FIELDS = new Set(['method', 'path', 'status', 'durationMs']);
/** Fields never repeated after the message (text format). */
const BASE_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err', 'reqId']);

/**
 * One JSON record of pino as a line for a person: time, level, message, request id, other fields
 * as name=value, and an error's stack on the following lines, indented.
 * @param {Record<string, unknown>} record
 * @returns {string}
 */
export function textLine(record) {
	const level = String(record.level ?? 'info').toUpperCase();
	let line = `${record.time ?? new Date().toISOString()} ${level.padEnd(5)} ${record.msg ?? ''}`;
	const request = 'durationMs' in record;
	for (const [name, value] of Object.entries(record)) {
		if (BASE_FIELDS.has(name) || (request && REQUEST_FIELDS.has(name))) continue;
		const text = typeof value === 'string' ? value : JSON.stringify(value);
		line += ` ${name}=${/[\s"]/.test(text) ? JSON.stringify(text) : text}`;
	}
	if (record.reqId !== undefined) line += ` req=${record.reqId}`;
	const err = /** @type {{ stack?: string; message?: string } | undefined} */ (record.err);
	if (err) {
		const stack = err.stack ?? err.message ?? String(err);
		line += `\n${stack
			.split('\n')
			.map((l) => `    ${l}`)
			.join('\n')}`;
	}
	return `${line}\n`;
}

/**
 * A pino logger writing to `destination` (stdout by default), as JSON lines or text lines.
 * @param {{ format?: LogFormat; destination?: LogDestination; level?: string }} [options]
 */
export function createLogger(options = {}) {
	const format = options.format ?? 'text';
	const sink = options.destination ?? pino.destination({ dest: 1, sync: true });
	/** @type {LogDestination} */
	const stream =
		format === 'json'
			? sink
			: { write: (/** @type {string} */ json) => sink.write(textLine(JSON.parse(json))) };
	return pino(
		{
			level: options.level ?? 'info',
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) }
		},
		/** @type {import('pino').DestinationStream} */ (stream)
	);
}

/** @typedef {import('pino').Logger} Logger */

const LOGGER_KEY = Symbol.for('prix-impulsions.logger');
const shared = /** @type {Record<symbol, Logger | undefined>} */ (
	/** @type {unknown} */ (globalThis)
);

/** The process's logger (LOG_FORMAT read once; an invalid value is reported by config.ts). */
export const logger = (shared[LOGGER_KEY] ??= createLogger({
	format: process.env.LOG_FORMAT?.trim() === 'json' ? 'json' : 'text'
}));

const MASKED = Symbol('masked path');
const STARTED = Symbol('started');
/** @typedef {{ [STARTED]?: number }} Timed */

/** @param {import('node:http').ServerResponse} res */
function startedAt(res) {
	return /** @type {Timed} */ (/** @type {unknown} */ (res))[STARTED] ?? Date.now();
}

/**
 * @param {import('node:http').IncomingMessage & { [MASKED]?: string }} req
 * @returns {string}
 */
function requestPath(req) {
	return (req[MASKED] ??= maskedPath(req.url ?? '/'));
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} ms
 */
function requestMessage(req, res, ms) {
	const cut = res.writableEnded ? '' : ' (interrompue)';
	return `${req.method} ${requestPath(req)} ${res.statusCode} ${ms} ms${cut}`;
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} ms
 */
function requestFields(req, res, ms) {
	return { method: req.method, path: requestPath(req), status: res.statusCode, durationMs: ms };
}

/**
 * The per-request logger of src/start.js (pino-http): gives each request an id (`req.id`, and the
 * X-Request-Id response header) and writes one line when its answer is finished or cut.
 * @param {Logger} [base]
 */
export function requestLogger(base = logger) {
	return pinoHttp({
		logger: base,
		quietReqLogger: true,
		quietResLogger: true,
		genReqId: (_req, res) => {
			/** @type {Timed} */ (/** @type {unknown} */ (res))[STARTED] = Date.now();
			const id = newRequestId();
			res.setHeader('x-request-id', id);
			return id;
		},
		customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
		customSuccessMessage: (req, res, ms) => requestMessage(req, res, ms),
		customErrorMessage: (req, res) => requestMessage(req, res, Date.now() - startedAt(res)),
		customSuccessObject: (req, res, value) => requestFields(req, res, value.responseTime),
		customErrorObject: (req, res, err, value) => ({
			...requestFields(req, res, value.responseTime),
			// A status of 500 or more has its own error line (handleError); a stream error has not.
			...(res.statusCode >= 500 && /^failed with status code/.test(err.message) ? {} : { err })
		})
	});
}
