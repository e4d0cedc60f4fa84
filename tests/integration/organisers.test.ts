// The organiser role after the installation: withdrawing it (never from the last organiser, even when
// two organisers withdraw each other at once), the command line's `organiser:add`, and the account log.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
	acceptInvitation,
	acceptInvitationWithNewAccount,
	findInvitation,
	invite,
	OPERATOR_INVITER
} from '../../src/lib/server/auth/invitations';
import {
	addOrganiserByCommand,
	listOrganisers,
	organiserHistory,
	withdrawOrganiser
} from '../../src/lib/server/auth/organisers';
import { createSession, validateSession } from '../../src/lib/server/auth/session';
import { clearAccounts, warmPool } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ORIGIN = 'http://localhost:3000';
let t: TestDatabase;

async function account(email: string, name: string, organiser = true) {
	return t.db
		.insertInto('users')
		.values({
			email,
			name,
			password_hash: 'x',
			is_organiser: organiser,
			email_verified_at: new Date()
		})
		.returning(['id', 'name', 'email'])
		.executeTakeFirstOrThrow();
}

const organiserIds = async () =>
	(
		await t.db
			.selectFrom('users')
			.where('is_organiser', '=', true)
			.select('id')
			.orderBy('id')
			.execute()
	).map((r) => r.id);

beforeEach(async () => {
	t ??= await createTestDatabase();
	await clearAccounts(t.db);
});

afterAll(async () => {
	await t?.close();
});

describe('withdrawing the organiser role', () => {
	it('withdraws at once (the next request has no organiser rights), logs who and when, mails the person', async () => {
		const claire = await account('claire@education.gouv.fr', 'Claire Orga');
		const paul = await account('paul@education.gouv.fr', 'Paul Orga');
		const session = await createSession(t.db, paul.id);
		expect((await validateSession(t.db, session.token))?.user.isOrganiser).toBe(true);

		const result = await withdrawOrganiser(t.db, claire.id, paul.id);
		expect(result).toEqual({ ok: true, user: paul });
		expect((await validateSession(t.db, session.token))?.user.isOrganiser).toBe(false);
		expect(await organiserIds()).toEqual([claire.id]);
		const events = await t.db.selectFrom('account_events').selectAll().execute();
		expect(events).toMatchObject([
			{ type: 'organiser_withdrawn', user_id: paul.id, actor_id: claire.id, source: 'admin' }
		]);
		expect(Date.now() - events[0].created_at.getTime()).toBeLessThan(60_000);
		const mail = await t.db
			.selectFrom('outbox')
			.selectAll()
			.where('recipient', '=', paul.email)
			.executeTakeFirstOrThrow();
		expect(mail.subject).toBe('Votre rôle d’organisateur du Prix Impulsions a été retiré');
		expect(mail.body_text).toContain('Claire Orga vous a retiré le rôle d’organisateur');
		const history = await organiserHistory(t.db);
		expect(history).toMatchObject([
			{ type: 'organiser_withdrawn', user_name: 'Paul Orga', actor_name: 'Claire Orga' }
		]);
	});

	it('refuses to withdraw the last organiser, even from himself', async () => {
		const claire = await account('claire@education.gouv.fr', 'Claire Orga');
		expect(await withdrawOrganiser(t.db, claire.id, claire.id)).toEqual({
			ok: false,
			status: 409,
			message:
				'C’est le dernier organisateur du prix : invitez d’abord un autre organisateur, puis retirez ce rôle.'
		});
		expect(await organiserIds()).toEqual([claire.id]);
		expect(await t.db.selectFrom('account_events').selectAll().execute()).toEqual([]);
	});

	it('refuses a person who is not organiser (any more), and an account that does not exist', async () => {
		const claire = await account('claire@education.gouv.fr', 'Claire Orga');
		const paul = await account('paul@education.gouv.fr', 'Paul Orga');
		const team = await account('equipe@ac-lyon.fr', 'Équipe', false);
		expect(await withdrawOrganiser(t.db, team.id, paul.id)).toMatchObject({
			ok: false,
			status: 403,
			message: 'Seuls les organisateurs du prix peuvent retirer ce rôle.'
		});
		expect(await withdrawOrganiser(t.db, claire.id, team.id)).toMatchObject({
			ok: false,
			status: 409,
			message: 'Cette personne n’est pas (ou plus) organisatrice du prix.'
		});
		expect(await withdrawOrganiser(t.db, claire.id, 999_999)).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await organiserIds()).toEqual([claire.id, paul.id]);
	});

	it('two organisers withdrawing each other at the same moment leave one organiser', async () => {
		for (let round = 0; round < 5; round++) {
			const claire = await account(`claire.${round}@education.gouv.fr`, 'Claire Orga');
			const paul = await account(`paul.${round}@education.gouv.fr`, 'Paul Orga');
			await warmPool(t.db);
			const results = await Promise.all([
				withdrawOrganiser(t.db, claire.id, paul.id),
				withdrawOrganiser(t.db, paul.id, claire.id)
			]);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, status: 403 });
			expect(await organiserIds()).toHaveLength(1);
			await t.db.updateTable('users').set({ is_organiser: false }).execute();
		}
	});

	it('three organisers each withdrawing another at once leave at least one', async () => {
		const [a, b, c] = [
			await account('a@education.gouv.fr', 'A'),
			await account('b@education.gouv.fr', 'B'),
			await account('c@education.gouv.fr', 'C')
		];
		await warmPool(t.db);
		await Promise.all([
			withdrawOrganiser(t.db, a.id, b.id),
			withdrawOrganiser(t.db, b.id, c.id),
			withdrawOrganiser(t.db, c.id, a.id)
		]);
		expect((await organiserIds()).length).toBeGreaterThanOrEqual(1);
	});

	it('the account log is append-only', async () => {
		const claire = await account('claire@education.gouv.fr', 'Claire Orga');
		const paul = await account('paul@education.gouv.fr', 'Paul Orga');
		await withdrawOrganiser(t.db, claire.id, paul.id);
		await expect(t.db.deleteFrom('account_events').execute()).rejects.toThrow(/ajout seul/);
		await expect(sql`update account_events set actor_id = null`.execute(t.db)).rejects.toThrow(
			/ajout seul/
		);
	});
});

describe('npm run organiser:add (the operation)', () => {
	it('an address without an account gets an organiser invitation by the operator; its link creates the organiser', async () => {
		const result = await addOrganiserByCommand(t.db, ' Nouvelle@Education.gouv.fr ', ORIGIN);
		expect(result).toMatchObject({
			ok: true,
			kind: 'invited',
			email: 'nouvelle@education.gouv.fr'
		});
		const link = (result as { link: string }).link;
		expect(link).toMatch(/^http:\/\/localhost:3000\/invitation\/[A-Za-z0-9_-]+$/);
		const mail = await t.db
			.selectFrom('outbox')
			.selectAll()
			.where('recipient', '=', 'nouvelle@education.gouv.fr')
			.executeTakeFirstOrThrow();
		expect(mail.subject).toBe('Invitation à organiser le Prix Impulsions');
		expect(mail.body_text).toContain(link);
		expect(mail.body_text).toContain(`${OPERATOR_INVITER} vous invite`);

		const token = link.split('/').pop()!;
		const found = await findInvitation(t.db, token);
		expect(typeof found !== 'string' && found.invitation.inviter_name).toBe(OPERATOR_INVITER);
		const accepted = await acceptInvitationWithNewAccount(t.db, token, {
			name: 'Noémie Nouvelle',
			password: 'une phrase de passe solide',
			confirm: 'une phrase de passe solide'
		});
		expect(accepted).toMatchObject({ ok: true, role: 'organiser' });
		expect(await listOrganisers(t.db)).toMatchObject([
			{ name: 'Noémie Nouvelle', email: 'nouvelle@education.gouv.fr' }
		]);
		expect(await t.db.selectFrom('account_events').selectAll().execute()).toMatchObject([
			{ type: 'organiser_granted', actor_id: null, source: 'invitation' }
		]);
	});

	it('an existing account becomes organiser at once, logged and told by mail; twice is harmless', async () => {
		const team = await account('equipe@ac-lyon.fr', 'Sam Équipe', false);
		expect(await addOrganiserByCommand(t.db, 'equipe@ac-lyon.fr', ORIGIN)).toEqual({
			ok: true,
			kind: 'promoted',
			email: 'equipe@ac-lyon.fr',
			name: 'Sam Équipe'
		});
		expect(await organiserIds()).toEqual([team.id]);
		expect(await t.db.selectFrom('account_events').selectAll().execute()).toMatchObject([
			{ type: 'organiser_granted', user_id: team.id, actor_id: null, source: 'command' }
		]);
		const mails = await t.db.selectFrom('outbox').selectAll().execute();
		expect(mails).toMatchObject([
			{ recipient: 'equipe@ac-lyon.fr', subject: 'Vous êtes organisateur du Prix Impulsions' }
		]);
		expect(await addOrganiserByCommand(t.db, 'equipe@ac-lyon.fr', ORIGIN)).toMatchObject({
			ok: true,
			kind: 'already'
		});
		expect(await t.db.selectFrom('account_events').selectAll().execute()).toHaveLength(1);
	});

	it('refuses a malformed address in French and changes nothing', async () => {
		expect(await addOrganiserByCommand(t.db, 'pas-une-adresse', ORIGIN)).toEqual({
			ok: false,
			message:
				'Adresse électronique refusée (« pas-une-adresse ») : Saisissez une adresse électronique valide, au format nom@domaine.fr.'
		});
		expect(await t.db.selectFrom('invitations').selectAll().execute()).toEqual([]);
	});

	it('an organiser invitation accepted by an existing account is logged with its inviter', async () => {
		const claire = await account('claire@education.gouv.fr', 'Claire Orga');
		const paul = await account('paul@ac-lyon.fr', 'Paul', false);
		await invite(t.db, claire, { email: paul.email, role: 'organiser', editionId: null }, ORIGIN);
		const mail = await t.db
			.selectFrom('outbox')
			.selectAll()
			.where('recipient', '=', paul.email)
			.executeTakeFirstOrThrow();
		const token = mail.body_text.match(/\/invitation\/(\S+)/)![1];
		expect(await acceptInvitation(t.db, token, paul.id)).toEqual({ ok: true, role: 'organiser' });
		expect(await organiserHistory(t.db)).toMatchObject([
			{
				type: 'organiser_granted',
				source: 'invitation',
				user_name: 'Paul',
				actor_name: 'Claire Orga'
			}
		]);
	});
});
