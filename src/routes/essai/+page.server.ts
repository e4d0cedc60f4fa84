import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { listRolesOf } from '$lib/server/db/roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireArea(locals, url, 'trial');
	const roles = await listRolesOf(db(), user.id);
	return { sites: roles.sites };
};
