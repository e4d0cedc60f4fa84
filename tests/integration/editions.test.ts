// The organisers' edition screens, against a real database: creation with its defaults and French
// checks, configuration changes (a category in use cannot go), the phase moves on offer, the
// pipeline board (counts per state and filtered pages, in a bounded number of queries) and the
// timelines read from the event log.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createEdition,
	DEFAULT_CATEGORIES,
	DEFAULT_THEMES,
	editionFormValues,
	editionHistory,
	editionMoves,
	editionPipeline,
	entryHistory,
	findEdition,
	findEntrySummary,
	listEditions,
	newEditionFormValues,
	nextFreeYear,
	updateEdition,
	validateEdition,
	type EditionFormValues
} from '../../src/lib/server/db/editions';
import type { Db } from '../../src/lib/server/db';
import { parseParisDateTime, toDateTimeLocal } from '../../src/lib/domain/calendar';
import { advanceEdition, advanceEntry } from '../../src/lib/server/workflow/advance';
import { ENTRY_STATES } from '../../src/lib/server/workflow/rules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { workflowInvariantViolations } from '../helpers/invariants';
import { completeDossier } from '../helpers/dossier';

let t: TestDatabase;
let organiser: number;
let lead: number;

beforeAll(async () => {
	t = await createTestDatabase();
	const users = await t.db
		.insertInto('users')
		.values([
			{
				email: 'orga@education.gouv.fr',
				name: 'Claire Orga',
				password_hash: 'x',
				is_organiser: true
			},
			{ email: 'porteuse@ac-lyon.fr', name: 'Nadia Porteuse', password_hash: 'x' }
		])
		.returning('id')
		.execute();
	[organiser, lead] = users.map((u) => u.id);
});

afterAll(async () => {
	if (t) expect(await workflowInvariantViolations(t.db)).toEqual([]);
	await t?.close();
});

/** A valid form for `year`: the defaults and a deadline. */
function form(year: number, changes: Partial<EditionFormValues> = {}): EditionFormValues {
	return {
		...newEditionFormValues(year),
		submissions_close_at: `${year}-01-31T23:59`,
		...changes
	};
}

async function created(year: number, changes: Partial<EditionFormValues> = {}) {
	const result = await createEdition(t.db, form(year, changes));
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.id;
}

/** A Kysely instance over the same database that counts the queries it runs. */
function counting(db: Db): { db: Db; count: () => number } {
	let n = 0;
	const plugin: KyselyPlugin = {
		transformQuery: (args) => {
			n += 1;
			return args.node;
		},
		transformResult: async (args) => args.result
	};
	return { db: db.withPlugin(plugin), count: () => n };
}

describe('dates in Paris time', () => {
	it('reads datetime-local and French dates as Paris wall-clock time, winter and summer', () => {
		expect(parseParisDateTime('2027-01-31T23:59')).toEqual(new Date('2027-01-31T22:59:00Z'));
		expect(parseParisDateTime('2027-07-01T12:00')).toEqual(new Date('2027-07-01T10:00:00Z'));
		expect(parseParisDateTime('31/01/2027 23:59')).toEqual(new Date('2027-01-31T22:59:00Z'));
		expect(parseParisDateTime('31/01/2027')).toEqual(new Date('2027-01-30T23:00:00Z'));
		expect(parseParisDateTime('')).toBeNull();
		expect(parseParisDateTime('31/02/2027')).toBe('invalid');
		expect(parseParisDateTime('demain')).toBe('invalid');
		expect(toDateTimeLocal(new Date('2027-07-01T10:00:00Z'))).toBe('2027-07-01T12:00');
		expect(toDateTimeLocal(null)).toBe('');
	});
});

describe('creating an edition', () => {
	it('creates a draft edition with the default title, categories and themes, in one go', async () => {
		const id = await created(2090);
		const row = await t.db
			.selectFrom('editions')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			year: 2090,
			title: 'Prix Impulsions 2090',
			phase: 'draft',
			version: 0,
			machine_version: 1,
			snapshot: null,
			opens_at: null
		});
		expect(row.submissions_close_at).toEqual(new Date('2090-01-31T22:59:00Z'));
		const edition = await findEdition(t.db, id);
		expect(edition?.categories.map((c) => c.name)).toEqual([...DEFAULT_CATEGORIES]);
		expect(edition?.categories.every((c) => c.entries === 0)).toBe(true);
		expect(edition?.themes.map((c) => c.name)).toEqual([...DEFAULT_THEMES]);
		expect(edition?.entries).toBe(0);
		// The form shows it back as it was typed.
		expect(editionFormValues(edition!, edition!.categories, edition!.themes)).toMatchObject({
			year: '2090',
			title: 'Prix Impulsions 2090',
			submissions_close_at: '2090-01-31T23:59',
			opens_at: '',
			categories: DEFAULT_CATEGORIES.join('\n')
		});
		// A version-1 row the machine restores from its phase column: it opens through advance.
		const opened = await advanceEdition(
			t.db,
			id,
			{ type: 'OPEN', at: new Date('2089-12-01T09:00:00Z') },
			{ userId: organiser }
		);
		expect(opened).toMatchObject({ ok: true, from: 'draft', to: 'open', version: 1 });
	});

	it('refuses a year already taken, in French, and creates nothing', async () => {
		const before = await t.db.selectFrom('editions').select('id').execute();
		const result = await createEdition(t.db, form(2090, { title: 'Une autre' }));
		expect(result).toEqual({
			ok: false,
			errors: { year: 'Une édition existe déjà pour l’année 2090 : choisissez une autre année.' }
		});
		expect(await t.db.selectFrom('editions').select('id').execute()).toHaveLength(before.length);
	});

	it('lets one of two simultaneous creations of a year win; the other is told in French', async () => {
		const results = await Promise.all([
			createEdition(t.db, form(2099)),
			createEdition(t.db, form(2099, { title: 'En même temps' }))
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toEqual({
			ok: false,
			errors: { year: 'Une édition existe déjà pour l’année 2099 : choisissez une autre année.' }
		});
		await t.db
			.deleteFrom('categories')
			.where('edition_id', 'in', t.db.selectFrom('editions').select('id').where('year', '=', 2099))
			.execute();
		await t.db
			.deleteFrom('edition_themes')
			.where('edition_id', 'in', t.db.selectFrom('editions').select('id').where('year', '=', 2099))
			.execute();
		await t.db.deleteFrom('editions').where('year', '=', 2099).execute();
	});

	it('checks the year, the deadline and the order of the dates, field by field', () => {
		const result = validateEdition(
			form(1999, {
				opens_at: '2090-02-01T09:00',
				submissions_close_at: '2090-01-31T23:59',
				eligibility_at: 'pas une date',
				preselection_at: '2090-03-01T10:00',
				trial_starts_at: '2090-02-15T10:00',
				categories: '\n  \n',
				themes: 'Une\nune'
			})
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			year: 'Saisissez une année en chiffres, entre 2000 et 2100.',
			submissions_close_at:
				'Cette date ne peut pas précéder celle de l’étape « Ouverture des candidatures » (le 1er février 2090 à 9 h 00).',
			eligibility_at: 'Saisissez une date et une heure valides, par exemple 31/01/2027 23:59.',
			trial_starts_at:
				'Cette date ne peut pas précéder celle de l’étape « Présélection par le jury » (le 1er mars 2090 à 10 h 00).',
			categories: 'Indiquez au moins une catégorie, une par ligne.',
			themes: '« une » figure deux fois : chaque thématique ne doit apparaître qu’une fois.'
		});
		const missing = validateEdition(form(2095, { submissions_close_at: '' }));
		expect(missing).toEqual({
			ok: false,
			errors: { submissions_close_at: 'Fixez la date limite de dépôt des candidatures.' }
		});
		// Equal dates are fine; an empty one is skipped by the order check.
		const fine = validateEdition(
			form(2095, {
				opens_at: '2094-11-01T09:00',
				eligibility_at: '2095-01-31T23:59',
				final_at: '2095-05-01T09:00',
				ceremony_at: '2095-06-24T15:00',
				title: '  Un   titre  '
			})
		);
		expect(fine.ok).toBe(true);
		if (fine.ok) expect(fine.input.title).toBe('Un titre');
	});

	it('offers the next free year', async () => {
		expect(await nextFreeYear(t.db, new Date('2026-11-28T12:00:00Z'))).toBe(2091);
	});
});

describe('changing the configuration', () => {
	it('saves the title, dates, categories and themes, keeping the ids of kept names', async () => {
		const id = await created(2080);
		const before = (await findEdition(t.db, id))!;
		const result = await updateEdition(
			t.db,
			id,
			form(2081, {
				title: 'Prix Impulsions 2081 — édition spéciale',
				opens_at: '2080-11-02T08:30',
				submissions_close_at: '2081-02-01T12:00',
				categories: 'Prix spécial du jury\nPrix de la simplification\nPrix de l’audace',
				themes: 'Travailler autrement'
			})
		);
		expect(result).toEqual({ ok: true });
		const after = (await findEdition(t.db, id))!;
		expect(after).toMatchObject({
			year: 2081,
			title: 'Prix Impulsions 2081 — édition spéciale',
			phase: 'draft',
			version: 0
		});
		expect(after.opens_at).toEqual(new Date('2080-11-02T07:30:00Z'));
		expect(after.categories.map((c) => c.name)).toEqual([
			'Prix spécial du jury',
			'Prix de la simplification',
			'Prix de l’audace'
		]);
		const idOf = (list: { id: number; name: string }[], name: string) =>
			list.find((c) => c.name === name)?.id;
		expect(idOf(after.categories, 'Prix spécial du jury')).toBe(
			idOf(before.categories, 'Prix spécial du jury')
		);
		expect(after.themes.map((c) => c.name)).toEqual(['Travailler autrement']);
	});

	it('refuses the year of another edition, and an unknown edition', async () => {
		const id = await created(2082);
		expect(await updateEdition(t.db, id, form(2090))).toEqual({
			ok: false,
			errors: { year: 'Une édition existe déjà pour l’année 2090 : choisissez une autre année.' }
		});
		expect(await updateEdition(t.db, 999_999, form(2083))).toEqual({ ok: false, notFound: true });
	});

	it('refuses to remove a category a candidature uses, and changes nothing', async () => {
		const id = await created(2084);
		const edition = (await findEdition(t.db, id))!;
		const used = edition.categories[1];
		await t.db
			.insertInto('entries')
			.values([
				{ edition_id: id, category_id: used.id, title: 'Une innovation' },
				{ edition_id: id, category_id: used.id, title: 'Une autre innovation' }
			])
			.execute();
		const result = await updateEdition(
			t.db,
			id,
			form(2084, { title: 'Nouveau titre', categories: 'Prix de la simplification' })
		);
		expect(result).toEqual({
			ok: false,
			errors: {
				categories:
					'La catégorie « Prix du projet innovant » ne peut pas être retirée : 2 candidatures y sont rattachées.'
			}
		});
		const after = (await findEdition(t.db, id))!;
		expect(after.title).toBe('Prix Impulsions 2084');
		expect(after.categories.map((c) => [c.name, c.entries])).toEqual([
			['Prix de la simplification', 0],
			['Prix du projet innovant', 2],
			['Prix spécial du jury', 0]
		]);
		// Removing an unused one is fine.
		expect(
			await updateEdition(
				t.db,
				id,
				form(2084, { categories: 'Prix du projet innovant\nPrix de la simplification' })
			)
		).toEqual({ ok: true });
	});
});

describe('themes in use', () => {
	it('refuses to remove a theme a candidature chose, and says which', async () => {
		const id = await created(2089);
		const edition = (await findEdition(t.db, id))!;
		const { id: entryId } = await t.db
			.insertInto('entries')
			.values({ edition_id: id, category_id: edition.categories[0].id, title: 'Avec thème' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('entry_themes')
			.values({ entry_id: entryId, theme_id: edition.themes[2].id })
			.execute();
		expect((await findEdition(t.db, id))!.themes.map((th) => th.entries)).toEqual([0, 0, 1]);
		expect(await updateEdition(t.db, id, form(2089, { themes: 'Faire plus simple' }))).toEqual({
			ok: false,
			errors: {
				themes:
					'La thématique « Mieux répondre aux usagers » ne peut pas être retirée : 1 candidature l’a choisie.'
			}
		});
		expect(
			await updateEdition(t.db, id, form(2089, { themes: 'Mieux répondre aux usagers' }))
		).toEqual({ ok: true });
		const summary = await findEntrySummary(t.db, entryId);
		expect(summary?.themes.map((th) => th.name)).toEqual(['Mieux répondre aux usagers']);
	});
});

describe('the phase panel', () => {
	it('says why a move is refused, and where an allowed one leads', async () => {
		const late = await created(2085, { submissions_close_at: '2020-01-31T23:59' });
		const [refused] = await editionMoves(t.db, (await findEdition(t.db, late))!);
		expect(refused.type).toBe('OPEN');
		expect(refused.to).toBe('open');
		expect(refused.reason).toMatch(
			/^La date limite de dépôt \(le 31 janvier 2020 à 23 h 59\) est déjà passée/
		);

		const fine = await created(2086);
		expect(await editionMoves(t.db, (await findEdition(t.db, fine))!)).toEqual([
			{ type: 'OPEN', to: 'open', reason: null }
		]);
	});

	it('lists the editions newest first with their number of candidatures', async () => {
		const list = await listEditions(t.db);
		const years = list.map((e) => e.year);
		expect(years).toEqual([...years].sort((a, b) => b - a));
		expect(list.find((e) => e.year === 2084)?.entries).toBe(2);
		expect(list.find((e) => e.year === 2090)?.phase).toBe('open');
	});
});

describe('the pipeline board', () => {
	let editionId: number;

	beforeAll(async () => {
		editionId = await created(2087);
		const [category] = (await findEdition(t.db, editionId))!.categories;
		// 30 submitted, 1 eligible, 2 withdrawn; each with a lead.
		const states = [
			...Array.from({ length: 30 }, () => 'submitted'),
			'eligible',
			'withdrawn',
			'withdrawn'
		];
		const entries = await t.db
			.insertInto('entries')
			.values(
				states.map((state, i) => ({
					edition_id: editionId,
					category_id: category.id,
					title: `Innovation ${String(i + 1).padStart(2, '0')}`,
					state,
					updated_at: new Date(Date.UTC(2087, 0, 1, 0, i))
				}))
			)
			.returning('id')
			.execute();
		await t.db
			.insertInto('entry_members')
			.values(entries.map((e) => ({ entry_id: e.id, user_id: lead, role: 'lead' as const })))
			.execute();
	});

	it('counts every state, zeros included, in the workflow’s order', async () => {
		const board = await editionPipeline(t.db, editionId, { page: 1 });
		expect(board.counts.map((c) => c.state)).toEqual([...ENTRY_STATES]);
		expect(Object.fromEntries(board.counts.map((c) => [c.state, c.count]))).toEqual({
			draft: 0,
			submitted: 30,
			changesRequested: 0,
			eligible: 1,
			ineligible: 0,
			shortlisted: 0,
			notShortlisted: 0,
			inTrial: 0,
			finalist: 0,
			laureate: 0,
			notAwarded: 0,
			withdrawn: 2
		});
		expect(board).toMatchObject({ all: 33, total: 33, page: 1, pageCount: 2, pageSize: 25 });
		expect(board.entries).toHaveLength(25);
		// Newest change first, with category and lead.
		expect(board.entries[0]).toMatchObject({
			title: 'Innovation 33',
			state: 'withdrawn',
			category_name: 'Prix de la simplification',
			lead_name: 'Nadia Porteuse'
		});
	});

	it('filters by state and pages through the filtered list in two queries', async () => {
		const counter = counting(t.db);
		const page2 = await editionPipeline(counter.db, editionId, { state: 'submitted', page: 2 });
		expect(counter.count()).toBe(2);
		expect(page2).toMatchObject({ state: 'submitted', total: 30, page: 2, pageCount: 2 });
		expect(page2.entries.map((e) => e.title)).toEqual([
			'Innovation 05',
			'Innovation 04',
			'Innovation 03',
			'Innovation 02',
			'Innovation 01'
		]);
		expect(page2.entries.every((e) => e.state === 'submitted')).toBe(true);
		// Past the last page: the last page.
		expect((await editionPipeline(t.db, editionId, { state: 'submitted', page: 9 })).page).toBe(2);
		// A state without entries: an empty list, one page.
		const none = await editionPipeline(t.db, editionId, { state: 'laureate', page: 1 });
		expect(none).toMatchObject({ total: 0, page: 1, pageCount: 1, entries: [] });
	});
});

describe('timelines', () => {
	it('reads an edition’s and a candidature’s history from the event log, with the actors', async () => {
		const editionId = await created(2088, { submissions_close_at: '2027-01-31T23:59' });
		const opened = await advanceEdition(
			t.db,
			editionId,
			{ type: 'OPEN', at: new Date('2026-12-01T09:00:00Z') },
			{ userId: organiser }
		);
		expect(opened.ok).toBe(true);
		const [category] = (await findEdition(t.db, editionId))!.categories;
		const { id: entryId } = await t.db
			.insertInto('entries')
			.values({ edition_id: editionId, category_id: category.id, title: 'Le tutorat entre pairs' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('entry_members')
			.values({ entry_id: entryId, user_id: lead, role: 'lead' })
			.execute();
		await completeDossier(t.db, entryId);
		const submitted = await advanceEntry(
			t.db,
			entryId,
			{ type: 'SUBMIT', at: new Date('2027-01-10T10:00:00Z') },
			{ userId: lead }
		);
		expect(submitted.ok).toBe(true);
		const changes = await advanceEntry(
			t.db,
			entryId,
			{
				type: 'REQUEST_CHANGES',
				reason: 'Précisez le nombre d’élèves concernés.',
				dueAt: '2027-01-25T22:59:00.000Z',
				at: new Date('2027-01-12T10:00:00Z')
			},
			{ userId: organiser }
		);
		expect(changes.ok).toBe(true);

		const entryEvents = await entryHistory(t.db, entryId);
		expect(
			entryEvents.map((e) => [e.type, e.from_state, e.to_state, e.actor_name, e.payload])
		).toEqual([
			['SUBMIT', 'draft', 'submitted', 'Nadia Porteuse', {}],
			[
				'REQUEST_CHANGES',
				'submitted',
				'changesRequested',
				'Claire Orga',
				{ reason: 'Précisez le nombre d’élèves concernés.', dueAt: '2027-01-25T22:59:00.000Z' }
			]
		]);
		expect(entryEvents[0].created_at).toEqual(new Date('2027-01-10T10:00:00Z'));

		const history = await editionHistory(t.db, editionId);
		expect(history.events.map((e) => [e.type, e.from_state, e.to_state, e.actor_name])).toEqual([
			['OPEN', 'draft', 'open', 'Claire Orga']
		]);
		// The fingerprint is the latest event of the edition's chain, the entry's included.
		const last = await t.db
			.selectFrom('events')
			.select('hash')
			.where('edition_id', '=', editionId)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(history.fingerprint).toBe(last.hash);
		expect(history.fingerprint).toMatch(/^[0-9a-f]{64}$/);

		const summary = await findEntrySummary(t.db, entryId);
		expect(summary).toMatchObject({
			title: 'Le tutorat entre pairs',
			state: 'changesRequested',
			edition_id: editionId,
			edition_title: 'Prix Impulsions 2088',
			category_name: 'Prix de la simplification',
			members: [{ name: 'Nadia Porteuse', email: 'porteuse@ac-lyon.fr', role: 'lead' }]
		});
		expect(await findEntrySummary(t.db, 999_999)).toBeUndefined();
		expect(await entryHistory(t.db, 999_999)).toEqual([]);
	});
});
