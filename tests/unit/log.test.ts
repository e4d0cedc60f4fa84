// The server's log (src/lib/server/log.js): paths without their secrets, request ids, JSON and text
// lines, the request line written by pino-http around a real Node HTTP server, and the handleError
// hook's error line and reference (src/lib/server/http/errors.ts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { unexpectedError } from '../../src/lib/server/http/errors';
import {
	createLogger,
	maskedPath,
	newRequestId,
	requestLogger,
	textLine
} from '../../src/lib/server/log.js';
import { loadConfig } from '../../src/lib/server/config';

/** A logger whose lines are kept in memory. */
function memoryLogger(format: 'json' | 'text') {
	const lines: string[] = [];
	const logger = createLogger({ format, destination: { write: (line) => lines.push(line) } });
	return { logger, lines };
}

describe('paths in the log', () => {
	it('masks the token of every path that carries one, and the certificate code', () => {
		expect(maskedPath('/invitation/abcDEF123')).toBe('/invitation/***');
		expect(maskedPath('/mot-de-passe/s3cr3t')).toBe('/mot-de-passe/***');
		expect(maskedPath('/installation/tok')).toBe('/installation/***');
		expect(maskedPath('/verification/tok?x=1')).toBe('/verification/***?x=1');
		expect(maskedPath('/verifier/PI-2026-ABCD')).toBe('/verifier/***');
		expect(maskedPath('/mot-de-passe')).toBe('/mot-de-passe');
		expect(maskedPath('/laureats/une-innovation')).toBe('/laureats/une-innovation');
	});

	it('masks query values that are secrets, and paths given in the query', () => {
		expect(maskedPath('/verifier?code=PI-2026-ABCD')).toBe('/verifier?code=***');
		expect(maskedPath('/x?token=a&page=2&cle=b')).toBe('/x?token=***&page=2&cle=***');
		expect(maskedPath('/connexion?suite=%2Finvitation%2Fabc')).toBe(
			`/connexion?suite=${encodeURIComponent('/invitation/***')}`
		);
		expect(maskedPath('/laureats?q=num%C3%A9rique&page=3')).toBe(
			'/laureats?q=num%C3%A9rique&page=3'
		);
		expect(maskedPath('/x?bad=%E0%A4%A&mot')).toBe('/x?bad=%E0%A4%A&mot');
	});
});

describe('request ids', () => {
	it('are 10 unambiguous characters, different each time', () => {
		const ids = new Set(Array.from({ length: 1000 }, () => newRequestId()));
		expect(ids.size).toBe(1000);
		for (const id of ids) expect(id).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
	});
});

describe('log lines', () => {
	it('JSON: one parseable line per record, with its level as a word and an ISO time', () => {
		const { logger, lines } = memoryLogger('json');
		logger.info({ reqId: 'ABC' }, 'Bonjour');
		expect(lines).toHaveLength(1);
		expect(lines[0].endsWith('\n')).toBe(true);
		const record = JSON.parse(lines[0]);
		expect(record).toMatchObject({ level: 'info', msg: 'Bonjour', reqId: 'ABC' });
		expect(new Date(record.time).toISOString()).toBe(record.time);
	});

	it('text: time, level, message, fields and request id on one line; a stack below, indented', () => {
		const { logger, lines } = memoryLogger('text');
		logger.warn({ table: 'entries', reqId: 'K7M2' }, 'Attention');
		expect(lines[0]).toMatch(
			/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z WARN {2}Attention table=entries req=K7M2\n$/
		);
		logger.error({ err: new Error('Panne') }, 'Échec');
		const [first, ...stack] = lines[1].trimEnd().split('\n');
		expect(first).toMatch(/ERROR Échec$/);
		expect(stack[0]).toBe('    Error: Panne');
		expect(stack[1]).toMatch(/^ {8}at /);
	});

	it('text: a request line says method, path, status and time once', () => {
		const line = textLine({
			level: 'info',
			time: '2026-12-08T00:00:00.000Z',
			msg: 'GET /laureats 200 4 ms',
			method: 'GET',
			path: '/laureats',
			status: 200,
			durationMs: 4,
			reqId: 'K7M2QX9D3P'
		});
		expect(line).toBe('2026-12-08T00:00:00.000Z INFO  GET /laureats 200 4 ms req=K7M2QX9D3P\n');
	});
});

describe('request lines (pino-http around a Node server)', () => {
	async function serve(format: 'json' | 'text', status: number) {
		const { logger, lines } = memoryLogger(format);
		const log = requestLogger(logger);
		const server = http.createServer((req, res) => {
			log(req, res);
			res.statusCode = status;
			res.end('ok');
		});
		await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
		const port = (server.address() as AddressInfo).port;
		const response = await fetch(
			`http://127.0.0.1:${port}/invitation/SECRETTOKEN?code=SECRETCODE&page=2`
		);
		await response.text();
		await new Promise<void>((done) => server.close(() => done()));
		return { lines, response };
	}

	it('one JSON line per request: method, masked path, status, duration, the id sent back', async () => {
		const { lines, response } = await serve('json', 200);
		expect(lines).toHaveLength(1);
		const record = JSON.parse(lines[0]);
		const id = response.headers.get('x-request-id');
		expect(id).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
		expect(record).toMatchObject({
			level: 'info',
			reqId: id,
			method: 'GET',
			path: '/invitation/***?code=***&page=2',
			status: 200
		});
		expect(record.durationMs).toBeGreaterThanOrEqual(0);
		expect(lines[0]).not.toMatch(/SECRET/);
	});

	it('a 500 answer is logged at the error level, without a made-up stack', async () => {
		const { lines } = await serve('json', 500);
		const record = JSON.parse(lines[0]);
		expect(record).toMatchObject({ level: 'error', status: 500 });
		expect(record.err).toBeUndefined();
	});

	it('in text, the line is readable and carries no secret', async () => {
		const { lines, response } = await serve('text', 200);
		expect(lines[0]).toMatch(
			new RegExp(
				`INFO {2}GET /invitation/\\*\\*\\*\\?code=\\*\\*\\*&page=2 200 \\d+ ms req=${response.headers.get('x-request-id')}\\n$`
			)
		);
	});
});

describe('handleError (unexpectedError)', () => {
	const event = (reqId?: string) => ({
		request: new Request('http://localhost/mot-de-passe/SECRET?code=X', { method: 'POST' }),
		url: new URL('http://localhost/mot-de-passe/SECRET?code=X'),
		platform: reqId ? ({ req: { id: reqId } } as unknown as App.Platform) : undefined
	});

	it('logs one error line with the stack and the request id, and gives it as the reference', () => {
		const { logger, lines } = memoryLogger('json');
		const error = new Error('connexion perdue');
		const answer = unexpectedError(logger, {
			error,
			event: event('K7M2QX9D3P'),
			status: 500,
			message: 'Internal Error'
		});
		expect(answer).toEqual({
			message: 'Une erreur inattendue est survenue (référence de l’erreur : K7M2QX9D3P).',
			reference: 'K7M2QX9D3P'
		});
		expect(lines).toHaveLength(1);
		const record = JSON.parse(lines[0]);
		expect(record).toMatchObject({
			level: 'error',
			reqId: 'K7M2QX9D3P',
			method: 'POST',
			path: '/mot-de-passe/***?code=***',
			status: 500,
			err: { type: 'Error', message: 'connexion perdue' }
		});
		expect(record.err.stack).toContain('log.test.ts');
		expect(lines[0]).not.toMatch(/SECRET/);
	});

	it('without an id from src/start.js (vite dev), makes one', () => {
		const { logger } = memoryLogger('json');
		const answer = unexpectedError(logger, {
			error: new Error('x'),
			event: event(),
			status: 503,
			message: 'x'
		});
		expect(answer.reference).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
	});

	it('a 404 is not logged as an error and keeps its message', () => {
		const { logger, lines } = memoryLogger('json');
		const answer = unexpectedError(logger, {
			error: new Error('Not found: /nulle-part'),
			event: event('ABC'),
			status: 404,
			message: 'Not Found'
		});
		expect(answer).toEqual({ message: 'Not Found' });
		expect(lines).toHaveLength(0);
	});
});

describe('LOG_FORMAT', () => {
	it('is text by default, json when asked, and anything else is refused in French', () => {
		const env = { DATABASE_URL: 'postgres://u:p@localhost/db', SECRET_KEY: 'k'.repeat(32) };
		expect(loadConfig(env).logFormat).toBe('text');
		expect(loadConfig({ ...env, LOG_FORMAT: 'json' }).logFormat).toBe('json');
		expect(() => loadConfig({ ...env, LOG_FORMAT: 'yaml' })).toThrow(
			'LOG_FORMAT doit valoir text ou json (reçu « yaml »).'
		);
	});
});
