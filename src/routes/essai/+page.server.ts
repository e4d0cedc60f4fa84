import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { sitesOfContact } from '$lib/server/db/trial-sites';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireArea(locals, url, 'trial');
	const sites = await sitesOfContact(db(), user.id);
	return {
		sites: sites.map((s) => ({
			id: s.id,
			name: s.name,
			status: s.status,
			entryTitle: s.entry_title,
			editionTitle: s.edition_title,
			reportStatus: s.report_status,
			dueAt: s.trial_ends_at,
			submittedAt: s.submitted_at
		}))
	};
};
