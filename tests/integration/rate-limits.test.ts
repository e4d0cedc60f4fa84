// The rate limits hold under parallel requests: the count and the decision are one atomic step, so
// that 100 simultaneous attempts cannot all pass a check made before any of them is recorded. On
// PostgreSQL the pool runs them truly in parallel; on PGlite they interleave around the password hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	logIn,
	requestPasswordReset,
	signUp,
	verifyEmail,
	WRONG_CREDENTIALS
} from '../../src/lib/server/auth/accounts';
import { LIMITS } from '../../src/lib/server/auth/rate-limit';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ORIGIN = 'http://localhost:3000';
const SECRET = 'y'.repeat(32);
const PASSWORD = 'une phrase de passe solide';
const TOO_MANY = /^Trop de tentatives\. Par sécurité, réessayez dans \d+ minutes?\.$/;

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t?.close();
});

async function mailsTo(email: string) {
	return t.db
		.selectFrom('outbox')
		.select(['subject', 'body_text'])
		.where('recipient', '=', email)
		.orderBy('id')
		.execute();
}

async function verifiedAccount(email: string, ip: string) {
	expect(
		await signUp(
			t.db,
			SECRET,
			{ name: 'Camille Test', email, password: PASSWORD, confirm: PASSWORD, ip },
			ORIGIN
		)
	).toEqual({ ok: true });
	const [mail] = await mailsTo(email);
	const token = mail.body_text.match(/\/verification\/(\S+)/)?.[1] ?? '';
	expect(await verifyEmail(t.db, token)).toEqual({ ok: true });
}

/** How many answers were WRONG_CREDENTIALS (a password checked) and how many « Trop de tentatives ». */
function tally(results: { ok: boolean; message?: string }[]) {
	const checked = results.filter((r) => !r.ok && r.message === WRONG_CREDENTIALS).length;
	const refused = results.filter((r) => !r.ok && TOO_MANY.test(r.message ?? '')).length;
	return { checked, refused, other: results.length - checked - refused };
}

describe('log-in under parallel attempts', () => {
	it('checks exactly the limit of wrong passwords for one address out of 100 at once', async () => {
		const email = 'parallele@ac-rennes.fr';
		await verifiedAccount(email, '10.9.0.1');
		const results = await Promise.all(
			Array.from({ length: 100 }, () =>
				logIn(t.db, SECRET, { email, password: 'pas le bon', ip: '10.9.1.1' }, ORIGIN)
			)
		);
		expect(tally(results)).toEqual({
			checked: LIMITS.login.perEmail.max,
			refused: 100 - LIMITS.login.perEmail.max,
			other: 0
		});
		// The right password is refused as well until the window has passed.
		const right = await logIn(t.db, SECRET, { email, password: PASSWORD, ip: '10.9.1.2' }, ORIGIN);
		expect(!right.ok && right.message).toMatch(TOO_MANY);
	});

	it('checks exactly the limit per IP out of 100 addresses tried at once from one IP', async () => {
		const ip = '10.9.2.1';
		const results = await Promise.all(
			Array.from({ length: 100 }, (_, i) =>
				logIn(t.db, SECRET, { email: `inconnu${i}@ac-caen.fr`, password: 'x', ip }, ORIGIN)
			)
		);
		expect(tally(results)).toEqual({
			checked: LIMITS.login.perIp.max,
			refused: 100 - LIMITS.login.perIp.max,
			other: 0
		});
	});

	it('does not count successful log-ins against the IP, and a success clears the address', async () => {
		const email = 'reussite@ac-rennes.fr';
		await verifiedAccount(email, '10.9.3.1');
		const ip = '10.9.3.2';
		for (let i = 0; i < LIMITS.login.perIp.max + 5; i++)
			expect((await logIn(t.db, SECRET, { email, password: PASSWORD, ip }, ORIGIN)).ok).toBe(true);
		for (let i = 0; i < LIMITS.login.perEmail.max - 1; i++)
			expect(await logIn(t.db, SECRET, { email, password: 'faux', ip }, ORIGIN)).toEqual({
				ok: false,
				message: WRONG_CREDENTIALS
			});
		expect((await logIn(t.db, SECRET, { email, password: PASSWORD, ip }, ORIGIN)).ok).toBe(true);
		// The count started again: as many failures as the limit are checked before a refusal.
		for (let i = 0; i < LIMITS.login.perEmail.max; i++)
			expect(await logIn(t.db, SECRET, { email, password: 'faux', ip }, ORIGIN)).toEqual({
				ok: false,
				message: WRONG_CREDENTIALS
			});
		const blocked = await logIn(t.db, SECRET, { email, password: PASSWORD, ip }, ORIGIN);
		expect(!blocked.ok && blocked.message).toMatch(TOO_MANY);
	});
});

describe('password reset under parallel requests', () => {
	it('accepts the limit of 20 simultaneous requests for one address, and mails only those', async () => {
		const email = 'reset.parallele@ac-dijon.fr';
		await verifiedAccount(email, '10.9.4.1');
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				requestPasswordReset(t.db, SECRET, { email, ip: `10.9.5.${i}` }, ORIGIN)
			)
		);
		const accepted = results.filter((r) => r.ok).length;
		const refused = results.filter((r) => !r.ok && TOO_MANY.test(r.message)).length;
		expect({ accepted, refused }).toEqual({
			accepted: LIMITS.reset.perEmail.max,
			refused: 20 - LIMITS.reset.perEmail.max
		});
		const resets = (await mailsTo(email)).filter(
			(m) => m.subject === 'Choisissez un nouveau mot de passe'
		);
		expect(resets).toHaveLength(LIMITS.reset.perEmail.max);
	});
});

describe('sign-up under parallel requests', () => {
	it('mails the owner of a taken address at most the limit of times out of 15 sign-ups', async () => {
		const email = 'deja.pris@ac-lille.fr';
		await verifiedAccount(email, '10.9.6.1');
		const results = await Promise.all(
			Array.from({ length: 15 }, (_, i) =>
				signUp(
					t.db,
					SECRET,
					{ name: 'Usurpateur', email, password: PASSWORD, confirm: PASSWORD, ip: `10.9.7.${i}` },
					ORIGIN
				)
			)
		);
		// The owner's own sign-up counted for the address too: each one queues a mail.
		const warnings = (await mailsTo(email)).filter((m) => m.subject === 'Vous avez déjà un compte');
		expect(warnings).toHaveLength(LIMITS.signup.perEmail.max - 1);
		expect(results.filter((r) => r.ok)).toHaveLength(LIMITS.signup.perEmail.max - 1);
		for (const refused of results.filter((r) => !r.ok))
			expect(!refused.ok && refused.message).toMatch(TOO_MANY);
	});

	it('creates at most the limit of accounts from one IP out of 15 at once', async () => {
		const ip = '10.9.8.1';
		const emails = Array.from({ length: 15 }, (_, i) => `nouveau${i}@ac-lille.fr`);
		const results = await Promise.all(
			emails.map((email) =>
				signUp(
					t.db,
					SECRET,
					{ name: 'Nouveau Compte', email, password: PASSWORD, confirm: PASSWORD, ip },
					ORIGIN
				)
			)
		);
		expect(results.filter((r) => r.ok)).toHaveLength(LIMITS.signup.perIp.max);
		const created = await t.db
			.selectFrom('users')
			.select('email')
			.where('email', 'in', emails)
			.execute();
		expect(created).toHaveLength(LIMITS.signup.perIp.max);
		const queued = await t.db
			.selectFrom('outbox')
			.select('id')
			.where('recipient', 'in', emails)
			.execute();
		expect(queued).toHaveLength(LIMITS.signup.perIp.max);
	});

	it('does not count a sign-up refused for its fields', async () => {
		const ip = '10.9.9.1';
		for (let i = 0; i < LIMITS.signup.perIp.max + 2; i++) {
			const result = await signUp(
				t.db,
				SECRET,
				{ name: '', email: 'incomplet@ac-lille.fr', password: 'court', confirm: 'court', ip },
				ORIGIN
			);
			expect(result.ok).toBe(false);
			expect(!result.ok && result.errors.name).toBeTruthy();
		}
		expect(
			await signUp(
				t.db,
				SECRET,
				{
					name: 'Enfin Complet',
					email: 'complet@ac-lille.fr',
					password: PASSWORD,
					confirm: PASSWORD,
					ip
				},
				ORIGIN
			)
		).toEqual({ ok: true });
	});
});
