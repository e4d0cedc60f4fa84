import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibilityQueue } from '../../src/lib/server/db/eligibility';
import { advanceEdition, advanceEntry } from '../../src/lib/server/workflow/advance';
import {
	declareEligible,
	eligibilityOptions,
	readDecisionForm
} from '../../src/lib/server/workflow/eligibility';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { completeDossier } from '../helpers/dossier';

let t: TestDatabase;
let lead: number;
let organiser: number;
let edition: number;
let other: number;

beforeAll(async () => {
	t = await createTestDatabase();
	[lead, organiser] = (
		await t.db
			.insertInto('users')
			.values([
				{ email: 'porteuse@ac-lyon.fr', name: 'Porteuse', password_hash: 'x' },
				{ email: 'orga@education.gouv.fr', name: 'Orga', password_hash: 'x', is_organiser: true }
			])
			.returning('id')
			.execute()
	).map((u) => u.id);
	[edition, other] = (
		await t.db
			.insertInto('editions')
			.values([
				{
					year: 2095,
					title: 'Examinée',
					phase: 'open',
					submissions_close_at: '2999-01-31T22:59:00Z'
				},
				{ year: 2096, title: 'Autre', phase: 'open', submissions_close_at: '2999-01-31T22:59:00Z' }
			])
			.returning('id')
			.execute()
	).map((e) => e.id);
});

afterAll(async () => {
	await t?.close();
});

async function submitted(editionId: number, title: string, at?: Date) {
	const { id } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, title })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('entry_members')
		.values({ entry_id: id, user_id: lead, role: 'lead' })
		.execute();
	await completeDossier(t.db, id);
	expect(await advanceEntry(t.db, id, { type: 'SUBMIT', at }, { userId: lead })).toMatchObject({
		ok: true
	});
	return id;
}

const form = (values: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) data.set(k, v);
	return data;
};

describe('reading a decision form', () => {
	it('reads a request for changes due by 23:59 Paris time on the chosen day', () => {
		const read = readDecisionForm(
			'REQUEST_CHANGES',
			form({ motif: '  Précisez les indicateurs.\r\n', echeance: '2027-02-15' })
		);
		expect(read).toMatchObject({
			ok: true,
			request: {
				type: 'REQUEST_CHANGES',
				reason: 'Précisez les indicateurs.',
				dueAt: '2027-02-15T22:59:00.000Z'
			}
		});
	});

	it('asks for the due date of a request for changes and keeps what was typed', () => {
		const read = readDecisionForm('REQUEST_CHANGES', form({ motif: 'Précisez.', echeance: '' }));
		expect(read).toEqual({
			ok: false,
			values: { reason: 'Précisez.', dueDate: '' },
			errors: { dueDate: 'Indiquez la date à laquelle l’équipe doit avoir répondu.' }
		});
	});

	it('refuses an unreadable date and an overlong message, in French', () => {
		const read = readDecisionForm(
			'REQUEST_CHANGES',
			form({ motif: 'x'.repeat(2001), echeance: '31/02/2027' })
		);
		expect(read).toMatchObject({
			ok: false,
			errors: {
				reason: 'Le texte compte 2001 caractères : 2000 au plus.',
				dueDate: expect.stringContaining('Date illisible')
			}
		});
	});

	it('leaves the reason out when none is typed, so that the machine asks for it', () => {
		expect(readDecisionForm('DECLARE_INELIGIBLE', form({ motif: '   ' }))).toMatchObject({
			ok: true,
			request: { type: 'DECLARE_INELIGIBLE' }
		});
	});
});

describe('the eligibility review', () => {
	it('offers the decisions the workflow allows, with the reason for the others', () => {
		const open = eligibilityOptions({
			state: 'submitted',
			edition_phase: 'open',
			submissions_close_at: new Date('2999-01-31T22:59:00Z')
		});
		expect(open.REQUEST_CHANGES).toBeNull();
		expect(open.DECLARE_ELIGIBLE).toMatch(/possible seulement pendant la phase « .+ »/);
		const review = eligibilityOptions({
			state: 'submitted',
			edition_phase: 'eligibility',
			submissions_close_at: null
		});
		expect(review).toEqual({
			DECLARE_ELIGIBLE: null,
			DECLARE_INELIGIBLE: null,
			REQUEST_CHANGES: null
		});
		expect(
			eligibilityOptions({
				state: 'draft',
				edition_phase: 'eligibility',
				submissions_close_at: null
			}).DECLARE_ELIGIBLE
		).toMatch(/^La candidature est « .+ » : elle ne peut pas être déclarée éligible\.$/);
	});

	it('lists the submitted candidatures first, then those waiting for changes, oldest first', async () => {
		const first = await submitted(edition, 'Premier déposé');
		const second = await submitted(edition, 'Second déposé');
		const sentBack = await submitted(edition, 'Renvoyé à l’équipe');
		await submitted(other, 'D’une autre édition');
		expect(
			await advanceEntry(
				t.db,
				sentBack,
				{ type: 'REQUEST_CHANGES', reason: 'Précisez.', dueAt: '2999-02-10T10:00:00Z' },
				{ userId: organiser }
			)
		).toMatchObject({ ok: true });
		const queue = await eligibilityQueue(t.db, edition, { page: 1 });
		expect(queue).toMatchObject({ submitted: 2, changesRequested: 1, total: 3, pageCount: 1 });
		expect(queue.entries.map((e) => [e.id, e.state, e.lead_name, e.attachments])).toEqual([
			[first, 'submitted', 'Porteuse', 0],
			[second, 'submitted', 'Porteuse', 0],
			[sentBack, 'changesRequested', 'Porteuse', 0]
		]);
		const paged = await eligibilityQueue(t.db, edition, { page: 9, pageSize: 2 });
		expect(paged).toMatchObject({ page: 2, pageCount: 2 });
		expect(paged.entries.map((e) => e.id)).toEqual([sentBack]);
	});

	it('declares several eligible at once and explains each refusal, without undoing the others', async () => {
		const review = await t.db
			.insertInto('editions')
			.values({
				year: 2097,
				title: 'En examen',
				phase: 'open',
				submissions_close_at: '2027-01-31T22:59:00Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const a = await submitted(review.id, 'A', new Date('2027-01-10T10:00:00Z'));
		const b = await submitted(review.id, 'B', new Date('2027-01-11T10:00:00Z'));
		const foreign = await submitted(other, 'Étrangère');
		expect(
			await advanceEdition(
				t.db,
				review.id,
				{ type: 'CLOSE_SUBMISSIONS', at: new Date('2027-02-10T10:00:00Z') },
				{ userId: organiser }
			)
		).toMatchObject({ ok: true, to: 'eligibility' });
		expect(await advanceEntry(t.db, b, { type: 'WITHDRAW' }, { userId: lead })).toMatchObject({
			ok: true
		});
		const result = await declareEligible(t.db, review.id, [a, b, foreign, a], {
			userId: organiser
		});
		expect(result.done).toBe(1);
		expect(result.refused).toEqual([
			{
				id: b,
				title: 'B',
				reason: expect.stringMatching(
					/^La candidature est « .+ » : elle ne peut pas être déclarée éligible\.$/
				)
			},
			{
				id: foreign,
				title: `n° ${foreign}`,
				reason: 'Cette candidature n’appartient pas à cette édition.'
			}
		]);
		const states = await t.db
			.selectFrom('entries')
			.select(['id', 'state'])
			.where('id', 'in', [a, b, foreign])
			.orderBy('id')
			.execute();
		expect(states).toEqual([
			{ id: a, state: 'eligible' },
			{ id: b, state: 'withdrawn' },
			{ id: foreign, state: 'submitted' }
		]);
		const logged = await t.db
			.selectFrom('events')
			.select(['entity_id', 'actor_id'])
			.where('type', '=', 'DECLARE_ELIGIBLE')
			.where('edition_id', '=', review.id)
			.execute();
		expect(logged).toEqual([{ entity_id: a, actor_id: organiser }]);
	});
});
