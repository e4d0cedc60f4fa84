import { error } from '@sveltejs/kit';
import { TRIAL_SITE_NOT_FOUND, whyNotReadTrialReport } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { reportOf } from '$lib/server/db/trial-reports';
import { requireEntryReader } from '../../../access';
import type { PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry, relation } = await requireEntryReader(locals, url, params.id);
	const siteId = parseId(params.siteId);
	const report = siteId === null ? null : await reportOf(db(), siteId);
	// Only the accepted sites of this candidature: any other address is unknown here.
	if (!report || report.site.entry_id !== entry.id || report.site.status !== 'accepted')
		error(404, TRIAL_SITE_NOT_FOUND);
	const refusal = whyNotReadTrialReport(relation, report.site.report_status);
	return {
		entry: { id: entry.id, title: entry.title },
		site: {
			id: report.site.id,
			name: report.site.name,
			academie: report.site.academie,
			contactName: report.site.contact_name,
			trialEndsAt: report.site.trial_ends_at
		},
		refusal,
		protocol: report.protocol,
		// The report's content only once transmitted: a draft stays the site's.
		report: refusal
			? null
			: {
					submittedAt: report.report?.submittedAt ?? null,
					values: report.values,
					attachments: report.attachments.map((a) => ({
						id: a.id,
						fileName: a.file_name,
						mime: a.mime,
						size: a.size
					}))
				}
	};
};
