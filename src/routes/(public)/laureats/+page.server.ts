import { db } from '$lib/server/db/app';
import { groupLaureates, listLaureates } from '$lib/server/db/laureates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	return { editions: groupLaureates(await listLaureates(db())) };
};
