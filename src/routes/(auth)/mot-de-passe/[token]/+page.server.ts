import { fail, redirect } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { checkResetToken, resetPassword } from '$lib/server/auth/accounts';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { db } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	return { problem: await checkResetToken(db(), params.token) };
};

export const actions: Actions = {
	default: async ({ request, params, cookies }) => {
		const form = await request.formData();
		const result = await resetPassword(db(), params.token, {
			password: field(form, 'password'),
			confirm: field(form, 'confirm')
		});
		if (!result.ok) return fail(400, { errors: result.errors, message: result.message ?? null });
		// Every session of the account has ended, this browser's too.
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/connexion?motdepasse');
	}
};
