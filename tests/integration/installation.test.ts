// The first organiser: the set-up link issued while nobody is organiser, its single use and expiry,
// and the race of two people using one link (or two links) at the same moment.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/lib/server/auth/crypto';
import {
	announceInstallation,
	checkInstallationLink,
	completeInstallation,
	INSTALLATION_PROBLEMS,
	issueInstallationLink
} from '../../src/lib/server/auth/installation';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/password';
import { clearAccounts, warmPool } from '../helpers/accounts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'une phrase de passe solide';
let t: TestDatabase;

const tokenOf = (link: string) => link.match(/\/installation\/([A-Za-z0-9_-]+)$/)![1];
const form = (email: string, name = 'Camille Première') => ({
	name,
	email,
	password: PASSWORD,
	confirm: PASSWORD
});

async function freshLink(now = new Date()) {
	const link = await issueInstallationLink(t.db, ORIGIN, now);
	expect(link).not.toBeNull();
	return tokenOf(link!);
}

// Each test starts from a database without accounts (the log is append-only: its trigger is
// disabled for the time of the cleaning).
beforeEach(async () => {
	t ??= await createTestDatabase();
	await clearAccounts(t.db);
});

afterAll(async () => {
	await t?.close();
});

describe('the set-up link', () => {
	it('is printed on one line while nobody is organiser, stored only as its hash', async () => {
		const lines: string[] = [];
		const link = await announceInstallation(t.db, ORIGIN, (line) => lines.push(line));
		expect(link).toMatch(/^http:\/\/localhost:3000\/installation\/[A-Za-z0-9_-]{43}$/);
		expect(lines).toEqual([
			`Aucun organisateur : créez le premier compte organisateur sur ${link} (lien à usage unique, valable 24 h).`
		]);
		const rows = await t.db.selectFrom('installation_links').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].token_hash).toBe(hashToken(tokenOf(link!)));
		expect(JSON.stringify(rows)).not.toContain(tokenOf(link!));
		expect(rows[0].expires_at.getTime() - rows[0].created_at.getTime()).toBe(24 * 3600_000);
	});

	it('is not issued (nothing printed) once an organiser exists', async () => {
		await t.db
			.insertInto('users')
			.values({
				email: 'orga@education.gouv.fr',
				name: 'Orga',
				password_hash: 'x',
				is_organiser: true
			})
			.execute();
		const lines: string[] = [];
		expect(await announceInstallation(t.db, ORIGIN, (line) => lines.push(line))).toBeNull();
		expect(lines).toEqual([]);
		expect(await t.db.selectFrom('installation_links').selectAll().execute()).toEqual([]);
	});

	it('makes the first organiser: a verified account, signed in by the caller, logged', async () => {
		const token = await freshLink();
		expect(await checkInstallationLink(t.db, token)).toBeNull();
		const result = await completeInstallation(t.db, token, form('Premiere@Education.gouv.fr'));
		expect(result).toMatchObject({ ok: true });
		const user = await t.db
			.selectFrom('users')
			.selectAll()
			.where('email', '=', 'premiere@education.gouv.fr')
			.executeTakeFirstOrThrow();
		expect(user).toMatchObject({ name: 'Camille Première', is_organiser: true });
		expect(user.email_verified_at).not.toBeNull();
		expect(await verifyPassword(user.password_hash, PASSWORD)).toBe(true);
		const events = await t.db.selectFrom('account_events').selectAll().execute();
		expect(events).toMatchObject([
			{ type: 'organiser_granted', user_id: user.id, actor_id: null, source: 'installation' }
		]);
		const link = await t.db.selectFrom('installation_links').selectAll().executeTakeFirstOrThrow();
		expect(link.used_by).toBe(user.id);
		expect(link.used_at).not.toBeNull();
	});

	it('serves once; then every other link is refused too, with a French reason', async () => {
		const first = await freshLink();
		const second = await freshLink();
		expect(
			(await completeInstallation(t.db, first, form('alix.martin@education.gouv.fr'))).ok
		).toBe(true);
		expect(await checkInstallationLink(t.db, first)).toBe(INSTALLATION_PROBLEMS.used);
		expect(await completeInstallation(t.db, first, form('benoit.roux@education.gouv.fr'))).toEqual({
			ok: false,
			errors: {},
			message: INSTALLATION_PROBLEMS.used
		});
		expect(await checkInstallationLink(t.db, second)).toBe(INSTALLATION_PROBLEMS.done);
		expect(
			await completeInstallation(t.db, second, form('benoit.roux@education.gouv.fr'))
		).toMatchObject({
			ok: false,
			message: INSTALLATION_PROBLEMS.done
		});
		const organisers = await t.db.selectFrom('users').where('is_organiser', '=', true).execute();
		expect(organisers).toHaveLength(1);
	});

	it('refuses an unknown or expired link', async () => {
		expect(await checkInstallationLink(t.db, 'nimporte-quoi')).toBe(INSTALLATION_PROBLEMS.unknown);
		const yesterday = new Date(Date.now() - 25 * 3600_000);
		const old = await freshLink(yesterday);
		expect(await checkInstallationLink(t.db, old)).toBe(INSTALLATION_PROBLEMS.expired);
		expect(
			await completeInstallation(t.db, old, form('alix.martin@education.gouv.fr'))
		).toMatchObject({
			ok: false,
			message: INSTALLATION_PROBLEMS.expired
		});
		expect(await t.db.selectFrom('users').selectAll().execute()).toEqual([]);
	});

	it('explains each wrong field and creates nothing', async () => {
		const token = await freshLink();
		const result = await completeInstallation(t.db, token, {
			name: ' ',
			email: 'pas-une-adresse',
			password: 'court',
			confirm: 'court'
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				name: 'Saisissez vos prénom et nom.',
				email: 'Saisissez une adresse électronique valide, au format nom@domaine.fr.',
				password: 'Le mot de passe doit compter au moins 12 caractères.'
			}
		});
		expect(
			await completeInstallation(t.db, token, {
				...form('alix.martin@education.gouv.fr'),
				confirm: 'autre chose'
			})
		).toMatchObject({
			ok: false,
			errors: { confirm: 'Les deux mots de passe ne sont pas identiques.' }
		});
		expect(await checkInstallationLink(t.db, token)).toBeNull();
		expect(await t.db.selectFrom('users').selectAll().execute()).toEqual([]);
	});

	it('gives the role to an existing account only with its own password', async () => {
		const { id } = await t.db
			.insertInto('users')
			.values({
				email: 'deja@education.gouv.fr',
				name: 'Dominique Déjà',
				password_hash: await hashPassword(PASSWORD)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const token = await freshLink();
		const wrong = await completeInstallation(t.db, token, {
			...form('deja@education.gouv.fr'),
			password: 'un autre mot de passe',
			confirm: 'un autre mot de passe'
		});
		expect(wrong).toMatchObject({
			ok: false,
			errors: { email: expect.stringContaining('existe déjà') }
		});
		expect(await checkInstallationLink(t.db, token)).toBeNull();
		expect(await completeInstallation(t.db, token, form('deja@education.gouv.fr'))).toEqual({
			ok: true,
			userId: id
		});
		const user = await t.db
			.selectFrom('users')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(user.is_organiser).toBe(true);
		expect(user.name).toBe('Dominique Déjà');
		expect(user.email_verified_at).not.toBeNull();
	});
});

describe('two people at once', () => {
	it('one link opened twice at the same moment: only one becomes organiser', async () => {
		const token = await freshLink();
		await warmPool(t.db);
		const results = await Promise.all([
			completeInstallation(t.db, token, form('ines.laurent@education.gouv.fr', 'Un')),
			completeInstallation(t.db, token, form('hugo.petit@education.gouv.fr', 'Deux'))
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toMatchObject({ message: INSTALLATION_PROBLEMS.used });
		const organisers = await t.db.selectFrom('users').where('is_organiser', '=', true).execute();
		expect(organisers).toHaveLength(1);
		expect(await t.db.selectFrom('users').selectAll().execute()).toHaveLength(1);
	});

	it('two links used at the same moment: only one becomes organiser', async () => {
		const [a, b] = [await freshLink(), await freshLink()];
		await warmPool(t.db);
		const results = await Promise.all([
			completeInstallation(t.db, a, form('ines.laurent@education.gouv.fr', 'Un')),
			completeInstallation(t.db, b, form('hugo.petit@education.gouv.fr', 'Deux'))
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toMatchObject({ message: INSTALLATION_PROBLEMS.done });
		const organisers = await t.db.selectFrom('users').where('is_organiser', '=', true).execute();
		expect(organisers).toHaveLength(1);
	});
});
