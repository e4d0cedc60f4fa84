// Password hashing with argon2id (OWASP's recommended parameters).
import { hash, verify } from '@node-rs/argon2';
import {
	emailProblem,
	nameProblem,
	PASSWORD_MIN_LENGTH,
	type FieldErrors
} from '$lib/domain/validation';

const OPTIONS = {
	algorithm: 2 /* Argon2id */,
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1
} as const;

export { PASSWORD_MIN_LENGTH };
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

// Verified against when the address is unknown, so that the answer takes the same time either way.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
	decoy ??= hashPassword('mot de passe factice pour égaliser les temps de réponse');
	await verifyPassword(await decoy, password);
	return false;
}

/** French message for a password that does not meet the rules, or null when it does. */
export function passwordProblem(password: string, email?: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH)
		return `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`;
	if (password.length > PASSWORD_MAX_LENGTH)
		return `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`;
	if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase()))
		return 'Le mot de passe ne doit pas contenir votre adresse électronique.';
	return null;
}

export const PASSWORDS_DIFFER = 'Les deux mots de passe ne sont pas identiques.';

/** A new password and its confirmation: the password's problem, else a mismatch, else none. */
export function newPasswordErrors(
	password: string,
	confirm: string,
	email?: string
): FieldErrors<'password' | 'confirm'> {
	const problem = passwordProblem(password, email);
	if (problem) return { password: problem };
	if (password !== confirm) return { confirm: PASSWORDS_DIFFER };
	return {};
}

/**
 * A new account's fields (sign-up, first organiser, invitation): the name, the address when the
 * person types it, the password (which must not contain a valid address) and its confirmation.
 */
export function newAccountErrors(input: {
	name: string;
	email?: string;
	password: string;
	confirm: string;
}): FieldErrors<'name' | 'email' | 'password' | 'confirm'> {
	const errors: FieldErrors<'name' | 'email' | 'password' | 'confirm'> = {};
	const nameError = nameProblem(input.name);
	if (nameError) errors.name = nameError;
	const emailError = input.email === undefined ? null : emailProblem(input.email);
	if (emailError) errors.email = emailError;
	return {
		...errors,
		...newPasswordErrors(input.password, input.confirm, emailError ? undefined : input.email)
	};
}
