// Reading the organisers' form that sets the weight of trial evidence in the final ranking: a whole
// percentage from 0 to 100. Pure: a French message, and the value as typed, on bad input.

export interface TrialWeightForm {
	ok: boolean;
	/** The value as typed (kept in the form on a refusal). */
	value: string;
	weight: number | null;
	error: string | null;
}

export function readTrialWeight(form: FormData): TrialWeightForm {
	const raw = form.get('poids');
	const value = typeof raw === 'string' ? raw.trim() : '';
	const fail = (error: string) => ({ ok: false, value, weight: null, error });
	if (value === '') return fail('Indiquez le poids de l’essai, en pourcentage de 0 à 100.');
	const normalised = value.replace(/\s*%$/, '').replace(',', '.');
	if (!/^\d{1,3}(\.0*)?$/.test(normalised))
		return fail('Le poids de l’essai est un nombre entier de 0 à 100 (sans décimale).');
	const weight = Number(normalised);
	if (weight > 100) return fail('Le poids de l’essai ne peut pas dépasser 100 %.');
	return { ok: true, value, weight, error: null };
}
