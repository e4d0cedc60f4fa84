// The first organiser's set-up link, printed by the server while no organiser exists
// (src/lib/server/auth/installation.ts): a form that creates the account and signs the person in.
import { fail, redirect } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { sessionCookieOptions } from '$lib/server/auth/cookies';
import { checkInstallationLink, completeInstallation } from '$lib/server/auth/installation';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { db } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	return { problem: await checkInstallationLink(db(), params.token) };
};

export const actions: Actions = {
	default: async ({ params, request, cookies }) => {
		const form = await request.formData();
		const values = { name: field(form, 'name'), email: field(form, 'email') };
		const result = await completeInstallation(db(), params.token, {
			...values,
			password: field(form, 'password'),
			confirm: field(form, 'confirm')
		});
		if (!result.ok)
			return fail(result.message ? 409 : 400, {
				...values,
				errors: result.errors,
				message: result.message ?? null
			});
		const session = await createSession(db(), result.userId);
		cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
		redirect(303, '/admin');
	}
};
