import { error, fail, redirect } from '@sveltejs/kit';
import { ROUND_LABELS } from '$lib/domain/jury-labels';
import { emptyTrialRollup } from '$lib/domain/trial-rollup';
import { requireArea } from '$lib/server/auth/guard';
import {
	NOT_ASSIGNED_MESSAGE,
	SCORE_RESERVED_MESSAGE,
	whyNotDeclareJurorConflict
} from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import {
	declareJurorConflict,
	listRoundCriteria,
	loadJuryEntry,
	loadOwnReview,
	readReviewForm,
	saveReview,
	submittedReviews,
	type ReviewErrors,
	type ReviewValues
} from '$lib/server/db/reviews';
import { trialRollupOf } from '$lib/server/db/trial-rollup';
import { entryParams } from '../../../params';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireArea(locals, url, 'jury');
	const { editionId, round, entryId } = entryParams(params);
	const loaded = await loadJuryEntry(db(), user, { editionId, round, entryId });
	if (!loaded) error(404, NOT_ASSIGNED_MESSAGE);
	const { relation, reviewStatus } = loaded;
	const isJuror = relation.assigned && !relation.conflicted;
	const [criteria, review, reviews, trial] = await Promise.all([
		listRoundCriteria(db(), editionId, round),
		isJuror ? loadOwnReview(db(), user.id, entryId, round) : null,
		isJuror && reviewStatus === 'submitted'
			? submittedReviews(db(), { jurorId: user.id, editionId, round, entryId })
			: null,
		// The final jury reads what the trial sites reported.
		round === 'final' ? trialRollupOf(db(), editionId, entryId) : null
	]);
	return {
		entry: loaded.entry,
		round,
		roundLabel: ROUND_LABELS[round],
		isJuror,
		whyNotScore: loaded.whyNotScore,
		whyNotDeclare: isJuror
			? whyNotDeclareJurorConflict(relation, reviewStatus === 'submitted')
			: null,
		criteria,
		review: review && {
			status: review.status,
			version: review.version,
			commentTeam: review.comment_team,
			commentJury: review.comment_jury,
			submittedAt: review.submitted_at,
			updatedAt: review.updated_at,
			levels: Object.fromEntries(review.scores.map((s) => [s.criterion_id, s.level])) as Record<
				number,
				number
			>
		},
		reviews: reviews?.visible ? reviews : null,
		trial: round === 'final' ? (trial ?? emptyTrialRollup(entryId)) : null,
		saved: url.searchParams.has('enregistre'),
		submitted: url.searchParams.has('soumise')
	};
};

/** The values typed, as the form sends them back on a refusal (nothing is lost). */
const echo = (values: ReviewValues) => ({
	levels: Object.fromEntries(
		Object.entries(values.levels).map(([id, level]) => [
			id,
			level === null || Number.isNaN(level) ? '' : String(level)
		])
	) as Record<string, string>,
	commentTeam: values.commentTeam,
	commentJury: values.commentJury
});

/**
 * A form sent by someone the candidature is not assigned to (or who is conflicted with it): 404, as
 * for a candidature that does not exist; an organiser, who may read the page, is told why he may not
 * act on it (403).
 */
function refuseNotAssigned(user: { isOrganiser: boolean }): never {
	if (!user.isOrganiser) error(404, NOT_ASSIGNED_MESSAGE);
	error(403, SCORE_RESERVED_MESSAGE);
}

async function review(event: RequestEvent, submit: boolean) {
	const { locals, url, params, request } = event;
	const user = requireArea(locals, url, 'jury');
	const { editionId, round, entryId } = entryParams(params);
	const { values, version } = readReviewForm(await request.formData());
	const result = await saveReview(
		db(),
		{ jurorId: user.id, editionId, entryId, round, version, values },
		{ submit }
	);
	if (result.ok)
		redirect(303, `${url.pathname}?${result.status === 'submitted' ? 'soumise' : 'enregistre'}`);
	if (result.why === 'notAssigned') refuseNotAssigned(user);
	const status = { refused: 403, version: 409, invalid: 400, incomplete: 400 }[result.why];
	return fail(status, {
		action: submit ? ('submit' as const) : ('save' as const),
		values: echo(values),
		// After an incomplete submission the draft is saved: the form goes on from its new version.
		version: result.why === 'incomplete' ? result.version : version,
		draftSaved: result.why === 'incomplete',
		message: result.message,
		missing: result.why === 'incomplete' ? result.missing : [],
		errors: (result.why === 'invalid' ? result.errors : undefined) ?? ({} as ReviewErrors),
		conflictReason: null as string | null,
		conflictError: null as string | null
	});
}

export const actions: Actions = {
	save: (event) => review(event, false),
	submit: (event) => review(event, true),
	conflict: async ({ locals, url, params, request }) => {
		const user = requireArea(locals, url, 'jury');
		const { editionId, round, entryId } = entryParams(params);
		const form = await request.formData();
		const raw = form.get('motif');
		const reason = typeof raw === 'string' ? raw : '';
		const result = await declareJurorConflict(db(), {
			jurorId: user.id,
			editionId,
			entryId,
			reason
		});
		if (result.ok) redirect(303, `/jury/${editionId}/${round}?conflit`);
		if (result.why === 'notAssigned') refuseNotAssigned(user);
		return fail(result.why === 'invalid' ? 400 : 403, {
			action: 'conflict' as const,
			values: null,
			version: null,
			draftSaved: false,
			message: null,
			missing: [] as string[],
			errors: {} as ReviewErrors,
			conflictReason: reason,
			conflictError: result.message
		});
	}
};
