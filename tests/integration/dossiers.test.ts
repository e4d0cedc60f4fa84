import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	checkDossierDraft,
	EMPTY_DOSSIER,
	missingForSubmission,
	whyIncomplete,
	type DossierInput,
	type DossierValues
} from '../../src/lib/domain/dossier';
import {
	createEntry,
	lastChangeRequest,
	listOpenEditions,
	loadDossier,
	saveDossier
} from '../../src/lib/server/db/dossiers';
import { advanceEntry } from '../../src/lib/server/workflow/advance';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let lead: number;
let organiser: number;
let openEdition: number;
let closedEdition: number;
let category: number;
let themes: number[];

beforeAll(async () => {
	t = await createTestDatabase();
	const users = await t.db
		.insertInto('users')
		.values([
			{ email: 'porteur@ac-versailles.fr', name: 'Porteur', password_hash: 'x' },
			{ email: 'orga@education.gouv.fr', name: 'Orga', password_hash: 'x', is_organiser: true }
		])
		.returning('id')
		.execute();
	[lead, organiser] = users.map((u) => u.id);
	const editions = await t.db
		.insertInto('editions')
		.values([
			{ year: 2090, title: 'Ouverte', phase: 'open', submissions_close_at: '2999-01-31T22:59:00Z' },
			{ year: 2091, title: 'Échue', phase: 'open', submissions_close_at: '2000-01-31T22:59:00Z' },
			{ year: 2092, title: 'Brouillon', phase: 'draft' }
		])
		.returning('id')
		.execute();
	[openEdition, closedEdition] = editions.map((e) => e.id);
	({ id: category } = await t.db
		.insertInto('categories')
		.values({ edition_id: openEdition, name: 'Prix de la simplification' })
		.returning('id')
		.executeTakeFirstOrThrow());
	themes = (
		await t.db
			.insertInto('edition_themes')
			.values([
				{ edition_id: openEdition, name: 'Numérique', position: 1 },
				{ edition_id: openEdition, name: 'Inclusion', position: 2 }
			])
			.returning('id')
			.execute()
	).map((r) => r.id);
});

afterAll(async () => {
	await t?.close();
});

const choices = () => ({ categoryIds: [category], themeIds: themes });

function valid(over: Partial<DossierInput>): DossierValues {
	const r = checkDossierDraft({ ...EMPTY_DOSSIER, title: 'Titre', ...over }, choices());
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.values;
}

const full: Partial<DossierInput> = {
	title: 'Le cahier de liaison numérique',
	summary: 'Un cahier de liaison partagé entre familles et équipes.',
	etablissement_name: 'Lycée Camille Claudel',
	problem: 'Les mots perdus.',
	solution: 'Un cahier partagé.',
	audience: 'Les familles.',
	results: 'Moins de mots perdus.',
	transferability: 'Un ENT suffit.',
	resources: 'Deux heures par semaine.',
	uai: '0951099D',
	publication_consent: true
};

describe('starting a candidature', () => {
	it('lists only open editions whose deadline is not past', async () => {
		const open = await listOpenEditions(t.db);
		expect(open.map((e) => e.id)).toEqual([openEdition]);
	});

	it('creates a draft with its lead, and no event', async () => {
		const created = await createEntry(t.db, {
			editionId: openEdition,
			title: 'Essai',
			leadId: lead
		});
		expect(created).not.toBeNull();
		const entry = await t.db
			.selectFrom('entries')
			.selectAll()
			.where('id', '=', created!.id)
			.executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ state: 'draft', machine_version: 1, dossier_version: 0 });
		const members = await t.db
			.selectFrom('entry_members')
			.select(['user_id', 'role'])
			.where('entry_id', '=', created!.id)
			.execute();
		expect(members).toEqual([{ user_id: lead, role: 'lead' }]);
		const events = await t.db
			.selectFrom('events')
			.select('id')
			.where('entity', '=', 'entry')
			.where('entity_id', '=', created!.id)
			.execute();
		expect(events).toEqual([]);
	});

	it('refuses an edition past its deadline or not open', async () => {
		expect(
			await createEntry(t.db, { editionId: closedEdition, title: 'Tard', leadId: lead })
		).toBeNull();
		expect(
			await createEntry(t.db, { editionId: 999999, title: 'Nulle part', leadId: lead })
		).toBeNull();
	});
});

describe('saving the dossier', () => {
	it('saves, bumps the version, stores the académie from the UAI code and the themes', async () => {
		const { id } = (await createEntry(t.db, {
			editionId: openEdition,
			title: 'Brouillon',
			leadId: lead
		}))!;
		const saved = await saveDossier(
			t.db,
			id,
			0,
			valid({ title: 'Brouillon', uai: '0951099d', themes: [String(themes[1])] })
		);
		expect(saved).toEqual({ ok: true, version: 1 });
		const dossier = (await loadDossier(t.db, id))!;
		expect(dossier).toMatchObject({
			uai: '0951099D',
			academie: 'Versailles',
			dossier_version: 1,
			themes: [themes[1]]
		});
		expect(dossier.categories.map((c) => c.id)).toEqual([category]);
		expect(dossier.edition_themes.map((t) => t.id)).toEqual(themes);
	});

	it('refuses a save based on a stale version and overwrites nothing', async () => {
		const { id } = (await createEntry(t.db, {
			editionId: openEdition,
			title: 'Partagé',
			leadId: lead
		}))!;
		const first = await saveDossier(
			t.db,
			id,
			0,
			valid({ title: 'Partagé', problem: 'Version de Alice', themes: [String(themes[0])] })
		);
		expect(first).toEqual({ ok: true, version: 1 });
		const second = await saveDossier(
			t.db,
			id,
			0,
			valid({ title: 'Écrasé ?', problem: 'Version de Bob', themes: [] })
		);
		expect(second).toEqual({ ok: false, why: 'version' });
		const dossier = (await loadDossier(t.db, id))!;
		expect(dossier).toMatchObject({
			title: 'Partagé',
			problem: 'Version de Alice',
			dossier_version: 1,
			themes: [themes[0]]
		});
	});

	it('tells what is missing, then nothing once complete', async () => {
		const { id } = (await createEntry(t.db, {
			editionId: openEdition,
			title: 'Complet',
			leadId: lead
		}))!;
		let dossier = (await loadDossier(t.db, id))!;
		expect(missingForSubmission(dossier).length).toBeGreaterThan(5);
		expect(whyIncomplete(dossier)).toContain('Il manque');
		await saveDossier(
			t.db,
			id,
			0,
			valid({ ...full, category_id: String(category), themes: [String(themes[0])] })
		);
		dossier = (await loadDossier(t.db, id))!;
		expect(missingForSubmission(dossier)).toEqual([]);
		const submitted = await advanceEntry(t.db, id, { type: 'SUBMIT' }, { userId: lead });
		expect(submitted).toMatchObject({ ok: true, to: 'submitted' });
		const changes = await advanceEntry(
			t.db,
			id,
			{ type: 'REQUEST_CHANGES', reason: 'Précisez les résultats.', dueAt: '2999-02-15T22:59:00Z' },
			{ userId: organiser }
		);
		expect(changes).toMatchObject({ ok: true, to: 'changesRequested' });
		expect(await lastChangeRequest(t.db, id)).toMatchObject({
			reason: 'Précisez les résultats.',
			dueAt: '2999-02-15T22:59:00Z'
		});
	});

	it('refuses an incomplete submission inside the transaction and changes nothing', async () => {
		const { id } = (await createEntry(t.db, {
			editionId: openEdition,
			title: 'Incomplet',
			leadId: lead
		}))!;
		await saveDossier(t.db, id, 0, valid({ ...full, publication_consent: false }));
		const refused = await advanceEntry(t.db, id, { type: 'SUBMIT' }, { userId: lead });
		expect(refused).toEqual({
			ok: false,
			status: 409,
			reason: expect.stringContaining('votre consentement à la publication du dossier')
		});
		expect(refused).toMatchObject({ reason: expect.stringContaining('la catégorie') });
		const dossier = (await loadDossier(t.db, id))!;
		expect(dossier).toMatchObject({ state: 'draft', dossier_version: 1 });
		const events = await t.db
			.selectFrom('events')
			.select('id')
			.where('entity', '=', 'entry')
			.where('entity_id', '=', id)
			.execute();
		expect(events).toEqual([]);
	});

	it('refuses a save that reaches a dossier submitted meanwhile, and says it is read-only', async () => {
		const { id } = (await createEntry(t.db, {
			editionId: openEdition,
			title: 'Déposé entre-temps',
			leadId: lead
		}))!;
		const complete = valid({ ...full, category_id: String(category), themes: [String(themes[1])] });
		expect(await saveDossier(t.db, id, 0, complete)).toEqual({ ok: true, version: 1 });
		expect(await advanceEntry(t.db, id, { type: 'SUBMIT' }, { userId: lead })).toMatchObject({
			ok: true
		});
		const late = await saveDossier(t.db, id, 1, { ...complete, problem: 'Trop tard' });
		expect(late).toEqual({ ok: false, why: 'readOnly' });
		expect((await loadDossier(t.db, id))!.problem).toBe(full.problem);
	});

	it('serialises a save and a submission of the same dossier: both never half-apply', async () => {
		const { id } = (await createEntry(t.db, {
			editionId: openEdition,
			title: 'Course',
			leadId: lead
		}))!;
		const complete = valid({ ...full, category_id: String(category), themes: [String(themes[0])] });
		await saveDossier(t.db, id, 0, complete);
		// A member empties the résumé while the lead submits: either the save comes first and the
		// submission is refused as incomplete, or the submission comes first and the save is refused.
		const [save, submit] = await Promise.all([
			saveDossier(t.db, id, 1, { ...complete, summary: '' }),
			advanceEntry(t.db, id, { type: 'SUBMIT' }, { userId: lead })
		]);
		const dossier = (await loadDossier(t.db, id))!;
		if (submit.ok) {
			expect(save).toEqual({ ok: false, why: 'readOnly' });
			expect(dossier).toMatchObject({ state: 'submitted', summary: full.summary });
		} else {
			expect(save).toMatchObject({ ok: true });
			expect(submit.reason).toContain('le résumé');
			expect(dossier).toMatchObject({ state: 'draft', summary: '' });
		}
	});
});

describe('the submission deadline', () => {
	it('refuses a submission one second after the deadline and leaves the draft intact', async () => {
		const closeAt = new Date('2999-01-31T22:59:00Z');
		const { id } = (await createEntry(
			t.db,
			{ editionId: openEdition, title: 'À la dernière seconde', leadId: lead },
			new Date('2998-12-01T10:00:00Z')
		))!;
		const complete = valid({ ...full, category_id: String(category), themes: [String(themes[0])] });
		await saveDossier(t.db, id, 0, complete);
		const before = (await loadDossier(t.db, id))!;
		const late = await advanceEntry(
			t.db,
			id,
			{ type: 'SUBMIT', at: new Date(closeAt.getTime() + 1000) },
			{ userId: lead }
		);
		expect(late).toEqual({
			ok: false,
			status: 409,
			reason: 'La date limite de dépôt est passée (le 31 janvier 2999 à 23 h 59).'
		});
		expect(await loadDossier(t.db, id)).toEqual(before);
		const onTime = await advanceEntry(t.db, id, { type: 'SUBMIT', at: closeAt }, { userId: lead });
		expect(onTime).toMatchObject({ ok: true, to: 'submitted' });
	});
});
