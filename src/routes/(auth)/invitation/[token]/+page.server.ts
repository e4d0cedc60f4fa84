import { fail, redirect } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { sessionCookieOptions } from '$lib/server/auth/cookies';
import {
	acceptInvitation,
	acceptInvitationWithNewAccount,
	findInvitation
} from '$lib/server/auth/invitations';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/session';
import { db } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

const DESTINATION: Record<string, string> = {
	organiser: '/admin',
	juror: '/jury',
	member: '/equipe'
};
/** Where the invited person goes: his space, or for a trial site the innovation's volunteer form. */
const destination = (invitation: { id: number; role: string; entry_id: number | null }) =>
	invitation.role === 'site' && invitation.entry_id !== null
		? `/essayer/${invitation.entry_id}/volontaire?invitation=${invitation.id}`
		: (DESTINATION[invitation.role] ?? '/');

/** The invitation behind the token, read before it is accepted (to know where to go after). */
async function openInvitation(token: string) {
	const found = await findInvitation(db(), token);
	return typeof found === 'string' ? null : found.invitation;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await findInvitation(db(), params.token);
	if (typeof found === 'string')
		return { problem: found, invitation: null, hasAccount: false, signedInAs: null };
	return {
		problem: null,
		invitation: {
			email: found.invitation.email,
			role: found.invitation.role,
			editionTitle: found.invitation.edition_title,
			entryTitle: found.invitation.entry_title,
			inviterName: found.invitation.inviter_name
		},
		hasAccount: found.hasAccount,
		signedInAs: locals.user?.email ?? null
	};
};

export const actions: Actions = {
	accepter: async ({ params, locals, url }) => {
		if (!locals.user) redirect(303, `/connexion?suite=${encodeURIComponent(url.pathname)}`);
		const invitation = await openInvitation(params.token);
		const result = await acceptInvitation(db(), params.token, locals.user.id);
		if (!result.ok) return fail(409, { message: result.message, errors: {}, name: '' });
		redirect(303, destination(invitation ?? { id: 0, role: result.role, entry_id: null }));
	},
	creer: async ({ params, request, cookies }) => {
		const form = await request.formData();
		const name = field(form, 'name');
		const invitation = await openInvitation(params.token);
		const result = await acceptInvitationWithNewAccount(db(), params.token, {
			name,
			password: field(form, 'password'),
			confirm: field(form, 'confirm')
		});
		if (!result.ok)
			return fail(400, { message: result.message ?? null, errors: result.errors, name });
		const session = await createSession(db(), result.userId);
		cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
		redirect(303, destination(invitation ?? { id: 0, role: result.role, entry_id: null }));
	}
};
