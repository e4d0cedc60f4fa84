// Housekeeping in the server process, at start-up and every hour: expired sessions and old rate-limit
// counts are deleted, and the trial sites whose report is due soon are reminded (through the outbox).
//
// On PGlite, the same rounds also do what autovacuum does on PostgreSQL, which PGlite does not have:
// VACUUM (the visibility map: without it an index-only scan still reads the table — the public counts
// of migration 0009 would read 40 MB instead of a few hundred kB) and ANALYZE (the planner's
// statistics). Only the tables that changed enough are done, one statement each, so that the requests
// waiting for PGlite's single connection pass between them: on a large edition, a VACUUM ANALYZE of
// the whole database holds it for several seconds (entries alone: 2.6 s of ANALYZE). PostgreSQL is
// left to its autovacuum.
import { sql } from 'kysely';
import { pruneAttempts } from './auth/rate-limit';
import { deleteExpiredSessions } from './auth/session';
import { config } from './config';
import type { Db } from './db';
import { logger } from './log.js';
import { onShutdown } from './shutdown';
import { remindTrialSites } from './trial/reminders';

const HOUR = 60 * 60_000;

/** The public address used in mails: ORIGIN, or the local server's. */
function publicOrigin(): string {
	const settings = config();
	return settings.origin ?? `http://localhost:${settings.port}`;
}

/**
 * One round of housekeeping, then, on PGlite, of VACUUM and ANALYZE. `origin` is the public address
 * of the links in reminders; by default the configured one, read only when a reminder is due.
 */
export async function runMaintenance(
	db: Db,
	now = new Date(),
	origin: string | (() => string) = publicOrigin
): Promise<void> {
	await housekeeping(db, now, origin);
	await maintainPGlite(db);
}

async function housekeeping(db: Db, now: Date, origin: string | (() => string)): Promise<void> {
	await deleteExpiredSessions(db, now);
	await pruneAttempts(db, now);
	await remindTrialSites(db, { now, origin });
}

/**
 * Runs the housekeeping now and every hour. Answers the function that stops it (also a step of the
 * server's stop, shutdown.ts): the timer is cleared and the round under way awaited.
 */
export function startMaintenance(db: Db): () => Promise<void> {
	let stopped = false;
	const run = async () => {
		await housekeeping(db, new Date(), publicOrigin).catch((error) =>
			logger.error(
				{ err: error },
				'Maintenance : échec du nettoyage ou des rappels aux sites d’essai.'
			)
		);
		if (stopped) return;
		await maintainPGlite(db).catch((error) =>
			logger.error(
				{ err: error },
				'Maintenance : échec du VACUUM ou de l’ANALYZE de la base PGlite (carte de visibilité, statistiques du planificateur).'
			)
		);
	};
	let current: Promise<void> | undefined = run();
	const timer = setInterval(() => {
		current = run();
	}, HOUR);
	timer.unref();
	const stop = async () => {
		stopped = true;
		clearInterval(timer);
		unregister();
		await current;
	};
	const unregister = onShutdown('maintenance arrêtée', stop);
	return stop;
}

// ---------------------------------------------------------------------------------------------
// VACUUM and ANALYZE on PGlite

const kinds = new WeakMap<Db, Promise<boolean>>();

/**
 * Is this database PGlite (embedded PostgreSQL compiled to WebAssembly, without autovacuum)? Read
 * once per handle from version(): « PostgreSQL 18.7 (PGlite 0.5.17) on wasm32-unknown-emscripten… ».
 */
export function isPGlite(db: Db): Promise<boolean> {
	let known = kinds.get(db);
	if (!known) {
		known = sql<{ version: string }>`select version() as version`
			.execute(db)
			.then(({ rows }) => /PGlite|emscripten/i.test(rows[0]?.version ?? ''));
		// A failed read is not kept: the next round asks again.
		known.catch(() => kinds.delete(db));
		kinds.set(db, known);
	}
	return known;
}

/** What the catalogue tells of a table, to decide whether to VACUUM or ANALYZE it. */
export interface TableStatistics {
	table: string;
	/** pg_class.reltuples: rows at its last VACUUM or ANALYZE; -1 when it never had one. */
	tuples: number;
	/** pg_class.relpages: its pages at its last VACUUM or ANALYZE. */
	pages: number;
	/** pg_class.relallvisible: its pages marked all-visible at its last VACUUM. */
	allVisible: number;
	/** Its pages now. */
	pagesNow: number;
	// Changes counted since the database was opened (PGlite keeps no activity counts across a
	// restart; the pages above, kept in the catalogue, tell what changed before):
	deadTuples: number;
	insertedSinceVacuum: number;
	modifiedSinceAnalyze: number;
}

/**
 * Whether a table needs a VACUUM and an ANALYZE, by PostgreSQL's autovacuum rules with its default
 * settings: dead or inserted rows above 50 + 20 % of its rows for a VACUUM, changed rows above 50 +
 * 10 % for an ANALYZE. Changes made before a restart are seen in its size: grown by more than 20 %
 * since its statistics (both), or a visibility map covering less than 80 % of it (VACUUM). A table
 * never analysed is; an empty one is left alone.
 */
export function statisticsWork(t: TableStatistics): { vacuum: boolean; analyze: boolean } {
	if (t.pagesNow <= 0) return { vacuum: false, analyze: false };
	const rows = Math.max(t.tuples, 0);
	const grown = t.pagesNow > t.pages * 1.2 + 1;
	return {
		vacuum:
			grown ||
			t.allVisible < t.pagesNow * 0.8 ||
			t.deadTuples + t.insertedSinceVacuum > 50 + 0.2 * rows,
		analyze: grown || t.tuples < 0 || t.modifiedSinceAnalyze > 50 + 0.1 * rows
	};
}

/** The tables of the application's schema, as `statisticsWork` reads them. */
async function tableStatistics(db: Db): Promise<TableStatistics[]> {
	const { rows } = await sql<{
		table: string;
		tuples: number;
		pages: number;
		all_visible: number;
		pages_now: number | string;
		dead: number | string;
		inserted: number | string;
		modified: number | string;
	}>`select c.relname as table, c.reltuples as tuples, c.relpages as pages,
			c.relallvisible as all_visible,
			pg_relation_size(c.oid) / current_setting('block_size')::int as pages_now,
			coalesce(s.n_dead_tup, 0) as dead, coalesce(s.n_ins_since_vacuum, 0) as inserted,
			coalesce(s.n_mod_since_analyze, 0) as modified
		from pg_class c
		join pg_namespace n on n.oid = c.relnamespace
		left join pg_stat_user_tables s on s.relid = c.oid
		where c.relkind = 'r' and n.nspname = current_schema()
		order by c.relname`.execute(db);
	return rows.map((r) => ({
		table: r.table,
		tuples: Number(r.tuples),
		pages: Number(r.pages),
		allVisible: Number(r.all_visible),
		pagesNow: Number(r.pages_now),
		deadTuples: Number(r.dead),
		insertedSinceVacuum: Number(r.inserted),
		modifiedSinceAnalyze: Number(r.modified)
	}));
}

export interface StatisticsDone {
	table: string;
	vacuum: boolean;
	analyze: boolean;
}

/**
 * VACUUM and/or ANALYZE each table that needs it (`statisticsWork`), one statement per table (never
 * in a transaction: VACUUM cannot run in one). Answers what was done. Any database; the maintenance
 * calls it on PGlite only.
 */
export async function refreshStatistics(db: Db): Promise<StatisticsDone[]> {
	const done: StatisticsDone[] = [];
	for (const table of await tableStatistics(db)) {
		const { vacuum, analyze } = statisticsWork(table);
		if (!vacuum && !analyze) continue;
		const name = sql.table(table.table);
		if (vacuum && analyze) await sql`vacuum (analyze) ${name}`.execute(db);
		else if (vacuum) await sql`vacuum ${name}`.execute(db);
		else await sql`analyze ${name}`.execute(db);
		done.push({ table: table.table, vacuum, analyze });
	}
	return done;
}

/**
 * On PGlite, `refreshStatistics` then a CHECKPOINT; elsewhere nothing (autovacuum, checkpointer).
 * PGlite has no checkpointer either: without one, its WAL would grow between starts up to
 * max_wal_size (1 GB); after a checkpoint only the segments still needed stay (db/index.ts turns
 * WAL recycling off). Answers the tables done.
 */
export async function maintainPGlite(db: Db): Promise<StatisticsDone[]> {
	if (!(await isPGlite(db))) return [];
	const done = await refreshStatistics(db);
	await sql`checkpoint`.execute(db);
	return done;
}
