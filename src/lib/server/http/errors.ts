// Unexpected errors (SvelteKit's handleError hook): one log line with the stack, tied to the request's
// line by its id, which the French error page shows as « Référence de l’erreur » so that a user can
// quote it. The id is the one src/start.js gave the request (pino-http, `req.id`, also sent as
// X-Request-Id); without it (vite dev), a new one.
import type { RequestEvent } from '@sveltejs/kit';
import { maskedPath, newRequestId, type Logger } from '../log.js';

export interface UnexpectedError {
	error: unknown;
	event: Pick<RequestEvent, 'request' | 'url' | 'platform'>;
	status: number;
	message: string;
}

/** The request's id: the one src/start.js gave it, or a new one. */
export function requestId(event: Pick<RequestEvent, 'platform'>): string {
	// adapter-node's platform: { req }, the Node request, where pino-http left `id`.
	const id = (event.platform as { req?: { id?: unknown } } | undefined)?.req?.id;
	return typeof id === 'string' && id ? id : newRequestId();
}

/**
 * Logs an error that SvelteKit did not expect and answers what the error page receives (App.Error).
 * A 4xx (an unknown address, a bad request SvelteKit refused itself) is not an error of the server:
 * its request line says enough, and its message is kept.
 */
export function unexpectedError(
	logger: Pick<Logger, 'error'>,
	{ error, event, status, message }: UnexpectedError
): App.Error {
	if (status < 500) return { message };
	const reference = requestId(event);
	const method = event.request.method;
	const path = maskedPath(event.url.pathname + event.url.search);
	logger.error(
		{ err: error, reqId: reference, method, path, status },
		`Erreur inattendue (${status}) : ${method} ${path}`
	);
	return {
		message: `Une erreur inattendue est survenue (référence de l’erreur : ${reference}).`,
		reference
	};
}
