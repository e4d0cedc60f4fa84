import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { listRolesOf } from '$lib/server/db/roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireArea(locals, url, 'team');
	const [roles, openEditions] = await Promise.all([
		listRolesOf(db(), user.id),
		db()
			.selectFrom('editions')
			.select(['id', 'year', 'title', 'submissions_close_at'])
			.where('phase', '=', 'open')
			.orderBy('year', 'desc')
			.execute()
	]);
	return { entries: roles.entries, openEditions };
};
