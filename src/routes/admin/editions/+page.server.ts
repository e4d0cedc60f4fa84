import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { listEditions } from '$lib/server/db/editions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireArea(locals, url, 'admin');
	return { editions: await listEditions(db()) };
};
