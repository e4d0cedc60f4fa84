import { error, fail, redirect } from '@sveltejs/kit';
import { missingForSubmission } from '$lib/domain/dossier';
import { db } from '$lib/server/db/app';
import { loadDossier } from '$lib/server/db/dossiers';
import { formatParisDateTime } from '$lib/server/workflow/rules';
import { advanceEntry } from '$lib/server/workflow/advance';
import { requireEntryReader } from '../access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry, relation, whyNotEdit } = await requireEntryReader(locals, url, params.id);
	const dossier = await loadDossier(db(), entry.id);
	if (!dossier) error(404, 'Cette candidature n’existe pas.');
	const closeAt = dossier.submissions_close_at;
	return {
		dossier: { id: dossier.id, title: dossier.title, state: dossier.state },
		missing: missingForSubmission(dossier),
		whyNotEdit,
		isLead: relation?.isLead ?? false,
		resubmit: dossier.state === 'changesRequested',
		deadline: closeAt ? formatParisDateTime(new Date(closeAt).toISOString()) : null
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params }) => {
		const { user, entry } = await requireEntryReader(locals, url, params.id);
		// The completeness of the dossier is checked by advanceEntry, under the entry's lock.
		const result = await advanceEntry(
			db(),
			entry.id,
			{ type: entry.state === 'changesRequested' ? 'RESUBMIT' : 'SUBMIT' },
			{ userId: user.id },
			url.origin
		);
		if (!result.ok) return fail(409, { reason: result.reason });
		redirect(303, `/equipe/${entry.id}/suivi?depose`);
	}
};
