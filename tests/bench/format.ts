// The figures of `npm run bench` as a console table and as BENCHMARKS.md. Pure: no I/O.

export interface HttpFigure {
	/** What is measured, in French. */
	name: string;
	path: string;
	/** HTTP status of a first request (before the load). */
	status: number;
	requestsPerSecond: number;
	p50: number;
	p99: number;
	/** Milliseconds of one request alone (median of three, no other load). */
	alone: number;
	non2xx: number;
	errors: number;
	/** Requests per second divided by the baseline's (the static file). */
	ratio: number | null;
	note?: string;
}

export interface QueryFigure {
	name: string;
	path: string;
	small: number | null;
	large: number | null;
	status: number;
	/** On the large edition, one request alone: the database's time and the whole answer's. */
	sqlMs: number | null;
	totalMs: number | null;
}

export interface TimeFigure {
	name: string;
	/** Median of the runs, in seconds. */
	seconds: number;
	runs: number;
	baseline?: { name: string; seconds: number };
	note?: string;
}

export interface RateFigure {
	name: string;
	perSecond: number;
	baseline?: { name: string; perSecond: number };
	note?: string;
}

export interface JsFigure {
	name: string;
	path: string;
	area: 'public' | 'équipe' | 'jury' | 'organisation';
	status: number;
	files: number;
	gzipBytes: number;
}

export interface BenchReport {
	date: string;
	commit: string;
	machine: { cpu: string; cores: number; memoryGiB: number; node: string; os: string };
	database: { kind: 'pglite' | 'postgres'; version: string };
	seed: {
		entries: number;
		jurors: number;
		seconds: number;
		smallEntries: number;
		smallJurors: number;
	};
	load: { connections: number; duration: number };
	http: HttpFigure[];
	queries: QueryFigure[];
	times: TimeFigure[];
	rates: RateFigure[];
	js: JsFigure[];
	steps: { step: string; seconds: number }[];
	totalSeconds: number;
	notes: string[];
	commands: string[];
}

export type Align = 'left' | 'right';

/** A plain-text table with aligned columns (numbers to the right). */
export function textTable(headers: string[], rows: string[][], align: Align[] = []): string {
	const widths = headers.map((h, i) =>
		Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length))
	);
	const cell = (text: string, i: number) =>
		align[i] === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]);
	const line = (row: string[]) =>
		row
			.map((text, i) => cell(text ?? '', i))
			.join('  ')
			.trimEnd();
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A Markdown table; `|` in a cell is escaped. */
export function markdownTable(headers: string[], rows: string[][], align: Align[] = []): string {
	const escape = (text: string) => text.replace(/\|/g, '\\|');
	const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
	return [headers, rule, ...rows]
		.map((row, r) => `| ${row.map((c) => (r === 1 ? c : escape(c))).join(' | ')} |`)
		.join('\n');
}

/** 1234.5 → « 1 234,5 » (French grouping with a narrow no-break space, given decimals). */
export function formatNumber(value: number, decimals = 0): string {
	return new Intl.NumberFormat('fr-FR', {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	})
		.format(value)
		.replace(/\s/g, '\u202f');
}

/** 0.4321 → « 0,43 × », 12.3 → « 12 × »: a ratio to its baseline. */
export function formatRatio(ratio: number | null): string {
	if (ratio === null || !Number.isFinite(ratio)) return '—';
	return `${formatNumber(ratio, ratio >= 10 ? 0 : 2)} ×`;
}

/** Seconds, to the millisecond under 10 s. */
export function formatSeconds(seconds: number): string {
	return seconds >= 10 ? `${formatNumber(seconds, 1)} s` : `${formatNumber(seconds * 1000, 0)} ms`;
}

/** Bytes: « 0 o », « 812 o », « 23,4 ko » (1 ko = 1 000 octets). */
export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${formatNumber(bytes)} o`;
	return `${formatNumber(bytes / 1000, 1)} ko`;
}

const ms = (value: number) => `${formatNumber(value, value < 10 ? 1 : 0)} ms`;

function httpRows(report: BenchReport): string[][] {
	return report.http.map((h) => [
		h.name,
		h.path,
		String(h.status),
		formatNumber(h.requestsPerSecond),
		formatRatio(h.ratio),
		h.requestsPerSecond > 0 ? ms(h.p50) : '—',
		h.requestsPerSecond > 0 ? ms(h.p99) : '—',
		ms(h.alone),
		h.non2xx + h.errors > 0 ? `${formatNumber(h.non2xx + h.errors)} échecs` : '',
		h.note ?? ''
	]);
}
const HTTP_HEADERS = [
	'mesure',
	'adresse',
	'statut',
	'requêtes/s',
	'ratio / statique',
	'p50',
	'p99',
	'seule',
	'erreurs',
	'note'
];
const HTTP_ALIGN: Align[] = [
	'left',
	'left',
	'right',
	'right',
	'right',
	'right',
	'right',
	'right',
	'left',
	'left'
];

function queryRows(report: BenchReport): string[][] {
	const n = (v: number | null) => (v === null ? '—' : String(v));
	return report.queries.map((q) => [
		q.name,
		q.path,
		String(q.status),
		n(q.small),
		n(q.large),
		q.sqlMs === null ? '—' : ms(q.sqlMs),
		q.totalMs === null ? '—' : ms(q.totalMs),
		q.small !== null && q.large !== null
			? q.large <= q.small
				? 'borné'
				: 'GRANDIT avec les lignes'
			: ''
	]);
}
const QUERY_HEADERS = [
	'page',
	'adresse (grande édition)',
	'statut',
	'requêtes SQL (petite)',
	'requêtes SQL (grande)',
	'temps SQL (grande)',
	'réponse (grande)',
	'verdict'
];
const QUERY_ALIGN: Align[] = ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'];

function timeRows(report: BenchReport): string[][] {
	return [
		...report.times.map((t) => [
			t.name,
			formatSeconds(t.seconds),
			t.baseline ? `${t.baseline.name} : ${formatSeconds(t.baseline.seconds)}` : '',
			t.baseline ? formatRatio(t.seconds / t.baseline.seconds) : '',
			t.note ?? `médiane de ${t.runs}`
		]),
		...report.rates.map((r) => [
			r.name,
			`${formatNumber(r.perSecond, 1)} /s`,
			r.baseline ? `${r.baseline.name} : ${formatNumber(r.baseline.perSecond, 1)} /s` : '',
			r.baseline ? formatRatio(r.perSecond / r.baseline.perSecond) : '',
			r.note ?? ''
		])
	];
}
const TIME_HEADERS = ['mesure', 'résultat', 'référence', 'ratio', 'note'];
const TIME_ALIGN: Align[] = ['left', 'right', 'left', 'right', 'left'];

function jsRows(report: BenchReport): string[][] {
	return report.js.map((j) => [
		j.area,
		j.name,
		j.path,
		String(j.status),
		String(j.files),
		formatBytes(j.gzipBytes)
	]);
}
const JS_HEADERS = ['espace', 'page', 'adresse', 'statut', 'fichiers JS', 'JS gzip'];
const JS_ALIGN: Align[] = ['left', 'left', 'left', 'right', 'right', 'right'];

/** What `npm run bench` prints at the end. */
export function renderConsole(report: BenchReport): string {
	return [
		`Banc d’essai — ${report.date} — ${report.machine.cpu}, ${report.machine.cores} cœurs, Node ${report.machine.node}, ${databaseLabel(report)}`,
		`Grande édition : ${formatNumber(report.seed.entries)} candidatures × ${formatNumber(report.seed.jurors)} jurés ; charge : ${report.load.connections} connexions, ${report.load.duration} s par mesure`,
		'',
		textTable(HTTP_HEADERS, httpRows(report), HTTP_ALIGN),
		'',
		textTable(QUERY_HEADERS, queryRows(report), QUERY_ALIGN),
		'',
		textTable(TIME_HEADERS, timeRows(report), TIME_ALIGN),
		'',
		textTable(JS_HEADERS, jsRows(report), JS_ALIGN),
		'',
		...report.notes.map((n) => `• ${n}`),
		`Durée totale : ${formatSeconds(report.totalSeconds)} (${report.steps
			.map((s) => `${s.step} ${formatSeconds(s.seconds)}`)
			.join(', ')})`
	].join('\n');
}

function databaseLabel(report: BenchReport): string {
	return report.database.kind === 'postgres'
		? `PostgreSQL ${report.database.version}`
		: `PGlite ${report.database.version} (PostgreSQL embarqué)`;
}

const TITLE = `# Benchmarks

Written by \`npm run bench\` (tests/bench/run.ts) — do not edit by hand. One section per database, each
the latest run on it. Each figure stands beside its baseline, measured in the same run on the same
machine: ratios travel between machines better than absolute numbers. The machine is shared with
other developers while they work: expect noise of ±30 % on absolute figures.
`;

const marker = (kind: BenchReport['database']['kind'], end: boolean) =>
	`<!-- bench:${kind}:${end ? 'end' : 'start'} -->`;

/** The section of BENCHMARKS.md for one run (its database kind). */
export function renderMarkdown(report: BenchReport): string {
	const m = report.machine;
	const kind = report.database.kind;
	return `${marker(kind, false)}
## ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded PostgreSQL, the default)'}

- **Date**: ${report.date}
- **Commit**: \`${report.commit}\`
- **Machine**: ${m.cpu}, ${m.cores} cores, ${formatNumber(m.memoryGiB, 1)} GiB RAM, ${m.os}
- **Node**: ${m.node}
- **Database**: ${databaseLabel(report)}
- **Data**: a published edition of ${formatNumber(report.seed.entries)} candidatures and ${formatNumber(report.seed.jurors)} jurors (\`npm run seed:large\`, seeded in ${formatSeconds(report.seed.seconds)}); the query counts compare it with a small one (${formatNumber(report.seed.smallEntries)} × ${formatNumber(report.seed.smallJurors)})
- **Load**: autocannon, ${report.load.connections} connections, ${report.load.duration} s per measure, after a warm-up of 1 s, asking for gzip as a browser does (\`Accept-Encoding: gzip, deflate, br\`); the organisers' ranking with 1 connection (a page for a few organisers, half a second each); « seule »: one request alone, median of three
- **Whole run**: ${formatSeconds(report.totalSeconds)} (${report.steps.map((s) => `${s.step} ${formatSeconds(s.seconds)}`).join(', ')})

### Reproduce

\`\`\`sh
${report.commands.join('\n')}
\`\`\`

### Pages under load (throughput as a ratio to a static file served by the same server)

${markdownTable(HTTP_HEADERS, httpRows(report), HTTP_ALIGN)}

### SQL queries per page (must not grow with the number of rows)

${markdownTable(QUERY_HEADERS, queryRows(report), QUERY_ALIGN)}

### Computations

${markdownTable(TIME_HEADERS, timeRows(report), TIME_ALIGN)}

### JavaScript shipped (gzip, from the build output)

${markdownTable(JS_HEADERS, jsRows(report), JS_ALIGN)}

### Notes

${report.notes.map((n) => `- ${n}`).join('\n')}
${marker(kind, true)}
`;
}

/**
 * BENCHMARKS.md with this run's section in place of the previous run's on the same database kind
 * (the other kind's section is kept; PGlite's comes first).
 */
export function mergeBenchmarks(existing: string | null, report: BenchReport): string {
	const sections: Record<string, string> = {};
	for (const kind of ['pglite', 'postgres'] as const) {
		const start = existing?.indexOf(marker(kind, false)) ?? -1;
		const end = existing?.indexOf(marker(kind, true)) ?? -1;
		if (existing && start >= 0 && end > start)
			sections[kind] = existing.slice(start, end + marker(kind, true).length) + '\n';
	}
	sections[report.database.kind] = renderMarkdown(report);
	return [TITLE, sections.pglite, sections.postgres].filter(Boolean).join('\n');
}
