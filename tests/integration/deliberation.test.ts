// The jury's decisions recorded through the workflow (src/lib/server/workflow/deliberation.ts): after
// the preselection, shortlisted or not; in deliberation, prize, mention or not awarded — each with a
// required rationale kept in the event log; refusals in French.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	deliberationBoard,
	readDeliberationForm,
	recordDecision
} from '../../src/lib/server/workflow/deliberation';
import { entityEvents } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let organiser: number;
let juror: number;
let preselection: number;
let deliberation: number;

beforeAll(async () => {
	t = await createTestDatabase();
	[organiser, juror] = (
		await t.db
			.insertInto('users')
			.values([
				{ email: 'orga@education.gouv.fr', name: 'Orga', password_hash: 'x', is_organiser: true },
				{ email: 'jure@ac-lyon.fr', name: 'Juré Un', password_hash: 'x' }
			])
			.returning('id')
			.execute()
	).map((u) => u.id);
	[preselection, deliberation] = (
		await t.db
			.insertInto('editions')
			.values([
				{ year: 2081, title: 'En présélection', phase: 'preselection' },
				{ year: 2082, title: 'En délibération', phase: 'deliberation' }
			])
			.returning('id')
			.execute()
	).map((e) => e.id);
});

afterAll(async () => {
	await t?.close();
});

async function entry(editionId: number, title: string, state: string) {
	return (
		await t.db
			.insertInto('entries')
			.values({ edition_id: editionId, title, state })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}

async function stateOf(id: number) {
	return t.db
		.selectFrom('entries')
		.select(['state', 'award'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

const form = (values: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) data.set(k, v);
	return data;
};

describe('reading a decision form', () => {
	it('reads the decision and the trimmed rationale', () => {
		expect(
			readDeliberationForm(
				form({ decision: 'AWARD_MENTION', justification: '  Très transférable.\r\n' })
			)
		).toMatchObject({ ok: true, decision: 'AWARD_MENTION', rationale: 'Très transférable.' });
	});

	it('asks for a decision and a rationale, in French, keeping the values', () => {
		expect(readDeliberationForm(form({ decision: 'PUBLISH', justification: '   ' }))).toEqual({
			ok: false,
			values: { decision: 'PUBLISH', rationale: '   ' },
			errors: {
				decision: 'Choisissez une décision.',
				rationale: 'Indiquez la justification de la décision : elle figure au procès-verbal.'
			}
		});
		expect(
			readDeliberationForm(form({ decision: 'SHORTLIST', justification: 'x'.repeat(2001) }))
		).toMatchObject({
			ok: false,
			errors: { rationale: 'La justification compte 2001 caractères : 2000 au plus.' }
		});
	});
});

describe('preselection decisions', () => {
	it('shortlists through the workflow and logs the rationale', async () => {
		const id = await entry(preselection, 'Tutorat entre pairs', 'eligible');
		const result = await recordDecision(
			t.db,
			preselection,
			id,
			'SHORTLIST',
			'  Meilleure note normalisée du tour.  ',
			{ userId: organiser }
		);
		expect(result).toMatchObject({ ok: true, from: 'eligible', to: 'shortlisted' });
		expect(await stateOf(id)).toMatchObject({ state: 'shortlisted' });
		const events = await entityEvents(t.db, 'entry', id);
		expect(events.at(-1)).toMatchObject({
			type: 'SHORTLIST',
			actor_name: 'Orga',
			payload: { reason: 'Meilleure note normalisée du tour.' }
		});
	});

	it('rejects at preselection, and refuses to decide twice', async () => {
		const id = await entry(preselection, 'Cartable numérique', 'eligible');
		expect(
			await recordDecision(t.db, preselection, id, 'REJECT_AT_PRESELECTION', 'Impact trop local.', {
				userId: organiser
			})
		).toMatchObject({ ok: true, to: 'notShortlisted' });
		const again = await recordDecision(t.db, preselection, id, 'SHORTLIST', 'Finalement oui.', {
			userId: organiser
		});
		expect(again).toEqual({
			ok: false,
			status: 409,
			reason: expect.stringMatching(
				/^La candidature est .* : elle ne peut pas être présélectionnée\.$/
			)
		});
	});

	it('refuses a blank rationale, another edition’s candidature, a decision of another phase and a non-organiser', async () => {
		const id = await entry(preselection, 'Radio scolaire', 'eligible');
		expect(
			await recordDecision(t.db, preselection, id, 'SHORTLIST', '  ', { userId: organiser })
		).toMatchObject({ ok: false, reason: expect.stringContaining('justification') });
		expect(
			await recordDecision(t.db, deliberation, id, 'SHORTLIST', 'Oui.', { userId: organiser })
		).toMatchObject({ ok: false, status: 404 });
		expect(
			await recordDecision(t.db, preselection, id, 'AWARD_PRIZE', 'Oui.', { userId: organiser })
		).toMatchObject({
			ok: false,
			status: 409,
			reason:
				'La décision « Attribuer le prix » ne se prend pas dans la phase actuelle de l’édition.'
		});
		expect(
			await recordDecision(t.db, preselection, id, 'SHORTLIST', 'Oui.', { userId: juror })
		).toMatchObject({
			ok: false,
			status: 409,
			reason: 'Seuls les organisateurs du prix peuvent présélectionner la candidature.'
		});
		expect(await stateOf(id)).toMatchObject({ state: 'eligible' });
	});

	it('lists the candidatures awaiting a decision and those decided, with their rationale', async () => {
		const board = await deliberationBoard(t.db, preselection, 'preselection');
		expect(board).toMatchObject({ round: 'preselection', awaiting: [{ title: 'Radio scolaire' }] });
		expect(board!.decided.map((d) => [d.title, d.decision.type, d.decision.rationale])).toEqual([
			['Tutorat entre pairs', 'SHORTLIST', 'Meilleure note normalisée du tour.'],
			['Cartable numérique', 'REJECT_AT_PRESELECTION', 'Impact trop local.']
		]);
		expect(await deliberationBoard(t.db, preselection, 'trial')).toBeNull();
	});
});

describe('final decisions', () => {
	it('awards a prize, a mention, or not, through the workflow', async () => {
		const prize = await entry(deliberation, 'Lab d’innovation', 'finalist');
		const mention = await entry(deliberation, 'Cantine zéro déchet', 'finalist');
		const none = await entry(deliberation, 'Agenda partagé', 'finalist');
		const actor = { userId: organiser };
		expect(
			await recordDecision(
				t.db,
				deliberation,
				prize,
				'AWARD_PRIZE',
				'Résultats d’essai probants.',
				actor
			)
		).toMatchObject({ ok: true, to: 'laureate' });
		expect(
			await recordDecision(t.db, deliberation, mention, 'AWARD_MENTION', 'Belle initiative.', actor)
		).toMatchObject({ ok: true, to: 'laureate' });
		expect(
			await recordDecision(t.db, deliberation, none, 'NOT_AWARDED', 'Essai non concluant.', actor)
		).toMatchObject({ ok: true, to: 'notAwarded' });
		expect(await stateOf(prize)).toEqual({ state: 'laureate', award: 'prize' });
		expect(await stateOf(mention)).toEqual({ state: 'laureate', award: 'mention' });
		expect(await stateOf(none)).toEqual({ state: 'notAwarded', award: null });
		const board = await deliberationBoard(t.db, deliberation, 'deliberation');
		expect(board!.awaiting).toEqual([]);
		expect(board!.decided.map((d) => [d.decision.type, d.decision.award])).toEqual([
			['AWARD', 'prize'],
			['AWARD', 'mention'],
			['NOT_AWARDED', null]
		]);
	});

	it('refuses a preselection decision during the deliberation', async () => {
		const id = await entry(deliberation, 'Classe dehors', 'finalist');
		expect(
			await recordDecision(t.db, deliberation, id, 'SHORTLIST', 'Oui.', { userId: organiser })
		).toMatchObject({ ok: false, status: 409 });
	});
});
