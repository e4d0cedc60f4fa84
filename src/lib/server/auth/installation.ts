// The first organiser of a deployment. While no account holds the organiser role, each start of the
// server issues a single-use set-up link, valid 24 hours, and prints it on one line of the console
// (announceInstallation, called by the hooks' init). Opening it, someone creates the first organiser's
// account (or gives the role to an existing account whose password he knows) and is signed in. Once
// an organiser exists, every set-up link is refused; organisers then invite the others.
import { type FieldErrors } from '$lib/domain/validation';
import type { Db } from '../db';
import { findUserByEmail, insertUser, markEmailVerified, normaliseEmail } from '../db/users';
import { hashToken, newToken } from './crypto';
import { countOrganisers, grantOrganiser, lockOrganisers } from './organisers';
import { hashPassword, newAccountErrors, verifyPassword } from './password';

export const INSTALLATION_HOURS = 24;

export const installationLink = (origin: string, token: string) =>
	`${origin}/installation/${token}`;

/** The console line, one line, that operators (and tests) look for. */
export const installationMessage = (link: string) =>
	`Aucun organisateur : créez le premier compte organisateur sur ${link} (lien à usage unique, valable ${INSTALLATION_HOURS} h).`;

export const INSTALLATION_PROBLEMS = {
	unknown:
		'Ce lien d’installation n’est pas valide. Vérifiez que vous avez copié l’adresse complète, telle que le serveur l’a écrite dans son journal.',
	used: 'Ce lien d’installation a déjà servi : le premier compte organisateur est créé. Connectez-vous avec ce compte.',
	done: 'L’installation est terminée : un compte organisateur existe déjà, et les liens d’installation ne servent plus. Connectez-vous, ou demandez à un organisateur de vous inviter.',
	expired: `Ce lien d’installation a expiré (il est valable ${INSTALLATION_HOURS} heures). Redémarrez le serveur : tant qu’aucun organisateur n’existe, il écrit un nouveau lien dans son journal à chaque démarrage.`
} as const;

/**
 * A new set-up link when nobody is organiser yet (null otherwise). Older links stay valid until they
 * expire or an organiser exists.
 */
export async function issueInstallationLink(
	db: Db,
	origin: string,
	now = new Date()
): Promise<string | null> {
	if ((await countOrganisers(db)) > 0) return null;
	const token = newToken();
	await db
		.insertInto('installation_links')
		.values({
			token_hash: hashToken(token),
			created_at: now,
			expires_at: new Date(now.getTime() + INSTALLATION_HOURS * 60 * 60_000)
		})
		.execute();
	return installationLink(origin, token);
}

/** At start-up: prints the set-up link when nobody is organiser yet. Returns the link, or null. */
export async function announceInstallation(
	db: Db,
	origin: string,
	print: (line: string) => void = console.info
): Promise<string | null> {
	const link = await issueInstallationLink(db, origin);
	if (link) print(installationMessage(link));
	return link;
}

type LinkRow = { id: number; expires_at: Date; used_at: Date | null };

async function linkProblem(db: Db, row: LinkRow | undefined, now: Date): Promise<string | null> {
	if (!row) return INSTALLATION_PROBLEMS.unknown;
	if (row.used_at) return INSTALLATION_PROBLEMS.used;
	if ((await countOrganisers(db)) > 0) return INSTALLATION_PROBLEMS.done;
	if (row.expires_at.getTime() <= now.getTime()) return INSTALLATION_PROBLEMS.expired;
	return null;
}

/** Why the set-up link cannot be used (a French sentence), or null when it can. */
export async function checkInstallationLink(
	db: Db,
	token: string,
	now = new Date()
): Promise<string | null> {
	const row = await db
		.selectFrom('installation_links')
		.select(['id', 'expires_at', 'used_at'])
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst();
	return linkProblem(db, row, now);
}

export type InstallationField = 'name' | 'email' | 'password' | 'confirm';

export type InstallationResult =
	| { ok: true; userId: number }
	| { ok: false; errors: FieldErrors<InstallationField>; message?: string };

/**
 * Makes the first organiser from a set-up link: a new, verified account, or an existing account whose
 * password is given. Race-safe: the link's row and then the organisers are locked in the transaction,
 * so that of two people using one link (or two links) at once, only the first becomes organiser.
 */
export async function completeInstallation(
	db: Db,
	token: string,
	input: { name: string; email: string; password: string; confirm: string },
	now = new Date()
): Promise<InstallationResult> {
	const errors = newAccountErrors(input);
	if (Object.keys(errors).length > 0) return { ok: false, errors };

	const early = await checkInstallationLink(db, token, now);
	if (early) return { ok: false, errors: {}, message: early };
	const email = normaliseEmail(input.email);
	const existing = await findUserByEmail(db, email);
	const passwordHash = existing ? null : await hashPassword(input.password);
	if (existing && !(await verifyPassword(existing.password_hash, input.password)))
		return {
			ok: false,
			errors: {
				email:
					'Un compte existe déjà pour cette adresse, avec un autre mot de passe : saisissez le mot de passe de ce compte pour lui donner le rôle d’organisateur, ou choisissez une autre adresse.'
			}
		};

	return db.transaction().execute(async (trx): Promise<InstallationResult> => {
		const row = await trx
			.selectFrom('installation_links')
			.select(['id', 'expires_at', 'used_at'])
			.where('token_hash', '=', hashToken(token))
			.forUpdate()
			.executeTakeFirst();
		await lockOrganisers(trx);
		const problem = await linkProblem(trx, row, now);
		if (problem || !row) return { ok: false, errors: {}, message: problem ?? '' };
		let userId: number;
		const account = await findUserByEmail(trx, email);
		if (account) {
			// Created or changed since the password was checked above: ask again.
			if (
				!existing ||
				account.id !== existing.id ||
				account.password_hash !== existing.password_hash
			)
				return {
					ok: false,
					errors: {},
					message: 'Ce compte vient d’être modifié : envoyez de nouveau le formulaire.'
				};
			userId = account.id;
			await markEmailVerified(trx, userId);
		} else {
			const user = await insertUser(trx, {
				email,
				name: input.name,
				passwordHash: passwordHash ?? (await hashPassword(input.password)),
				verified: true
			});
			userId = user.id;
		}
		await grantOrganiser(trx, userId, { actorId: null, source: 'installation' }, now);
		await trx
			.updateTable('installation_links')
			.set({ used_at: now, used_by: userId })
			.where('id', '=', row.id)
			.execute();
		return { ok: true, userId };
	});
}
