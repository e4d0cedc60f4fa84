import { error, fail } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { requireArea } from '$lib/server/auth/guard';
import { inviteCoAuthor } from '$lib/server/auth/invitations';
import { whyNotManageTeam, whyNotReadEntry } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { loadEntryAccess } from '$lib/server/db/entry-access';
import {
	handLead,
	listMembers,
	listPendingMemberInvitations,
	removeMember,
	setPublishName
} from '$lib/server/db/members';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

/** The candidature and the user's relation to it, or the French 404/403 answer. */
async function readable(locals: App.Locals, url: URL, param: string) {
	const user = requireArea(locals, url, 'team');
	const id = parseId(param);
	const access = id !== null ? await loadEntryAccess(db(), user.id, id) : null;
	if (!access) error(404, 'Cette candidature n’existe pas.');
	const refusal = whyNotReadEntry(access.relation);
	if (refusal) error(403, refusal);
	return { user, ...access };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, entry, relation } = await readable(locals, url, params.id);
	const [members, invitations] = await Promise.all([
		listMembers(db(), entry.id),
		listPendingMemberInvitations(db(), entry.id)
	]);
	const confirmUser = parseId(url.searchParams.get('utilisateur'));
	const confirmAction = url.searchParams.get('confirmer');
	const target = members.find((m) => m.user_id === confirmUser && m.role === 'member');
	return {
		entry: { id: entry.id, title: entry.title, state: entry.state },
		userId: user.id,
		members,
		invitations,
		manageRefusal: whyNotManageTeam(relation, entry.state),
		confirm:
			target && (confirmAction === 'retirer' || confirmAction === 'porteur')
				? { action: confirmAction, userId: target.user_id, name: target.name }
				: null
	};
};

function memberId(form: FormData): number {
	return parseId(field(form, 'membre')) ?? 0;
}

export const actions: Actions = {
	inviter: async ({ locals, url, params, request }) => {
		const { user, entry } = await readable(locals, url, params.id);
		const form = await request.formData();
		const email = field(form, 'email');
		const result = await inviteCoAuthor(db(), user, entry.id, email, url.origin);
		if (!result.ok)
			return fail(result.message ? 403 : 400, {
				action: 'inviter' as const,
				email,
				errors: result.errors,
				message: result.message ?? null,
				done: null
			});
		return {
			action: 'inviter' as const,
			email: '',
			errors: {},
			message: null,
			done: `L’invitation a été envoyée à ${result.email}. Elle est valable 14 jours.`
		};
	},
	retirer: async ({ locals, url, params, request }) => {
		const { user, entry } = await readable(locals, url, params.id);
		const result = await removeMember(db(), user.id, entry.id, memberId(await request.formData()));
		if (!result.ok)
			return fail(result.status, { action: 'retirer' as const, message: result.message });
		return {
			action: 'retirer' as const,
			message: null,
			done: `${result.name} ne fait plus partie de l’équipe.`
		};
	},
	porteur: async ({ locals, url, params, request }) => {
		const { user, entry } = await readable(locals, url, params.id);
		const result = await handLead(db(), user.id, entry.id, memberId(await request.formData()));
		if (!result.ok)
			return fail(result.status, { action: 'porteur' as const, message: result.message });
		return {
			action: 'porteur' as const,
			message: null,
			done: `${result.name} est désormais le porteur de la candidature.`
		};
	},
	publication: async ({ locals, url, params, request }) => {
		const { user, entry } = await readable(locals, url, params.id);
		const form = await request.formData();
		const consent = field(form, 'consentement') === 'oui';
		const result = await setPublishName(db(), user.id, entry.id, consent);
		if (!result.ok) return fail(403, { action: 'publication' as const, message: result.message });
		return {
			action: 'publication' as const,
			message: null,
			done: consent
				? 'Votre nom pourra être publié si la candidature est primée.'
				: 'Votre nom ne sera pas publié.'
		};
	}
};
