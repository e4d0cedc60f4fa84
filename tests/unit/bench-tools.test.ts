// The pure parts of `npm run bench` (tests/bench): the command line, the tables and report, the
// JavaScript a page ships, and the opt-in SQL query counter.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { countQueries, noteQuery, queryCountEnabled } from '../../src/lib/server/db/query-count';
import {
	formatBytes,
	formatRatio,
	formatSeconds,
	markdownTable,
	mergeBenchmarks,
	renderConsole,
	renderMarkdown,
	textTable,
	type BenchReport
} from '../bench/format';
import { shippedJavaScript } from '../bench/http';
import { BENCH_DEFAULTS, parseBenchArgs } from '../bench/options';

describe('parseBenchArgs', () => {
	it('reads the options, with the defaults for the rest', () => {
		expect(parseBenchArgs([])).toEqual({ ok: true, options: BENCH_DEFAULTS, help: false });
		expect(
			parseBenchArgs([
				'--entries',
				'2000',
				'--jurors=200',
				'--duration',
				'3',
				'--keep',
				'--out',
				'x.md'
			])
		).toEqual({
			ok: true,
			options: {
				...BENCH_DEFAULTS,
				entries: 2000,
				jurors: 200,
				duration: 3,
				keep: true,
				out: 'x.md'
			},
			help: false
		});
	});

	it('answers each mistake in French', () => {
		const error = (argv: string[]) => {
			const parsed = parseBenchArgs(argv);
			return parsed.ok ? null : parsed.error;
		};
		expect(error(['--vite'])).toMatch(/^Option inconnue : « --vite »/);
		expect(error(['--duration', '0'])).toBe(
			'La durée de charge (--duration) doit être comprise entre 1 et 120 (reçu 0).'
		);
		expect(error(['--connections', 'beaucoup'])).toBe(
			'Le nombre de connexions (--connections) doit être un nombre entier (reçu « beaucoup »).'
		);
		expect(error(['--out'])).toMatch(/^L’option --out attend un nom de fichier/);
	});
});

describe('tables', () => {
	it('aligns a text table, numbers to the right', () => {
		expect(
			textTable(
				['page', 'req/s'],
				[
					['/laureats', '812'],
					['/', '9 700']
				],
				['left', 'right']
			)
		).toBe(
			['page       req/s', '---------  -----', '/laureats    812', '/          9 700'].join('\n')
		);
	});

	it('writes a Markdown table and escapes the pipes in cells', () => {
		expect(markdownTable(['a', 'b'], [['x | y', '2']], ['left', 'right'])).toBe(
			['| a | b |', '| --- | ---: |', '| x \\| y | 2 |'].join('\n')
		);
	});

	it('formats ratios, durations and sizes the French way', () => {
		expect(formatRatio(0.4321)).toBe('0,43 ×');
		expect(formatRatio(12.3)).toBe('12 ×');
		expect(formatRatio(null)).toBe('—');
		expect(formatSeconds(0.8421)).toBe('842 ms');
		expect(formatSeconds(73.25)).toBe('73,3 s');
		expect(formatBytes(0)).toBe('0 o');
		expect(formatBytes(23_456)).toBe('23,5 ko');
	});
});

const REPORT: BenchReport = {
	date: '2026-11-29 06:00 UTC',
	commit: 'abc1234',
	machine: { cpu: 'Un processeur', cores: 2, memoryGiB: 23.4, node: 'v20.20.2', os: 'Linux 6' },
	database: { kind: 'pglite', version: '0.5.17, PostgreSQL 17.5' },
	seed: { entries: 10_000, jurors: 1_000, seconds: 116.5, smallEntries: 200, smallJurors: 40 },
	load: { connections: 10, duration: 5 },
	http: [
		{
			name: 'fichier statique (référence)',
			path: '/favicon.svg',
			status: 200,
			requestsPerSecond: 9000,
			p50: 1,
			p99: 3,
			alone: 1,
			non2xx: 0,
			errors: 0,
			ratio: 1
		},
		{
			name: 'lauréats (servi : cache)',
			path: '/laureats',
			status: 200,
			requestsPerSecond: 900,
			p50: 10,
			p99: 31,
			alone: 4,
			non2xx: 0,
			errors: 0,
			ratio: 0.1
		}
	],
	queries: [
		{ name: 'lauréats', path: '/laureats', status: 200, small: 6, large: 6, sqlMs: 12, totalMs: 30 }
	],
	times: [
		{
			name: 'classement',
			seconds: 1.2,
			runs: 3,
			baseline: { name: 'lecture des notes', seconds: 0.1 }
		}
	],
	rates: [{ name: 'attestations', perSecond: 30, baseline: { name: 'PDFKit', perSecond: 60 } }],
	js: [
		{ name: 'lauréats', path: '/laureats', area: 'public', status: 200, files: 0, gzipBytes: 0 },
		{ name: 'juré', path: '/jury', area: 'jury', status: 200, files: 12, gzipBytes: 41_000 }
	],
	steps: [{ step: 'construction', seconds: 30 }],
	totalSeconds: 300,
	notes: ['Une note.'],
	commands: ['npm run bench']
};

describe('reports', () => {
	it('prints every figure beside its baseline', () => {
		const text = renderConsole(REPORT);
		expect(text).toContain('0,10 ×');
		expect(text).toContain('borné');
		expect(text).toContain('12 ×');
		expect(text).toContain('0,50 ×');
		expect(text).toContain('41,0 ko');
		expect(text).toContain('Durée totale : 300,0 s');
	});

	it('writes BENCHMARKS.md with the machine, the date, the commit and the commands', () => {
		const md = renderMarkdown(REPORT);
		for (const expected of [
			'## PGlite',
			'**Date**: 2026-11-29 06:00 UTC',
			'`abc1234`',
			'Un processeur, 2 cores',
			'PGlite 0.5.17, PostgreSQL 17.5',
			'```sh\nnpm run bench\n```',
			'| lauréats (servi : cache) | /laureats | 200 | 900 | 0,10 × |',
			'- Une note.'
		])
			expect(md).toContain(expected);
	});

	it('keeps one section per database kind in BENCHMARKS.md, the latest run of each', () => {
		const first = mergeBenchmarks(null, REPORT);
		expect(first.startsWith('# Benchmarks')).toBe(true);
		const postgres: BenchReport = {
			...REPORT,
			commit: 'def5678',
			database: { kind: 'postgres', version: '15.14' }
		};
		const both = mergeBenchmarks(first, postgres);
		expect(both).toContain('## PGlite');
		expect(both).toContain('## PostgreSQL');
		expect(both.indexOf('## PGlite')).toBeLessThan(both.indexOf('## PostgreSQL'));
		const again = mergeBenchmarks(both, { ...REPORT, commit: 'aaa0000' });
		expect(again).toContain('`aaa0000`');
		expect(again).not.toContain('`abc1234`');
		expect(again).toContain('`def5678`');
		expect(again.match(/# Benchmarks/g)).toHaveLength(1);
	});

	it('says when a page’s queries grow with the rows', () => {
		const text = renderConsole({
			...REPORT,
			queries: [
				{ name: 'x', path: '/x', status: 200, small: 4, large: 104, sqlMs: null, totalMs: null }
			]
		});
		expect(text).toContain('GRANDIT avec les lignes');
	});
});

describe('shippedJavaScript', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bench-js-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	mkdirSync(join(dir, '_app/immutable/entry'), { recursive: true });
	mkdirSync(join(dir, '_app/immutable/chunks'), { recursive: true });
	mkdirSync(join(dir, '_app/immutable/nodes'), { recursive: true });
	const files: Record<string, string> = {
		'entry/start.abc.js': `import{a as b}from"../chunks/x.def.js";${'export const start = () => b;'.repeat(40)}`,
		'entry/app.ghi.js':
			'import"../chunks/y.jkl.js";export const nodes=[()=>import("../nodes/9.mno.js")];',
		'chunks/x.def.js': 'export const a = 2;',
		'chunks/y.jkl.js': 'export*from"./x.def.js";',
		'nodes/9.mno.js': 'export const page = "another page, loaded on demand";'
	};
	for (const [name, code] of Object.entries(files))
		writeFileSync(join(dir, '_app/immutable', name), code);
	const gz = (name: string) => gzipSync(files[name], { level: 9 }).length;

	it('sums the gzip sizes of the modules the page loads at once, with their static imports', () => {
		const html = `<html><head></head><body><script>Promise.all([import("../_app/immutable/entry/start.abc.js"),
			import("../_app/immutable/entry/app.ghi.js")])</script></body></html>`;
		const shipped = shippedJavaScript(html, 'http://localhost:3000/jury/1', dir);
		expect(shipped.files).toEqual([
			'/_app/immutable/chunks/x.def.js',
			'/_app/immutable/chunks/y.jkl.js',
			'/_app/immutable/entry/app.ghi.js',
			'/_app/immutable/entry/start.abc.js'
		]);
		expect(shipped.gzipBytes).toBe(
			gz('entry/start.abc.js') +
				gz('entry/app.ghi.js') +
				gz('chunks/x.def.js') +
				gz('chunks/y.jkl.js')
		);
	});

	it('reads the modulepreload links of the HTML and of the Link header', () => {
		const html = '<link rel="modulepreload" href="/_app/immutable/chunks/x.def.js">';
		const link =
			'<./_app/immutable/assets/0.css>; rel="preload"; as="style"; nopush, <./_app/immutable/chunks/y.jkl.js>; rel="modulepreload"; nopush';
		expect(shippedJavaScript(html, 'http://localhost/jury', dir, link).files).toEqual([
			'/_app/immutable/chunks/x.def.js',
			'/_app/immutable/chunks/y.jkl.js'
		]);
	});

	it('finds nothing in a page without JavaScript', () => {
		expect(
			shippedJavaScript('<html><body><p>Lauréats</p></body></html>', 'http://x/', dir)
		).toEqual({ files: [], gzipBytes: 0 });
	});
});

describe('query counter', () => {
	it('is off unless BENCH_QUERY_COUNT=1', () => {
		expect(queryCountEnabled({})).toBe(false);
		expect(queryCountEnabled({ BENCH_QUERY_COUNT: '0' })).toBe(false);
		expect(queryCountEnabled({ BENCH_QUERY_COUNT: '1' })).toBe(true);
	});

	it('counts the queries of each run apart, across awaits, and nothing outside a run', async () => {
		noteQuery(100);
		const work = (n: number) => async () => {
			for (let i = 0; i < n; i++) {
				await new Promise((r) => setTimeout(r, 1));
				noteQuery(2);
			}
			return n;
		};
		const [[a, countA], [b, countB]] = await Promise.all([
			countQueries(work(3)),
			countQueries(work(5))
		]);
		expect([a, countA, b, countB]).toEqual([3, { queries: 3, ms: 6 }, 5, { queries: 5, ms: 10 }]);
	});
});
