import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { whyNotVolunteer } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { loadEntryAccess } from '$lib/server/db/entry-access';
import {
	acceptedSiteInvitation,
	contactSitesOf,
	findTrialEntry,
	isOpenToPublic,
	OPEN_TRIAL_NOT_FOUND,
	volunteerSite
} from '$lib/server/db/trial-sites';
import { readFormOrNull } from '$lib/server/http/form';
import {
	emptyVolunteerValues,
	readVolunteerForm,
	type VolunteerField
} from '$lib/server/trial/volunteer-form';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

/**
 * The innovation and what the visitor may do with it. Visible to anyone when it is open to the
 * public; otherwise only to a signed-in person who accepted a site invitation to it (404 for others).
 */
async function context(locals: App.Locals, url: URL, idParam: string) {
	const id = parseId(idParam);
	const entry = id === null ? undefined : await findTrialEntry(db(), id);
	if (!entry) error(404, OPEN_TRIAL_NOT_FOUND);
	const user = locals.user;
	// An invited person coming back signed out: sign in first (the invitation is his account's).
	if (!user && !isOpenToPublic(entry) && url.searchParams.has('invitation'))
		requireUser(locals, url);
	const [invitation, access] = user
		? await Promise.all([
				acceptedSiteInvitation(db(), user.id, entry.id),
				loadEntryAccess(db(), user.id, entry.id)
			])
		: [undefined, null];
	if (!isOpenToPublic(entry) && !invitation) error(404, OPEN_TRIAL_NOT_FOUND);
	const invited = invitation?.unused === true;
	const relation = access?.relation ?? null;
	const refusal = whyNotVolunteer(user, {
		phase: entry.edition_phase,
		state: entry.state,
		publicationConsent: entry.publication_consent,
		invited,
		isTeamMember: relation !== null && (relation.isLead || relation.isMember)
	});
	return { entry, user, invitation, invited, refusal };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry, user, invitation, invited, refusal } = await context(locals, url, params.id);
	const sites = user ? await contactSitesOf(db(), user.id, entry.id) : [];
	const values = emptyVolunteerValues(user);
	if (invitation) values.contactEmail = invitation.email;
	return {
		entry: {
			id: entry.id,
			title: entry.title,
			summary: entry.summary,
			public: isOpenToPublic(entry)
		},
		signedIn: user !== null,
		invited,
		refusal: user ? refusal : null,
		sites,
		sent: url.searchParams.has('transmise'),
		another: url.searchParams.has('autre'),
		values
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const user = requireUser(locals, url);
		const { entry, invited, refusal } = await context(locals, url, params.id);
		const form = await readFormOrNull(request);
		if (!form)
			return fail(413, {
				values: emptyVolunteerValues(user),
				errors: {} as Partial<Record<VolunteerField, string>>,
				message: 'Le formulaire envoyé est trop volumineux : raccourcissez les textes.'
			});
		const values = readVolunteerForm(form);
		if (refusal)
			return fail(409, {
				values,
				errors: {} as Partial<Record<VolunteerField, string>>,
				message: refusal
			});
		const result = await volunteerSite(db(), entry.id, user, values, {
			origin: invited ? 'invited' : 'volunteer',
			linkOrigin: url.origin
		});
		if (!result.ok) {
			if (result.status === 404) error(404, OPEN_TRIAL_NOT_FOUND);
			return fail(result.status, {
				values,
				errors: result.errors ?? {},
				message: result.message
			});
		}
		redirect(303, `/essayer/${entry.id}/volontaire?transmise`);
	}
};
