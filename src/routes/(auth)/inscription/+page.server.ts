import { fail, redirect } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { signUp } from '$lib/server/auth/accounts';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db/app';
import { clientIp } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/compte');
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const values = { name: field(form, 'name'), email: field(form, 'email') };
		const result = await signUp(
			db(),
			config().secretKey,
			{
				...values,
				password: field(form, 'password'),
				confirm: field(form, 'confirm'),
				ip: clientIp(event)
			},
			event.url.origin
		);
		if (!result.ok)
			return fail(result.message ? 429 : 400, {
				...values,
				errors: result.errors,
				message: result.message ?? null,
				sent: false
			});
		return { ...values, errors: {}, message: null, sent: true };
	}
};
