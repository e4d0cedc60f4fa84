import { error } from '@sveltejs/kit';
import { entryEventPast } from '$lib/domain/workflow-labels';
import { db } from '$lib/server/db/app';
import { lastChangeRequest, loadDossier } from '$lib/server/db/dossiers';
import { teamFeedback } from '$lib/server/db/feedback';
import { trialRollupOf } from '$lib/server/db/trial-rollup';
import { entityEvents } from '$lib/server/workflow/event-log';
import { formatParisDateTime } from '$lib/server/workflow/rules';
import { requireEntryReader } from '../access';
import type { PageServerLoad } from './$types';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The next step for the team, in French, from the state and the calendar. */
function nextStep(
	state: string,
	closeAt: Date | null,
	request: { reason: string | null; dueAt: string | null } | null
): string {
	switch (state) {
		case 'draft':
			return closeAt
				? `Complétez le dossier, puis déposez-le avant le ${formatParisDateTime(iso(closeAt))}.`
				: 'Complétez le dossier, puis déposez-le.';
		case 'changesRequested':
			return request?.dueAt
				? `Modifiez le dossier comme demandé, puis déposez-le à nouveau avant le ${formatParisDateTime(request.dueAt)}.`
				: 'Modifiez le dossier comme demandé, puis déposez-le à nouveau.';
		case 'submitted':
			return 'Les organisateurs vérifient l’éligibilité de la candidature. Vous serez informés par courriel de leur décision.';
		case 'eligible':
			return 'La candidature est éligible : le jury l’examine lors de la présélection.';
		case 'shortlisted':
			return 'La candidature est présélectionnée : elle va être essayée dans d’autres établissements.';
		case 'inTrial':
			return 'La phase d’essai est en cours dans les établissements volontaires.';
		case 'finalist':
			return 'La candidature est finaliste : le jury final délibère.';
		default:
			return 'Aucune autre étape n’est prévue pour cette candidature.';
	}
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry } = await requireEntryReader(locals, url, params.id);
	const [dossier, events, request, feedback, trial] = await Promise.all([
		loadDossier(db(), entry.id),
		entityEvents(db(), 'entry', entry.id),
		lastChangeRequest(db(), entry.id),
		teamFeedback(db(), entry.id),
		trialRollupOf(db(), entry.edition_id, entry.id)
	]);
	if (!dossier) error(404, 'Cette candidature n’existe pas.');
	const changes =
		dossier.state === 'changesRequested' && request
			? {
					reason: request.reason,
					dueAt: request.dueAt ? formatParisDateTime(request.dueAt) : null
				}
			: null;
	return {
		entry: { id: dossier.id, title: dossier.title, state: dossier.state },
		timeline: events.map((e) => {
			const payload = (e.payload ?? {}) as { reason?: unknown; award?: 'prize' | 'mention' };
			return {
				id: e.id,
				line: entryEventPast(e.type, payload),
				at: formatParisDateTime(iso(e.created_at)),
				datetime: iso(e.created_at),
				actor: e.actor_name,
				reason: typeof payload.reason === 'string' && payload.reason ? payload.reason : null
			};
		}),
		createdAt: formatParisDateTime(iso(dossier.created_at)),
		nextStep: nextStep(dossier.state, dossier.submissions_close_at, request),
		changes,
		// « Avis du jury »: null until the organisers release it.
		feedback: feedback && {
			releasedAt: formatParisDateTime(iso(feedback.releasedAt)),
			datetime: iso(feedback.releasedAt),
			scoresPublic: feedback.scoresPublic,
			reviews: feedback.reviews
		},
		// « Phase d'essai »: the team's own roll-up, once it has accepted sites.
		trial: trial && trial.sitesAccepted > 0 ? trial : null,
		notice: url.searchParams.has('depose')
			? 'La candidature est déposée. Chaque membre de l’équipe reçoit un courriel de confirmation.'
			: url.searchParams.has('retire')
				? 'La candidature est retirée. Chaque membre de l’équipe en est informé.'
				: null
	};
};
