// The trial sites' reports (src/lib/server/db/trial-reports.ts, src/lib/server/trial/report-form.ts)
// and the reminders before the due date (src/lib/server/trial/reminders.ts): drafts, the refusal of
// an incomplete or stale report, the transmission logged and told to the team, read-only afterwards;
// only the site's contact files it; attachments checked like a candidature's (5 per report); one
// reminder within 7 days of the due date, none after transmission, none twice within 6 days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocolOf, saveProtocol } from '../../src/lib/server/db/trial-protocols';
import {
	addReportAttachments,
	findReportAttachment,
	listReportAttachments,
	removeReportAttachment,
	reportOf,
	saveReport,
	submitReport
} from '../../src/lib/server/db/trial-reports';
import { sitesOfContact } from '../../src/lib/server/db/trial-sites';
import { checkProtocol } from '../../src/lib/server/trial/protocol-form';
import { runMaintenance } from '../../src/lib/server/maintenance';
import { remindTrialSites } from '../../src/lib/server/trial/reminders';
import {
	checkReportDraft,
	parseDecimal,
	readReportForm,
	type ReportInput
} from '../../src/lib/server/trial/report-form';
import { entityEvents } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ORIGIN = 'https://prix.example.fr';
const DAY = 24 * 60 * 60 * 1000;
/** The end of the trial in the tests' edition, and a fixed « now » four days before. */
const DUE = new Date('2027-03-15T17:00:00Z');
const NOW = new Date(DUE.getTime() - 4 * DAY);

let t: TestDatabase;
const ids = { lead: 0, member: 0, contact: 0, contact2: 0, other: 0 };
let editionId: number;

beforeAll(async () => {
	t = await createTestDatabase();
	for (const key of Object.keys(ids) as (keyof typeof ids)[])
		ids[key] = (
			await t.db
				.insertInto('users')
				.values({ email: `${key}@ac-lyon.fr`, name: `Personne ${key}`, password_hash: 'x' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	editionId = (
		await t.db
			.insertInto('editions')
			.values({ year: 2071, title: 'Prix Impulsions 2071', phase: 'trial', trial_ends_at: DUE })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
});

afterAll(async () => {
	await t?.close();
});

/** An innovation in trial with its protocol (2 indicators, 2 steps) and an accepted site. */
async function trial(
	options: { status?: 'accepted' | 'volunteer' | 'declined'; edition?: number } = {}
) {
	const { id: entryId } = await t.db
		.insertInto('entries')
		.values({
			edition_id: options.edition ?? editionId,
			title: 'Tutorat entre pairs',
			state: 'inTrial'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('entry_members')
		.values([
			{ entry_id: entryId, user_id: ids.lead, role: 'lead' },
			{ entry_id: entryId, user_id: ids.member, role: 'member' }
		])
		.execute();
	const checked = checkProtocol({
		objectives: 'Réduire les retards de lecture.',
		durationWeeks: '8',
		siteTasks: 'Former deux tuteurs\nOrganiser deux séances par semaine',
		indicators: [
			{ id: '', name: 'Lecteurs fluides', unit: '%', direction: 'increase' },
			{ id: '', name: 'Absences', unit: 'demi-journées', direction: 'decrease' }
		]
	});
	if (!checked.ok) throw new Error('protocol');
	const saved = await saveProtocol(t.db, entryId, checked.values, { userId: ids.lead }, 0);
	if (!saved.ok) throw new Error(saved.message);
	const { id: siteId } = await t.db
		.insertInto('trial_sites')
		.values({
			entry_id: entryId,
			name: 'École Jules Ferry',
			uai: null,
			status: options.status ?? 'accepted',
			contact_user_id: ids.contact
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const indicators = (await protocolOf(t.db, entryId)).indicators.map((i) => i.id);
	return { entryId, siteId, indicators };
}

function complete(indicators: number[], overrides: Partial<ReportInput> = {}): ReportInput {
	return {
		values: {
			[indicators[0]]: { before: '42,5', after: '61' },
			[indicators[1]]: { before: '12', after: '9' }
		},
		fidelity: ['full', 'partial'],
		adaptations: 'Séances le midi plutôt que le soir.',
		satisfaction: '4',
		willContinue: 'oui',
		continueReason: 'Les élèves tuteurs y tiennent.',
		comments: '',
		...overrides
	};
}

const pdf = (text = 'bilan') => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

describe('reading and checking the report form', () => {
	it('reads French decimals, with a comma or spaces as thousands separators', () => {
		expect(parseDecimal(' 12,5 ')).toBe(12.5);
		expect(parseDecimal('1 200')).toBe(1200);
		expect(parseDecimal('-0,25')).toBe(-0.25);
		expect(parseDecimal('3.5')).toBe(3.5);
		expect(parseDecimal('')).toBeNull();
		expect(parseDecimal('12 %')).toBeNaN();
		expect(parseDecimal('1,2,3')).toBeNaN();
	});

	it('reads the fields of the protocol from the form', () => {
		const form = new FormData();
		form.set('avant-7', '3,5');
		form.set('apres-7', '4');
		form.set('fidelite-0', 'full');
		form.set('satisfaction', '5');
		form.set('poursuite', 'non');
		form.set('raison_poursuite', 'Trop coûteux.\r\n');
		form.set('version', '3');
		const read = readReportForm(form, {
			indicators: [{ id: 7, name: 'X', unit: '' }],
			steps: ['Un', 'Deux']
		});
		expect(read).toEqual({
			version: 3,
			input: {
				values: { 7: { before: '3,5', after: '4' } },
				fidelity: ['full', ''],
				adaptations: '',
				satisfaction: '5',
				willContinue: 'non',
				continueReason: 'Trop coûteux.\n',
				comments: ''
			}
		});
	});

	it('answers a French message per field for a bad number, level, satisfaction or answer', () => {
		const checked = checkReportDraft(
			{
				values: { 1: { before: 'douze', after: '1e12' } },
				fidelity: ['souvent'],
				adaptations: '',
				satisfaction: '6',
				willContinue: 'peut-être',
				continueReason: '',
				comments: 'x'.repeat(3001)
			},
			{ indicators: [{ id: 1, name: 'X', unit: '' }], steps: ['Un'] }
		);
		expect(checked).toEqual({
			ok: false,
			errors: {
				'avant-1': 'Saisissez un nombre, par exemple 12 ou 12,5 (virgule décimale).',
				'apres-1': 'Saisissez un nombre, par exemple 12 ou 12,5 (virgule décimale).',
				'fidelite-0': 'Choisissez « fait », « en partie » ou « non ».',
				satisfaction: 'Choisissez une satisfaction de 1 à 5.',
				poursuite: 'Répondez par oui ou par non.',
				commentaires:
					'Le commentaire compte 3001 caractères : 3000 au plus. Raccourcissez le texte.'
			}
		});
	});
});

describe('filing a report', () => {
	it('saves a partial draft and reads it back aligned on the protocol', async () => {
		const { siteId, indicators } = await trial();
		const saved = await saveReport(
			t.db,
			siteId,
			complete(indicators, {
				values: { [indicators[0]]: { before: '42,5', after: '' } },
				fidelity: ['full', ''],
				satisfaction: '',
				willContinue: ''
			}),
			{ userId: ids.contact },
			0
		);
		expect(saved).toMatchObject({ ok: true, version: 1 });
		if (!saved.ok) return;
		expect(Object.keys(saved.missing).sort()).toEqual(
			[
				`apres-${indicators[0]}`,
				`avant-${indicators[1]}`,
				`apres-${indicators[1]}`,
				'fidelite-1',
				'satisfaction',
				'poursuite'
			].sort()
		);
		const report = await reportOf(t.db, siteId);
		expect(report).toMatchObject({
			report: { status: 'draft', version: 1 },
			values: {
				values: [
					{ indicatorId: indicators[0], before: 42.5, after: null },
					{ indicatorId: indicators[1], before: null, after: null }
				],
				fidelity: ['full', null],
				satisfaction: null,
				willContinue: null,
				adaptations: 'Séances le midi plutôt que le soir.'
			}
		});
		// A draft is not logged.
		expect((await entityEvents(t.db, 'entry', report!.site.entry_id)).map((e) => e.type)).toEqual([
			'SAVE_PROTOCOL'
		]);
	});

	it('refuses an invalid draft with a message per field and writes nothing', async () => {
		const { siteId, indicators } = await trial();
		const refused = await saveReport(
			t.db,
			siteId,
			complete(indicators, { values: { [indicators[0]]: { before: 'beaucoup', after: '1' } } }),
			{ userId: ids.contact },
			0
		);
		expect(refused).toMatchObject({
			ok: false,
			status: 400,
			why: 'invalid',
			errors: { [`avant-${indicators[0]}`]: expect.stringMatching(/Saisissez un nombre/) }
		});
		expect((await reportOf(t.db, siteId))?.report).toBeNull();
	});

	it('refuses an incomplete transmission, listing what is missing, and keeps the draft', async () => {
		const { siteId, indicators } = await trial();
		await saveReport(
			t.db,
			siteId,
			complete(indicators, { fidelity: ['full', ''], continueReason: '' }),
			{ userId: ids.contact },
			0
		);
		const refused = await submitReport(t.db, siteId, { userId: ids.contact }, 1, ORIGIN);
		expect(refused).toEqual({
			ok: false,
			status: 400,
			why: 'incomplete',
			message:
				'Le rapport est incomplet : 2 réponses manquent. Complétez les champs signalés avant de le transmettre.',
			errors: {
				'fidelite-1': 'Indiquez si l’étape 2 « Organiser deux séances par semaine » a été suivie.',
				raison_poursuite: 'Expliquez pourquoi le site poursuivra (ou non) l’innovation.'
			}
		});
		expect((await reportOf(t.db, siteId))?.report).toMatchObject({ status: 'draft', version: 1 });
	});

	it('transmits a complete report: logged, mailed to the team, read-only afterwards', async () => {
		const { entryId, siteId, indicators } = await trial();
		const { last } = await t.db
			.selectFrom('outbox')
			.select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('last'))
			.executeTakeFirstOrThrow();
		await saveReport(t.db, siteId, complete(indicators), { userId: ids.contact }, 0);
		const submitted = await submitReport(
			t.db,
			siteId,
			{ userId: ids.contact },
			1,
			ORIGIN,
			new Date('2027-03-10T10:00:00Z')
		);
		expect(submitted).toEqual({ ok: true, version: 2 });
		const report = await reportOf(t.db, siteId);
		expect(report).toMatchObject({
			report: { status: 'submitted', submittedAt: new Date('2027-03-10T10:00:00Z') },
			missing: {}
		});
		const events = await entityEvents(t.db, 'entry', entryId);
		expect(events.at(-1)).toMatchObject({
			type: 'SUBMIT_TRIAL_REPORT',
			from_state: 'inTrial',
			to_state: 'inTrial',
			actor_name: 'Personne contact',
			payload: { siteId, site: 'École Jules Ferry' }
		});
		const mails = await t.db
			.selectFrom('outbox')
			.select(['recipient', 'subject', 'body_text'])
			.where('id', '>', last)
			.orderBy('id')
			.execute();
		expect(mails.map((m) => m.recipient)).toEqual(['lead@ac-lyon.fr', 'member@ac-lyon.fr']);
		expect(mails[0].subject).toBe('Rapport d’essai transmis pour « Tutorat entre pairs »');
		expect(mails[0].body_text).toContain(`${ORIGIN}/equipe/${entryId}/essai/rapports/${siteId}`);

		// Read-only: no more saves, transmissions or attachments.
		const again = await saveReport(t.db, siteId, complete(indicators), { userId: ids.contact }, 2);
		expect(again).toMatchObject({
			ok: false,
			status: 409,
			why: 'refused',
			message: 'Le rapport d’essai est transmis : il ne peut plus être modifié.'
		});
		expect(await submitReport(t.db, siteId, { userId: ids.contact }, 2, ORIGIN)).toMatchObject({
			ok: false,
			why: 'refused'
		});
		expect(
			await addReportAttachments(t.db, siteId, { userId: ids.contact }, [
				{ name: 'bilan.pdf', bytes: pdf() }
			])
		).toMatchObject({ ok: false, why: 'refused' });
		expect((await reportOf(t.db, siteId))?.report?.version).toBe(2);
	});

	it('lets only the contact of an accepted site file it; others get a 404, a site not accepted the reason', async () => {
		const { siteId, indicators } = await trial();
		for (const userId of [ids.lead, ids.member, ids.other])
			expect(await saveReport(t.db, siteId, complete(indicators), { userId }, 0)).toMatchObject({
				ok: false,
				status: 404,
				why: 'notFound'
			});
		expect(
			await saveReport(t.db, 999_999, complete(indicators), { userId: ids.contact }, 0)
		).toMatchObject({ ok: false, status: 404 });
		const volunteer = await trial({ status: 'volunteer' });
		expect(
			await saveReport(
				t.db,
				volunteer.siteId,
				complete(volunteer.indicators),
				{ userId: ids.contact },
				0
			)
		).toMatchObject({
			ok: false,
			status: 403,
			message: expect.stringMatching(/pas encore accepté ce site/)
		});
		const declined = await trial({ status: 'declined' });
		expect(
			await saveReport(
				t.db,
				declined.siteId,
				complete(declined.indicators),
				{ userId: ids.contact },
				0
			)
		).toMatchObject({ ok: false, status: 403, message: expect.stringMatching(/décliné/) });
		expect((await reportOf(t.db, siteId))?.report).toBeNull();
	});

	it('refuses a report when the candidature is not in trial any more', async () => {
		const { entryId, siteId, indicators } = await trial();
		// Moved on by hand, with its event, to keep the log and the state in step.
		await t.db
			.updateTable('entries')
			.set({ state: 'finalist' })
			.where('id', '=', entryId)
			.execute();
		expect(
			await saveReport(t.db, siteId, complete(indicators), { userId: ids.contact }, 0)
		).toMatchObject({
			ok: false,
			status: 409,
			message:
				'L’essai de cette innovation n’est pas en cours : le rapport ne peut pas être rédigé.'
		});
		await t.db.updateTable('entries').set({ state: 'inTrial' }).where('id', '=', entryId).execute();
	});

	it('of two saves at once from the same version, keeps one whole and refuses the other as stale', async () => {
		const { siteId, indicators } = await trial();
		await saveReport(t.db, siteId, complete(indicators), { userId: ids.contact }, 0);
		const a = complete(indicators, {
			values: {
				[indicators[0]]: { before: '1', after: '2' },
				[indicators[1]]: { before: '3', after: '4' }
			},
			adaptations: 'Version A'
		});
		const b = complete(indicators, {
			values: {
				[indicators[0]]: { before: '10', after: '20' },
				[indicators[1]]: { before: '30', after: '40' }
			},
			adaptations: 'Version B'
		});
		const results = await Promise.all([
			saveReport(t.db, siteId, a, { userId: ids.contact }, 1),
			saveReport(t.db, siteId, b, { userId: ids.contact }, 1)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toMatchObject({
			status: 409,
			why: 'version',
			message: expect.stringMatching(/enregistré entre-temps/)
		});
		const report = await reportOf(t.db, siteId);
		expect(report?.report?.version).toBe(2);
		const winner = report?.values.adaptations === 'Version A' ? [1, 2, 3, 4] : [10, 20, 30, 40];
		expect(report?.values.values.flatMap((v) => [v.before, v.after])).toEqual(winner);
	});

	it('lists the sites of a contact with their report status and due date', async () => {
		const { siteId } = await trial();
		const sites = await sitesOfContact(t.db, ids.contact);
		expect(sites.find((s) => s.id === siteId)).toMatchObject({
			name: 'École Jules Ferry',
			status: 'accepted',
			entry_title: 'Tutorat entre pairs',
			trial_ends_at: DUE,
			report_status: 'none'
		});
		expect(await sitesOfContact(t.db, ids.other)).toEqual([]);
	});
});

describe('attachments of a report', () => {
	it('stores an accepted file, refuses a bad type, an empty file, an oversized one and a sixth', async () => {
		const { siteId } = await trial();
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		const big = new Uint8Array(10 * 1024 * 1024 + 1);
		big.set(pdf());
		const first = await addReportAttachments(t.db, siteId, { userId: ids.contact }, [
			{ name: 'Bilan.pdf', bytes: pdf() },
			{ name: 'photo.png', bytes: png },
			{ name: 'script.pdf', bytes: new TextEncoder().encode('#!/bin/sh\necho') },
			{ name: 'vide.pdf', bytes: new Uint8Array() },
			{ name: 'énorme.pdf', bytes: big }
		]);
		expect(first).toMatchObject({
			ok: true,
			added: ['Bilan.pdf', 'photo.png'],
			refused: [
				{ name: 'script.pdf', message: expect.stringMatching(/n’est pas d’un type accepté/) },
				{ name: 'vide.pdf', message: 'Le fichier « vide.pdf » est vide.' },
				{ name: 'énorme.pdf', message: expect.stringMatching(/dépasse 10 Mo/) }
			]
		});
		const more = await addReportAttachments(
			t.db,
			siteId,
			{ userId: ids.contact },
			Array.from({ length: 4 }, (_, k) => ({ name: `annexe-${k}.pdf`, bytes: pdf(`annexe ${k}`) }))
		);
		expect(more).toMatchObject({
			ok: true,
			added: ['annexe-0.pdf', 'annexe-1.pdf', 'annexe-2.pdf'],
			refused: [
				{
					name: 'annexe-3.pdf',
					message:
						'Un rapport d’essai compte au plus 5 pièces jointes : retirez-en une avant d’en ajouter.'
				}
			]
		});
		const list = await listReportAttachments(t.db, siteId);
		expect(list).toHaveLength(5);
		const piece = await findReportAttachment(t.db, siteId, list[1].id);
		expect(piece).toMatchObject({ file_name: 'photo.png', mime: 'image/png', size: png.length });
		expect(await findReportAttachment(t.db, siteId + 1, list[1].id)).toBeUndefined();
	});

	it('lets the contact remove an attachment while the report is a draft, and no one else', async () => {
		const { siteId } = await trial();
		await addReportAttachments(t.db, siteId, { userId: ids.contact }, [
			{ name: 'bilan.pdf', bytes: pdf() }
		]);
		const [piece] = await listReportAttachments(t.db, siteId);
		expect(
			await removeReportAttachment(t.db, siteId, { userId: ids.lead }, piece.id)
		).toMatchObject({ ok: false, status: 404 });
		expect(
			await addReportAttachments(t.db, siteId, { userId: ids.other }, [
				{ name: 'x.pdf', bytes: pdf() }
			])
		).toMatchObject({ ok: false, status: 404 });
		expect(await removeReportAttachment(t.db, siteId, { userId: ids.contact }, piece.id)).toEqual({
			ok: true,
			fileName: 'bilan.pdf'
		});
		expect(
			await removeReportAttachment(t.db, siteId, { userId: ids.contact }, piece.id)
		).toMatchObject({ ok: false, status: 404 });
	});
});

describe('reminders before the due date', () => {
	async function outboxCount() {
		return Number(
			(
				await t.db
					.selectFrom('outbox')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	}

	it('reminds each accepted site without a transmitted report once within 7 days of the due date, not twice', async () => {
		const { id: edition } = await t.db
			.insertInto('editions')
			.values({ year: 2072, title: 'Prix Impulsions 2072', phase: 'trial', trial_ends_at: DUE })
			.returning('id')
			.executeTakeFirstOrThrow();
		const pending = await trial({ edition });
		const drafted = await trial({ edition });
		await saveReport(
			t.db,
			drafted.siteId,
			complete(drafted.indicators, { satisfaction: '' }),
			{ userId: ids.contact },
			0
		);
		const done = await trial({ edition });
		await saveReport(t.db, done.siteId, complete(done.indicators), { userId: ids.contact }, 0);
		await submitReport(t.db, done.siteId, { userId: ids.contact }, 1, ORIGIN);
		const volunteer = await trial({ edition, status: 'volunteer' });
		await t.db
			.updateTable('trial_sites')
			.set({
				contact_user_id: ids.contact2,
				contact_email: 'direction@ecole.fr',
				contact_name: 'Mme Martin'
			})
			.where('id', '=', pending.siteId)
			.execute();

		// Eight days before: too early.
		expect(
			await remindTrialSites(t.db, {
				now: new Date(DUE.getTime() - 8 * DAY),
				origin: ORIGIN,
				editionId: edition
			})
		).toBe(0);

		const before = await outboxCount();
		expect(await remindTrialSites(t.db, { now: NOW, origin: ORIGIN, editionId: edition })).toBe(2);
		expect(await outboxCount()).toBe(before + 2);
		const mails = await t.db
			.selectFrom('outbox')
			.select(['recipient', 'subject', 'body_text'])
			.orderBy('id', 'desc')
			.limit(2)
			.execute();
		const toPending = mails.find((m) => m.recipient === 'direction@ecole.fr');
		expect(toPending?.subject).toBe('Rapport d’essai à transmettre avant le lundi 15 mars 2027');
		expect(toPending?.body_text).toContain('Bonjour Mme Martin,');
		expect(toPending?.body_text).toContain(`${ORIGIN}/essai/${pending.siteId}`);
		expect(toPending?.body_text).toContain('Il n’a pas encore été commencé.');
		const toDrafted = mails.find((m) => m.recipient === 'contact@ac-lyon.fr');
		expect(toDrafted?.body_text).toContain('Votre brouillon est enregistré');
		expect(toDrafted?.body_text).toContain(`${ORIGIN}/essai/${drafted.siteId}`);

		const reminded = await t.db
			.selectFrom('trial_sites')
			.select(['id', 'reminded_at'])
			.where('id', 'in', [pending.siteId, drafted.siteId, done.siteId, volunteer.siteId])
			.orderBy('id')
			.execute();
		expect(reminded.map((r) => r.reminded_at)).toEqual([NOW, NOW, null, null]);

		// Not again the next hours, nor five days later; the day after the due date, no more.
		expect(
			await remindTrialSites(t.db, {
				now: new Date(NOW.getTime() + 3_600_000),
				origin: ORIGIN,
				editionId: edition
			})
		).toBe(0);
		expect(
			await remindTrialSites(t.db, {
				now: new Date(NOW.getTime() + 3 * DAY),
				origin: ORIGIN,
				editionId: edition
			})
		).toBe(0);
		expect(
			await remindTrialSites(t.db, {
				now: new Date(DUE.getTime() + DAY),
				origin: ORIGIN,
				editionId: edition
			})
		).toBe(0);
		expect(await outboxCount()).toBe(before + 2);
	});

	it('reminds again six days later when the due date is still ahead, and never twice at once', async () => {
		const due = new Date('2027-06-30T17:00:00Z');
		const { id: edition } = await t.db
			.insertInto('editions')
			.values({ year: 2073, title: 'Prix Impulsions 2073', phase: 'trial', trial_ends_at: due })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { siteId } = await trial({ edition });
		const first = new Date(due.getTime() - 7 * DAY + 60_000);
		const runs = await Promise.all([
			remindTrialSites(t.db, { now: first, origin: ORIGIN, editionId: edition }),
			remindTrialSites(t.db, { now: first, origin: ORIGIN, editionId: edition })
		]);
		expect(runs.sort()).toEqual([0, 1]);
		expect(
			await remindTrialSites(t.db, {
				now: new Date(first.getTime() + 6 * DAY),
				origin: () => ORIGIN,
				editionId: edition
			})
		).toBe(1);
		const site = await t.db
			.selectFrom('trial_sites')
			.select('reminded_at')
			.where('id', '=', siteId)
			.executeTakeFirstOrThrow();
		expect(site.reminded_at).toEqual(new Date(first.getTime() + 6 * DAY));
	});

	it('goes out with the server’s hourly maintenance, without anyone clicking', async () => {
		const due = new Date('2027-09-30T17:00:00Z');
		const { id: edition } = await t.db
			.insertInto('editions')
			.values({ year: 2074, title: 'Prix Impulsions 2074', phase: 'trial', trial_ends_at: due })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { siteId } = await trial({ edition });
		await runMaintenance(t.db, new Date(due.getTime() - 2 * DAY), ORIGIN);
		const mail = await t.db
			.selectFrom('outbox')
			.select(['subject', 'body_text'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(mail.subject).toBe('Rapport d’essai à transmettre avant le jeudi 30 septembre 2027');
		expect(mail.body_text).toContain(`${ORIGIN}/essai/${siteId}`);
	});
});
