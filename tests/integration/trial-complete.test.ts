// The end of a trial (COMPLETE_TRIAL through advanceEntry): at least the edition's minimum of reports
// submitted by accepted sites, or an organiser's override whose reason is logged with the count; the
// organisers' batch start of trials; and the trial overview's queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editionTrialOverview, entryTrialSites } from '../../src/lib/server/db/trial-admin';
import { findTrialEntry } from '../../src/lib/server/db/trial-sites';
import { completeTrial, readCompleteTrialForm } from '../../src/lib/server/trial/complete-trial';
import { startTrials } from '../../src/lib/server/trial/start-trials';
import { advanceEntry, submittedTrialReports } from '../../src/lib/server/workflow/advance';
import { entityEvents } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let organiser: number;
let lead: number;
let year = 2300;

beforeAll(async () => {
	t = await createTestDatabase();
	[organiser, lead] = (
		await t.db
			.insertInto('users')
			.values([
				{ email: 'orga@education.gouv.fr', name: 'Orga', password_hash: 'x', is_organiser: true },
				{ email: 'porteur@ac-lyon.fr', name: 'Porteur', password_hash: 'x' }
			])
			.returning('id')
			.execute()
	).map((u) => u.id);
});

afterAll(async () => {
	await t?.close(); // checks the workflow's invariants first
});

async function edition(options: { minReports?: number; phase?: string } = {}) {
	return (
		await t.db
			.insertInto('editions')
			.values({
				year: year++,
				title: 'Édition en essai',
				phase: options.phase ?? 'trial',
				min_trial_reports: options.minReports ?? 2
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}

async function entry(editionId: number, title = 'Classe dehors', state = 'inTrial') {
	const { id } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, title, state, uai: '0690001B', academie: 'Lyon' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('entry_members')
		.values({ entry_id: id, user_id: lead, role: 'lead' })
		.execute();
	return id;
}

let uaiSeq = 100;
/** A site of the candidature, with its report when one is given. */
async function site(
	entryId: number,
	status: 'volunteer' | 'accepted' | 'declined',
	report: 'draft' | 'submitted' | null = null,
	fields: { academie?: string; created_at?: Date } = {}
) {
	const { id } = await t.db
		.insertInto('trial_sites')
		.values({
			entry_id: entryId,
			name: `Site ${uaiSeq}`,
			uai: `0380${String(uaiSeq++).padStart(3, '0')}X`,
			academie: fields.academie ?? 'Grenoble',
			kind: 'college',
			area: 'rural',
			status,
			created_at: fields.created_at ?? new Date('2027-03-01T10:00:00Z')
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	if (report)
		await t.db
			.insertInto('trial_reports')
			.values({
				site_id: id,
				status: report,
				updated_at: new Date(),
				submitted_at: report === 'submitted' ? new Date() : null
			})
			.execute();
	return id;
}

async function stateOf(id: number) {
	return (
		await t.db.selectFrom('entries').select('state').where('id', '=', id).executeTakeFirstOrThrow()
	).state;
}

const complete = (id: number, override?: string) =>
	advanceEntry(t.db, id, { type: 'COMPLETE_TRIAL', override }, { userId: organiser });

describe('completing a trial needs enough reports', () => {
	it('refuses with no report, in French, and changes nothing', async () => {
		const id = await entry(await edition());
		expect(await complete(id)).toEqual({
			ok: false,
			status: 409,
			reason:
				'La phase d’essai ne compte aucun rapport transmis ; il en faut au moins 2, ou une dérogation motivée.'
		});
		expect(await stateOf(id)).toBe('inTrial');
		expect(await entityEvents(t.db, 'entry', id)).toHaveLength(0);
	});

	it('counts only the submitted reports of accepted sites', async () => {
		const id = await entry(await edition());
		await site(id, 'accepted', 'submitted');
		await site(id, 'accepted', 'draft');
		await site(id, 'accepted');
		await site(id, 'declined', 'submitted');
		await site(id, 'volunteer', 'submitted');
		expect(await submittedTrialReports(t.db, id)).toBe(1);
		expect(await complete(id)).toMatchObject({
			ok: false,
			status: 409,
			reason:
				'La phase d’essai ne compte que 1 rapport transmis ; il en faut au moins 2, ou une dérogation motivée.'
		});
	});

	it('says « rapports » in the plural', async () => {
		const id = await entry(await edition({ minReports: 4 }));
		for (let i = 0; i < 3; i++) await site(id, 'accepted', 'submitted');
		expect(await complete(id)).toMatchObject({
			reason:
				'La phase d’essai ne compte que 3 rapports transmis ; il en faut au moins 4, ou une dérogation motivée.'
		});
	});

	it('completes the trial with the minimum of reports, without override in the log', async () => {
		const id = await entry(await edition());
		await site(id, 'accepted', 'submitted');
		await site(id, 'accepted', 'submitted');
		expect(await complete(id)).toMatchObject({ ok: true, from: 'inTrial', to: 'finalist' });
		const [event] = await entityEvents(t.db, 'entry', id);
		expect(event).toMatchObject({ type: 'COMPLETE_TRIAL', to_state: 'finalist' });
		expect(event.payload ?? {}).not.toHaveProperty('override');
	});

	it('completes the trial without report when the edition asks for none', async () => {
		const id = await entry(await edition({ minReports: 0 }));
		expect(await complete(id)).toMatchObject({ ok: true, to: 'finalist' });
	});

	it('ignores an override that is not needed', async () => {
		const id = await entry(await edition({ minReports: 1 }));
		await site(id, 'accepted', 'submitted');
		expect(await complete(id, 'Inutile.')).toMatchObject({ ok: true });
		const [event] = await entityEvents(t.db, 'entry', id);
		expect(event.payload ?? {}).not.toHaveProperty('override');
	});
});

describe('an organiser’s override', () => {
	it('completes the trial with fewer reports and logs the reason with the count', async () => {
		const id = await entry(await edition());
		await site(id, 'accepted', 'submitted');
		const result = await complete(
			id,
			'  Le second site a fermé après les inondations ; son bilan oral a été recueilli.  '
		);
		expect(result).toMatchObject({ ok: true, to: 'finalist' });
		const [event] = await entityEvents(t.db, 'entry', id);
		expect(event).toMatchObject({
			type: 'COMPLETE_TRIAL',
			actor_name: 'Orga',
			payload: {
				override: 'Le second site a fermé après les inondations ; son bilan oral a été recueilli.',
				reports: 1
			}
		});
	});

	it('keeps the count 0 in the log', async () => {
		const id = await entry(await edition());
		expect(await complete(id, 'Essai annulé par la crise sanitaire.')).toMatchObject({ ok: true });
		const [event] = await entityEvents(t.db, 'entry', id);
		expect(event.payload).toMatchObject({
			override: 'Essai annulé par la crise sanitaire.',
			reports: 0
		});
	});

	it('refuses a blank override', async () => {
		const id = await entry(await edition());
		expect(await complete(id, '   \n ')).toMatchObject({ ok: false, status: 409 });
		expect(await stateOf(id)).toBe('inTrial');
	});

	it('is for organisers only', async () => {
		const id = await entry(await edition());
		expect(
			await advanceEntry(t.db, id, { type: 'COMPLETE_TRIAL', override: 'Motif.' }, { userId: lead })
		).toMatchObject({
			ok: false,
			status: 409,
			reason: 'Seuls les organisateurs du prix peuvent terminer la phase d’essai de la candidature.'
		});
	});
});

describe('the « Terminer l’essai » form and action', () => {
	const form = (values: Record<string, string>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(values)) data.set(k, v);
		return data;
	};

	it('reads the candidature and the trimmed reason', () => {
		expect(readCompleteTrialForm(form({ candidature: '12', derogation: ' Motif.\r\n' }))).toEqual({
			ok: true,
			entryId: 12,
			override: 'Motif.',
			values: { entryId: 12, override: ' Motif.\n' }
		});
		expect(readCompleteTrialForm(form({ candidature: '12', derogation: '  ' }))).toMatchObject({
			ok: true,
			override: undefined
		});
	});

	it('answers in French for a missing candidature or a reason too long, keeping the text', () => {
		expect(readCompleteTrialForm(form({ derogation: 'x' }))).toEqual({
			ok: false,
			values: { entryId: null, override: 'x' },
			errors: { entry: 'Choisissez la candidature dont l’essai se termine.' }
		});
		expect(
			readCompleteTrialForm(form({ candidature: '3', derogation: 'x'.repeat(2001) }))
		).toMatchObject({
			ok: false,
			errors: { override: 'Le motif compte 2001 caractères : 2000 au plus.' }
		});
	});

	it('refuses a candidature of another edition with a 404', async () => {
		const mine = await edition();
		const other = await entry(await edition(), 'Ailleurs');
		expect(await completeTrial(t.db, mine, other, 'Motif.', { userId: organiser })).toEqual({
			ok: false,
			status: 404,
			reason: 'Cette candidature n’existe pas dans cette édition.'
		});
		expect(await stateOf(other)).toBe('inTrial');
	});
});

describe('starting several trials at once', () => {
	it('starts each short-listed candidature and lists the refusals with their reason', async () => {
		const ed = await edition();
		const a = await entry(ed, 'Tutorat', 'shortlisted');
		const b = await entry(ed, 'Cantine', 'shortlisted');
		const c = await entry(ed, 'Déjà en essai', 'inTrial');
		const elsewhere = await entry(await edition(), 'Autre édition', 'shortlisted');
		const result = await startTrials(t.db, ed, [a, b, c, elsewhere, a], { userId: organiser });
		expect(result.done).toBe(2);
		expect(result.refused).toEqual([
			{
				id: c,
				title: 'Déjà en essai',
				reason:
					'La candidature est « En phase d’essai » : elle ne peut pas commencer une phase d’essai.'
			},
			{
				id: elsewhere,
				title: `n° ${elsewhere}`,
				reason: 'Cette candidature n’appartient pas à cette édition.'
			}
		]);
		expect([await stateOf(a), await stateOf(b), await stateOf(elsewhere)]).toEqual([
			'inTrial',
			'inTrial',
			'shortlisted'
		]);
	});

	it('refuses outside the trial phase', async () => {
		const ed = await edition({ phase: 'preselection' });
		const a = await entry(ed, 'Trop tôt', 'shortlisted');
		const result = await startTrials(t.db, ed, [a], { userId: organiser });
		expect(result.done).toBe(0);
		expect(result.refused[0].reason).toMatch(
			/^Commencer la phase d’essai .* est possible seulement/
		);
	});
});

describe('the organisers’ trial overview', () => {
	it('lists the trial’s candidatures with their sites, reports, capacity and académies', async () => {
		const ed = await edition();
		const started = await entry(ed, 'B — en essai', 'inTrial');
		const waiting = await entry(ed, 'A — à commencer', 'shortlisted');
		const done = await entry(ed, 'C — finaliste', 'finalist');
		await entry(ed, 'Hors essai', 'eligible');
		await t.db
			.insertInto('trial_protocols')
			.values({ entry_id: started, capacity: 5, updated_at: new Date() })
			.execute();
		await site(started, 'accepted', 'submitted', { academie: 'Rennes' });
		await site(started, 'accepted', 'draft', { academie: 'Créteil' });
		await site(started, 'accepted', null, { academie: 'Rennes' });
		await site(started, 'volunteer', null);
		await site(started, 'volunteer', null);
		await site(started, 'declined', 'submitted');

		const overview = await editionTrialOverview(t.db, ed, { limit: 10, offset: 0 });
		expect(overview.counts).toEqual({ shortlisted: 1, inTrial: 1, finalist: 1 });
		expect(overview.total).toBe(3);
		expect(overview.entries.map((e) => e.id)).toEqual([waiting, started, done]);
		expect(overview.entries[1]).toMatchObject({
			title: 'B — en essai',
			state: 'inTrial',
			academie: 'Lyon',
			capacity: 5,
			volunteers: 2,
			accepted: 3,
			declined: 1,
			reports: 1,
			academies: ['Créteil', 'Rennes']
		});
		expect(overview.entries[0]).toMatchObject({
			capacity: 3,
			volunteers: 0,
			accepted: 0,
			declined: 0,
			reports: 0,
			academies: []
		});

		const second = await editionTrialOverview(t.db, ed, { limit: 2, offset: 2 });
		expect(second.entries.map((e) => e.id)).toEqual([done]);
		expect(second.total).toBe(3);
	});

	it('gives one candidature’s sites, accepted first, with their report status', async () => {
		const ed = await edition();
		const id = await entry(ed);
		const volunteer = await site(id, 'volunteer', null, {
			created_at: new Date('2027-03-01T08:00:00Z')
		});
		const declined = await site(id, 'declined', null, {
			created_at: new Date('2027-02-01T08:00:00Z')
		});
		const accepted = await site(id, 'accepted', 'submitted', {
			created_at: new Date('2027-03-05T08:00:00Z')
		});
		const sites = await entryTrialSites(t.db, id);
		expect(sites.map((s) => [s.id, s.status, s.report_status])).toEqual([
			[accepted, 'accepted', 'submitted'],
			[volunteer, 'volunteer', null],
			[declined, 'declined', null]
		]);
		expect(await findTrialEntry(t.db, id)).toMatchObject({
			id,
			edition_id: ed,
			uai: '0690001B',
			academie: 'Lyon',
			capacity: 3,
			min_trial_reports: 2,
			edition_phase: 'trial'
		});
		expect(await findTrialEntry(t.db, 999_999)).toBeUndefined();
	});
});
