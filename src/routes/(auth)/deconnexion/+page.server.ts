import { redirect } from '@sveltejs/kit';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { db } from '$lib/server/db/app';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ cookies }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await deleteSession(db(), token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/connexion?deconnecte');
	}
};
