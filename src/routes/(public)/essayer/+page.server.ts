import { db } from '$lib/server/db/app';
import { listOpenTrials } from '$lib/server/db/trial-sites';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const page = Number(url.searchParams.get('page')) || 1;
	return { list: await listOpenTrials(db(), { page }) };
};
