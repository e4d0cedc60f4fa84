// Trial sites (src/lib/server/db/trial-sites.ts, inviteTrialSite in auth/invitations.ts): schools and
// services volunteer or are invited to try a short-listed innovation; its team accepts or declines
// them up to its capacity. Every change is logged in the candidature's history, mails go through the
// outbox, refusals answer in French with their status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation, inviteTrialSite } from '../../src/lib/server/auth/invitations';
import { whyNotDecideSite } from '../../src/lib/server/auth/permissions';
import { loadEntryAccess } from '../../src/lib/server/db/entry-access';
import {
	acceptedSiteInvitation,
	capacityReachedMessage,
	countSites,
	decideSite,
	findSite,
	findTrialEntry,
	listOpenTrials,
	listSites,
	pendingSiteInvitations,
	setCapacity,
	siteCounts,
	sitesOfContact,
	volunteerSite
} from '../../src/lib/server/db/trial-sites';
import type { VolunteerValues } from '../../src/lib/server/trial/volunteer-form';
import { entityEvents } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { completeDossier } from '../helpers/dossier';

const ORIGIN = 'http://localhost:3000';
let t: TestDatabase;
let trialEdition: number;
let preselectionEdition: number;
const users: Record<string, { id: number; name: string; email: string }> = {};

/** Valid UAI codes of various académies (the team's own is 0951099D, Versailles). */
const UAI = {
	paris: '0750001U',
	lyon: '0690001B',
	marseille: '0130001F',
	toulouse: '0310001H',
	lille: '0590001F',
	bordeaux: '0330001X',
	strasbourg: '0670001M',
	nantes: '0440001M',
	rennes: '0350001L'
};

const application = (uai: string, overrides: Partial<VolunteerValues> = {}): VolunteerValues => ({
	name: `Collège ${uai}`,
	uai,
	kind: 'college',
	priorityEducation: 'oui',
	area: 'urbain',
	size: '450',
	contactName: '',
	contactEmail: '',
	motivation: 'Nos élèves de 6e en ont besoin.',
	headAgreement: true,
	...overrides
});

async function newUser(key: string, organiser = false) {
	const email = `${key.toLowerCase()}@ac-test.fr`;
	const row = await t.db
		.insertInto('users')
		.values({ email, name: `Personne ${key}`, password_hash: 'x', is_organiser: organiser })
		.returning(['id', 'name', 'email'])
		.executeTakeFirstOrThrow();
	users[key] = row;
	return row;
}

/** A candidature of `editionId` in `state`, its dossier complete (UAI 0951099D, consent given). */
async function newEntry(
	editionId: number,
	title: string,
	state = 'shortlisted',
	options: { consent?: boolean; lead?: string; member?: string } = {}
) {
	const { id } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, title, state })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('entry_members')
		.values([
			{ entry_id: id, user_id: users[options.lead ?? 'lead'].id, role: 'lead' },
			...(options.member
				? [{ entry_id: id, user_id: users[options.member].id, role: 'member' as const }]
				: [])
		])
		.execute();
	await completeDossier(t.db, id);
	if (options.consent === false)
		await t.db
			.updateTable('entries')
			.set({ publication_consent: false })
			.where('id', '=', id)
			.execute();
	return id;
}

const volunteer = (entryId: number, who: string, uai: string, overrides = {}) =>
	volunteerSite(t.db, entryId, users[who], application(uai, overrides), { linkOrigin: ORIGIN });

async function siteOf(entryId: number, who: string, uai: string) {
	const result = await volunteer(entryId, who, uai);
	if (!result.ok) throw new Error(result.message);
	return result.siteId;
}

const mailsTo = (email: string) =>
	t.db.selectFrom('outbox').selectAll().where('recipient', '=', email).orderBy('id').execute();

const notes = async (entryId: number) =>
	(await entityEvents(t.db, 'entry', entryId)).map((e) => e.type);

beforeAll(async () => {
	t = await createTestDatabase();
	for (const key of ['lead', 'member', 'otherLead', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8'])
		await newUser(key);
	await newUser('organiser', true);
	[trialEdition, preselectionEdition] = (
		await t.db
			.insertInto('editions')
			.values([
				{ year: 2071, title: 'Prix Impulsions 2071', phase: 'trial' },
				{ year: 2072, title: 'Prix Impulsions 2072', phase: 'preselection' }
			])
			.returning('id')
			.execute()
	).map((e) => e.id);
});

afterAll(async () => {
	await t?.close();
});

describe('volunteering', () => {
	it('stores the application with the académie from its UAI, logs it and mails the team', async () => {
		const entry = await newEntry(trialEdition, 'Tutorat entre pairs', 'shortlisted', {
			member: 'member'
		});
		const result = await volunteer(entry, 'v1', UAI.lyon, { priorityEducation: 'non' });
		expect(result).toMatchObject({ ok: true });
		if (!result.ok) return;
		const site = await findSite(t.db, result.siteId);
		expect(site).toMatchObject({
			entry_id: entry,
			entry_title: 'Tutorat entre pairs',
			name: `Collège ${UAI.lyon}`,
			uai: UAI.lyon,
			academie: 'Lyon',
			kind: 'college',
			priority_education: false,
			area: 'urbain',
			size: 450,
			contact_user_id: users.v1.id,
			contact_name: users.v1.name,
			contact_email: users.v1.email,
			head_agreement: true,
			origin: 'volunteer',
			status: 'volunteer',
			report_status: 'none'
		});
		const events = await entityEvents(t.db, 'entry', entry);
		expect(events.at(-1)).toMatchObject({
			type: 'VOLUNTEER_SITE',
			actor_id: users.v1.id,
			from_state: 'shortlisted',
			to_state: 'shortlisted',
			payload: { siteId: result.siteId, academie: 'Lyon', origin: 'volunteer' }
		});
		for (const member of ['lead', 'member']) {
			const mail = (await mailsTo(users[member].email)).at(-1);
			expect(mail?.subject).toBe('Un site souhaite essayer « Tutorat entre pairs »');
			expect(mail?.body_text).toContain(`${ORIGIN}/equipe/${entry}/essai`);
			expect(mail?.body_text).toContain('(académie de Lyon)');
		}
		expect(await sitesOfContact(t.db, users.v1.id)).toEqual([
			expect.objectContaining({
				id: result.siteId,
				entry_id: entry,
				entry_title: 'Tutorat entre pairs',
				status: 'volunteer',
				phase: 'trial',
				report_status: 'none'
			})
		]);
	});

	it('comes back with a French message per field for an incomplete form, storing nothing', async () => {
		const entry = await newEntry(trialEdition, 'Formulaire incomplet');
		const result = await volunteer(entry, 'v1', '0690001A', {
			motivation: '',
			headAgreement: false
		});
		expect(result).toMatchObject({
			ok: false,
			status: 400,
			errors: {
				uai: expect.stringContaining('lettre finale'),
				motivation: expect.any(String),
				headAgreement: expect.any(String)
			}
		});
		expect(await countSites(t.db, entry)).toBe(0);
	});

	it('is refused outside the trial phase and for a candidature not short-listed', async () => {
		const early = await newEntry(preselectionEdition, 'Trop tôt', 'shortlisted');
		expect(await volunteer(early, 'v1', UAI.paris)).toEqual({
			ok: false,
			status: 409,
			message:
				'L’édition n’est pas en phase d’essai : les sites d’essai ne peuvent pas être choisis maintenant.'
		});
		const finalist = await newEntry(trialEdition, 'Déjà finaliste', 'finalist');
		expect(await volunteer(finalist, 'v1', UAI.paris)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringContaining('n’est pas ouverte à l’essai')
		});
		const inTrial = await newEntry(trialEdition, 'En essai', 'inTrial');
		expect(await volunteer(inTrial, 'v1', UAI.paris)).toMatchObject({ ok: true });
		expect(await notes(early)).toEqual([]);
	});

	it('refuses the team’s own établissement and a second application of the same UAI', async () => {
		const entry = await newEntry(trialEdition, 'Cahier de liaison numérique');
		const own = await volunteer(entry, 'v2', '0951099D');
		expect(own).toMatchObject({
			ok: false,
			status: 409,
			errors: { uai: expect.stringContaining('celui de l’établissement de l’équipe') }
		});
		expect(await volunteer(entry, 'v2', UAI.marseille)).toMatchObject({ ok: true });
		const twice = await volunteer(entry, 'v3', ` ${UAI.marseille.toLowerCase()} `);
		expect(twice).toMatchObject({
			ok: false,
			status: 409,
			message: `L’établissement ${UAI.marseille} a déjà proposé sa candidature pour essayer cette innovation : une seule candidature par établissement.`,
			errors: { uai: expect.any(String) }
		});
		expect(await countSites(t.db, entry)).toBe(1);
	});

	it('refuses the innovation’s own team members', async () => {
		const entry = await newEntry(trialEdition, 'Par son équipe', 'shortlisted', {
			member: 'member'
		});
		expect(await volunteer(entry, 'member', UAI.paris)).toMatchObject({
			ok: false,
			status: 403,
			message: expect.stringContaining('Vous faites partie de l’équipe')
		});
	});

	it('needs the team’s consent to publication publicly, but not for an invited site', async () => {
		const entry = await newEntry(trialEdition, 'Discrète', 'shortlisted', { consent: false });
		expect(await volunteer(entry, 'v4', UAI.toulouse)).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringContaining('n’est pas présentée au public')
		});
		// Invited without having accepted an invitation: refused.
		expect(
			await volunteerSite(t.db, entry, users.v4, application(UAI.toulouse), { origin: 'invited' })
		).toMatchObject({ ok: false, status: 403 });

		expect(
			await inviteTrialSite(t.db, {
				entryId: entry,
				email: users.v4.email,
				invitedBy: users.lead,
				origin: ORIGIN
			})
		).toEqual({ ok: true, email: users.v4.email });
		const mail = (await mailsTo(users.v4.email)).at(-1)!;
		const token = mail.body_text.match(/\/invitation\/(\S+)/)![1];
		expect(await acceptInvitation(t.db, token, users.v4.id)).toEqual({ ok: true, role: 'site' });
		expect(await acceptedSiteInvitation(t.db, users.v4.id, entry)).toMatchObject({
			email: users.v4.email,
			unused: true
		});
		const invited = await volunteerSite(t.db, entry, users.v4, application(UAI.toulouse), {
			origin: 'invited'
		});
		expect(invited).toMatchObject({ ok: true });
		if (!invited.ok) return;
		expect(await findSite(t.db, invited.siteId)).toMatchObject({ origin: 'invited' });
		// One invitation, one site.
		expect(await acceptedSiteInvitation(t.db, users.v4.id, entry)).toMatchObject({
			unused: false
		});
		expect(
			await volunteerSite(t.db, entry, users.v4, application(UAI.lille), { origin: 'invited' })
		).toMatchObject({ ok: false, status: 409 });
		expect(await notes(entry)).toEqual(['INVITE_SITE', 'VOLUNTEER_SITE']);
	});
});

describe('the public list of innovations open to trial', () => {
	it('lists the short-listed or in-trial innovations with consent of editions in trial', async () => {
		const list = await listOpenTrials(t.db, { page: 1, pageSize: 100 });
		const titles = list.entries.map((e) => e.title);
		expect(titles).toContain('Tutorat entre pairs');
		expect(titles).toContain('En essai');
		expect(titles).not.toContain('Discrète');
		expect(titles).not.toContain('Trop tôt');
		expect(titles).not.toContain('Déjà finaliste');
		expect(list.total).toBe(list.entries.length);
		const paged = await listOpenTrials(t.db, { page: 2, pageSize: 2 });
		expect(paged).toMatchObject({ page: 2, pageSize: 2, total: list.total });
		expect(paged.entries).toHaveLength(2);
	});
});

describe('inviting a site', () => {
	it('creates a site invitation for the candidature, mails it and logs it', async () => {
		const entry = await newEntry(trialEdition, 'Invitations');
		const result = await inviteTrialSite(t.db, {
			entryId: entry,
			email: ' Directrice@Ecole-Test.fr ',
			invitedBy: users.organiser,
			origin: ORIGIN
		});
		expect(result).toEqual({ ok: true, email: 'directrice@ecole-test.fr' });
		const invitation = await t.db
			.selectFrom('invitations')
			.selectAll()
			.where('entry_id', '=', entry)
			.executeTakeFirstOrThrow();
		expect(invitation).toMatchObject({
			role: 'site',
			email: 'directrice@ecole-test.fr',
			invited_by: users.organiser.id,
			accepted_at: null
		});
		const [mail] = await mailsTo('directrice@ecole-test.fr');
		expect(mail.subject).toBe('Invitation à essayer une innovation du Prix Impulsions');
		expect(mail.body_text).toContain('« Invitations »');
		expect(mail.body_text).toContain(`${ORIGIN}/invitation/`);
		expect((await entityEvents(t.db, 'entry', entry)).at(-1)).toMatchObject({
			type: 'INVITE_SITE',
			actor_id: users.organiser.id,
			payload: { invitationId: invitation.id, by: 'organiser' }
		});
		expect(await pendingSiteInvitations(t.db, entry)).toEqual([
			expect.objectContaining({ email: 'directrice@ecole-test.fr' })
		]);
		// The same address twice while pending: refused on the field.
		expect(
			await inviteTrialSite(t.db, {
				entryId: entry,
				email: 'directrice@ecole-test.fr',
				invitedBy: users.lead,
				origin: ORIGIN
			})
		).toMatchObject({
			ok: false,
			status: 409,
			errors: { email: 'Une invitation est déjà en attente pour cette adresse.' }
		});
	});

	it('is refused to people outside the team, a bad address and outside the trial phase', async () => {
		const entry = await newEntry(trialEdition, 'Invitations refusées');
		const invite = (email: string, by: string, entryId = entry) =>
			inviteTrialSite(t.db, { entryId, email, invitedBy: users[by], origin: ORIGIN });
		expect(await invite('x@ecole.fr', 'otherLead')).toMatchObject({ ok: false, status: 403 });
		expect(await invite('pas-une-adresse', 'lead')).toMatchObject({
			ok: false,
			status: 400,
			errors: { email: expect.any(String) }
		});
		expect(await invite(users.lead.email, 'lead')).toMatchObject({ ok: false, status: 409 });
		const early = await newEntry(preselectionEdition, 'Invitation trop tôt');
		expect(await invite('x@ecole.fr', 'lead', early)).toMatchObject({ ok: false, status: 409 });
		expect(await invite('x@ecole.fr', 'lead', 999_999)).toMatchObject({
			ok: false,
			status: 404
		});
	});
});

describe('the team’s choice', () => {
	it('accepts and declines, logs each decision and mails the site’s contact', async () => {
		const entry = await newEntry(trialEdition, 'Choix des sites', 'shortlisted', {
			member: 'member'
		});
		const a = await siteOf(entry, 'v5', UAI.bordeaux);
		const b = await siteOf(entry, 'v6', UAI.strasbourg);
		expect(await decideSite(t.db, a, 'accept', { userId: users.member.id })).toEqual({
			ok: true,
			name: `Collège ${UAI.bordeaux}`,
			status: 'accepted'
		});
		expect(
			await decideSite(
				t.db,
				b,
				'decline',
				{ userId: users.lead.id },
				{ reason: '  Trop loin de nos besoins.  ', linkOrigin: ORIGIN }
			)
		).toMatchObject({ ok: true, status: 'declined' });
		expect(await findSite(t.db, a)).toMatchObject({
			status: 'accepted',
			decided_by: users.member.id
		});
		expect(await findSite(t.db, b)).toMatchObject({
			status: 'declined',
			decline_reason: 'Trop loin de nos besoins.'
		});
		expect((await mailsTo(users.v5.email)).at(-1)?.subject).toBe(
			'Votre site est retenu pour essayer « Choix des sites »'
		);
		const declined = (await mailsTo(users.v6.email)).at(-1)!;
		expect(declined.body_text).toContain('Trop loin de nos besoins.');
		expect(await notes(entry)).toEqual([
			'VOLUNTEER_SITE',
			'VOLUNTEER_SITE',
			'ACCEPT_SITE',
			'DECLINE_SITE'
		]);
		expect(await decideSite(t.db, a, 'accept', { userId: users.lead.id })).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringContaining('déjà accepté')
		});
		expect(await siteCounts(t.db, entry)).toEqual({ volunteer: 0, accepted: 1, declined: 1 });
	});

	it('lists the sites to examine first, then the accepted, then the declined ones', async () => {
		const entry = await newEntry(trialEdition, 'Ordre de la liste');
		const first = await siteOf(entry, 'v1', UAI.paris);
		const second = await siteOf(entry, 'v2', UAI.lyon);
		const third = await siteOf(entry, 'v3', UAI.nantes);
		await decideSite(t.db, first, 'decline', { userId: users.lead.id });
		await decideSite(t.db, third, 'accept', { userId: users.lead.id });
		const all = await listSites(t.db, entry, { limit: 10, offset: 0 });
		expect(all.map((s) => s.id)).toEqual([second, third, first]);
		expect(all.map((s) => s.status)).toEqual(['volunteer', 'accepted', 'declined']);
		expect(
			(await listSites(t.db, entry, { status: 'accepted', limit: 10, offset: 0 })).map((s) => s.id)
		).toEqual([third]);
		expect(await listSites(t.db, entry, { limit: 1, offset: 1 })).toHaveLength(1);
		expect(await countSites(t.db, entry, { status: 'volunteer' })).toBe(1);
	});

	it('never accepts beyond the capacity, even for two acceptances at once', async () => {
		const entry = await newEntry(trialEdition, 'Capacité');
		expect(await setCapacity(t.db, entry, 1, { userId: users.lead.id })).toEqual({
			ok: true,
			capacity: 1
		});
		expect(await findTrialEntry(t.db, entry)).toMatchObject({ capacity: 1, accepted: 0 });
		const a = await siteOf(entry, 'v7', UAI.rennes);
		const b = await siteOf(entry, 'v8', UAI.lille);
		const results = await Promise.all([
			decideSite(t.db, a, 'accept', { userId: users.lead.id }),
			decideSite(t.db, b, 'accept', { userId: users.lead.id })
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toEqual({
			ok: false,
			status: 409,
			message:
				'La capacité de l’essai est atteinte (1 site) : augmentez-la ou déclinez un site accepté.'
		});
		expect(await siteCounts(t.db, entry)).toMatchObject({ accepted: 1, volunteer: 1 });
		expect(await notes(entry)).toEqual([
			'SAVE_PROTOCOL',
			'VOLUNTEER_SITE',
			'VOLUNTEER_SITE',
			'ACCEPT_SITE'
		]);
		expect(capacityReachedMessage(3)).toBe(
			'La capacité de l’essai est atteinte (3 sites) : augmentez-la ou déclinez un site accepté.'
		);
	});

	it('takes 3 sites when no capacity is set', async () => {
		const entry = await newEntry(trialEdition, 'Capacité par défaut');
		const sites = [];
		for (const [who, uai] of [
			['v1', UAI.paris],
			['v2', UAI.lyon],
			['v3', UAI.marseille],
			['v4', UAI.toulouse]
		])
			sites.push(await siteOf(entry, who, uai));
		for (const site of sites.slice(0, 3))
			expect(await decideSite(t.db, site, 'accept', { userId: users.lead.id })).toMatchObject({
				ok: true
			});
		expect(await decideSite(t.db, sites[3], 'accept', { userId: users.lead.id })).toMatchObject({
			ok: false,
			message: capacityReachedMessage(3)
		});
	});

	it('keeps the capacity from 1 to 50 and never below the accepted sites', async () => {
		const entry = await newEntry(trialEdition, 'Bornes de la capacité');
		for (const capacity of [0, 51, 2.5])
			expect(await setCapacity(t.db, entry, capacity, { userId: users.lead.id })).toMatchObject({
				ok: false,
				status: 400,
				errors: { capacity: 'Indiquez un nombre entier de sites entre 1 et 50.' }
			});
		const a = await siteOf(entry, 'v1', UAI.paris);
		const b = await siteOf(entry, 'v2', UAI.lyon);
		await decideSite(t.db, a, 'accept', { userId: users.lead.id });
		await decideSite(t.db, b, 'accept', { userId: users.lead.id });
		expect(await setCapacity(t.db, entry, 1, { userId: users.lead.id })).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringContaining('2 sites sont déjà acceptés')
		});
		expect(await setCapacity(t.db, entry, 2, { userId: users.lead.id })).toMatchObject({
			ok: true
		});
		expect(await setCapacity(t.db, entry, 3, { userId: users.organiser.id })).toMatchObject({
			ok: false,
			status: 403
		});
	});

	it('refuses to decline a site that transmitted its report', async () => {
		const entry = await newEntry(trialEdition, 'Rapport transmis', 'inTrial');
		const site = await siteOf(entry, 'v3', UAI.nantes);
		await decideSite(t.db, site, 'accept', { userId: users.lead.id });
		await t.db
			.insertInto('trial_reports')
			.values({ site_id: site, status: 'submitted', submitted_at: new Date() })
			.execute();
		expect(await decideSite(t.db, site, 'decline', { userId: users.lead.id })).toEqual({
			ok: false,
			status: 409,
			message: `Le site « Collège ${UAI.nantes} » a transmis son rapport d’essai : sa participation ne peut plus être déclinée.`
		});
		expect(await findSite(t.db, site)).toMatchObject({
			status: 'accepted',
			report_status: 'submitted'
		});
	});

	it('lets a site with a draft report be declined', async () => {
		const entry = await newEntry(trialEdition, 'Rapport en brouillon', 'inTrial');
		const site = await siteOf(entry, 'v3', UAI.nantes);
		await decideSite(t.db, site, 'accept', { userId: users.lead.id });
		await t.db.insertInto('trial_reports').values({ site_id: site }).execute();
		expect(await decideSite(t.db, site, 'decline', { userId: users.lead.id })).toMatchObject({
			ok: true,
			status: 'declined'
		});
	});

	it('lets only the innovation’s team decide, while the trial is open', async () => {
		const entry = await newEntry(trialEdition, 'Décision réservée');
		await newEntry(trialEdition, 'Autre équipe', 'shortlisted', { lead: 'otherLead' });
		const site = await siteOf(entry, 'v1', UAI.bordeaux);
		const other = await loadEntryAccess(t.db, users.otherLead.id, entry);
		expect(whyNotDecideSite(other!.relation, { phase: 'trial', state: 'shortlisted' })).toBe(
			'Seuls les membres de l’équipe de l’innovation choisissent ses sites d’essai.'
		);
		expect(await decideSite(t.db, site, 'accept', { userId: users.otherLead.id })).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await decideSite(t.db, site, 'accept', { userId: users.organiser.id })).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await decideSite(t.db, site, 'accept', { userId: users.v1.id })).toMatchObject({
			ok: false,
			status: 403
		});
		expect(await decideSite(t.db, 999_999, 'accept', { userId: users.lead.id })).toMatchObject({
			ok: false,
			status: 404
		});
		// The trial over: the choice is closed.
		await t.db.updateTable('entries').set({ state: 'finalist' }).where('id', '=', entry).execute();
		expect(await decideSite(t.db, site, 'accept', { userId: users.lead.id })).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringContaining('n’est pas ouverte à l’essai')
		});
		await t.db
			.updateTable('entries')
			.set({ state: 'shortlisted' })
			.where('id', '=', entry)
			.execute();
	});

	it('limits the reason given to a declined site', async () => {
		const entry = await newEntry(trialEdition, 'Motif trop long');
		const site = await siteOf(entry, 'v2', UAI.lyon);
		expect(
			await decideSite(
				t.db,
				site,
				'decline',
				{ userId: users.lead.id },
				{ reason: 'a'.repeat(1001) }
			)
		).toMatchObject({ ok: false, status: 400, errors: { reason: expect.any(String) } });
		expect(await findSite(t.db, site)).toMatchObject({ status: 'volunteer' });
	});
});
