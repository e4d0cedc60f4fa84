// The « Terminer l’essai » action, shared by the overview and one candidature's trial page: the form
// read, then COMPLETE_TRIAL through the workflow. When the reports fall short of the minimum, the
// answer carries the count and the minimum, so the page asks for the override's reason.
import { error, fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { findTrialEntry } from '$lib/server/db/trial-sites';
import { completeTrial, readCompleteTrialForm } from '$lib/server/trial/complete-trial';
import { submittedTrialReports } from '$lib/server/workflow/advance';
import { needsTrialOverride } from '$lib/server/workflow/entry.machine';
import { EDITION_NOT_FOUND, idParam } from '../../params';

export async function completeAction({
	locals,
	url,
	params,
	request
}: {
	locals: App.Locals;
	url: URL;
	params: { id: string };
	request: Request;
}) {
	const user = requireArea(locals, url, 'admin');
	const editionId = idParam(params.id, EDITION_NOT_FOUND);
	const data = await request.formData();
	const form = readCompleteTrialForm(data);
	const entry = form.values.entryId ? await findTrialEntry(db(), form.values.entryId) : undefined;
	if (form.values.entryId !== null && (!entry || entry.edition_id !== editionId))
		error(404, 'Cette candidature n’existe pas dans cette édition.');
	const reports = entry ? await submittedTrialReports(db(), entry.id) : 0;
	const completing = entry && {
		id: entry.id,
		title: entry.title,
		reports,
		minReports: entry.min_trial_reports,
		needsOverride: needsTrialOverride(reports, entry.min_trial_reports)
	};
	if (!form.ok)
		return fail(400, {
			kind: 'terminer' as const,
			completing: completing ?? null,
			values: form.values,
			errors: form.errors,
			refusal: null as string | null
		});
	const result = await completeTrial(
		db(),
		editionId,
		form.entryId,
		form.override,
		{ userId: user.id },
		url.origin
	);
	if (!result.ok) {
		if (result.status === 404) error(404, result.reason);
		// The reason was asked for (the field was on the page) and left blank: say so at the field.
		const blank = data.has('derogation') && completing?.needsOverride && !form.override;
		return fail(result.status, {
			kind: 'terminer' as const,
			completing: completing ?? null,
			values: form.values,
			errors: (blank
				? { override: 'Indiquez le motif de la dérogation : il est gardé dans l’historique.' }
				: {}) as { override?: string; entry?: string },
			refusal: result.reason
		});
	}
	return {
		kind: 'terminer' as const,
		completed: entry?.title ?? '',
		overridden: completing?.needsOverride ?? false
	};
}
