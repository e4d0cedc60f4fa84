import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { entryTrialSites, type TrialSiteRow } from '$lib/server/db/trial-admin';
import { findTrialEntry } from '$lib/server/db/trial-sites';
import { suggestSites, type SuggestionSite } from '$lib/server/trial/suggestions';
import { EDITION_NOT_FOUND, ENTRY_NOT_FOUND, idParam } from '../../../params';
import { completeAction } from '../complete';
import type { Actions, PageServerLoad } from './$types';
import { parsePage } from '$lib/domain/integer';

/** Sites other than the accepted ones, per page. */
const OTHERS_PAGE_SIZE = 25;

const asSuggestionSite = (site: TrialSiteRow): SuggestionSite => ({
	id: site.id,
	uai: site.uai,
	academie: site.academie,
	kind: site.kind,
	priorityEducation: site.priority_education,
	area: site.area,
	size: site.size,
	createdAt: site.created_at
});

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const editionId = idParam(params.id, EDITION_NOT_FOUND);
	const entryId = idParam(params.entryId, ENTRY_NOT_FOUND);
	const entry = await findTrialEntry(db(), entryId);
	if (!entry || entry.edition_id !== editionId) error(404, ENTRY_NOT_FOUND);
	const sites = await entryTrialSites(db(), entry.id);
	const accepted = sites.filter((s) => s.status === 'accepted');
	const volunteers = sites.filter((s) => s.status === 'volunteer');
	const others = sites.filter((s) => s.status !== 'accepted');
	const reports = accepted.filter((s) => s.report_status === 'submitted').length;

	// The team still chooses its sites while the trial is to start or under way.
	const open = entry.state === 'shortlisted' || entry.state === 'inTrial';
	const names = new Map(sites.map((s) => [s.id, s]));
	const advice = open
		? suggestSites({
				team: { uai: entry.uai, academie: entry.academie },
				accepted: accepted.map(asSuggestionSite),
				candidates: volunteers.map(asSuggestionSite),
				capacity: entry.capacity
			})
		: null;

	const pageCount = Math.max(1, Math.ceil(others.length / OTHERS_PAGE_SIZE));
	const page = parsePage(url.searchParams.get('page'), pageCount);
	return {
		entry,
		reports,
		accepted,
		volunteers: volunteers.length,
		others: others.slice((page - 1) * OTHERS_PAGE_SIZE, page * OTHERS_PAGE_SIZE),
		othersTotal: others.length,
		page,
		pageCount,
		advice: advice && {
			remaining: advice.remaining,
			suggestions: advice.suggestions.map((s) => ({ ...s, site: names.get(s.siteId)! })),
			excluded: advice.excluded.map((e) => ({ ...e, site: names.get(e.siteId)! }))
		}
	};
};

export const actions: Actions = {
	terminer: completeAction
};
