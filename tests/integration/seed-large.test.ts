// The large seed (db/seed/large.ts) at a small size: the counts asked for, every workflow invariant
// (states agree with the event log, versions count events, the chain verifies), the jury's rules
// (3 reviews per candidature on every criterion, no conflicted juror), valid UAI codes, and
// determinism (the same options give the same events and the same rows; not the same hashes, since
// each event has a random salt — issue 16).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLarge, type LargeSeedReport } from '../../db/seed/large';
import { uaiProblem } from '../../src/lib/domain/uai';
import type { Db } from '../../src/lib/server/db';
import { editionConflicts } from '../../src/lib/server/db/conflicts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { workflowInvariantViolations } from '../helpers/invariants';

process.env.SECRET_KEY ??= 'clé de test de la grande édition, trente-deux caractères au moins';

const OPTIONS = { entries: 200, jurors: 40, seed: 7, year: 2026 };
const TIMEOUT = 300_000;

/** A digest of what the seed decided (not the password hashes or certificate codes, random by design). */
async function rowsDigest(db: Db): Promise<string> {
	const entries = await db
		.selectFrom('entries')
		.select(['id', 'title', 'state', 'version', 'award', 'slug', 'uai', 'category_id', 'problem'])
		.orderBy('id')
		.execute();
	const reviews = await sql`select r.entry_id, r.juror_id, r.round, sum(s.level)::int as levels
		from reviews r join scores s on s.review_id = r.id
		group by r.id order by r.id`.execute(db);
	const sites = await db
		.selectFrom('trial_sites')
		.select(['id', 'entry_id', 'uai', 'status'])
		.orderBy('id')
		.execute();
	const users = await db
		.selectFrom('users')
		.select(['id', 'email', 'name'])
		.orderBy('id')
		.execute();
	const events = await db
		.selectFrom('events')
		.select([
			'id',
			'edition_id',
			'entity',
			'entity_id',
			'actor_id',
			'type',
			'from_state',
			'to_state',
			'payload',
			'machine_version'
		])
		.orderBy('id')
		.execute();
	return createHash('sha256')
		.update(JSON.stringify({ entries, reviews: reviews.rows, sites, users, events }))
		.digest('hex');
}

describe('seed:large on a small instance', () => {
	let first: TestDatabase;
	let report: LargeSeedReport;

	beforeAll(async () => {
		first = await createTestDatabase();
		report = await seedLarge(first.db, OPTIONS);
	}, TIMEOUT);
	afterAll(async () => {
		await first?.close();
	}, TIMEOUT);

	it('makes the candidatures and jurors asked for, and a published edition', async () => {
		expect(report.counts.entries).toBe(OPTIONS.entries);
		expect(report.counts.edition_jurors).toBe(OPTIONS.jurors);
		const edition = await first.db
			.selectFrom('editions')
			.select(['phase', 'year'])
			.executeTakeFirstOrThrow();
		expect(edition).toEqual({ phase: 'published', year: OPTIONS.year });
		expect(report.states.laureate).toBeGreaterThanOrEqual(3);
		expect(report.counts.attachments).toBeGreaterThan(0);
		expect(report.counts.trial_reports).toBeGreaterThan(0);
	});

	it('keeps every workflow invariant and a verified event chain', async () => {
		expect(await workflowInvariantViolations(first.db)).toEqual([]);
		expect(report.chainLength).toBe(report.counts.events);
	});

	it('gives each candidature of the preselection 3 submitted reviews on every criterion', async () => {
		const rows = await sql<{ entry_id: number; reviews: number; scores: number }>`
			select e.id as entry_id, count(distinct r.id)::int as reviews, count(s.*)::int as scores
			from entries e
			join events ev on ev.entity = 'entry' and ev.entity_id = e.id and ev.type = 'DECLARE_ELIGIBLE'
			left join reviews r on r.entry_id = e.id and r.round = 'preselection' and r.status = 'submitted'
			left join scores s on s.review_id = r.id
			group by e.id`.execute(first.db);
		expect(rows.rows.length).toBeGreaterThan(OPTIONS.entries * 0.8);
		for (const row of rows.rows) expect([row.reviews, row.scores]).toEqual([3, 12]);
	});

	it('never assigns a conflicted juror', async () => {
		const conflicts = await editionConflicts(first.db, report.editionId);
		expect(conflicts.length).toBeGreaterThan(0);
		const assigned = new Set(
			(await first.db.selectFrom('assignments').select(['juror_id', 'entry_id']).execute()).map(
				(a) => `${a.juror_id}:${a.entry_id}`
			)
		);
		for (const c of conflicts) expect(assigned.has(`${c.jurorId}:${c.entryId}`)).toBe(false);
	});

	it('writes valid UAI codes with their académie, and gives each laureate a slug', async () => {
		const entries = await first.db
			.selectFrom('entries')
			.select(['uai', 'academie', 'state', 'slug'])
			.where('state', '<>', 'draft')
			.execute();
		for (const e of entries) {
			if (e.uai === null) continue;
			expect(uaiProblem(e.uai)).toBeNull();
			expect(e.academie).not.toBeNull();
		}
		const academies = new Set(entries.map((e) => e.academie));
		expect(academies.size).toBeGreaterThan(15);
		for (const e of entries.filter((x) => x.state === 'laureate')) expect(e.slug).toBeTruthy();
		expect(report.laureateSlug).toBeTruthy();
	});

	it(
		'is deterministic: the same options give the same events and the same rows, salted anew',
		async () => {
			const second = await createTestDatabase();
			try {
				const again = await seedLarge(second.db, OPTIONS);
				// Each event's salt is random: the same events do not give the same hashes.
				expect(again.fingerprint).not.toBe(report.fingerprint);
				expect(await rowsDigest(second.db)).toBe(await rowsDigest(first.db));
			} finally {
				await second.close();
			}
		},
		TIMEOUT
	);

	it('refuses a database that already holds accounts', async () => {
		await expect(seedLarge(first.db, OPTIONS)).rejects.toThrow(/base vide/);
	});
});
