// Account use cases: sign-up, address verification, log-in, password reset and change. Each write and
// the mail it causes happen in one transaction (the mail goes to the outbox).
import { emailProblem, type FieldErrors } from '$lib/domain/validation';
import type { Db } from '../db';
import {
	findUserByEmail,
	findUserById,
	insertUser,
	markEmailVerified,
	normaliseEmail,
	setPasswordHash
} from '../db/users';
import { enqueueMail } from '../mail/outbox';
import {
	accountExistsMail,
	passwordChangedMail,
	resetPasswordMail,
	verifyEmailMail
} from '../mail/templates';
import {
	hashPassword,
	newAccountErrors,
	newPasswordErrors,
	verifyAgainstDecoy,
	verifyPassword
} from './password';
import {
	clearAttempts,
	releaseAttempt,
	reserveAttempt,
	tooManyAttemptsMessage
} from './rate-limit';
import { deleteUserSessions } from './session';
import {
	createAuthToken,
	expireUserTokens,
	markTokenUsed,
	tokenStatus,
	TOKEN_PROBLEMS
} from './tokens';

export const verifyLink = (origin: string, token: string) => `${origin}/verification/${token}`;
export const resetLink = (origin: string, token: string) => `${origin}/mot-de-passe/${token}`;

export type SignUpField = 'name' | 'email' | 'password' | 'confirm';

/**
 * Creates an unverified account and mails its verification link. When the address already has an
 * account, that account's owner is told instead, and the caller gets the same answer (no enumeration).
 * A valid sign-up counts towards the limits per address and per IP (each one queues a mail).
 */
export async function signUp(
	db: Db,
	secret: string,
	input: { name: string; email: string; password: string; confirm: string; ip: string },
	origin: string
): Promise<{ ok: true } | { ok: false; errors: FieldErrors<SignUpField>; message?: string }> {
	const errors = newAccountErrors(input);
	if (Object.keys(errors).length > 0) return { ok: false, errors };

	const reservation = await reserveAttempt(db, secret, 'signup', {
		email: normaliseEmail(input.email),
		ip: input.ip
	});
	if (!reservation.ok)
		return {
			ok: false,
			errors: {},
			message: tooManyAttemptsMessage(reservation.retryAfterMinutes)
		};
	const passwordHash = await hashPassword(input.password);
	await db.transaction().execute(async (trx) => {
		const existing = await findUserByEmail(trx, input.email);
		if (existing) {
			const token = await createAuthToken(trx, existing.id, 'reset_password');
			await enqueueMail(
				trx,
				existing.email,
				accountExistsMail(existing.name, resetLink(origin, token))
			);
			return;
		}
		const user = await insertUser(trx, { email: input.email, name: input.name, passwordHash });
		const token = await createAuthToken(trx, user.id, 'verify_email');
		await enqueueMail(trx, user.email, verifyEmailMail(user.name, verifyLink(origin, token)));
	});
	return { ok: true };
}

/** Confirms an address from the link mailed at sign-up. */
export async function verifyEmail(
	db: Db,
	token: string
): Promise<{ ok: true } | { ok: false; message: string }> {
	return db.transaction().execute(async (trx) => {
		const found = await tokenStatus(trx, token, 'verify_email', new Date(), true);
		if (found.status === 'used' && found.userId !== undefined) {
			const user = await findUserById(trx, found.userId);
			if (user?.email_verified_at) return { ok: true } as const;
		}
		if (found.status !== 'valid' || found.userId === undefined)
			return {
				ok: false,
				message: TOKEN_PROBLEMS[found.status as keyof typeof TOKEN_PROBLEMS]
			} as const;
		await markTokenUsed(trx, token);
		await markEmailVerified(trx, found.userId);
		return { ok: true } as const;
	});
}

export type LogInResult =
	{ ok: true; userId: number } | { ok: false; message: string; unverified?: boolean };

export const WRONG_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';

/**
 * Checks a log-in. The answer never says whether the address has an account. Failures count towards
 * the limits per address and per IP (a success clears the address's count); an unverified account gets
 * a fresh verification link.
 */
export async function logIn(
	db: Db,
	secret: string,
	input: { email: string; password: string; ip: string },
	origin: string
): Promise<LogInResult> {
	const email = normaliseEmail(input.email);
	// The attempt is counted before the password is checked, so that under parallel attempts no more
	// passwords are checked than the limit allows; the right password takes it back.
	const reservation = await reserveAttempt(db, secret, 'login', { email, ip: input.ip });
	if (!reservation.ok)
		return { ok: false, message: tooManyAttemptsMessage(reservation.retryAfterMinutes) };

	const user = email ? await findUserByEmail(db, email) : undefined;
	const valid = user
		? await verifyPassword(user.password_hash, input.password)
		: await verifyAgainstDecoy(input.password);
	if (!user || !valid) return { ok: false, message: WRONG_CREDENTIALS };
	await releaseAttempt(db, reservation);
	if (!user.email_verified_at) {
		await db.transaction().execute(async (trx) => {
			const token = await createAuthToken(trx, user.id, 'verify_email');
			await enqueueMail(trx, user.email, verifyEmailMail(user.name, verifyLink(origin, token)));
		});
		return {
			ok: false,
			unverified: true,
			message:
				'Votre adresse électronique n’est pas encore confirmée. Nous venons de vous renvoyer le lien de confirmation : ouvrez-le, puis connectez-vous.'
		};
	}
	await clearAttempts(db, secret, 'login', email);
	return { ok: true, userId: user.id };
}

export const RESET_REQUESTED =
	'Si un compte existe pour cette adresse, nous venons d’y envoyer un lien pour choisir un nouveau mot de passe. Il est valable 1 heure.';

/** Mails a reset link when the address has an account; same answer either way. Rate-limited. */
export async function requestPasswordReset(
	db: Db,
	secret: string,
	input: { email: string; ip: string },
	origin: string
): Promise<{ ok: true } | { ok: false; field?: 'email'; message: string }> {
	const emailError = emailProblem(input.email);
	if (emailError) return { ok: false, field: 'email', message: emailError };
	const email = normaliseEmail(input.email);
	const reservation = await reserveAttempt(db, secret, 'reset', { email, ip: input.ip });
	if (!reservation.ok)
		return { ok: false, message: tooManyAttemptsMessage(reservation.retryAfterMinutes) };
	await db.transaction().execute(async (trx) => {
		const user = await findUserByEmail(trx, email);
		if (!user) return;
		const token = await createAuthToken(trx, user.id, 'reset_password');
		await enqueueMail(trx, user.email, resetPasswordMail(user.name, resetLink(origin, token)));
	});
	return { ok: true };
}

export async function checkResetToken(db: Db, token: string): Promise<string | null> {
	const { status } = await tokenStatus(db, token, 'reset_password');
	return status === 'valid' ? null : TOKEN_PROBLEMS[status];
}

export type PasswordField = 'current' | 'password' | 'confirm';

/** Sets a new password from a reset link: single use, ends every session, confirms the address. */
export async function resetPassword(
	db: Db,
	token: string,
	input: { password: string; confirm: string }
): Promise<{ ok: true } | { ok: false; errors: FieldErrors<PasswordField>; message?: string }> {
	const preliminary = await tokenStatus(db, token, 'reset_password');
	if (preliminary.status !== 'valid' || preliminary.userId === undefined)
		return {
			ok: false,
			errors: {},
			message: TOKEN_PROBLEMS[preliminary.status as keyof typeof TOKEN_PROBLEMS]
		};
	const user = await findUserById(db, preliminary.userId);
	const errors = newPasswordErrors(input.password, input.confirm, user?.email);
	if (Object.keys(errors).length > 0) return { ok: false, errors };

	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		const found = await tokenStatus(trx, token, 'reset_password', new Date(), true);
		if (found.status !== 'valid' || found.userId === undefined)
			return {
				ok: false,
				errors: {},
				message: TOKEN_PROBLEMS[found.status as keyof typeof TOKEN_PROBLEMS]
			} as const;
		await markTokenUsed(trx, token);
		await expireUserTokens(trx, found.userId, 'reset_password');
		await setPasswordHash(trx, found.userId, passwordHash);
		await markEmailVerified(trx, found.userId);
		await deleteUserSessions(trx, found.userId);
		const owner = await findUserById(trx, found.userId);
		if (owner) await enqueueMail(trx, owner.email, passwordChangedMail(owner.name));
		return { ok: true } as const;
	});
}

/** Changes the password of a signed-in user, who proves the current one; other sessions end. */
export async function changePassword(
	db: Db,
	userId: number,
	input: { current: string; password: string; confirm: string },
	keepSessionToken: string | undefined
): Promise<{ ok: true } | { ok: false; errors: FieldErrors<PasswordField> }> {
	const user = await findUserById(db, userId);
	if (!user || !(await verifyPassword(user.password_hash, input.current)))
		return { ok: false, errors: { current: 'Le mot de passe actuel est incorrect.' } };
	const errors = newPasswordErrors(input.password, input.confirm, user.email);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const passwordHash = await hashPassword(input.password);
	await db.transaction().execute(async (trx) => {
		await setPasswordHash(trx, user.id, passwordHash);
		await deleteUserSessions(trx, user.id, keepSessionToken);
		await enqueueMail(trx, user.email, passwordChangedMail(user.name));
	});
	return { ok: true };
}
