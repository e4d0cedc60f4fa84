// Field checks shared by forms: each returns a French message, or null when the value is fine.

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string): string | null {
	if (!email.trim()) return 'Saisissez votre adresse électronique.';
	if (email.length > 254 || !EMAIL_RE.test(email.trim()))
		return 'Saisissez une adresse électronique valide, au format nom@domaine.fr.';
	return null;
}

export function nameProblem(name: string): string | null {
	const trimmed = name.trim();
	if (!trimmed) return 'Saisissez vos prénom et nom.';
	if (trimmed.length > 120) return 'Vos prénom et nom ne doivent pas dépasser 120 caractères.';
	return null;
}

export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/** Reads a text field from a form; absent fields read as the empty string. */
export function field(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_RULE = `Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase de passe facile à retenir convient bien.`;
