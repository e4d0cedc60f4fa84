import { error } from '@sveltejs/kit';
import { directionLabel } from '$lib/domain/trial-report-labels';
import { db } from '$lib/server/db/app';
import { protocolOf } from '$lib/server/db/trial-protocols';
import { findTrialEntry, isOpenToPublic, OPEN_TRIAL_NOT_FOUND } from '$lib/server/db/trial-sites';
import type { PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

export const load: PageServerLoad = async ({ params }) => {
	const id = parseId(params.id);
	const entry = id === null ? undefined : await findTrialEntry(db(), id);
	if (!entry || !isOpenToPublic(entry)) error(404, OPEN_TRIAL_NOT_FOUND);
	const protocol = await protocolOf(db(), entry.id);
	return {
		entry: {
			id: entry.id,
			title: entry.title,
			summary: entry.summary,
			academie: entry.academie,
			categoryName: entry.category_name,
			editionTitle: entry.edition_title,
			trialEndsAt: entry.trial_ends_at,
			capacity: entry.capacity,
			accepted: entry.accepted
		},
		protocol:
			protocol.saved && (protocol.objectives || protocol.steps.length > 0)
				? {
						objectives: protocol.objectives,
						durationWeeks: protocol.duration_weeks,
						steps: protocol.steps,
						indicators: protocol.indicators.map((i) => ({
							id: i.id,
							name: i.name,
							unit: i.unit,
							direction: directionLabel(i.direction)
						}))
					}
				: null
	};
};
