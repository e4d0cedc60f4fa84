// The scoring grid of an edition (/admin/editions/[id]/criteres): criteria per jury round, each with
// a label, a description, a weight, a scale (barème) and a descriptor for each of its levels. A new
// edition starts from the prize's historical grid (../jury/default-criteria.ts); an older edition
// gets it the first time its criteria are read by `ensureDefaultCriteria`. Once a review of a round
// has scores, the round's grid is frozen: every candidature is scored on the same grid.
import { isJuryRound, JURY_ROUNDS } from '$lib/domain/jury-labels';
import type { FieldErrors } from '$lib/domain/validation';
import { defaultCriteria } from '../jury/default-criteria';
import type { Db } from './index';
import type { JuryRound } from './schema';
import { parseId, parseInteger } from '$lib/domain/integer';

// The rounds and their French labels are the domain's (client-safe), named here as the admin uses them.
export { ROUND_LABELS } from '$lib/domain/jury-labels';
export const ROUNDS: readonly JuryRound[] = JURY_ROUNDS;

export const isRound = (value: unknown): value is JuryRound =>
	typeof value === 'string' && isJuryRound(value);

export const CRITERIA_MAX = 12;
export const LABEL_MAX = 150;
export const DESCRIPTION_MAX = 1000;
export const LEVEL_MAX = 300;
/** The scale's bounds: scores are whole numbers between these (inclusive). */
export const SCALE_LOWEST = 0;
export const SCALE_HIGHEST = 10;

// ---------------------------------------------------------------------------------------------
// Reading

/** The criteria of an edition, per round in their order (one query). */
export async function listCriteria(db: Db, editionId: number, round?: JuryRound) {
	const rows = await db
		.selectFrom('criteria')
		.where('edition_id', '=', editionId)
		.$if(round !== undefined, (q) => q.where('round', '=', round!))
		.select([
			'id',
			'round',
			'position',
			'label',
			'description',
			'weight',
			'scale_min',
			'scale_max',
			'levels'
		])
		.orderBy('round', 'desc') // 'preselection' before 'final'
		.orderBy('position')
		.orderBy('id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		round: row.round,
		position: row.position,
		label: row.label,
		description: row.description,
		weight: row.weight,
		scaleMin: row.scale_min,
		scaleMax: row.scale_max,
		levels: Array.isArray(row.levels) ? row.levels.map(String) : []
	}));
}

export type Criterion = Awaited<ReturnType<typeof listCriteria>>[number];

/** The rounds of an edition whose criteria already have scores (frozen), in one query. */
export async function scoredRounds(db: Db, editionId: number): Promise<Set<JuryRound>> {
	const rows = await db
		.selectFrom('criteria as c')
		.where('c.edition_id', '=', editionId)
		.where(({ exists, selectFrom }) =>
			exists(selectFrom('scores as s').whereRef('s.criterion_id', '=', 'c.id').select('s.level'))
		)
		.select('c.round')
		.distinct()
		.execute();
	return new Set(rows.map((r) => r.round));
}

// ---------------------------------------------------------------------------------------------
// The historical grid

/** Inserts the historical criteria of the given rounds (both by default). For a transaction. */
export async function insertDefaultCriteria(
	db: Db,
	editionId: number,
	rounds: readonly JuryRound[] = ROUNDS
): Promise<void> {
	const rows = rounds.flatMap((round) =>
		defaultCriteria(round).map((c, position) => ({
			edition_id: editionId,
			round,
			position,
			label: c.label,
			description: c.description,
			weight: c.weight,
			scale_min: c.scaleMin,
			scale_max: c.scaleMax,
			levels: JSON.stringify(c.levels)
		}))
	);
	if (rows.length > 0) await db.insertInto('criteria').values(rows).execute();
}

/**
 * Gives the historical criteria to each round of the edition that has none (an edition created
 * before criteria existed). Under the edition's lock, so that two organisers opening the page at
 * once do not insert them twice. Answers false when the edition does not exist.
 */
export async function ensureDefaultCriteria(db: Db, editionId: number): Promise<boolean> {
	const present = async (q: Db) =>
		new Set(
			(
				await q
					.selectFrom('criteria')
					.where('edition_id', '=', editionId)
					.select('round')
					.distinct()
					.execute()
			).map((r) => r.round)
		);
	if ((await present(db)).size === ROUNDS.length) return true;
	return db.transaction().execute(async (trx) => {
		const edition = await trx
			.selectFrom('editions')
			.select('id')
			.where('id', '=', editionId)
			.forUpdate()
			.executeTakeFirst();
		if (!edition) return false;
		const have = await present(trx);
		const missing = ROUNDS.filter((round) => !have.has(round));
		await insertDefaultCriteria(trx, editionId, missing);
		return true;
	});
}

// ---------------------------------------------------------------------------------------------
// The form of a round

/** One criterion as typed in the form (given back untouched when refused). */
export interface CriterionValues {
	/** The criterion's id, or '' for a criterion added in the form. */
	id: string;
	label: string;
	description: string;
	weight: string;
	scaleMin: string;
	scaleMax: string;
	levels: string[];
}

/**
 * Errors of a round's form: 'form' for the whole round; otherwise `${i}.label`, `${i}.description`,
 * `${i}.weight`, `${i}.scale`, `${i}.levels` (descriptors beyond the scale) and `${i}.level.${j}`
 * (the j-th descriptor), i being the criterion's index in the form.
 */
export type CriteriaErrors = FieldErrors<string>;

/** A criterion's row as form values. */
export function criterionValues(c: Criterion): CriterionValues {
	return {
		id: String(c.id),
		label: c.label,
		description: c.description,
		weight: String(c.weight),
		scaleMin: String(c.scaleMin),
		scaleMax: String(c.scaleMax),
		levels: [...c.levels]
	};
}

/** An empty criterion on the usual 1–4 scale, as the « Ajouter un critère » button adds it. */
export function blankCriterion(): CriterionValues {
	return {
		id: '',
		label: '',
		description: '',
		weight: '10',
		scaleMin: '1',
		scaleMax: '4',
		levels: ['', '', '', '']
	};
}

const text = (value: FormDataEntryValue | undefined) => (typeof value === 'string' ? value : '');

/**
 * Reads a round's form: the fields `id`, `label`, `description`, `weight`, `scaleMin`, `scaleMax`
 * repeat once per criterion, in order; the descriptors of criterion i are the fields `niveau-${i}`.
 */
export function readCriteriaForm(form: FormData): CriterionValues[] {
	const all = (name: string) => form.getAll(name);
	const ids = all('id');
	// A forged form with thousands of criteria is cut short: the validator refuses more than the max.
	return ids.slice(0, CRITERIA_MAX + 1).map((id, i) => ({
		id: text(id),
		label: text(all('label')[i]),
		description: text(all('description')[i]),
		weight: text(all('weight')[i]),
		scaleMin: text(all('scaleMin')[i]),
		scaleMax: text(all('scaleMax')[i]),
		levels: all(`niveau-${i}`)
			.slice(0, SCALE_HIGHEST - SCALE_LOWEST + 2)
			.map(text)
	}));
}

/** A valid criterion, ready to be saved; `id` null for a new one. */
export interface CriterionInput {
	id: number | null;
	label: string;
	description: string;
	weight: number;
	scaleMin: number;
	scaleMax: number;
	levels: string[];
}

const tidy = (value: string) => value.replace(/\s+/g, ' ').trim();
const wholeNumber = (value: string) => parseInteger(value, { min: -9999, max: 9999 }) ?? NaN;

/** The scale typed, when it is valid: its bounds and number of levels. */
export function scaleOf(values: Pick<CriterionValues, 'scaleMin' | 'scaleMax'>) {
	const min = wholeNumber(values.scaleMin);
	const max = wholeNumber(values.scaleMax);
	const valid =
		Number.isInteger(min) &&
		Number.isInteger(max) &&
		min >= SCALE_LOWEST &&
		max <= SCALE_HIGHEST &&
		max > min;
	return valid ? { min, max, count: max - min + 1 } : null;
}

/** Checks a round's criteria; each problem is a French sentence on its field. Pure. */
export function validateCriteria(
	values: readonly CriterionValues[]
): { ok: true; criteria: CriterionInput[] } | { ok: false; errors: CriteriaErrors } {
	const errors: CriteriaErrors = {};
	if (values.length === 0)
		errors.form = 'Un tour compte au moins un critère : ajoutez-en un avant d’enregistrer.';
	else if (values.length > CRITERIA_MAX)
		errors.form = `Un tour compte au plus ${CRITERIA_MAX} critères : retirez-en.`;

	const seen = new Map<string, number>();
	const criteria = values.map((v, i): CriterionInput => {
		const label = tidy(v.label);
		if (!label) errors[`${i}.label`] = 'Saisissez l’intitulé du critère.';
		else if (label.length > LABEL_MAX)
			errors[`${i}.label`] = `L’intitulé ne doit pas dépasser ${LABEL_MAX} caractères.`;
		else {
			const key = label.toLocaleLowerCase('fr-FR');
			const first = seen.get(key);
			if (first !== undefined)
				errors[`${i}.label`] =
					`Le critère ${first + 1} porte déjà cet intitulé : donnez-en un autre à celui-ci.`;
			else seen.set(key, i);
		}

		const description = v.description.trim();
		if (description.length > DESCRIPTION_MAX)
			errors[`${i}.description`] =
				`La description ne doit pas dépasser ${DESCRIPTION_MAX} caractères (elle en compte ${description.length}).`;

		const weightText = v.weight.trim();
		const weight = parseInteger(weightText, { max: 100 }) ?? NaN;
		if (!weightText) errors[`${i}.weight`] = 'Saisissez le poids du critère, entre 0 et 100.';
		else if (!(weight >= 0 && weight <= 100))
			errors[`${i}.weight`] = 'Le poids est un nombre entier entre 0 et 100, par exemple 25.';

		const scale = scaleOf(v);
		const min = wholeNumber(v.scaleMin);
		const max = wholeNumber(v.scaleMax);
		if (!scale) {
			if (Number.isNaN(min) || Number.isNaN(max))
				errors[`${i}.scale`] = 'Saisissez les notes minimale et maximale en nombres entiers.';
			else if (min < SCALE_LOWEST || max > SCALE_HIGHEST)
				errors[`${i}.scale`] =
					`Le barème va de ${SCALE_LOWEST} à ${SCALE_HIGHEST} au plus : choisissez des notes dans cet intervalle.`;
			else errors[`${i}.scale`] = 'La note maximale doit être supérieure à la note minimale.';
		}

		const levels: string[] = [];
		if (scale) {
			for (let j = 0; j < scale.count; j++) {
				const level = tidy(v.levels[j] ?? '');
				if (!level) errors[`${i}.level.${j}`] = `Décrivez le niveau ${scale.min + j} du barème.`;
				else if (level.length > LEVEL_MAX)
					errors[`${i}.level.${j}`] =
						`La description d’un niveau ne doit pas dépasser ${LEVEL_MAX} caractères.`;
				levels.push(level);
			}
			const extra = v.levels
				.slice(scale.count)
				.map((level, j) => ({ level, n: scale.max + 1 + j }))
				.filter((x) => tidy(x.level) !== '');
			if (extra.length > 0)
				errors[`${i}.levels`] =
					`Le barème compte ${scale.count} niveaux : la description ${extra.length > 1 ? 'des niveaux' : 'du niveau'} ` +
					`${extra.map((x) => x.n).join(', ')} serait perdue. Videz-la pour confirmer, ou élargissez le barème.`;
		}

		const id = parseId(v.id);
		return {
			id,
			label,
			description,
			weight,
			scaleMin: scale?.min ?? 0,
			scaleMax: scale?.max ?? 0,
			levels
		};
	});

	if (
		values.length > 0 &&
		!Object.keys(errors).some((k) => k.endsWith('.weight')) &&
		criteria.every((c) => c.weight === 0)
	)
		errors.form =
			'Donnez un poids non nul à au moins un critère : le poids relatif de chacun se calcule sur leur total.';

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, criteria };
}

/** The share of each weight in the total, in whole percent (0 for a weight that is not a number). */
export function relativeWeights(weights: readonly (number | string)[]): number[] {
	const numbers = weights.map((w) => {
		const n = typeof w === 'number' ? w : (parseInteger(w, { max: 100 }) ?? NaN);
		return Number.isFinite(n) && n >= 0 && n <= 100 ? n : 0;
	});
	const total = numbers.reduce((sum, n) => sum + n, 0);
	return numbers.map((n) => (total > 0 ? Math.round((1000 * n) / total) / 10 : 0));
}

export const ROUND_SCORED =
	'Des évaluations de ce tour comportent déjà des notes : ses critères ne peuvent plus être modifiés, afin que toutes les candidatures soient notées sur la même grille.';

/**
 * Saves a round's criteria as the form gives them, in one transaction under the edition's lock:
 * criteria of the round whose id comes back are updated, new ones inserted, missing ones removed.
 * Refused once any review of the round has scores.
 */
export async function saveRoundCriteria(
	db: Db,
	editionId: number,
	round: JuryRound,
	values: readonly CriterionValues[]
): Promise<
	| { ok: true }
	| { ok: false; errors: CriteriaErrors; status: 400 | 409 }
	| { ok: false; notFound: true }
> {
	const checked = validateCriteria(values);
	if (!checked.ok) return { ok: false, errors: checked.errors, status: 400 };
	return db.transaction().execute(async (trx) => {
		const edition = await trx
			.selectFrom('editions')
			.select('id')
			.where('id', '=', editionId)
			.forUpdate()
			.executeTakeFirst();
		if (!edition) return { ok: false, notFound: true } as const;
		if ((await scoredRounds(trx, editionId)).has(round))
			return { ok: false, errors: { form: ROUND_SCORED }, status: 409 } as const;

		const existing = new Set(
			(
				await trx
					.selectFrom('criteria')
					.select('id')
					.where('edition_id', '=', editionId)
					.where('round', '=', round)
					.execute()
			).map((r) => r.id)
		);
		const kept = new Set(
			checked.criteria.flatMap((c) => (c.id !== null && existing.has(c.id) ? [c.id] : []))
		);
		const gone = [...existing].filter((id) => !kept.has(id));
		if (gone.length > 0) await trx.deleteFrom('criteria').where('id', 'in', gone).execute();
		const used = new Set<number>();
		for (const [position, c] of checked.criteria.entries()) {
			const row = {
				position,
				label: c.label,
				description: c.description,
				weight: c.weight,
				scale_min: c.scaleMin,
				scale_max: c.scaleMax,
				levels: JSON.stringify(c.levels)
			};
			// An id sent twice (a forged form) updates once; the copy becomes a new criterion.
			if (c.id !== null && kept.has(c.id) && !used.has(c.id)) {
				used.add(c.id);
				await trx.updateTable('criteria').set(row).where('id', '=', c.id).execute();
			} else
				await trx
					.insertInto('criteria')
					.values({ ...row, edition_id: editionId, round })
					.execute();
		}
		return { ok: true } as const;
	});
}
