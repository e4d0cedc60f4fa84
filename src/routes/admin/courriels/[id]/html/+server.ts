// The HTML body of one outbox message, served on its own under a sandboxing CSP: no script, no request
// to anywhere, so that whatever the HTML holds cannot act in the organisers' session.
import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { findOutboxMessage } from '$lib/server/mail/queries';
import type { RequestHandler } from './$types';
import { parseId } from '$lib/domain/integer';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = parseId(params.id);
	const message = id !== null ? await findOutboxMessage(db(), id) : undefined;
	if (!message) error(404, 'Ce courriel n’existe pas.');
	return new Response(message.body_html, {
		headers: {
			'Content-Security-Policy':
				"sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
			'Content-Type': 'text/html; charset=utf-8',
			'Cache-Control': 'private, no-store'
		}
	});
};
