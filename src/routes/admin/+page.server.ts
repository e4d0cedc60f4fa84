import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { adminDashboard } from '$lib/server/db/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireArea(locals, url, 'admin');
	return adminDashboard(db());
};
