import { fail, redirect } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { signUp } from '$lib/server/auth/accounts';
import { db } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/compte');
};

export const actions: Actions = {
	default: async ({ request, url }) => {
		const form = await request.formData();
		const values = { name: field(form, 'name'), email: field(form, 'email') };
		const result = await signUp(
			db(),
			{ ...values, password: field(form, 'password'), confirm: field(form, 'confirm') },
			url.origin
		);
		if (!result.ok) return fail(400, { ...values, errors: result.errors, sent: false });
		return { ...values, errors: {}, sent: true };
	}
};
