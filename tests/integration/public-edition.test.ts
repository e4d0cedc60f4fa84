// The edition transparency page's queries: counts at each stage (cumulative, withdrawn candidatures
// counted where they were, hidden until the edition has passed the stage), numbers by académie, the
// jury once published, the event log's fingerprint and its public copy — checked by the very script
// the page shows — and the public revision moving with the jury and a candidature's académie.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	countsByAcademie,
	type AcademieCounts,
	findPublicEdition,
	findPublicEditionId,
	journalSummary,
	publicChain,
	publicJury
} from '../../src/lib/server/db/public-editions';
import { publicRevision } from '../../src/lib/server/http/public-cache';
import { academieTable } from '../../src/lib/server/opendata/datasets';
import { JOURNAL_CHECK_SCRIPT, publicJournal } from '../../src/lib/server/opendata/journal';
import {
	STAGES,
	STATE_RANK,
	ZERO_COUNTS,
	publicCounts,
	sumCounts
} from '../../src/lib/server/opendata/stages';
import { editionFingerprint, verifyChain } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
	EXPECTED,
	EXPECTED_ACADEMIES,
	SECRETS,
	YEARS,
	seedPublicData,
	type PublicFixture
} from '../helpers/public-data';

const run = promisify(execFile);

let t: TestDatabase;
let f: PublicFixture;
let dir: string;

beforeAll(async () => {
	t = await createTestDatabase();
	f = await seedPublicData(t.db);
	dir = await mkdtemp(join(tmpdir(), 'journal-'));
	await writeFile(join(dir, 'verifier-journal.mjs'), JOURNAL_CHECK_SCRIPT);
});

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
	await t?.close();
});

/** Runs the page's script on a journal; answers its output or its error. */
async function check(journal: unknown, ...args: string[]) {
	const file = join(dir, `journal-${Math.random().toString(36).slice(2)}.json`);
	await writeFile(file, JSON.stringify(journal));
	try {
		const { stdout } = await run(process.execPath, [
			join(dir, 'verifier-journal.mjs'),
			file,
			...args
		]);
		return { ok: true, output: stdout };
	} catch (error) {
		return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
	}
}

describe(`public edition page (${process.env.TEST_DB})`, () => {
	it('shows editions past their draft only', async () => {
		expect(await findPublicEdition(t.db, YEARS.draft)).toBeUndefined();
		expect(await findPublicEditionId(t.db, YEARS.draft)).toBeUndefined();
		expect((await findPublicEdition(t.db, YEARS.open))?.phase).toBe('open');
	});

	it('counts the candidatures that reached each stage, only for the stages passed', async () => {
		for (const phase of [
			'archived',
			'published',
			'deliberation',
			'trial',
			'eligibility',
			'open'
		] as const) {
			const counts = await countsByAcademie(t.db, f.editions[phase]);
			const edition = await findPublicEdition(t.db, YEARS[phase]);
			expect(publicCounts(sumCounts(counts), edition!.phase), phase).toEqual(EXPECTED[phase]);
		}
	});

	it('counts a withdrawn candidature in the stages it had reached, a draft nowhere', async () => {
		// The published edition: 9 candidatures, of which a draft and one withdrawn as a draft.
		const raw = sumCounts(await countsByAcademie(t.db, f.editions.published));
		expect(raw.submitted).toBe(7);
		// Withdrawn after its preselection: shortlisted, but never tried.
		expect(raw.shortlisted - raw.inTrial).toBe(1);
	});

	it('gives the numbers by académie, without the académies of drafts only', async () => {
		for (const phase of [
			'archived',
			'published',
			'deliberation',
			'trial',
			'eligibility'
		] as const) {
			const table = academieTable(
				(await findPublicEdition(t.db, YEARS[phase]))!.phase,
				await countsByAcademie(t.db, f.editions[phase])
			);
			expect(
				table!.lines.map((l) => [l.academie, ...l.counts]),
				phase
			).toEqual(EXPECTED_ACADEMIES[phase]);
			expect(table!.lines.some((l) => l.academie === 'Guyane')).toBe(false);
		}
		expect(academieTable('open', await countsByAcademie(t.db, f.editions.open))).toBeNull();
	});

	it('runs one query for every public edition, the draft edition left out', async () => {
		const all = await countsByAcademie(t.db);
		expect(new Set(all.map((r) => r.year))).toEqual(
			new Set([
				YEARS.archived,
				YEARS.published,
				YEARS.deliberation,
				YEARS.trial,
				YEARS.eligibility,
				YEARS.open
			])
		);
	});

	it('agrees, for every public edition, with the stages counted candidature by candidature', async () => {
		// The same rule as countsByAcademie, read row by row: a candidature reached its state's stage,
		// or, withdrawn, the stage of the state its last WITHDRAW event left.
		const entries = await t.db
			.selectFrom('entries as e')
			.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
			.where('ed.phase', '!=', 'draft')
			.select(['e.id', 'e.edition_id', 'ed.year', 'e.academie', 'e.state', 'e.award'])
			.execute();
		const withdrawals = await t.db
			.selectFrom('events')
			.where('entity', '=', 'entry')
			.where('type', '=', 'WITHDRAW')
			.select(['entity_id', 'from_state'])
			.orderBy('id')
			.execute();
		const leftFrom = new Map(withdrawals.map((w) => [w.entity_id, w.from_state]));
		const expected = new Map<string, AcademieCounts>();
		for (const e of entries) {
			const state = e.state === 'withdrawn' ? leftFrom.get(e.id) : e.state;
			const rank = STATE_RANK[state as keyof typeof STATE_RANK] ?? 0;
			if (rank < 1) continue;
			const key = `${e.edition_id}/${e.academie}`;
			const counts = expected.get(key) ?? {
				editionId: e.edition_id,
				year: e.year,
				academie: e.academie,
				...ZERO_COUNTS
			};
			for (const stage of STAGES) if (rank >= stage.rank) counts[stage.key]++;
			if (e.state === 'laureate' && e.award === 'prize') counts.prizes++;
			if (e.state === 'laureate' && e.award === 'mention') counts.mentions++;
			expected.set(key, counts);
		}
		const byKey = (rows: AcademieCounts[]) =>
			[...rows].sort((a, b) =>
				`${a.editionId}/${a.academie}`.localeCompare(`${b.editionId}/${b.academie}`)
			);
		const all = await countsByAcademie(t.db);
		expect(byKey(all)).toEqual(byKey([...expected.values()]));
		expect(all.some((r) => r.prizes > 0) && all.some((r) => r.mentions > 0)).toBe(true);
		// Latest edition first, then the académies in byte order, the unknown one last.
		const years = all.map((r) => r.year);
		expect(years).toEqual([...years].sort((a, b) => b - a));
		for (const year of new Set(years)) {
			const names = all.filter((r) => r.year === year).map((r) => r.academie);
			const known = names.filter((n): n is string => n !== null);
			expect(names).toEqual([...[...known].sort(), ...names.filter((n) => n === null)]);
		}
		// One edition: its own rows, the same.
		expect(await countsByAcademie(t.db, f.editions.published)).toEqual(
			all.filter((r) => r.editionId === f.editions.published)
		);
	});

	it('names the jury once the results are published, with académie and rounds only', async () => {
		const jury = await publicJury(t.db, f.editions.published);
		expect(jury).toEqual([
			{ name: 'Denise Lambert', academie: 'Lyon', preselection: true, final: true },
			{ name: 'Étienne Blanc', academie: null, preselection: false, final: true }
		]);
		expect(jury.map((j) => j.name)).not.toContain(SECRETS.idleJuror);
		expect(await publicJury(t.db, f.editions.trial)).toEqual([]);
	});

	it('gives the fingerprint of the log and its number of events', async () => {
		const summary = await journalSummary(t.db, f.editions.published);
		expect(summary).toEqual({
			events: f.publishedChain.length,
			fingerprint: await editionFingerprint(t.db, f.editions.published)
		});
		expect(summary.fingerprint).toBe(f.publishedChain.at(-1));
		expect(await journalSummary(t.db, f.editions.open)).toEqual({ events: 0, fingerprint: null });
	});

	it('publishes the chain with the content of phase changes only', async () => {
		const journal = publicJournal(YEARS.published, await publicChain(t.db, f.editions.published));
		expect(journal.chaine.map((l) => l.empreinte)).toEqual(f.publishedChain);
		expect(journal.empreinte).toBe(f.publishedChain.at(-1));
		expect(journal.chaine.filter((l) => l.contenu).map((l) => l.contenu!.type)).toEqual([
			'OPEN',
			'CLOSE_SUBMISSIONS',
			'START_PRESELECTION',
			'START_TRIAL',
			'START_FINAL',
			'START_DELIBERATION',
			'PUBLISH'
		]);
		expect(journal.contenus_publies).toBe(7);
		expect(journal.evenements).toBe(10);
		// Public contents carry their salt, so that anyone recomputes them; hidden events' salts stay
		// private (issue 16: without them, a hidden event's hash cannot be recomputed from guesses).
		for (const link of journal.chaine)
			if (link.contenu) expect(link.contenu.salt).toMatch(/^[0-9a-f]{32}$/);
		const salts = await t.db
			.selectFrom('events')
			.select('salt')
			.where('edition_id', '=', f.editions.published)
			.execute();
		const text = JSON.stringify(journal);
		for (const { salt } of salts) expect(salt).toMatch(/^[0-9a-f]{32}$/);
		const published = new Set(journal.chaine.map((l) => l.contenu?.salt));
		expect(salts.filter(({ salt }) => !published.has(salt!))).toHaveLength(3);
		for (const { salt } of salts) if (!published.has(salt!)) expect(text).not.toContain(salt);
		expect(text).not.toContain(SECRETS.withdrawReason);
		expect(text).not.toContain(SECRETS.certificateCode);
		expect(text).not.toContain('withdrawn');
		expect(text).not.toContain('@');
	});

	it('is checked by the script shown on the page, which finds a tampered journal', async () => {
		const journal = publicJournal(YEARS.published, await publicChain(t.db, f.editions.published));
		const good = await check(journal);
		expect(good.output).toContain('Chaîne intègre : 10 événements, 7 contenus recalculés.');
		expect(good.output).toContain(journal.empreinte!);
		// A fingerprint kept from before the results (the deliberation's start) is still in the chain.
		expect((await check(journal, f.publishedChain[5])).ok).toBe(true);
		expect((await check(journal, 'f'.repeat(64))).ok).toBe(false);

		// A count changed in a phase change's content.
		const edited = structuredClone(journal);
		edited.chaine[8].contenu!.payload = { counts: { submitted: 8 } };
		const refused = await check(edited);
		expect(refused.ok).toBe(false);
		expect(refused.output).toContain('le contenu ne correspond pas à son empreinte');
		// An event removed from the middle.
		const cut = structuredClone(journal);
		cut.chaine.splice(7, 1);
		expect((await check(cut)).output).toContain('la chaîne est rompue');
		// The last events removed: the chain is whole, but not the announced fingerprint.
		const truncated = structuredClone(journal);
		truncated.chaine.splice(-2);
		expect((await check(truncated)).output).toContain('dernière empreinte');
	});

	it('agrees with the full check of the chain', async () => {
		const full = await verifyChain(t.db, f.editions.published);
		expect(full).toEqual({
			ok: true,
			length: f.publishedChain.length,
			fingerprint: f.publishedChain.at(-1)
		});
	});

	it('moves the public revision with the jury and a submitted candidature’s académie', async () => {
		const bump = async (change: () => Promise<unknown>) => {
			const before = Number(await publicRevision(t.db));
			await change();
			return Number(await publicRevision(t.db)) - before;
		};
		const juror = f.users.get('Denise Lambert')!;
		expect(
			await bump(() =>
				t.db
					.updateTable('edition_jurors')
					.set({ academie: 'Grenoble' })
					.where('user_id', '=', juror)
					.execute()
			)
		).toBe(1);
		const submitted = f.entries.get(SECRETS.eligibilityEntry)!;
		const draft = f.entries.get('Brouillon 2027')!;
		const setAcademie = (id: number, academie: string) => () =>
			t.db.updateTable('entries').set({ academie }).where('id', '=', id).execute();
		expect(await bump(setAcademie(submitted, 'Lyon'))).toBe(0);
		expect(await bump(setAcademie(submitted, 'Dijon'))).toBe(1);
		expect(await bump(setAcademie(draft, 'Dijon'))).toBe(0);
		// Put back for the other tests of this file.
		await setAcademie(submitted, 'Lyon')();
		await t.db
			.updateTable('edition_jurors')
			.set({ academie: 'Lyon' })
			.where('user_id', '=', juror)
			.execute();
	});
});
