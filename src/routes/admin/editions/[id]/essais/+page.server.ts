import { error, fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { editionTrialOverview, TRIAL_OVERVIEW_PAGE_SIZE } from '$lib/server/db/trial-admin';
import { remindTrialSites } from '$lib/server/trial/reminders';
import { startTrials, type BatchRefusal } from '$lib/server/trial/start-trials';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import { completeAction } from './complete';
import type { Actions, PageServerLoad } from './$types';
import { parseId, parsePage } from '$lib/domain/integer';

async function findEdition(id: number) {
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase', 'min_trial_reports', 'trial_ends_at'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	return edition;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
	const pageSize = TRIAL_OVERVIEW_PAGE_SIZE;
	let page = parsePage(url.searchParams.get('page'));
	let overview = await editionTrialOverview(db(), edition.id, {
		limit: pageSize,
		offset: (page - 1) * pageSize
	});
	const pageCount = Math.max(1, Math.ceil(overview.total / pageSize));
	if (page > pageCount) {
		// Past the last page (the list shrank): show the last one.
		page = pageCount;
		overview = await editionTrialOverview(db(), edition.id, {
			limit: pageSize,
			offset: (page - 1) * pageSize
		});
	}
	return { edition, overview, page, pageCount };
};

export const actions: Actions = {
	/** Several trials started at once: each through the workflow, in its own transaction. */
	commencer: async ({ locals, url, params, request }) => {
		const user = requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const chosen = (await request.formData())
			.getAll('candidature')
			.map(parseId)
			.filter((id): id is number => id !== null);
		if (chosen.length === 0)
			return fail(400, {
				kind: 'commencer' as const,
				chosen,
				done: 0,
				refused: [] as BatchRefusal[],
				error: 'Cochez au moins une candidature dont l’essai commence.'
			});
		const { done, refused } = await startTrials(
			db(),
			edition.id,
			chosen,
			{ userId: user.id },
			url.origin
		);
		const answer = {
			kind: 'commencer' as const,
			chosen: refused.map((r) => r.id),
			done,
			refused,
			error: null
		};
		return refused.length > 0 ? fail(409, answer) : answer;
	},

	terminer: completeAction,

	/** Reminds the accepted sites whose report is due soon and not yet transmitted (through the outbox). */
	relancer: async ({ locals, url, params }) => {
		requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const reminded = await remindTrialSites(db(), {
			now: new Date(),
			origin: url.origin,
			editionId: edition.id
		});
		return { kind: 'relancer' as const, reminded };
	}
};
