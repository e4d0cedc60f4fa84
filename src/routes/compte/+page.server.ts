import { fail } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { changePassword } from '$lib/server/auth/accounts';
import { requireUser } from '$lib/server/auth/guard';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { db } from '$lib/server/db/app';
import { listRolesOf } from '$lib/server/db/roles';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { account: user, roles: await listRolesOf(db(), user.id) };
};

export const actions: Actions = {
	motDePasse: async ({ request, locals, url, cookies }) => {
		const user = requireUser(locals, url);
		const form = await request.formData();
		const result = await changePassword(
			db(),
			user.id,
			{
				current: field(form, 'current'),
				password: field(form, 'password'),
				confirm: field(form, 'confirm')
			},
			cookies.get(SESSION_COOKIE)
		);
		if (!result.ok) return fail(400, { errors: result.errors, changed: false });
		return { errors: {}, changed: true };
	}
};
