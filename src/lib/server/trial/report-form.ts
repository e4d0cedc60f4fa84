// A trial site's report: reading the form (every value as typed, so that nothing is lost on a
// refusal), the checks of a draft save (formats and limits: a draft may be partial) and what a
// transmission needs (every indicator before and after, every step of the protocol answered,
// satisfaction, whether the site continues and why). French decimal comma accepted. Pure.
import { FIDELITY_LEVELS, type FidelityLevel } from '$lib/domain/trial-report-labels';
import { parseInteger } from '$lib/domain/integer';

export const ADAPTATIONS_MAX = 3000;
export const CONTINUE_REASON_MAX = 1000;
export const COMMENTS_MAX = 3000;
/** Indicator values are bounded so that a typo (a pasted telephone number…) is caught. */
export const VALUE_LIMIT = 1e9;

/** The fields of the form. */
export const beforeField = (indicatorId: number) => `avant-${indicatorId}`;
export const afterField = (indicatorId: number) => `apres-${indicatorId}`;
export const fidelityField = (step: number) => `fidelite-${step}`;

/** What the form sends, as typed. */
export interface ReportInput {
	/** By indicator id: the values before and after, as typed. */
	values: Record<number, { before: string; after: string }>;
	/** By step index: 'full' | 'partial' | 'no', or '' when not answered. */
	fidelity: string[];
	adaptations: string;
	satisfaction: string;
	/** 'oui', 'non' or ''. */
	willContinue: string;
	continueReason: string;
	comments: string;
}

/** What may be saved: numbers and levels, null where nothing is given yet. */
export interface ReportValues {
	values: { indicatorId: number; before: number | null; after: number | null }[];
	/** One per step of the protocol, null when not answered (a draft). */
	fidelity: (FidelityLevel | null)[];
	adaptations: string;
	satisfaction: number | null;
	willContinue: boolean | null;
	continueReason: string;
	comments: string;
}

/** Errors by field name (avant-<id>, apres-<id>, fidelite-<n>, adaptations, satisfaction, poursuite, raison_poursuite, commentaires). */
export type ReportErrors = Record<string, string>;

/** What the checks need to know of the protocol. */
export interface ReportProtocol {
	indicators: readonly { id: number; name: string; unit: string }[];
	steps: readonly string[];
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
};

/** Reads the report form for the given protocol, and the version the form was based on (NaN if absent). */
export function readReportForm(
	form: FormData,
	protocol: ReportProtocol
): { input: ReportInput; version: number } {
	const values: ReportInput['values'] = {};
	for (const i of protocol.indicators)
		values[i.id] = { before: text(form, beforeField(i.id)), after: text(form, afterField(i.id)) };
	const rawVersion = text(form, 'version');
	return {
		input: {
			values,
			fidelity: protocol.steps.map((_, k) => text(form, fidelityField(k))),
			adaptations: text(form, 'adaptations'),
			satisfaction: text(form, 'satisfaction'),
			willContinue: text(form, 'poursuite'),
			continueReason: text(form, 'raison_poursuite'),
			comments: text(form, 'commentaires')
		},
		version: parseInteger(rawVersion) ?? NaN
	};
}

/**
 * A number as a French reader types it: « 12,5 », « -3 », « 1 200 » (spaces as thousands separators),
 * « 12.5 » too. Null for an empty text, NaN for anything else.
 */
export function parseDecimal(typed: string): number | null {
	const compact = typed.replace(/[\s\u00a0\u202f]/g, '');
	if (compact === '') return null;
	if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return NaN;
	return Number(compact.replace(',', '.'));
}

/** A stored number as the form shows it: French decimal comma. */
export function formatDecimal(value: number | null): string {
	return value === null ? '' : String(value).replace('.', ',');
}

function numberProblem(value: number | null): string | null {
	if (value === null) return null;
	if (Number.isNaN(value)) return 'Saisissez un nombre, par exemple 12 ou 12,5 (virgule décimale).';
	if (Math.abs(value) > VALUE_LIMIT) return 'Ce nombre est trop grand : vérifiez la saisie.';
	return null;
}

function lengthProblem(what: string, value: string, max: number): string | null {
	return value.length > max
		? `${what} compte ${value.length} caractères : ${max} au plus. Raccourcissez le texte.`
		: null;
}

/**
 * Checks a draft against the protocol: numbers, levels and limits only, since a draft may be partial.
 * Answers the values to save, or a French message per field.
 */
export function checkReportDraft(
	input: ReportInput,
	protocol: ReportProtocol
): { ok: true; values: ReportValues } | { ok: false; errors: ReportErrors } {
	const errors: ReportErrors = {};
	const values: ReportValues['values'] = [];
	for (const i of protocol.indicators) {
		const typed = input.values[i.id] ?? { before: '', after: '' };
		const before = parseDecimal(typed.before);
		const after = parseDecimal(typed.after);
		const beforeProblem = numberProblem(before);
		const afterProblem = numberProblem(after);
		if (beforeProblem) errors[beforeField(i.id)] = beforeProblem;
		if (afterProblem) errors[afterField(i.id)] = afterProblem;
		values.push({ indicatorId: i.id, before, after });
	}
	const fidelity = protocol.steps.map((_, k) => {
		const level = input.fidelity[k] ?? '';
		if (level === '') return null;
		const known = FIDELITY_LEVELS.find((l) => l === level);
		if (!known) errors[fidelityField(k)] = 'Choisissez « fait », « en partie » ou « non ».';
		return known ?? null;
	});
	const rawSatisfaction = input.satisfaction.trim();
	const satisfaction = parseInteger(rawSatisfaction, { min: 1, max: 5 });
	if (rawSatisfaction !== '' && satisfaction === null)
		errors.satisfaction = 'Choisissez une satisfaction de 1 à 5.';
	const willContinue =
		input.willContinue === 'oui' ? true : input.willContinue === 'non' ? false : null;
	if (input.willContinue !== '' && willContinue === null)
		errors.poursuite = 'Répondez par oui ou par non.';
	const adaptations = input.adaptations.trim();
	const continueReason = input.continueReason.trim();
	const comments = input.comments.trim();
	const tooLong: [string, string | null][] = [
		['adaptations', lengthProblem('Le texte des adaptations', adaptations, ADAPTATIONS_MAX)],
		['raison_poursuite', lengthProblem('La raison', continueReason, CONTINUE_REASON_MAX)],
		['commentaires', lengthProblem('Le commentaire', comments, COMMENTS_MAX)]
	];
	for (const [field, problem] of tooLong) if (problem) errors[field] = problem;
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		values: { values, fidelity, adaptations, satisfaction, willContinue, continueReason, comments }
	};
}

/**
 * What a saved report still lacks before it can be transmitted: a French message per field (empty
 * when complete). Values and levels are read against the protocol as it is now.
 */
export function missingForReport(values: ReportValues, protocol: ReportProtocol): ReportErrors {
	const missing: ReportErrors = {};
	for (const i of protocol.indicators) {
		const v = values.values.find((x) => x.indicatorId === i.id);
		if (v?.before === null || v?.before === undefined)
			missing[beforeField(i.id)] = `Indiquez la valeur de « ${i.name} » avant l’essai.`;
		if (v?.after === null || v?.after === undefined)
			missing[afterField(i.id)] = `Indiquez la valeur de « ${i.name} » après l’essai.`;
	}
	protocol.steps.forEach((step, k) => {
		if (!values.fidelity[k])
			missing[fidelityField(k)] = `Indiquez si l’étape ${k + 1} « ${step} » a été suivie.`;
	});
	if (values.satisfaction === null) missing.satisfaction = 'Indiquez votre satisfaction, de 1 à 5.';
	if (values.willContinue === null)
		missing.poursuite = 'Indiquez si le site poursuivra l’innovation après l’essai.';
	if (!values.continueReason)
		missing.raison_poursuite =
			values.willContinue === false
				? 'Expliquez pourquoi le site ne poursuivra pas.'
				: 'Expliquez pourquoi le site poursuivra (ou non) l’innovation.';
	return missing;
}
