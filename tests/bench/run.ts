// `npm run bench`: measures what must stay fast, each figure beside its baseline, in one run, and
// writes BENCHMARKS.md. Started by tests/bench/run.js through Vite's module loader.
//
//   1. builds the application in a temporary copy of the sources (never into ./build);
//   2. seeds a small and a large edition (db/seed/large.ts) into fresh databases: temporary PGlite
//      folders, or — with DATABASE_URL — two databases created on that server and dropped after
//      (the database of DATABASE_URL itself is never touched);
//   3. times the ranking with normalisation (the organisers' page's function) beside one plain scan
//      of the scores table, directly against the large database;
//   4. starts the built server with BENCH_QUERY_COUNT=1 on each database and reads the SQL queries
//      of each page (x-query-count), and the JavaScript each page ships;
//   5. starts it again without the counter and loads, with autocannon and the same settings, a
//      static file (the baseline), the public pages (as served, and with the cache defeated) and the
//      juror's and organiser's pages;
//   6. times the automatic assignment and the certificates (beside a plain PDFKit page).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem, type, release } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import PDFDocument from 'pdfkit';
import pg from 'pg';
import { seedLarge, type LargeSeedReport } from '../../db/seed/large';
import { LARGE_PASSWORD } from '../../db/seed/large';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { roundRanking } from '../../src/lib/server/db/rankings';
import { assignJurors } from '../../src/lib/server/jury/assignment';
import {
	certificateFonts,
	certificatePdf,
	type CertificateInput
} from '../../src/lib/server/pdf/certificate';
import { largeAssignmentInput } from './fixtures';
import {
	mergeBenchmarks,
	renderConsole,
	type BenchReport,
	type HttpFigure,
	type JsFigure,
	type QueryFigure,
	type RateFigure,
	type TimeFigure
} from './format';
import { getPage, loadPath, logIn, shippedJavaScript } from './http';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './options';
import { buildApp, startServer, type RunningServer } from './server';

const ROOT = resolve(import.meta.dirname ?? '.', '../..');

type Database = { url: string } | { pgliteDir: string };

interface Seeded {
	database: Database;
	report: LargeSeedReport;
	/** A candidature assigned to the juror in the preselection, and the team's candidature. */
	jurorEntryId: number;
	teamEntryId: number;
}

/** Runs the benchmark; answers the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
	const parsed = parseBenchArgs(argv);
	if (!parsed.ok) {
		console.error(parsed.error);
		return 2;
	}
	if (parsed.help) {
		console.info(BENCH_USAGE);
		return 0;
	}
	const options = parsed.options;
	const started = performance.now();
	const steps: { step: string; seconds: number }[] = [];
	let lap = started;
	const step = (name: string) => {
		const now = performance.now();
		steps.push({ step: name, seconds: (now - lap) / 1000 });
		lap = now;
		console.info(`» ${name} : ${((now - started) / 1000).toFixed(0)} s depuis le début`);
	};
	const log = (line: string) => console.info(line);

	// One key for the seeds (certificate codes) and the servers that verify them.
	const secretKey = randomBytes(32).toString('hex');
	process.env.SECRET_KEY = secretKey;
	const adminUrl = process.env.DATABASE_URL?.trim() || undefined;
	const work = mkdtempSync(join(tmpdir(), 'impulsions-bench-'));
	const created: string[] = [];
	const notes: string[] = [];
	let server: RunningServer | undefined;
	try {
		console.info(
			`Banc d’essai : ${options.entries} candidatures × ${options.jurors} jurés sur ${adminUrl ? 'PostgreSQL (DATABASE_URL : bases temporaires)' : 'PGlite'} ; dossier de travail ${work}`
		);
		let buildDir: string;
		if (options.build) {
			buildDir = resolve(options.build);
			notes.push(`Construction reprise de ${buildDir} (--build) : elle peut dater.`);
		} else {
			console.info('Construction de l’application (vite build, copie des sources)…');
			buildDir = await buildApp(ROOT, join(work, 'app'), log);
		}
		step('construction');

		const databaseFor = async (name: string): Promise<Database> => {
			if (!adminUrl) return { pgliteDir: join(work, `pglite-${name}`) };
			const database = `impulsions_bench_${name}_${randomBytes(4).toString('hex')}`;
			const admin = new pg.Client({ connectionString: adminUrl });
			await admin.connect();
			try {
				await admin.query(`create database ${database}`);
			} finally {
				await admin.end();
			}
			created.push(database);
			const url = new URL(adminUrl);
			url.pathname = `/${database}`;
			return { url: url.toString() };
		};

		console.info(`Petite édition (${options.smallEntries} × ${options.smallJurors})…`);
		const small = await seed(await databaseFor('petite'), {
			entries: options.smallEntries,
			jurors: options.smallJurors
		});
		step('petite édition');

		console.info(`Grande édition (${options.entries} × ${options.jurors})…`);
		const times: TimeFigure[] = [];
		let databaseVersion = '';
		const large = await seed(
			await databaseFor('grande'),
			{ entries: options.entries, jurors: options.jurors },
			async (handle, report) => {
				databaseVersion = await versionOf(handle);
				console.info(
					'Classement normalisé (même fonction que la page) et lecture simple des notes…'
				);
				times.push(await rankingFigure(handle, report));
			}
		);
		const seedSeconds = large.report.timings.find((t) => t.step === 'total')?.seconds ?? 0;
		step('grande édition et classement');

		console.info('Requêtes SQL par page et JavaScript livré…');
		const queries: QueryFigure[] = [];
		const js: JsFigure[] = [];
		const pagesOf = (s: Seeded) => pageList(s);
		const counted = new Map<string, number | null>();
		for (const [which, seeded] of [
			['small', small],
			['large', large]
		] as const) {
			server = await startServer({
				root: ROOT,
				buildDir,
				database: seeded.database,
				secretKey,
				countQueries: true
			});
			const cookies = await roleCookies(server, seeded.report);
			for (const page of pagesOf(seeded)) {
				const cookie = page.role ? cookies[page.role] : undefined;
				// The server is fresh: a public page's first answer is rendered (later ones come from
				// the cache, one query). A signed-in page: the second answer, after any lazy start-up.
				let answer = await getPage(server, page.path, cookie);
				if (page.role) answer = await getPage(server, page.path, cookie);
				counted.set(`${which}:${page.name}`, answer.queries);
				if (which === 'large') {
					queries.push({
						name: page.name,
						path: page.path,
						small: counted.get(`small:${page.name}`) ?? null,
						large: answer.queries,
						status: answer.status,
						sqlMs: answer.queryMs,
						totalMs: answer.seconds * 1000
					});
					const shipped =
						answer.status === 200
							? shippedJavaScript(
									answer.body,
									`${server.origin}${page.path}`,
									join(buildDir, 'client'),
									answer.link
								)
							: { files: [], gzipBytes: 0 };
					js.push({
						name: page.name,
						path: page.path,
						area: page.area,
						status: answer.status,
						files: shipped.files.length,
						gzipBytes: shipped.gzipBytes
					});
				}
			}
			await server.stop();
			server = undefined;
		}
		step('requêtes SQL et JavaScript');

		console.info(
			`Charge (autocannon, ${options.connections} connexions, ${options.duration} s par adresse)…`
		);
		server = await startServer({
			root: ROOT,
			buildDir,
			database: large.database,
			secretKey,
			countQueries: false
		});
		const http = await loadFigures(server, large, options, notes);
		await server.stop();
		server = undefined;
		step('charge HTTP');

		console.info('Affectation automatique et attestations…');
		times.push(assignmentFigure(options));
		const rates = await certificateFigures();
		step('calculs');

		notesAbout({
			notes,
			http,
			queries,
			js,
			rates,
			large,
			small,
			options,
			kind: adminUrl ? 'postgres' : 'pglite'
		});
		const report: BenchReport = {
			date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
			commit: commitOf(),
			machine: {
				cpu: cpus()[0]?.model.trim() ?? 'inconnu',
				cores: cpus().length,
				memoryGiB: totalmem() / 2 ** 30,
				node: process.version,
				os: `${type()} ${release()}`
			},
			database: { kind: adminUrl ? 'postgres' : 'pglite', version: databaseVersion },
			seed: {
				entries: options.entries,
				jurors: options.jurors,
				seconds: seedSeconds,
				smallEntries: options.smallEntries,
				smallJurors: options.smallJurors
			},
			load: { connections: options.connections, duration: options.duration },
			http,
			queries,
			times,
			rates,
			js,
			steps,
			totalSeconds: (performance.now() - started) / 1000,
			notes,
			commands: [
				'npm ci',
				'npm run bench                                   # PGlite, temporary folders',
				'DATABASE_URL=postgres://user:password@127.0.0.1:5432/postgres npm run bench   # PostgreSQL: creates and drops its own databases',
				`npm run bench -- --entries ${options.entries} --jurors ${options.jurors} --duration ${options.duration} --connections ${options.connections}`,
				'npm run seed:large -- --entries 10000 --jurors 1000   # the same data in ./data (or DATABASE_URL), to look at',
				'npx vitest bench --run --project unit tests/bench   # the micro-benchmarks alone'
			]
		};
		const out = resolve(ROOT, options.out);
		const merged = mergeBenchmarks(existsSync(out) ? readFileSync(out, 'utf8') : null, report);
		// Formatted as the repository's Prettier would (npm run lint checks every Markdown file).
		const prettier = await import('prettier');
		const settings = (await prettier.resolveConfig(out)) ?? {};
		writeFileSync(out, await prettier.format(merged, { ...settings, parser: 'markdown' }));
		console.info(`\n${renderConsole(report)}\n\nÉcrit : ${out}`);
		return 0;
	} catch (error) {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		if (server) console.error(`Sortie du serveur :\n${server.output().slice(-3000)}`);
		return 1;
	} finally {
		await server?.stop().catch(() => {});
		for (const database of created) await dropDatabase(adminUrl!, database).catch(() => {});
		if (options.keep) console.info(`Conservé : ${work}`);
		else rmSync(work, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------

async function open(database: Database): Promise<DatabaseHandle> {
	const handle = await openDatabase(
		'url' in database ? { databaseUrl: database.url, poolSize: 4 } : { dataDir: database.pgliteDir }
	);
	await migrateToLatest(handle.db);
	return handle;
}

async function seed(
	database: Database,
	size: { entries: number; jurors: number },
	after?: (handle: DatabaseHandle, report: LargeSeedReport) => Promise<void>
): Promise<Seeded> {
	const handle = await open(database);
	try {
		const report = await seedLarge(handle.db, { ...size, seed: 1, year: 2026 }, (line) =>
			console.info(line)
		);
		const jurorId = await handle.db
			.selectFrom('users')
			.select('id')
			.where('email', '=', report.logins.juror)
			.executeTakeFirstOrThrow();
		const assigned = await handle.db
			.selectFrom('assignments')
			.select('entry_id')
			.where('juror_id', '=', jurorId.id)
			.where('round', '=', 'preselection')
			.orderBy('entry_id')
			.limit(1)
			.executeTakeFirstOrThrow();
		const team = await handle.db
			.selectFrom('entry_members as m')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.select('m.entry_id')
			.where('u.email', '=', report.logins.team)
			.executeTakeFirstOrThrow();
		if (after) await after(handle, report);
		return { database, report, jurorEntryId: assigned.entry_id, teamEntryId: team.entry_id };
	} finally {
		await handle.close();
	}
}

async function versionOf(handle: DatabaseHandle): Promise<string> {
	const row = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
		handle.db
	);
	const server = row.rows[0]?.v ?? '?';
	if (handle.kind === 'postgres') return server;
	try {
		const pkg = JSON.parse(
			readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')
		) as { version: string };
		return `${pkg.version}, PostgreSQL ${server}`;
	} catch {
		return `PostgreSQL ${server}`;
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed(runs: number, work: () => unknown | Promise<unknown>): Promise<number> {
	await work();
	const seconds: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await work();
		seconds.push((performance.now() - t) / 1000);
	}
	return median(seconds);
}

/** The organisers' ranking (normalised, preselection) beside one plain scan of the scores. */
async function rankingFigure(handle: DatabaseHandle, report: LargeSeedReport): Promise<TimeFigure> {
	const db = handle.db;
	let ranked = 0;
	let reviews = 0;
	const seconds = await timed(3, async () => {
		const ranking = await roundRanking(db, report.editionId, 'preselection', {
			sort: 'normalised'
		});
		ranked = ranking.total;
		reviews = ranking.reviewCount;
	});
	const scan = await timed(5, () => sql`select count(*), sum(level) from scores`.execute(db));
	return {
		name: `classement normalisé (roundRanking, présélection : ${ranked.toLocaleString('fr-FR')} candidatures, ${reviews.toLocaleString('fr-FR')} évaluations)`,
		seconds,
		runs: 3,
		baseline: {
			name: `select count(*), sum(level) from scores (${report.counts.scores.toLocaleString('fr-FR')} lignes)`,
			seconds: scan
		}
	};
}

type Role = 'juror' | 'organiser' | 'team';

interface PageSpec {
	name: string;
	path: string;
	area: JsFigure['area'];
	role?: Role;
}

/** The pages measured, for one seeded edition. */
function pageList(s: Seeded): PageSpec[] {
	const { editionId, year, laureateSlug } = s.report;
	return [
		{ name: 'accueil', path: '/', area: 'public' },
		{ name: 'lauréats', path: '/laureats', area: 'public' },
		{ name: 'un lauréat', path: `/laureats/${laureateSlug ?? 'absent'}`, area: 'public' },
		{ name: 'édition', path: `/editions/${year}`, area: 'public' },
		{ name: 'données ouvertes', path: '/donnees', area: 'public' },
		{ name: 'tableau de bord du juré', path: '/jury', area: 'jury', role: 'juror' },
		{
			name: 'candidatures du juré (présélection)',
			path: `/jury/${editionId}/preselection`,
			area: 'jury',
			role: 'juror'
		},
		{
			name: 'évaluation d’une candidature',
			path: `/jury/${editionId}/preselection/${s.jurorEntryId}`,
			area: 'jury',
			role: 'juror'
		},
		{ name: 'espace équipe', path: '/equipe', area: 'équipe', role: 'team' },
		{ name: 'dossier de l’équipe', path: `/equipe/${s.teamEntryId}`, area: 'équipe', role: 'team' },
		{
			name: 'classement des organisateurs (présélection, normalisé)',
			path: `/admin/editions/${editionId}/classement?tour=preselection&tri=normalise`,
			area: 'organisation',
			role: 'organiser'
		}
	];
}

async function roleCookies(server: RunningServer, report: LargeSeedReport) {
	return {
		juror: await logIn(server, report.logins.juror, LARGE_PASSWORD),
		organiser: await logIn(server, report.logins.organiser, LARGE_PASSWORD),
		team: await logIn(server, report.logins.team, LARGE_PASSWORD)
	} satisfies Record<Role, string>;
}

async function loadFigures(
	server: RunningServer,
	large: Seeded,
	options: BenchOptions,
	notes: string[]
): Promise<HttpFigure[]> {
	const cookies = {
		juror: await logIn(server, large.report.logins.juror, LARGE_PASSWORD),
		organiser: await logIn(server, large.report.logins.organiser, LARGE_PASSWORD)
	};
	const pages = pageList(large);
	const byName = (name: string) => pages.find((p) => p.name === name)!;
	// The same public pages as served (anonymous: from the in-process cache) and rendered on every
	// request — as a signed-in visitor gets them (pages with a session are never kept). A unique query
	// string would not do: /laureats sends unknown parameters to its canonical address (303).
	const plan: {
		name: string;
		path: string;
		role?: 'juror' | 'organiser';
		/** Connections, when not the run's: a page for a few people, half a second each. */
		connections?: number;
	}[] = [
		{ name: 'fichier statique (référence)', path: '/favicon.svg' },
		{ name: 'une requête SQL triviale (/api/sante)', path: '/api/sante' },
		...['lauréats', 'un lauréat', 'édition'].map((name) => ({
			name: `${name} (servi : cache)`,
			path: byName(name).path
		})),
		...['lauréats', 'un lauréat', 'édition'].map((name) => ({
			name: `${name} (rendu à chaque requête : visiteur connecté)`,
			path: byName(name).path,
			role: 'juror' as const
		})),
		{ ...byName('tableau de bord du juré'), role: 'juror' as const },
		{ ...byName('candidatures du juré (présélection)'), role: 'juror' as const },
		{
			...byName('classement des organisateurs (présélection, normalisé)'),
			name: 'classement des organisateurs (1 connexion)',
			role: 'organiser' as const,
			connections: 1
		}
	];
	const figures: HttpFigure[] = [];
	let baseline: number | null = null;
	for (const item of plan) {
		const cookie = item.role ? cookies[item.role] : undefined;
		const first = await getPage(server, item.path, cookie);
		// Alone: three requests one after the other (after the first), the median.
		const alone: number[] = [];
		for (let i = 0; i < 3 && first.status === 200; i++)
			alone.push((await getPage(server, item.path, cookie)).seconds);
		if (first.status !== 200) {
			figures.push({
				name: item.name,
				path: item.path,
				status: first.status,
				requestsPerSecond: 0,
				p50: 0,
				p99: 0,
				alone: 0,
				non2xx: 0,
				errors: 0,
				ratio: null,
				note:
					first.status === 404 ? 'page absente : non mesurée' : 'réponse inattendue : non mesurée'
			});
			notes.push(`${item.path} répond ${first.status} : non mesurée.`);
			continue;
		}
		console.info(`  ${item.name} — ${item.path}`);
		const result = await loadPath(server, item.path, {
			connections: item.connections ?? options.connections,
			duration: options.duration,
			cookie
		});
		baseline ??= result.requestsPerSecond;
		figures.push({
			name: item.name,
			path: item.path,
			status: first.status,
			...result,
			alone: median(alone) * 1000,
			ratio: result.requestsPerSecond / baseline
		});
	}
	return figures;
}

function assignmentFigure(options: BenchOptions): TimeFigure {
	const input = largeAssignmentInput(options.entries, options.jurors);
	const seconds: number[] = [];
	assignJurors(input);
	for (let i = 0; i < 3; i++) {
		const t = performance.now();
		const result = assignJurors(input);
		seconds.push((performance.now() - t) / 1000);
		if (result.assignments.length !== options.entries * 3)
			throw new Error('Affectation automatique incomplète.');
	}
	return {
		name: `affectation automatique (${options.entries.toLocaleString('fr-FR')} candidatures × ${options.jurors.toLocaleString('fr-FR')} jurés, K = 3)`,
		seconds: median(seconds),
		runs: 3
	};
}

/** Certificates per second (Marianne prepared once), beside a plain PDFKit page with the same font. */
async function certificateFigures(): Promise<RateFigure[]> {
	const fonts = join(ROOT, 'node_modules/@gouvfr/dsfr/dist/fonts');
	const regular = readFileSync(join(fonts, 'Marianne-Regular.woff'));
	const bold = readFileSync(join(fonts, 'Marianne-Bold.woff'));
	const marianne = certificateFonts({ regular, bold });
	const input: CertificateInput = {
		kind: 'laureateMember',
		code: '0123456789abcdefghjkmnpqrm',
		verifyUrl: 'https://impulsions.example.fr/verifier/0123-4567-89ab-cdef-ghjk-mnpq-rm',
		recipient: 'Chloé Bœuf',
		editionYear: 2026,
		editionTitle: 'Prix Impulsions 2026',
		entryTitle: 'Œuvres d’élèves en ligne',
		award: 'prize',
		categoryName: 'Projet innovant',
		issuedAt: new Date('2026-11-20T10:00:00Z')
	};
	const plainPage = () =>
		new Promise<Buffer>((done) => {
			const doc = new PDFDocument({ size: 'A4', layout: 'landscape' });
			const chunks: Buffer[] = [];
			doc.on('data', (chunk: Buffer) => chunks.push(chunk));
			doc.on('end', () => done(Buffer.concat(chunks)));
			doc.registerFont('body', regular);
			doc.registerFont('bold', bold);
			doc.font('bold').fontSize(30).text('Prix Impulsions 2026', { align: 'center' });
			doc.font('body').fontSize(14).text('Prix décerné à Chloé Bœuf', { align: 'center' });
			doc.end();
		});
	const rate = async (work: () => Promise<unknown>) => {
		for (let i = 0; i < 3; i++) await work();
		let n = 0;
		const t = performance.now();
		while (performance.now() - t < 3000 || n < 10) {
			await work();
			n++;
		}
		return n / ((performance.now() - t) / 1000);
	};
	const certificates = await rate(() => certificatePdf(input, marianne));
	const plain = await rate(plainPage);
	return [
		{
			name: 'attestations PDF (certificatePdf, Marianne préparée une fois, QR code)',
			perSecond: certificates,
			baseline: {
				name: 'page PDFKit simple, même police (analysée à chaque fois)',
				perSecond: plain
			}
		}
	];
}

function notesAbout(input: {
	notes: string[];
	http: HttpFigure[];
	queries: QueryFigure[];
	js: JsFigure[];
	rates: RateFigure[];
	large: Seeded;
	small: Seeded;
	options: BenchOptions;
	kind: 'pglite' | 'postgres';
}) {
	const { notes, http, queries, js, rates, large } = input;
	for (const gap of large.report.gaps) notes.push(gap);
	const growing = queries.filter((q) => q.small !== null && q.large !== null && q.large > q.small);
	notes.push(
		growing.length === 0
			? 'Aucune page ne lance plus de requêtes SQL sur la grande édition que sur la petite : pas de requête par ligne.'
			: `Requêtes qui grandissent avec les lignes : ${growing.map((q) => `${q.path} (${q.small} → ${q.large})`).join(', ')}.`
	);
	const heavy = queries.filter((q) => (q.sqlMs ?? 0) > 100);
	if (heavy.length > 0)
		notes.push(
			`Pages dont les requêtes SQL prennent plus de 100 ms sur la grande édition (une requête seule, serveur neuf) : ${heavy.map((q) => `${q.path} (${Math.round(q.sqlMs ?? 0)} ms en ${q.large} requêtes)`).join(', ')}. ` +
				'Une page publique ne les paie qu’au premier rendu après chaque changement des résultats (cache) ; un visiteur connecté les paie à chaque fois.'
		);
	if (input.kind === 'pglite')
		notes.push(
			'PGlite n’a pas d’autovacuum : l’application le remplace (src/lib/server/maintenance.ts : VACUUM et ANALYZE table par table, au démarrage puis toutes les heures, sur les tables qui ont changé). La grande édition se termine par VACUUM ANALYZE, l’état que cette maintenance garde.'
		);
	const publicJs = js.filter((j) => j.area === 'public' && j.status === 200);
	notes.push(
		publicJs.every((j) => j.gzipBytes === 0)
			? `Les pages publiques (${publicJs.length} mesurées) ne livrent aucun JavaScript.`
			: `Des pages publiques livrent du JavaScript : ${publicJs
					.filter((j) => j.gzipBytes > 0)
					.map((j) => j.path)
					.join(', ')}.`
	);
	const cached = http.filter((h) => h.name.includes('(servi : cache)') && h.ratio !== null);
	const slow = cached.filter((h) => (h.ratio ?? 0) < 0.5);
	const trivial = http.find((h) => h.path === '/api/sante');
	if (slow.length > 0)
		notes.push(
			`Pages publiques servies sous la moitié du fichier statique : ${slow.map((h) => `${h.path} (${((h.ratio ?? 0) * 100).toFixed(0)} %)`).join(', ')}. ` +
				'Une page gardée est écrite depuis la mémoire avant SvelteKit (src/start.js, serveKeptPage dans src/lib/server/http/public-cache.ts) tant que la révision publique lue il y a moins d’une seconde n’a pas bougé ; ' +
				`pour comparaison, une requête SQL triviale à travers SvelteKit (/api/sante) : ${trivial ? `${((trivial.ratio ?? 0) * 100).toFixed(0)} % du fichier statique` : 'non mesurée'}. ` +
				'Chercher ce qui ralentit ce chemin (une révision jamais gardée, une page non gardée, la taille du corps).'
		);
	else if (cached.length > 0)
		notes.push(
			`Pages publiques gardées : ${cached.map((h) => `${h.path} (${((h.ratio ?? 0) * 100).toFixed(0)} %)`).join(', ')} du fichier statique, au-dessus de la moitié visée. ` +
				'Elles sont écrites depuis la mémoire avant SvelteKit (src/start.js, serveKeptPage dans src/lib/server/http/public-cache.ts) tant que la révision publique, lue au plus une seconde plus tôt, n’a pas bougé.'
		);
	const certificates = rates[0];
	if (certificates && certificates.perSecond < 100)
		notes.push(
			`Attestations : ${certificates.perSecond.toFixed(0)} par seconde, sous l’objectif de 100 par seconde.`
		);
	notes.push(
		'Machine partagée avec d’autres développeurs pendant la mesure : les chiffres absolus varient de ±30 % d’un passage à l’autre ; les ratios, mesurés dans le même passage, sont plus stables.'
	);
}

function commitOf(): string {
	try {
		const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })
			.toString()
			.trim();
		// BENCHMARKS.md itself (written by the run on the other database) does not count.
		const dirty = execFileSync('git', ['status', '--porcelain', '--', '.', ':!BENCHMARKS.md'], {
			cwd: ROOT
		})
			.toString()
			.trim();
		return dirty ? `${sha} (avec des modifications non commitées)` : sha;
	} catch {
		return 'inconnu';
	}
}

async function dropDatabase(adminUrl: string, database: string): Promise<void> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`drop database if exists ${database} with (force)`);
	} finally {
		await admin.end();
	}
}
