import { fail } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { requireArea } from '$lib/server/auth/guard';
import { countInvitations, invite, listInvitations } from '$lib/server/auth/invitations';
import { db } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';
import { parseId, parsePage } from '$lib/domain/integer';

const PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireArea(locals, url, 'admin');
	const page = parsePage(url.searchParams.get('page'));
	const [invitations, total, editions] = await Promise.all([
		listInvitations(db(), { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
		countInvitations(db()),
		db().selectFrom('editions').select(['id', 'year', 'title']).orderBy('year', 'desc').execute()
	]);
	return { invitations, editions, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const user = requireArea(locals, url, 'admin');
		const form = await request.formData();
		const values = {
			email: field(form, 'email'),
			role: field(form, 'role'),
			editionId: parseId(field(form, 'editionId'))
		};
		const result = await invite(db(), user, values, url.origin);
		if (!result.ok) return fail(400, { ...values, errors: result.errors, sent: false });
		return { ...values, errors: {}, sent: true };
	}
};
