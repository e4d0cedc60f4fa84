import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	acceptInvitation,
	acceptInvitationWithNewAccount,
	findInvitation,
	inviteCoAuthor
} from '../../src/lib/server/auth/invitations';
import {
	handLead,
	listMembers,
	listPendingMemberInvitations,
	removeMember,
	setPublishName
} from '../../src/lib/server/db/members';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ORIGIN = 'http://localhost:3000';
let t: TestDatabase;
const ids: Record<'lead' | 'member' | 'other' | 'organiser', number> = {
	lead: 0,
	member: 0,
	other: 0,
	organiser: 0
};
const lead = () => ({ id: ids.lead, name: 'Personne lead' });
let editionId: number;

async function newEntry(title = 'Le livret d’accueil') {
	const { id } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, title })
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

async function team(entryId: number) {
	return (await listMembers(t.db, entryId)).map((m) => [m.name, m.role, m.publish_name]);
}

async function tokenMailedTo(email: string) {
	const mail = await t.db
		.selectFrom('outbox')
		.selectAll()
		.where('recipient', '=', email)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	return { mail, token: mail.body_text.match(/\/invitation\/(\S+)/)![1] };
}

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
	editionId = (
		await t.db
			.insertInto('editions')
			.values({ year: 2042, title: 'Édition de test' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(async () => {
	await t?.close();
});

describe('the team of a candidature', () => {
	it('invites a co-author by e-mail: the link creates his account and makes him a member', async () => {
		const entryId = await newEntry('Le livret <numérique>');
		expect(await inviteCoAuthor(t.db, lead(), entryId, ' Nouvelle@AC-Lyon.fr ', ORIGIN)).toEqual({
			ok: true,
			email: 'nouvelle@ac-lyon.fr'
		});
		expect((await listPendingMemberInvitations(t.db, entryId)).map((i) => i.email)).toEqual([
			'nouvelle@ac-lyon.fr'
		]);
		const { mail, token } = await tokenMailedTo('nouvelle@ac-lyon.fr');
		expect(mail.subject).toBe('Invitation à rejoindre une équipe du Prix Impulsions');
		expect(mail.body_text).toContain(
			'Personne lead vous invite à rejoindre l’équipe de la candidature « Le livret <numérique> » au Prix Impulsions.'
		);
		const found = await findInvitation(t.db, token);
		expect(typeof found !== 'string' && found.invitation.entry_title).toBe('Le livret <numérique>');
		// A second invitation to the same address while the first is pending is refused.
		expect(await inviteCoAuthor(t.db, lead(), entryId, 'nouvelle@ac-lyon.fr', ORIGIN)).toEqual({
			ok: false,
			errors: { email: 'Une invitation est déjà en attente pour cette adresse.' }
		});
		expect(
			await acceptInvitationWithNewAccount(t.db, token, {
				name: 'Nora Nouvelle',
				password: 'une phrase de passe',
				confirm: 'une phrase de passe'
			})
		).toMatchObject({ ok: true, role: 'member' });
		expect(await team(entryId)).toEqual([
			['Personne lead', 'lead', false],
			['Personne member', 'member', false],
			['Nora Nouvelle', 'member', false]
		]);
		expect(await listPendingMemberInvitations(t.db, entryId)).toEqual([]);
		expect(await inviteCoAuthor(t.db, lead(), entryId, 'nouvelle@ac-lyon.fr', ORIGIN)).toEqual({
			ok: false,
			errors: { email: 'Cette personne fait déjà partie de l’équipe.' }
		});
	});

	it('attaches the invitation to an existing account', async () => {
		const entryId = await newEntry();
		expect(await inviteCoAuthor(t.db, lead(), entryId, 'other@ac-lyon.fr', ORIGIN)).toMatchObject({
			ok: true
		});
		const { token } = await tokenMailedTo('other@ac-lyon.fr');
		expect(await acceptInvitation(t.db, token, ids.other)).toEqual({ ok: true, role: 'member' });
		expect((await team(entryId)).map(([name]) => name)).toContain('Personne other');
	});

	it('refuses an invalid address and lets only the lead invite', async () => {
		const entryId = await newEntry();
		expect(await inviteCoAuthor(t.db, lead(), entryId, 'pas-une-adresse', ORIGIN)).toMatchObject({
			ok: false,
			errors: { email: expect.any(String) }
		});
		for (const who of ['member', 'other', 'organiser'] as const)
			expect(
				await inviteCoAuthor(t.db, { id: ids[who], name: who }, entryId, 'x@ac-lyon.fr', ORIGIN)
			).toEqual({
				ok: false,
				errors: {},
				message: 'Seul le porteur de la candidature peut gérer l’équipe.'
			});
		expect(await listPendingMemberInvitations(t.db, entryId)).toEqual([]);
	});

	it('removes a member, never the lead, and only at the lead’s request', async () => {
		const entryId = await newEntry();
		for (const who of ['member', 'other', 'organiser'] as const)
			expect(await removeMember(t.db, ids[who], entryId, ids.member)).toMatchObject({
				ok: false,
				message: 'Seul le porteur de la candidature peut gérer l’équipe.'
			});
		expect(await removeMember(t.db, ids.lead, entryId, ids.lead)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/Le porteur ne peut pas être retiré/)
		});
		expect(await removeMember(t.db, ids.lead, entryId, ids.other)).toMatchObject({
			ok: false,
			message: 'Cette personne ne fait pas partie de l’équipe.'
		});
		expect(await removeMember(t.db, ids.lead, entryId, ids.member)).toEqual({
			ok: true,
			name: 'Personne member'
		});
		expect(await team(entryId)).toEqual([['Personne lead', 'lead', false]]);
	});

	it('hands the lead to another member in one step, keeping one lead', async () => {
		const entryId = await newEntry();
		expect(await handLead(t.db, ids.member, entryId, ids.member)).toMatchObject({ ok: false });
		expect(await handLead(t.db, ids.lead, entryId, ids.other)).toMatchObject({ ok: false });
		expect(await handLead(t.db, ids.lead, entryId, ids.lead)).toMatchObject({ ok: false });
		expect(await handLead(t.db, ids.lead, entryId, ids.member)).toEqual({
			ok: true,
			name: 'Personne member'
		});
		expect(await team(entryId)).toEqual([
			['Personne member', 'lead', false],
			['Personne lead', 'member', false]
		]);
		// The former lead may no longer manage the team; the new one may.
		expect(await removeMember(t.db, ids.lead, entryId, ids.member)).toMatchObject({ ok: false });
		expect(await handLead(t.db, ids.member, entryId, ids.lead)).toMatchObject({ ok: true });
		expect(await team(entryId)).toEqual([
			['Personne lead', 'lead', false],
			['Personne member', 'member', false]
		]);
	});

	it('lets each member give or withdraw his own consent to the publication of his name', async () => {
		const entryId = await newEntry();
		expect(await setPublishName(t.db, ids.member, entryId, true)).toEqual({ ok: true });
		expect(await team(entryId)).toEqual([
			['Personne lead', 'lead', false],
			['Personne member', 'member', true]
		]);
		expect(await setPublishName(t.db, ids.lead, entryId, true)).toEqual({ ok: true });
		expect(await setPublishName(t.db, ids.member, entryId, false)).toEqual({ ok: true });
		expect(await team(entryId)).toEqual([
			['Personne lead', 'lead', true],
			['Personne member', 'member', false]
		]);
		expect(await setPublishName(t.db, ids.other, entryId, true)).toMatchObject({ ok: false });
		expect(await setPublishName(t.db, ids.organiser, entryId, true)).toMatchObject({ ok: false });
	});
});
