import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { editionPipeline, entryStateParam, PIPELINE_PAGE_SIZE } from '$lib/server/db/editions';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import type { PageServerLoad } from './$types';
import { parsePage } from '$lib/domain/integer';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = idParam(params.id, EDITION_NOT_FOUND);
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	const pipeline = await editionPipeline(db(), edition.id, {
		state: entryStateParam(url.searchParams.get('etat')),
		page: parsePage(url.searchParams.get('page')),
		pageSize: PIPELINE_PAGE_SIZE
	});
	return { edition, pipeline };
};
