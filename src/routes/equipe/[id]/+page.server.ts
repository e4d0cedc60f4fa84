import { error, fail } from '@sveltejs/kit';
import {
	checkDossierDraft,
	CONFLICT_MESSAGE,
	READ_ONLY_MESSAGE,
	missingForSubmission,
	readDossierForm,
	type DossierInput
} from '$lib/domain/dossier';
import { db } from '$lib/server/db/app';
import { lastChangeRequest, loadDossier, saveDossier } from '$lib/server/db/dossiers';
import { formatParisDateTime } from '$lib/server/workflow/rules';
import { requireEntryReader } from './access';
import type { Actions, PageServerLoad } from './$types';
import { parseInteger } from '$lib/domain/integer';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry, relation, whyNotEdit } = await requireEntryReader(locals, url, params.id);
	const [dossier, request] = await Promise.all([
		loadDossier(db(), entry.id),
		lastChangeRequest(db(), entry.id)
	]);
	if (!dossier) error(404, 'Cette candidature n’existe pas.');
	return {
		dossier,
		changes:
			dossier.state === 'changesRequested' && request
				? {
						reason: request.reason,
						dueAt: request.dueAt ? formatParisDateTime(request.dueAt) : null
					}
				: null,
		missing: missingForSubmission(dossier),
		whyNotEdit,
		isLead: relation?.isLead ?? false,
		created: url.searchParams.has('cree')
	};
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const { entry, whyNotEdit } = await requireEntryReader(locals, url, params.id);
		if (whyNotEdit) error(403, whyNotEdit);
		const form = await request.formData();
		const values: DossierInput = readDossierForm(form);
		// Out of PostgreSQL's integer range, or not a number: no stored version can match it.
		const version = parseInteger(form.get('dossier_version'));
		const dossier = await loadDossier(db(), entry.id);
		if (!dossier) error(404, 'Cette candidature n’existe pas.');
		const checked = checkDossierDraft(values, {
			categoryIds: dossier.categories.map((c) => c.id),
			themeIds: dossier.edition_themes.map((t) => t.id)
		});
		if (!checked.ok) return fail(400, { values, version, errors: checked.errors, conflict: null });
		const saved =
			version !== null
				? await saveDossier(db(), entry.id, version, checked.values)
				: { ok: false as const, why: 'version' as const };
		if (!saved.ok)
			return fail(409, {
				values,
				version,
				errors: {},
				conflict: saved.why === 'readOnly' ? READ_ONLY_MESSAGE : CONFLICT_MESSAGE
			});
		return { saved: true, version: saved.version, savedAt: new Date().toISOString() };
	}
};
