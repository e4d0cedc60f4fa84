import { fail, redirect } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { logIn } from '$lib/server/auth/accounts';
import { sessionCookieOptions } from '$lib/server/auth/cookies';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db/app';
import { clientIp, safeNext } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const NOTICES: Record<string, string> = {
	deconnecte: 'Vous êtes déconnecté.',
	motdepasse: 'Votre mot de passe a été changé. Connectez-vous avec le nouveau.',
	verifie: 'Votre adresse électronique est confirmée. Vous pouvez vous connecter.'
};

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('suite'));
	if (locals.user) redirect(303, next);
	const notice = [...url.searchParams.keys()].map((k) => NOTICES[k]).find(Boolean) ?? null;
	return { next, notice };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = field(form, 'email');
		const next = safeNext(field(form, 'suite'));
		const result = await logIn(
			db(),
			config().secretKey,
			{ email, password: field(form, 'password'), ip: clientIp(event) },
			event.url.origin
		);
		if (!result.ok)
			return fail(result.message.startsWith('Trop') ? 429 : 400, {
				email,
				message: result.message
			});
		const session = await createSession(db(), result.userId);
		event.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
		redirect(303, next);
	}
};
