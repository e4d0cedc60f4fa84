import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	acceptInvitation,
	acceptInvitationWithNewAccount,
	findInvitation,
	invite
} from '../../src/lib/server/auth/invitations';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ORIGIN = 'http://localhost:3000';
let t: TestDatabase;
let organiser: { id: number; name: string };
let editionId: number;

beforeAll(async () => {
	t = await createTestDatabase();
	organiser = await t.db
		.insertInto('users')
		.values({
			email: 'orga@education.gouv.fr',
			name: 'Claire Orga',
			password_hash: 'x',
			is_organiser: true
		})
		.returning(['id', 'name'])
		.executeTakeFirstOrThrow();
	editionId = (
		await t.db
			.insertInto('editions')
			.values({ year: 2027, title: 'Prix Impulsions 2027' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(async () => {
	await t?.close();
});

async function tokenMailedTo(email: string) {
	const mail = await t.db
		.selectFrom('outbox')
		.selectAll()
		.where('recipient', '=', email)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	return { mail, token: mail.body_text.match(/\/invitation\/(\S+)/)![1] };
}

describe('invitations', () => {
	it('invites a juror for an edition: the link creates a verified account that sits on that jury', async () => {
		expect(
			await invite(t.db, organiser, { email: 'Jure@ac-lyon.fr', role: 'juror', editionId }, ORIGIN)
		).toEqual({ ok: true });
		const { mail, token } = await tokenMailedTo('jure@ac-lyon.fr');
		expect(mail.subject).toBe('Invitation au jury du Prix Impulsions');
		expect(mail.body_text).toContain('Prix Impulsions 2027');
		const found = await findInvitation(t.db, token);
		expect(typeof found !== 'string' && found.hasAccount).toBe(false);
		const result = await acceptInvitationWithNewAccount(t.db, token, {
			name: 'Jean Juré',
			password: 'une phrase de passe',
			confirm: 'une phrase de passe'
		});
		expect(result).toMatchObject({ ok: true, role: 'juror' });
		const user = await t.db
			.selectFrom('users')
			.selectAll()
			.where('email', '=', 'jure@ac-lyon.fr')
			.executeTakeFirstOrThrow();
		expect(user.email_verified_at).not.toBeNull();
		const seat = await t.db
			.selectFrom('edition_jurors')
			.selectAll()
			.where('user_id', '=', user.id)
			.execute();
		expect(seat.map((s) => s.edition_id)).toEqual([editionId]);
		expect(await findInvitation(t.db, token)).toMatch(/déjà été acceptée/);
	});

	it('attaches an organiser invitation to an existing account', async () => {
		const existing = await t.db
			.insertInto('users')
			.values({ email: 'agent@ac-nantes.fr', name: 'Agent', password_hash: 'x' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await invite(
			t.db,
			organiser,
			{ email: 'agent@ac-nantes.fr', role: 'organiser', editionId: null },
			ORIGIN
		);
		const { token } = await tokenMailedTo('agent@ac-nantes.fr');
		const found = await findInvitation(t.db, token);
		expect(typeof found !== 'string' && found.hasAccount).toBe(true);
		const refused = await acceptInvitationWithNewAccount(t.db, token, {
			name: 'Doublon',
			password: 'une phrase de passe',
			confirm: 'une phrase de passe'
		});
		expect(!refused.ok && refused.message).toMatch(/Un compte existe déjà/);
		expect(await acceptInvitation(t.db, token, existing.id)).toEqual({
			ok: true,
			role: 'organiser'
		});
		const user = await t.db
			.selectFrom('users')
			.select('is_organiser')
			.where('id', '=', existing.id)
			.executeTakeFirstOrThrow();
		expect(user.is_organiser).toBe(true);
		expect(await acceptInvitation(t.db, token, existing.id)).toEqual({
			ok: false,
			message: 'Cette invitation a déjà été acceptée.'
		});
	});

	it('requires an edition for a juror and a valid address', async () => {
		const result = await invite(
			t.db,
			organiser,
			{ email: 'faux', role: 'juror', editionId: null },
			ORIGIN
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.email).toBeDefined();
		expect(result.errors.editionId).toMatch(/Choisissez l’édition/);
	});

	it('refuses an expired invitation', async () => {
		await invite(
			t.db,
			organiser,
			{ email: 'tard@ac-nantes.fr', role: 'juror', editionId },
			ORIGIN,
			new Date('2020-01-01')
		);
		const { token } = await tokenMailedTo('tard@ac-nantes.fr');
		expect(await findInvitation(t.db, token)).toMatch(/expiré/);
	});
});
