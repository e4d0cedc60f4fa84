// The jury's decisions for the round of the edition's phase (preselection: shortlisted or not;
// deliberation: prize, mention or not awarded), each with its rationale, through the workflow; and the
// release of the jury's comments to the teams; the weight of trial evidence in the final ranking, and
// that ranking (final jury's score combined with the trial evidence) with the podium's sensitivity.
import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { whyNotSetTrialEvidenceWeight } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { feedbackStatus, releaseFeedback } from '$lib/server/db/feedback';
import { EVIDENCE_RANKING_PHASES, finalRankingWithEvidence } from '$lib/server/db/trial-rollup';
import { setTrialEvidenceWeight } from '$lib/server/db/trial-weights';
import { readTrialWeight } from '$lib/server/trial/weight-form';
import {
	DECISION_LABELS,
	deliberationBoard,
	readDeliberationForm,
	recordDecision
} from '$lib/server/workflow/deliberation';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

async function findEdition(id: number) {
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase', 'trial_evidence_weight'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	return edition;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireArea(locals, url, 'admin');
	const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
	const withEvidence = (EVIDENCE_RANKING_PHASES as readonly string[]).includes(edition.phase);
	const [board, feedback, evidence] = await Promise.all([
		deliberationBoard(db(), edition.id, edition.phase),
		feedbackStatus(db(), edition.id),
		withEvidence ? finalRankingWithEvidence(db(), edition.id) : null
	]);
	const recorded = url.searchParams.get('enregistre');
	return {
		edition,
		board,
		evidence: evidence && {
			weight: evidence.weight,
			rows: evidence.ranking.map((r) => ({
				...r,
				reportsSubmitted: evidence.rollups.get(r.entryId)?.reportsSubmitted ?? 0
			})),
			sentences: evidence.variants.map((v) => v.sentence),
			withoutEvidence: evidence.withoutEvidence.length
		},
		whyNotSetWeight: whyNotSetTrialEvidenceWeight(user, edition.phase),
		weightSaved: url.searchParams.has('poids'),
		labels: DECISION_LABELS,
		feedback,
		recorded: parseId(recorded),
		released: url.searchParams.has('avis')
	};
};

export const actions: Actions = {
	/** One decision on one candidature, with its rationale; the values come back with a refusal. */
	decider: async ({ locals, url, params, request }) => {
		const user = requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const data = await request.formData();
		const entryId = parseId(data.get('candidature'));
		const form = readDeliberationForm(data);
		if (entryId === null)
			return fail(400, {
				entryId: null,
				values: form.values,
				errors: {},
				refusal: 'Candidature inconnue.'
			});
		if (!form.ok)
			return fail(400, { entryId, values: form.values, errors: form.errors, refusal: null });
		const result = await recordDecision(
			db(),
			edition.id,
			entryId,
			form.decision,
			form.rationale,
			{ userId: user.id },
			url.origin
		);
		if (!result.ok)
			return fail(result.status, {
				entryId,
				values: form.values,
				errors: {},
				refusal: result.reason
			});
		redirect(303, `/admin/editions/${edition.id}/deliberation?enregistre=${entryId}`);
	},

	/** Sets the edition's weight of trial evidence in the final ranking (logged in its event chain). */
	poids: async ({ locals, url, params, request }) => {
		const user = requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const form = readTrialWeight(await request.formData());
		if (!form.ok || form.weight === null)
			return fail(400, { weightValue: form.value, weightError: form.error, weightRefusal: null });
		const result = await setTrialEvidenceWeight(db(), edition.id, form.weight, user);
		if (!result.ok)
			return fail(result.status, {
				weightValue: form.value,
				weightError: null,
				weightRefusal: result.reason
			});
		redirect(303, `/admin/editions/${edition.id}/deliberation?poids`);
	},

	/** Releases the jury's comments for the teams (logged in the edition's event chain). */
	avis: async ({ locals, url, params }) => {
		const user = requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const result = await releaseFeedback(db(), edition.id, { userId: user.id });
		if (!result.ok) return fail(result.status, { feedbackRefusal: result.reason });
		redirect(303, `/admin/editions/${edition.id}/deliberation?avis`);
	}
};
