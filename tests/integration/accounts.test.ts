import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	changePassword,
	logIn,
	requestPasswordReset,
	resetPassword,
	signUp,
	verifyEmail,
	WRONG_CREDENTIALS
} from '../../src/lib/server/auth/accounts';
import { hashToken } from '../../src/lib/server/auth/crypto';
import { createSession, validateSession } from '../../src/lib/server/auth/session';
import { LIMITS } from '../../src/lib/server/auth/rate-limit';
import { runMaintenance } from '../../src/lib/server/maintenance';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ORIGIN = 'http://localhost:3000';
const SECRET = 'x'.repeat(32);
const PASSWORD = 'une phrase de passe solide';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t?.close();
});

async function lastMailTo(email: string) {
	const row = await t.db
		.selectFrom('outbox')
		.selectAll()
		.where('recipient', '=', email)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	const link = row.body_text.match(/https?:\/\/\S+/)?.[0];
	return { ...row, link, token: link?.split('/').pop() ?? '' };
}

// Each account is created from an IP of its own: sign-ups are limited per IP (rate-limits.test.ts).
let signUps = 0;
async function signUpAndVerify(email: string, name = 'Agnès Test') {
	const ip = `10.8.0.${++signUps}`;
	const result = await signUp(
		t.db,
		SECRET,
		{ name, email, password: PASSWORD, confirm: PASSWORD, ip },
		ORIGIN
	);
	expect(result.ok).toBe(true);
	const mail = await lastMailTo(email);
	expect(await verifyEmail(t.db, mail.token)).toEqual({ ok: true });
	return (
		await t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
	).id;
}

describe('sign-up and address verification', () => {
	it('creates an unverified account and writes the verification link to the outbox', async () => {
		const result = await signUp(
			t.db,
			SECRET,
			{
				name: 'Lucie Bernard',
				email: 'Lucie.Bernard@ac-lyon.fr',
				password: PASSWORD,
				confirm: PASSWORD,
				ip: '10.8.1.1'
			},
			ORIGIN
		);
		expect(result).toEqual({ ok: true });
		const user = await t.db
			.selectFrom('users')
			.selectAll()
			.where('email', '=', 'lucie.bernard@ac-lyon.fr')
			.executeTakeFirstOrThrow();
		expect(user.email_verified_at).toBeNull();
		expect(user.password_hash).toMatch(/^\$argon2id\$/);
		const mail = await lastMailTo('lucie.bernard@ac-lyon.fr');
		expect(mail.subject).toBe('Confirmez votre adresse électronique');
		expect(mail.link).toMatch(`${ORIGIN}/verification/`);
		expect(mail.body_html).toContain(mail.link);
	});

	it('confirms the address once the link is opened, and says so again on a second visit', async () => {
		const mail = await lastMailTo('lucie.bernard@ac-lyon.fr');
		expect(await verifyEmail(t.db, mail.token)).toEqual({ ok: true });
		expect(await verifyEmail(t.db, mail.token)).toEqual({ ok: true });
		const user = await t.db
			.selectFrom('users')
			.select('email_verified_at')
			.where('email', '=', 'lucie.bernard@ac-lyon.fr')
			.executeTakeFirstOrThrow();
		expect(user.email_verified_at).toBeInstanceOf(Date);
	});

	it('refuses an unknown verification link with a French reason', async () => {
		const result = await verifyEmail(t.db, 'inconnu');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/pas valide/);
	});

	it('answers a sign-up with a taken address like any other, and warns the owner instead', async () => {
		const result = await signUp(
			t.db,
			SECRET,
			{
				name: 'Usurpateur',
				email: 'lucie.bernard@ac-lyon.fr',
				password: PASSWORD,
				confirm: PASSWORD,
				ip: '10.8.1.2'
			},
			ORIGIN
		);
		expect(result).toEqual({ ok: true });
		const users = await t.db
			.selectFrom('users')
			.select('id')
			.where('email', '=', 'lucie.bernard@ac-lyon.fr')
			.execute();
		expect(users).toHaveLength(1);
		expect((await lastMailTo('lucie.bernard@ac-lyon.fr')).subject).toBe('Vous avez déjà un compte');
	});

	it('returns a French message per invalid field and creates nothing', async () => {
		const result = await signUp(
			t.db,
			SECRET,
			{ name: '', email: 'pas-une-adresse', password: 'court', confirm: 'autre', ip: '10.8.1.3' },
			ORIGIN
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.name).toMatch(/prénom et nom/);
		expect(result.errors.email).toMatch(/adresse électronique valide/);
		expect(result.errors.password).toMatch(/au moins 12 caractères/);
		expect(
			await t.db.selectFrom('users').select('id').where('email', '=', 'pas-une-adresse').execute()
		).toHaveLength(0);
	});
});

describe('log-in', () => {
	it('logs in with the right password, whatever the case of the address', async () => {
		const result = await logIn(
			t.db,
			SECRET,
			{ email: 'LUCIE.bernard@ac-lyon.fr', password: PASSWORD, ip: '10.0.0.1' },
			ORIGIN
		);
		expect(result.ok).toBe(true);
	});

	it('gives the same answer for a wrong password and for an unknown address', async () => {
		const wrong = await logIn(
			t.db,
			SECRET,
			{ email: 'lucie.bernard@ac-lyon.fr', password: 'mauvais mot de passe', ip: '10.0.0.2' },
			ORIGIN
		);
		const unknown = await logIn(
			t.db,
			SECRET,
			{ email: 'personne@ac-lyon.fr', password: 'mauvais mot de passe', ip: '10.0.0.3' },
			ORIGIN
		);
		expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS });
		expect(unknown).toEqual(wrong);
	});

	it('refuses an unverified account and mails a new verification link', async () => {
		await signUp(
			t.db,
			SECRET,
			{
				name: 'Non Vérifié',
				email: 'non.verifie@ac-nice.fr',
				password: PASSWORD,
				confirm: PASSWORD,
				ip: '10.8.1.4'
			},
			ORIGIN
		);
		const before = await lastMailTo('non.verifie@ac-nice.fr');
		const result = await logIn(
			t.db,
			SECRET,
			{ email: 'non.verifie@ac-nice.fr', password: PASSWORD, ip: '10.0.0.4' },
			ORIGIN
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.unverified).toBe(true);
		const after = await lastMailTo('non.verifie@ac-nice.fr');
		expect(after.id).toBeGreaterThan(before.id);
		expect(after.subject).toBe('Confirmez votre adresse électronique');
	});
});

describe('rate limiting', () => {
	it('refuses log-in for an address after repeated failures, even with the right password', async () => {
		const email = 'limite@ac-rennes.fr';
		await signUpAndVerify(email);
		for (let i = 0; i < LIMITS.login.perEmail.max; i++) {
			const r = await logIn(
				t.db,
				SECRET,
				{ email, password: 'pas le bon', ip: `10.1.0.${i}` },
				ORIGIN
			);
			expect(r).toEqual({ ok: false, message: WRONG_CREDENTIALS });
		}
		const blocked = await logIn(
			t.db,
			SECRET,
			{ email, password: PASSWORD, ip: '10.1.1.1' },
			ORIGIN
		);
		expect(blocked.ok).toBe(false);
		expect(!blocked.ok && blocked.message).toMatch(
			/^Trop de tentatives\. Par sécurité, réessayez dans 1[45] minutes\.$/
		);
	});

	it('refuses log-in from an IP after repeated failures across addresses', async () => {
		const ip = '10.2.0.1';
		for (let i = 0; i < LIMITS.login.perIp.max; i++)
			await logIn(t.db, SECRET, { email: `inconnu${i}@ac-caen.fr`, password: 'x', ip }, ORIGIN);
		const blocked = await logIn(
			t.db,
			SECRET,
			{ email: 'lucie.bernard@ac-lyon.fr', password: PASSWORD, ip },
			ORIGIN
		);
		expect(!blocked.ok && blocked.message).toMatch(/^Trop de tentatives/);
		const elsewhere = await logIn(
			t.db,
			SECRET,
			{ email: 'lucie.bernard@ac-lyon.fr', password: PASSWORD, ip: '10.2.0.2' },
			ORIGIN
		);
		expect(elsewhere.ok).toBe(true);
	});

	it('limits reset requests per address', async () => {
		for (let i = 0; i < LIMITS.reset.perEmail.max; i++)
			expect(
				await requestPasswordReset(
					t.db,
					SECRET,
					{ email: 'reset.limite@ac-dijon.fr', ip: `10.3.0.${i}` },
					ORIGIN
				)
			).toEqual({ ok: true });
		const blocked = await requestPasswordReset(
			t.db,
			SECRET,
			{ email: 'reset.limite@ac-dijon.fr', ip: '10.3.1.1' },
			ORIGIN
		);
		expect(!blocked.ok && blocked.message).toMatch(/^Trop de tentatives/);
	});

	it('stores neither addresses nor IPs in clear in the rate-limit table', async () => {
		const keys = await t.db.selectFrom('auth_failures').select('key').execute();
		expect(keys.length).toBeGreaterThan(0);
		for (const { key } of keys) {
			expect(key).not.toContain('@');
			expect(key).not.toMatch(/^10\./);
		}
	});
});

describe('sessions', () => {
	it('stores only the hash of the session token', async () => {
		const userId = await signUpAndVerify('session@ac-lille.fr');
		const { token } = await createSession(t.db, userId);
		const rows = await t.db
			.selectFrom('sessions')
			.selectAll()
			.where('user_id', '=', userId)
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].token_hash).toBe(hashToken(token));
		expect(rows[0].token_hash).not.toContain(token);
		const found = await t.db
			.selectFrom('sessions')
			.select('token_hash')
			.where('token_hash', '=', token)
			.execute();
		expect(found).toHaveLength(0);
		expect((await validateSession(t.db, token))?.user.email).toBe('session@ac-lille.fr');
	});

	it('refuses an expired session and extends one used in the second half of its life', async () => {
		const userId = await signUpAndVerify('glissant@ac-lille.fr');
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(t.db, userId, start);
		const day20 = new Date('2026-01-21T00:00:00Z');
		const renewed = await validateSession(t.db, token, day20);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.expiresAt.toISOString()).toBe('2026-02-20T00:00:00.000Z');
		expect(await validateSession(t.db, token, new Date('2026-02-21T00:00:00Z'))).toBeNull();
	});

	it('tells the roles of the user with the session', async () => {
		const userId = await signUpAndVerify('roles@ac-lille.fr');
		const { id: editionId } = await t.db
			.insertInto('editions')
			.values({ year: 2030, title: 'Essai' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('edition_jurors')
			.values({ edition_id: editionId, user_id: userId })
			.execute();
		const { token } = await createSession(t.db, userId);
		const session = await validateSession(t.db, token);
		expect(session?.user).toMatchObject({
			isJuror: true,
			isOrganiser: false,
			isTeamMember: false,
			isTrialContact: false
		});
	});
});

describe('forgotten and changed password', () => {
	it('sets a new password from the mailed link once, and ends every session', async () => {
		const email = 'oubli@ac-poitiers.fr';
		const userId = await signUpAndVerify(email);
		const { token: sessionToken } = await createSession(t.db, userId);
		expect(await requestPasswordReset(t.db, SECRET, { email, ip: '10.4.0.1' }, ORIGIN)).toEqual({
			ok: true
		});
		const mail = await lastMailTo(email);
		expect(mail.subject).toBe('Choisissez un nouveau mot de passe');
		const next = 'un tout nouveau mot de passe';
		expect(await resetPassword(t.db, mail.token, { password: next, confirm: next })).toEqual({
			ok: true
		});
		expect(await validateSession(t.db, sessionToken)).toBeNull();
		expect((await logIn(t.db, SECRET, { email, password: next, ip: '10.4.0.2' }, ORIGIN)).ok).toBe(
			true
		);
		const again = await resetPassword(t.db, mail.token, {
			password: 'encore un autre mot',
			confirm: 'encore un autre mot'
		});
		expect(again.ok).toBe(false);
		expect(!again.ok && again.message).toMatch(/déjà servi/);
		expect((await lastMailTo(email)).subject).toBe('Votre mot de passe a été changé');
	});

	it('answers a reset request for an unknown address like any other, and sends nothing', async () => {
		const before = await t.db
			.selectFrom('outbox')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(
			await requestPasswordReset(
				t.db,
				SECRET,
				{ email: 'inconnu@ac-poitiers.fr', ip: '10.4.1.1' },
				ORIGIN
			)
		).toEqual({ ok: true });
		const after = await t.db
			.selectFrom('outbox')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('refuses an expired reset link', async () => {
		const email = 'expire@ac-poitiers.fr';
		const userId = await signUpAndVerify(email);
		await requestPasswordReset(t.db, SECRET, { email, ip: '10.4.2.1' }, ORIGIN);
		const mail = await lastMailTo(email);
		await t.db
			.updateTable('auth_tokens')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('user_id', '=', userId)
			.where('purpose', '=', 'reset_password')
			.execute();
		const result = await resetPassword(t.db, mail.token, {
			password: 'un mot de passe neuf',
			confirm: 'un mot de passe neuf'
		});
		expect(!result.ok && result.message).toMatch(/expiré/);
	});

	it('changes the password when the current one is given, keeping only this session', async () => {
		const email = 'change@ac-poitiers.fr';
		const userId = await signUpAndVerify(email);
		const kept = await createSession(t.db, userId);
		const other = await createSession(t.db, userId);
		const wrong = await changePassword(
			t.db,
			userId,
			{
				current: 'faux',
				password: 'nouveau mot de passe sûr',
				confirm: 'nouveau mot de passe sûr'
			},
			kept.token
		);
		expect(wrong).toEqual({
			ok: false,
			errors: { current: 'Le mot de passe actuel est incorrect.' }
		});
		const ok = await changePassword(
			t.db,
			userId,
			{
				current: PASSWORD,
				password: 'nouveau mot de passe sûr',
				confirm: 'nouveau mot de passe sûr'
			},
			kept.token
		);
		expect(ok).toEqual({ ok: true });
		expect(await validateSession(t.db, kept.token)).not.toBeNull();
		expect(await validateSession(t.db, other.token)).toBeNull();
	});
});

describe('housekeeping', () => {
	it('deletes expired sessions and rate-limit counts older than a day, and keeps the rest', async () => {
		const userId = await signUpAndVerify('menage@ac-lille.fr');
		const old = await createSession(t.db, userId, new Date('2020-01-01T00:00:00Z'));
		const current = await createSession(t.db, userId);
		await t.db
			.insertInto('auth_failures')
			.values({ scope: 'login:email', key: 'ancienne', at: new Date('2020-01-01') })
			.execute();
		await runMaintenance(t.db);
		const sessions = await t.db
			.selectFrom('sessions')
			.select('token_hash')
			.where('user_id', '=', userId)
			.execute();
		expect(sessions.map((s) => s.token_hash)).toEqual([hashToken(current.token)]);
		expect(sessions.map((s) => s.token_hash)).not.toContain(hashToken(old.token));
		const stale = await t.db
			.selectFrom('auth_failures')
			.select('id')
			.where('key', '=', 'ancienne')
			.execute();
		expect(stale).toHaveLength(0);
		expect(await t.db.selectFrom('auth_failures').select('id').execute()).not.toHaveLength(0);
	});
});
