import { error, fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { eligibilityQueue } from '$lib/server/db/eligibility';
import { declareEligible } from '$lib/server/workflow/eligibility';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import type { Actions, PageServerLoad } from './$types';
import { parseId, parsePage } from '$lib/domain/integer';

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
	const queue = await eligibilityQueue(db(), edition.id, {
		page: parsePage(url.searchParams.get('page'))
	});
	return { edition, queue };
};

export const actions: Actions = {
	/** Several candidatures declared eligible at once: each through the workflow, in its own transaction. */
	eligibles: async ({ locals, url, params, request }) => {
		const user = requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const chosen = (await request.formData())
			.getAll('candidature')
			.map(parseId)
			.filter((id): id is number => id !== null);
		if (chosen.length === 0)
			return fail(400, {
				chosen,
				done: 0,
				refused: [] as { id: number; title: string; reason: string }[],
				error: 'Cochez au moins une candidature à déclarer éligible.'
			});
		const { done, refused } = await declareEligible(
			db(),
			edition.id,
			chosen,
			{ userId: user.id },
			url.origin
		);
		const answer = { chosen: refused.map((r) => r.id), done, refused, error: null };
		return refused.length > 0 ? fail(409, answer) : answer;
	}
};
