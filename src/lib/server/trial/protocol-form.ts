// The trial protocol form: reading it (every value as typed, so that nothing is lost on a refusal),
// checking it with a French message per field, and the rule that keeps submitted reports meaningful:
// once a site has transmitted its report, the protocol's steps and indicators may be reworded or
// extended at the end, but not removed or reordered. Pure.
import { DIRECTIONS, type IndicatorDirection } from '$lib/domain/trial-report-labels';
import { parseInteger } from '$lib/domain/integer';

export { DIRECTIONS, DIRECTION_LABELS } from '$lib/domain/trial-report-labels';

export const OBJECTIVES_MAX = 3000;
export const DURATION_MIN = 1;
export const DURATION_MAX = 52;
export const STEPS_MAX = 30;
export const STEP_MAX = 300;
export const INDICATORS_MIN = 1;
export const INDICATORS_MAX = 10;
export const INDICATOR_NAME_MAX = 120;
export const INDICATOR_UNIT_MAX = 40;
/** Blank indicator rows shown after the existing ones; « Ajouter des lignes » adds as many. */
export const BLANK_ROWS = 3;

/** One indicator row as typed: `id` is the stored indicator's id, empty for a new one. */
export interface IndicatorInput {
	id: string;
	name: string;
	unit: string;
	direction: string;
}

export interface ProtocolInput {
	objectives: string;
	durationWeeks: string;
	siteTasks: string;
	indicators: IndicatorInput[];
}

export interface ProtocolValues {
	objectives: string;
	durationWeeks: number;
	/** The steps, one per line, trimmed, without blank lines. */
	siteTasks: string;
	steps: string[];
	/** In the order of the form; `id` null for a new indicator. */
	indicators: { id: number | null; name: string; unit: string; direction: IndicatorDirection }[];
}

/** Errors by field: objectives, durationWeeks, siteTasks, indicators, and `indicateur-<row>-<nom|unite|sens>`. */
export type ProtocolErrors = Record<string, string>;

export const indicatorField = (row: number, part: 'id' | 'nom' | 'unite' | 'sens') =>
	`indicateur-${row}-${part}`;

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
};

/** The steps of a protocol's `site_tasks`: one per non-blank line, trimmed. */
export function stepsOf(siteTasks: string): string[] {
	return siteTasks
		.split(/\r\n?|\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

/**
 * Reads the protocol form: `objectifs`, `duree`, `etapes`, and the indicator rows
 * `indicateur-<n>-{id,nom,unite,sens}` for n from 0 to `lignes` − 1 (at most 100 rows).
 */
export function readProtocolForm(form: FormData): ProtocolInput {
	const rows = Math.min(parseInteger(text(form, 'lignes')) ?? 0, 100);
	const indicators: IndicatorInput[] = [];
	for (let row = 0; row < rows; row++)
		indicators.push({
			id: text(form, indicatorField(row, 'id')).trim(),
			name: text(form, indicatorField(row, 'nom')),
			unit: text(form, indicatorField(row, 'unite')),
			direction: text(form, indicatorField(row, 'sens'))
		});
	return {
		objectives: text(form, 'objectifs'),
		durationWeeks: text(form, 'duree'),
		siteTasks: text(form, 'etapes'),
		indicators
	};
}

const isBlank = (row: IndicatorInput) => row.name.trim() === '' && row.unit.trim() === '';

/**
 * Checks the protocol: objectives required (≤ 3000 characters), a duration of 1 to 52 weeks, 1 to 30
 * steps (one per line, ≤ 300 characters each), 1 to 10 indicators (a name ≤ 120 characters, a unit
 * ≤ 40, an expected direction). A row left blank is ignored (for a stored indicator: it is removed).
 */
export function checkProtocol(
	input: ProtocolInput
): { ok: true; values: ProtocolValues } | { ok: false; errors: ProtocolErrors } {
	const errors: ProtocolErrors = {};
	const objectives = input.objectives.trim();
	if (!objectives) errors.objectives = 'Décrivez les objectifs de l’essai.';
	else if (objectives.length > OBJECTIVES_MAX)
		errors.objectives = `Les objectifs comptent ${objectives.length} caractères : ${OBJECTIVES_MAX} au plus. Raccourcissez le texte.`;

	const rawDuration = input.durationWeeks.trim();
	const duration = parseInteger(rawDuration) ?? NaN;
	if (!rawDuration) errors.durationWeeks = 'Indiquez la durée de l’essai, en semaines.';
	else if (!Number.isInteger(duration) || duration < DURATION_MIN || duration > DURATION_MAX)
		errors.durationWeeks = `La durée est un nombre entier de semaines, entre ${DURATION_MIN} et ${DURATION_MAX}.`;

	const steps = stepsOf(input.siteTasks);
	const longStep = steps.findIndex((s) => s.length > STEP_MAX);
	if (steps.length === 0)
		errors.siteTasks = 'Décrivez au moins une étape que le site doit suivre, une par ligne.';
	else if (steps.length > STEPS_MAX)
		errors.siteTasks = `Le protocole compte ${steps.length} étapes : ${STEPS_MAX} au plus. Regroupez-en certaines.`;
	else if (longStep >= 0)
		errors.siteTasks = `L’étape ${longStep + 1} compte ${steps[longStep].length} caractères : ${STEP_MAX} au plus.`;

	const indicators: ProtocolValues['indicators'] = [];
	input.indicators.forEach((row, index) => {
		if (isBlank(row)) return;
		const name = row.name.trim();
		const unit = row.unit.trim();
		if (!name) errors[indicatorField(index, 'nom')] = 'Donnez un nom à l’indicateur.';
		else if (name.length > INDICATOR_NAME_MAX)
			errors[indicatorField(index, 'nom')] =
				`Le nom compte ${name.length} caractères : ${INDICATOR_NAME_MAX} au plus.`;
		if (unit.length > INDICATOR_UNIT_MAX)
			errors[indicatorField(index, 'unite')] =
				`L’unité compte ${unit.length} caractères : ${INDICATOR_UNIT_MAX} au plus.`;
		const direction = DIRECTIONS.find((d) => d === row.direction);
		if (!direction)
			errors[indicatorField(index, 'sens')] = 'Choisissez l’évolution attendue de l’indicateur.';
		const id = /^\d{1,9}$/.test(row.id) ? Number(row.id) : null;
		indicators.push({ id, name, unit, direction: direction ?? 'increase' });
	});
	if (indicators.length < INDICATORS_MIN)
		errors.indicators =
			'Définissez au moins un indicateur : les sites en donneront la valeur avant et après l’essai.';
	else if (indicators.length > INDICATORS_MAX)
		errors.indicators = `Le protocole compte ${indicators.length} indicateurs : ${INDICATORS_MAX} au plus.`;

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		values: {
			objectives,
			durationWeeks: duration,
			siteTasks: steps.join('\n'),
			steps,
			indicators
		}
	};
}

/**
 * Once a report is transmitted, its answers follow the protocol's steps (by position) and indicators:
 * the stored ones must all stay, in the same order, and an indicator keeps its expected direction;
 * new ones may be added at the end, texts reworded. The French reason a change breaks this, or null.
 */
export function lockedProtocolProblem(
	current: {
		steps: readonly string[];
		indicators: readonly { id: number; name: string; direction: IndicatorDirection }[];
	},
	next: Pick<ProtocolValues, 'steps' | 'indicators'>
): string | null {
	const why =
		'Un site a déjà transmis son rapport d’essai : pour que ses réponses gardent leur sens, ';
	if (next.steps.length < current.steps.length)
		return `${why}les étapes du protocole ne peuvent plus être supprimées (il en compte ${current.steps.length}). Vous pouvez en reformuler ou en ajouter à la fin.`;
	// A step may be reworded in place; one found unchanged at another place was moved.
	const moved = current.steps.findIndex((step, k) => {
		const at = next.steps.indexOf(step);
		return at >= 0 && at !== k && next.steps[k] !== step;
	});
	if (moved >= 0)
		return `${why}les étapes du protocole ne peuvent plus être réordonnées (l’étape ${moved + 1} « ${current.steps[moved]} » a changé de place). Ajoutez les nouvelles étapes à la fin.`;
	const kept = next.indicators.filter((i) => i.id !== null).map((i) => i.id);
	const removed = current.indicators.filter((i) => !kept.includes(i.id));
	if (removed.length > 0)
		return `${why}l’indicateur « ${removed[0].name} » ne peut plus être supprimé.`;
	const prefix = next.indicators.slice(0, current.indicators.length).map((i) => i.id);
	if (prefix.some((id, k) => id !== current.indicators[k].id))
		return `${why}les indicateurs ne peuvent plus être réordonnés : ajoutez les nouveaux à la fin.`;
	const turned = current.indicators.find((c, k) => next.indicators[k].direction !== c.direction);
	if (turned)
		return `${why}l’évolution attendue de l’indicateur « ${turned.name} » ne peut plus changer.`;
	return null;
}
