// The candidature dossier: its fields with their French labels and limits, the checks of a draft
// save (limits and UAI format only: a draft may be partial) and the completeness rules a submission
// needs. Client-safe: no Node imports.
import { academieOfUai, normaliseUai, uaiProblem } from './uai';
import { parseId } from './integer';

/** The text fields of the dossier, in the order of the form. */
export const DOSSIER_TEXT_FIELDS = [
	{ name: 'title', label: 'Titre de la candidature', max: 150, long: false },
	{
		name: 'summary',
		label: 'Résumé',
		max: 500,
		long: true,
		hint: 'Le texte présenté publiquement.'
	},
	{ name: 'etablissement_name', label: 'Nom de l’établissement', max: 200, long: false },
	{ name: 'problem', label: 'Problème traité', max: 5000, long: true },
	{ name: 'solution', label: 'Solution mise en œuvre', max: 5000, long: true },
	{ name: 'audience', label: 'Public concerné', max: 5000, long: true },
	{ name: 'results', label: 'Résultats obtenus et indicateurs', max: 5000, long: true },
	{
		name: 'transferability',
		label: 'Transférabilité',
		max: 5000,
		long: true,
		hint: 'Ce dont un autre établissement ou service a besoin pour la reproduire.'
	},
	{ name: 'resources', label: 'Moyens nécessaires', max: 5000, long: true }
] as const satisfies readonly {
	name: string;
	label: string;
	max: number;
	long: boolean;
	hint?: string;
}[];

export type DossierTextField = (typeof DOSSIER_TEXT_FIELDS)[number]['name'];

export const DOSSIER_LABELS = {
	...(Object.fromEntries(DOSSIER_TEXT_FIELDS.map((f) => [f.name, f.label])) as Record<
		DossierTextField,
		string
	>),
	category_id: 'Catégorie',
	themes: 'Thèmes',
	uai: 'Code UAI de l’établissement',
	publication_consent: 'Consentement à la publication du dossier'
};

export type DossierField = keyof typeof DOSSIER_LABELS;

/** The counter text shown under a field: « 500 caractères maximum ». */
export const limitText = (max: number) =>
	`${new Intl.NumberFormat('fr-FR').format(max).replace(/\s/g, '\u202f')} caractères maximum`;

/** What the form sends: every value as typed (strings), so that nothing is lost on a refusal. */
export interface DossierInput {
	title: string;
	summary: string;
	etablissement_name: string;
	problem: string;
	solution: string;
	audience: string;
	results: string;
	transferability: string;
	resources: string;
	uai: string;
	category_id: string;
	themes: string[];
	publication_consent: boolean;
}

export const EMPTY_DOSSIER: DossierInput = {
	title: '',
	summary: '',
	etablissement_name: '',
	problem: '',
	solution: '',
	audience: '',
	results: '',
	transferability: '',
	resources: '',
	uai: '',
	category_id: '',
	themes: [],
	publication_consent: false
};

/** Reads the dossier's fields from a submitted form. */
export function readDossierForm(form: FormData): DossierInput {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.replace(/\r\n/g, '\n') : '';
	};
	const input = { ...EMPTY_DOSSIER, themes: [] as string[] };
	for (const f of DOSSIER_TEXT_FIELDS) input[f.name] = text(f.name);
	input.uai = text('uai');
	input.category_id = text('category_id');
	input.themes = form.getAll('themes').filter((v): v is string => typeof v === 'string');
	input.publication_consent = form.get('publication_consent') === 'on';
	return input;
}

/** What may be saved, with the académie derived from the UAI code. */
export interface DossierValues {
	title: string;
	summary: string;
	etablissement_name: string;
	problem: string;
	solution: string;
	audience: string;
	results: string;
	transferability: string;
	resources: string;
	uai: string | null;
	academie: string | null;
	category_id: number | null;
	themes: number[];
	publication_consent: boolean;
}

/**
 * Checks a draft: limits, the UAI code's format and checksum, the category and themes among the
 * edition's. A partial dossier is fine. Returns the values to save, or a French message per field.
 */
export function checkDossierDraft(
	input: DossierInput,
	choices: { categoryIds: readonly number[]; themeIds: readonly number[] }
):
	| { ok: true; values: DossierValues }
	| { ok: false; errors: Partial<Record<DossierField, string>> } {
	const errors: Partial<Record<DossierField, string>> = {};
	for (const f of DOSSIER_TEXT_FIELDS) {
		const length = input[f.name].trim().length;
		if (length > f.max)
			errors[f.name] =
				`« ${f.label} » compte ${length} caractères : ${limitText(f.max)}. Raccourcissez le texte.`;
	}
	if (!input.title.trim()) errors.title = 'Donnez un titre à la candidature.';
	const uai = normaliseUai(input.uai);
	if (uai) {
		const problem = uaiProblem(uai);
		if (problem) errors.uai = problem;
	}
	let categoryId: number | null = null;
	if (input.category_id) {
		categoryId = parseId(input.category_id);
		if (categoryId === null || !choices.categoryIds.includes(categoryId))
			errors.category_id = 'Choisissez une catégorie de la liste.';
	}
	const themes = [...new Set(input.themes.map(parseId))];
	if (themes.some((id) => id === null || !choices.themeIds.includes(id)))
		errors.themes = 'Choisissez les thèmes dans la liste.';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		values: {
			title: input.title.trim(),
			summary: input.summary.trim(),
			etablissement_name: input.etablissement_name.trim(),
			problem: input.problem.trim(),
			solution: input.solution.trim(),
			audience: input.audience.trim(),
			results: input.results.trim(),
			transferability: input.transferability.trim(),
			resources: input.resources.trim(),
			uai: uai || null,
			academie: uai ? (academieOfUai(uai)?.academie ?? null) : null,
			category_id: categoryId,
			themes: themes.filter((id): id is number => id !== null),
			publication_consent: input.publication_consent
		}
	};
}

/** A saved dossier, as completeness reads it. */
export interface SavedDossier {
	title: string;
	summary: string;
	etablissement_name: string;
	problem: string;
	solution: string;
	audience: string;
	results: string;
	transferability: string;
	resources: string;
	uai: string | null;
	category_id: number | null;
	themes: readonly number[];
	publication_consent: boolean;
}

/** What is still missing before submission, as French lines (empty when the dossier is complete). */
export function missingForSubmission(d: SavedDossier): { field: DossierField; message: string }[] {
	const missing: { field: DossierField; message: string }[] = [];
	const need = (field: DossierField, message: string) => missing.push({ field, message });
	if (!d.title.trim()) need('title', 'Le titre de la candidature');
	if (!d.summary.trim()) need('summary', 'Le résumé');
	if (d.category_id === null) need('category_id', 'La catégorie');
	if (d.themes.length === 0) need('themes', 'Au moins un thème');
	if (!d.uai || uaiProblem(d.uai)) need('uai', 'Un code UAI valide pour l’établissement');
	if (!d.etablissement_name.trim()) need('etablissement_name', 'Le nom de l’établissement');
	for (const f of DOSSIER_TEXT_FIELDS.slice(3))
		if (!d[f.name].trim()) need(f.name, `La rubrique « ${f.label} »`);
	if (!d.publication_consent)
		need('publication_consent', 'Votre consentement à la publication du dossier');
	return missing;
}

/** The French reason a submission is refused for an incomplete dossier, or null when complete. */
export function whyIncomplete(d: SavedDossier): string | null {
	const missing = missingForSubmission(d);
	if (missing.length === 0) return null;
	return `Le dossier n’est pas complet. Il manque : ${missing
		.map((m) => m.message.charAt(0).toLowerCase() + m.message.slice(1))
		.join(' ; ')}.`;
}

/** The answer to a save based on an older version of the dossier. */
export const CONFLICT_MESSAGE =
	'Un autre membre de l’équipe a enregistré le dossier pendant que vous écriviez : vos modifications ne sont pas enregistrées, mais elles sont conservées ci-dessous. Rechargez la page pour voir sa version, puis reportez vos changements.';

/** The answer to a save that reaches a dossier submitted in the meantime. */
export const READ_ONLY_MESSAGE =
	'La candidature a été déposée pendant que vous écriviez : le dossier est désormais en lecture seule et vos modifications ne sont pas enregistrées. Elles sont conservées ci-dessous : copiez-les si vous souhaitez les garder.';
