// The trial protocol (src/lib/server/db/trial-protocols.ts, src/lib/server/trial/protocol-form.ts):
// validation with a French message per field, saves by the team in the trial phase only, refusal of a
// stale save with nothing overwritten, the indicators and steps frozen (not removed nor reordered)
// once a site has transmitted its report, and the SAVE_PROTOCOL note in the candidature's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolOf, saveProtocol } from '../../src/lib/server/db/trial-protocols';
import {
	checkProtocol,
	readProtocolForm,
	type ProtocolInput,
	type ProtocolValues
} from '../../src/lib/server/trial/protocol-form';
import { entityEvents } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
const ids = { lead: 0, member: 0, other: 0, organiser: 0, contact: 0 };
let trialEdition: number;
let finalEdition: number;

beforeAll(async () => {
	t = await createTestDatabase();
	for (const key of Object.keys(ids) as (keyof typeof ids)[])
		ids[key] = (
			await t.db
				.insertInto('users')
				.values({
					email: `${key}@ac-lyon.fr`,
					name: `Personne ${key}`,
					password_hash: 'x',
					is_organiser: key === 'organiser'
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	[trialEdition, finalEdition] = (
		await t.db
			.insertInto('editions')
			.values([
				{ year: 2061, title: 'En phase d’essai', phase: 'trial' },
				{ year: 2062, title: 'Au jury final', phase: 'final' }
			])
			.returning('id')
			.execute()
	).map((e) => e.id);
});

afterAll(async () => {
	await t?.close();
});

async function newEntry(state = 'inTrial', editionId = trialEdition) {
	const { id } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, title: 'Tutorat entre pairs', state })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('entry_members')
		.values([
			{ entry_id: id, user_id: ids.lead, role: 'lead' },
			{ entry_id: id, user_id: ids.member, role: 'member' }
		])
		.execute();
	return id;
}

const input = (overrides: Partial<ProtocolInput> = {}): ProtocolInput => ({
	objectives: 'Réduire les retards de lecture en CE1.',
	durationWeeks: '8',
	siteTasks: 'Former deux tuteurs\n\nOrganiser deux séances par semaine\n',
	indicators: [
		{ id: '', name: 'Élèves lecteurs fluides', unit: '%', direction: 'increase' },
		{ id: '', name: 'Absences', unit: 'demi-journées', direction: 'decrease' },
		{ id: '', name: '', unit: '', direction: 'increase' }
	],
	...overrides
});

function valid(overrides: Partial<ProtocolInput> = {}): ProtocolValues {
	const checked = checkProtocol(input(overrides));
	if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
	return checked.values;
}

describe('checking the protocol form', () => {
	it('reads the rows of the form and keeps the steps one per line, ignoring blank rows and lines', () => {
		const form = new FormData();
		form.set('objectifs', ' Objectifs ');
		form.set('duree', '6');
		form.set('etapes', 'Un\r\n\r\n  Deux  ');
		form.set('lignes', '2');
		form.set('indicateur-0-id', '12');
		form.set('indicateur-0-nom', 'Retards');
		form.set('indicateur-0-unite', 'min');
		form.set('indicateur-0-sens', 'decrease');
		const read = readProtocolForm(form);
		expect(read.indicators).toHaveLength(2);
		const checked = checkProtocol(read);
		expect(checked).toEqual({
			ok: true,
			values: {
				objectives: 'Objectifs',
				durationWeeks: 6,
				siteTasks: 'Un\nDeux',
				steps: ['Un', 'Deux'],
				indicators: [{ id: 12, name: 'Retards', unit: 'min', direction: 'decrease' }]
			}
		});
	});

	it('answers a French message per field: objectives, duration, steps, indicators', () => {
		const checked = checkProtocol({
			objectives: '   ',
			durationWeeks: '53',
			siteTasks: '\n \n',
			indicators: [{ id: '', name: '', unit: 'x'.repeat(41), direction: 'sideways' }]
		});
		expect(checked).toEqual({
			ok: false,
			errors: {
				objectives: 'Décrivez les objectifs de l’essai.',
				durationWeeks: 'La durée est un nombre entier de semaines, entre 1 et 52.',
				siteTasks: 'Décrivez au moins une étape que le site doit suivre, une par ligne.',
				'indicateur-0-nom': 'Donnez un nom à l’indicateur.',
				'indicateur-0-unite': 'L’unité compte 41 caractères : 40 au plus.',
				'indicateur-0-sens': 'Choisissez l’évolution attendue de l’indicateur.'
			}
		});
	});

	it('refuses no indicator, more than 10, more than 30 steps and too long objectives', () => {
		const none = checkProtocol(input({ indicators: [] }));
		expect(none).toMatchObject({
			ok: false,
			errors: { indicators: expect.stringMatching(/au moins un indicateur/) }
		});
		const many = checkProtocol(
			input({
				indicators: Array.from({ length: 11 }, (_, k) => ({
					id: '',
					name: `Indicateur ${k}`,
					unit: '',
					direction: 'stable'
				}))
			})
		);
		expect(many).toMatchObject({
			ok: false,
			errors: { indicators: 'Le protocole compte 11 indicateurs : 10 au plus.' }
		});
		const steps = checkProtocol(
			input({ siteTasks: Array.from({ length: 31 }, (_, k) => `Étape ${k}`).join('\n') })
		);
		expect(steps).toMatchObject({
			ok: false,
			errors: { siteTasks: expect.stringMatching(/^Le protocole compte 31 étapes : 30 au plus/) }
		});
		expect(checkProtocol(input({ objectives: 'x'.repeat(3001) }))).toMatchObject({
			ok: false,
			errors: { objectives: expect.stringMatching(/3001 caractères : 3000 au plus/) }
		});
		expect(checkProtocol(input({ durationWeeks: '6,5' }))).toMatchObject({
			ok: false,
			errors: { durationWeeks: expect.any(String) }
		});
	});
});

describe('saving the protocol', () => {
	it('gives defaults before any save: version 0, capacity 3, no indicators', async () => {
		const entryId = await newEntry();
		expect(await protocolOf(t.db, entryId)).toMatchObject({
			saved: false,
			objectives: '',
			duration_weeks: null,
			capacity: 3,
			version: 0,
			steps: [],
			indicators: []
		});
	});

	it('saves the texts and the indicators in order, logs SAVE_PROTOCOL and leaves the capacity alone', async () => {
		const entryId = await newEntry();
		const first = await saveProtocol(t.db, entryId, valid(), { userId: ids.member }, 0);
		expect(first).toEqual({ ok: true, version: 1 });
		await t.db
			.updateTable('trial_protocols')
			.set({ capacity: 5 })
			.where('entry_id', '=', entryId)
			.execute();
		const saved = await protocolOf(t.db, entryId);
		expect(saved).toMatchObject({
			saved: true,
			objectives: 'Réduire les retards de lecture en CE1.',
			duration_weeks: 8,
			site_tasks: 'Former deux tuteurs\nOrganiser deux séances par semaine',
			steps: ['Former deux tuteurs', 'Organiser deux séances par semaine'],
			version: 1,
			updated_by_name: 'Personne member'
		});
		expect(saved.indicators.map((i) => [i.name, i.unit, i.direction])).toEqual([
			['Élèves lecteurs fluides', '%', 'increase'],
			['Absences', 'demi-journées', 'decrease']
		]);

		// Second save: rename one, remove the other, add a third; the capacity stays 5.
		const [fluent, absences] = saved.indicators;
		const second = await saveProtocol(
			t.db,
			entryId,
			valid({
				objectives: 'Objectifs revus.',
				indicators: [
					{ id: '', name: 'Confiance en soi', unit: 'score /10', direction: 'stable' },
					{ id: String(fluent.id), name: 'Lecteurs fluides', unit: '%', direction: 'increase' }
				]
			}),
			{ userId: ids.lead },
			1
		);
		expect(second).toEqual({ ok: true, version: 2 });
		const after = await protocolOf(t.db, entryId);
		expect(after.capacity).toBe(5);
		expect(after.objectives).toBe('Objectifs revus.');
		expect(after.indicators.map((i) => i.name)).toEqual(['Confiance en soi', 'Lecteurs fluides']);
		expect(after.indicators[1].id).toBe(fluent.id);
		expect(after.indicators.some((i) => i.id === absences.id)).toBe(false);

		const events = await entityEvents(t.db, 'entry', entryId);
		expect(events.map((e) => [e.type, e.from_state, e.to_state])).toEqual([
			['SAVE_PROTOCOL', 'inTrial', 'inTrial'],
			['SAVE_PROTOCOL', 'inTrial', 'inTrial']
		]);
		expect(events[0]).toMatchObject({ actor_name: 'Personne member', payload: { version: 1 } });
	});

	it('refuses a stale save and overwrites nothing', async () => {
		const entryId = await newEntry();
		await saveProtocol(t.db, entryId, valid(), { userId: ids.lead }, 0);
		const before = await protocolOf(t.db, entryId);
		const stale = await saveProtocol(
			t.db,
			entryId,
			valid({
				objectives: 'Une autre version',
				indicators: [{ id: '', name: 'Autre', unit: '', direction: 'stable' }]
			}),
			{ userId: ids.member },
			0
		);
		expect(stale).toMatchObject({
			ok: false,
			status: 409,
			why: 'version',
			message: expect.stringMatching(/enregistré entre-temps/)
		});
		expect(await protocolOf(t.db, entryId)).toEqual(before);
		expect(await entityEvents(t.db, 'entry', entryId)).toHaveLength(1);
	});

	it('lets exactly one of two concurrent first saves through', async () => {
		const entryId = await newEntry();
		const results = await Promise.all([
			saveProtocol(t.db, entryId, valid({ objectives: 'A' }), { userId: ids.lead }, 0),
			saveProtocol(t.db, entryId, valid({ objectives: 'B' }), { userId: ids.member }, 0)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toMatchObject([{ why: 'version' }]);
		const saved = await protocolOf(t.db, entryId);
		expect(saved.version).toBe(1);
		expect(saved.indicators).toHaveLength(2);
	});

	it('is refused to a non-member, outside the trial phase and for a candidature not in trial', async () => {
		const entryId = await newEntry();
		expect(await saveProtocol(t.db, entryId, valid(), { userId: ids.other }, 0)).toMatchObject({
			ok: false,
			status: 403,
			message: 'Seuls les membres de l’équipe peuvent rédiger le protocole d’essai.'
		});
		expect(await saveProtocol(t.db, entryId, valid(), { userId: ids.organiser }, 0)).toMatchObject({
			ok: false,
			status: 403
		});
		const late = await newEntry('finalist', finalEdition);
		expect(await saveProtocol(t.db, late, valid(), { userId: ids.lead }, 0)).toMatchObject({
			ok: false,
			status: 409,
			message: 'Le protocole d’essai ne se modifie que pendant la phase d’essai de l’édition.'
		});
		const eligible = await newEntry('notShortlisted');
		expect(await saveProtocol(t.db, eligible, valid(), { userId: ids.lead }, 0)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringMatching(/présélectionnée ou en phase d’essai/)
		});
		expect(await saveProtocol(t.db, 999_999, valid(), { userId: ids.lead }, 0)).toMatchObject({
			ok: false,
			status: 404
		});
		const shortlisted = await newEntry('shortlisted');
		expect(await saveProtocol(t.db, shortlisted, valid(), { userId: ids.lead }, 0)).toEqual({
			ok: true,
			version: 1
		});
	});

	it('once a report is transmitted, refuses removing or reordering indicators and steps, but lets texts change', async () => {
		const entryId = await newEntry();
		await saveProtocol(t.db, entryId, valid(), { userId: ids.lead }, 0);
		const { id: siteId } = await t.db
			.insertInto('trial_sites')
			.values({
				entry_id: entryId,
				name: 'École Jules Ferry',
				status: 'accepted',
				contact_user_id: ids.contact
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('trial_reports')
			.values({ site_id: siteId, status: 'submitted', fidelity: '["full","no"]' })
			.execute();
		const current = await protocolOf(t.db, entryId);
		const [a, b] = current.indicators.map((i) => ({
			id: String(i.id),
			name: i.name,
			unit: i.unit,
			direction: i.direction
		}));

		const removed = await saveProtocol(
			t.db,
			entryId,
			valid({ indicators: [a] }),
			{ userId: ids.lead },
			1
		);
		expect(removed).toMatchObject({
			ok: false,
			status: 409,
			why: 'locked',
			message: expect.stringMatching(/l’indicateur « Absences » ne peut plus être supprimé/)
		});
		expect(
			await saveProtocol(t.db, entryId, valid({ indicators: [b, a] }), { userId: ids.lead }, 1)
		).toMatchObject({ why: 'locked', message: expect.stringMatching(/réordonnés/) });
		expect(
			await saveProtocol(
				t.db,
				entryId,
				valid({ siteTasks: 'Former deux tuteurs' }),
				{ userId: ids.lead },
				1
			)
		).toMatchObject({
			why: 'locked',
			message: expect.stringMatching(/ne peuvent plus être supprimées/)
		});
		expect(
			await saveProtocol(
				t.db,
				entryId,
				valid({ siteTasks: 'Organiser deux séances par semaine\nFormer deux tuteurs' }),
				{ userId: ids.lead },
				1
			)
		).toMatchObject({ why: 'locked', message: expect.stringMatching(/réordonnées/) });
		expect(
			await saveProtocol(
				t.db,
				entryId,
				valid({ indicators: [a, { ...b, direction: 'increase' }] }),
				{ userId: ids.lead },
				1
			)
		).toMatchObject({ why: 'locked', message: expect.stringMatching(/ne peut plus changer/) });
		expect((await protocolOf(t.db, entryId)).version).toBe(1);

		// Rewording, a longer duration, a step and an indicator added at the end: fine.
		const changed = await saveProtocol(
			t.db,
			entryId,
			valid({
				objectives: 'Objectifs précisés.',
				durationWeeks: '10',
				siteTasks:
					'Former deux tuteurs volontaires\nOrganiser deux séances par semaine\nFaire un bilan',
				indicators: [
					{ ...a, name: 'Lecteurs fluides (CE1)' },
					b,
					{ id: '', name: 'Satisfaction des familles', unit: '/5', direction: 'increase' }
				]
			}),
			{ userId: ids.lead },
			1
		);
		expect(changed).toEqual({ ok: true, version: 2 });
		const after = await protocolOf(t.db, entryId);
		expect(after.steps).toHaveLength(3);
		expect(after.indicators.map((i) => i.name)).toEqual([
			'Lecteurs fluides (CE1)',
			'Absences',
			'Satisfaction des familles'
		]);
	});
});
