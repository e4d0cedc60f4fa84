import { error, fail } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { requireArea } from '$lib/server/auth/guard';
import { inviteTrialSite } from '$lib/server/auth/invitations';
import { whyNotInviteSite } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import {
	TRIAL_SITES_PAGE_SIZE,
	findTrialEntry,
	listSites,
	pendingSiteInvitations,
	siteCounts
} from '$lib/server/db/trial-sites';
import { ENTRY_NOT_FOUND, idParam } from '../../../editions/params';
import type { Actions, PageServerLoad } from './$types';
import { parsePage } from '$lib/domain/integer';

/** An organiser's relation to any candidature (the invitation rule reads it). */
const ORGANISER = { isLead: false, isMember: false, isOrganiser: true };

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = idParam(params.id, ENTRY_NOT_FOUND);
	const [trial, counts, invitations] = await Promise.all([
		findTrialEntry(db(), id),
		siteCounts(db(), id),
		pendingSiteInvitations(db(), id)
	]);
	if (!trial) error(404, ENTRY_NOT_FOUND);
	const total = counts.volunteer + counts.accepted + counts.declined;
	const pageCount = Math.max(1, Math.ceil(total / TRIAL_SITES_PAGE_SIZE));
	const page = parsePage(url.searchParams.get('page'), pageCount);
	const sites = await listSites(db(), id, {
		limit: TRIAL_SITES_PAGE_SIZE,
		offset: (page - 1) * TRIAL_SITES_PAGE_SIZE
	});
	return {
		entry: {
			id: trial.id,
			title: trial.title,
			state: trial.state,
			editionId: trial.edition_id,
			editionTitle: trial.edition_title,
			phase: trial.edition_phase,
			capacity: trial.capacity,
			public: trial.publication_consent,
			teamUai: trial.uai,
			teamAcademie: trial.academie
		},
		counts,
		total,
		page,
		pageCount,
		sites,
		invitations,
		inviteRefusal: whyNotInviteSite(ORGANISER, { phase: trial.edition_phase, state: trial.state })
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const user = requireArea(locals, url, 'admin');
		const id = idParam(params.id, ENTRY_NOT_FOUND);
		const email = field(await request.formData(), 'email');
		const result = await inviteTrialSite(db(), {
			entryId: id,
			email,
			invitedBy: user,
			origin: url.origin
		});
		if (!result.ok) {
			if (result.status === 404) error(404, ENTRY_NOT_FOUND);
			return fail(result.status, {
				email,
				errors: result.errors ?? {},
				message: result.message,
				sent: null as string | null
			});
		}
		return { email: '', errors: {}, message: null, sent: result.email };
	}
};
