import { db } from '$lib/server/db/app';
import { listOpenTrials } from '$lib/server/db/trial-sites';
import type { PageServerLoad } from './$types';
import { parsePage } from '$lib/domain/integer';

export const load: PageServerLoad = async ({ url }) => {
	const page = parsePage(url.searchParams.get('page'));
	return { list: await listOpenTrials(db(), { page }) };
};
