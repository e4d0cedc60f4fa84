// Helpers for loads and actions: stop with the right French answer when the user may not go on.
import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './session';
import { whyNotArea, type Area } from './permissions';

/** The signed-in user, or a redirect to the log-in page that comes back to `url`. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user)
		redirect(303, `/connexion?suite=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

/** The signed-in user allowed in `area`, or the French 401/403 answer. */
export function requireArea(locals: App.Locals, url: URL, area: Area): SessionUser {
	const user = requireUser(locals, url);
	const refusal = whyNotArea(user, area);
	if (refusal) error(403, refusal);
	return user;
}
