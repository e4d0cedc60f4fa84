// Password hashing with argon2id (OWASP's recommended parameters).
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN_LENGTH } from '$lib/domain/validation';

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
