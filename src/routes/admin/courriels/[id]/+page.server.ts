import { error, fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { whyNotOrganiser } from '$lib/server/auth/permissions';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db/app';
import { findOutboxMessage, retryOutboxMessage } from '$lib/server/mail/queries';
import { wakeMailSender } from '$lib/server/mail/sender';
import { splitLinks } from './links';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

const NOT_FOUND = 'Ce courriel n’existe pas.';

function messageId(param: string): number {
	const id = parseId(param);
	if (id === null) error(404, NOT_FOUND);
	return id;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const message = await findOutboxMessage(db(), messageId(params.id));
	if (!message) error(404, NOT_FOUND);
	const { body_html, body_text, ...headers } = message;
	return {
		message: headers,
		text: splitLinks(body_text),
		hasHtml: body_html.trim() !== '',
		from: config().mailFrom,
		smtpConfigured: config().smtpUrl !== undefined
	};
};

export const actions: Actions = {
	renvoyer: async ({ locals, params }) => {
		const refusal = whyNotOrganiser(locals.user);
		if (refusal) error(locals.user ? 403 : 401, refusal);
		const id = messageId(params.id);
		if (!(await retryOutboxMessage(db(), id))) {
			const exists = await findOutboxMessage(db(), id);
			if (!exists) error(404, NOT_FOUND);
			return fail(409, {
				message: 'Ce courriel n’est pas en échec : il n’y a rien à renvoyer.'
			});
		}
		wakeMailSender();
		return { retried: true };
	}
};
