import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { listOpenEditions } from '$lib/server/db/dossiers';
import { listRolesOf } from '$lib/server/db/roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireArea(locals, url, 'team');
	const [roles, openEditions] = await Promise.all([
		listRolesOf(db(), user.id),
		listOpenEditions(db())
	]);
	return { entries: roles.entries, openEditions };
};
