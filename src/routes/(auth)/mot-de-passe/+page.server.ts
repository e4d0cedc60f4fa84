import { fail } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { requestPasswordReset, RESET_REQUESTED } from '$lib/server/auth/accounts';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db/app';
import { clientIp } from '$lib/server/http';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = field(form, 'email');
		const result = await requestPasswordReset(
			db(),
			config().secretKey,
			{ email, ip: clientIp(event) },
			event.url.origin
		);
		if (!result.ok)
			return fail(result.field ? 400 : 429, {
				email,
				emailError: result.field === 'email' ? result.message : null,
				message: result.field ? null : result.message,
				sent: false
			});
		return { email, emailError: null, message: RESET_REQUESTED, sent: true };
	}
};
