import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { listJurorEditions } from '$lib/server/db/reviews';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireArea(locals, url, 'jury');
	return {
		editions: await listJurorEditions(db(), user.id),
		isOrganiser: user.isOrganiser
	};
};
