import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import {
	blankCriterion,
	CRITERIA_MAX,
	criterionValues,
	ensureDefaultCriteria,
	isRound,
	listCriteria,
	readCriteriaForm,
	ROUND_LABELS,
	ROUNDS,
	saveRoundCriteria,
	scoredRounds,
	type CriteriaErrors,
	type CriterionValues
} from '$lib/server/db/criteria';
import type { JuryRound } from '$lib/server/db/schema';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { parseInteger } from '$lib/domain/integer';

async function findEdition(id: number) {
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	return edition;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
	// An edition created before criteria existed receives the historical grid now.
	await ensureDefaultCriteria(db(), edition.id);
	const [criteria, scored] = await Promise.all([
		listCriteria(db(), edition.id),
		scoredRounds(db(), edition.id)
	]);
	const saved = url.searchParams.get('enregistre');
	return {
		edition,
		max: CRITERIA_MAX,
		rounds: ROUNDS.map((round) => ({
			round,
			label: ROUND_LABELS[round],
			scored: scored.has(round),
			values: criteria.filter((c) => c.round === round).map(criterionValues)
		})),
		saved: isRound(saved) ? saved : null
	};
};

type Answer = {
	round: JuryRound;
	values: CriterionValues[];
	errors: CriteriaErrors;
	notice: string | null;
};

/** The round named by the form, and its criteria as typed. */
async function readRound(event: RequestEvent) {
	requireArea(event.locals, event.url, 'admin');
	const edition = await findEdition(idParam(event.params.id, EDITION_NOT_FOUND));
	const form = await event.request.formData();
	const round = form.get('tour');
	if (!isRound(round)) error(400, 'Le tour du jury est inconnu : rechargez la page.');
	return { edition, form, round, values: readCriteriaForm(form) };
}

export const actions: Actions = {
	enregistrer: async (event) => {
		const { edition, round, values } = await readRound(event);
		const saved = await saveRoundCriteria(db(), edition.id, round, values);
		if (!saved.ok && 'notFound' in saved) error(404, EDITION_NOT_FOUND);
		if (!saved.ok)
			return fail(saved.status, {
				round,
				values,
				errors: saved.errors,
				notice: null
			} satisfies Answer);
		redirect(303, `/admin/editions/${edition.id}/criteres?enregistre=${round}#tour-${round}`);
	},

	/** Adds an empty criterion to the form, saving nothing: what is typed comes back. */
	ajouter: async (event) => {
		const { round, values } = await readRound(event);
		if (values.length >= CRITERIA_MAX)
			return fail(400, {
				round,
				values,
				errors: { form: `Un tour compte au plus ${CRITERIA_MAX} critères.` },
				notice: null
			} satisfies Answer);
		return {
			round,
			values: [...values, blankCriterion()],
			errors: {},
			notice: `Critère ${values.length + 1} ajouté au formulaire : complétez-le, puis enregistrez les critères.`
		} satisfies Answer;
	},

	/** Takes a criterion out of the form, saving nothing: it is removed when the round is saved. */
	retirer: async (event) => {
		const { form, round, values } = await readRound(event);
		const index = parseInteger(form.get('retirer'), { max: values.length - 1 });
		if (index === null) return { round, values, errors: {}, notice: null } satisfies Answer;
		const removed = values[index].label.trim() || `Critère ${index + 1}`;
		return {
			round,
			values: values.filter((_, i) => i !== index),
			errors: {},
			notice: `« ${removed} » est retiré du formulaire. Enregistrez les critères pour confirmer ; rechargez la page pour annuler.`
		} satisfies Answer;
	}
};
