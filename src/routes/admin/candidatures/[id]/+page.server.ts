import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { listAttachments } from '$lib/server/db/attachments';
import { entryHistory, findEntrySummary } from '$lib/server/db/editions';
import { advanceEntry } from '$lib/server/workflow/advance';
import {
	eligibilityOptions,
	readDecisionForm,
	type EligibilityDecision
} from '$lib/server/workflow/eligibility';
import { isAward } from '$lib/server/workflow/rules';
import { ENTRY_NOT_FOUND, idParam } from '../../editions/params';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = idParam(params.id, ENTRY_NOT_FOUND);
	const [entry, events, attachments] = await Promise.all([
		findEntrySummary(db(), id),
		entryHistory(db(), id),
		listAttachments(db(), id)
	]);
	if (!entry) error(404, ENTRY_NOT_FOUND);
	return {
		entry,
		attachments,
		decisions: eligibilityOptions(entry),
		decided: url.searchParams.get('decision'),
		events: events.map((event) => {
			const payload = (event.payload ?? {}) as Record<string, unknown>;
			const award = payload.award;
			const text = (key: string) =>
				typeof payload[key] === 'string' && payload[key] !== '' ? (payload[key] as string) : null;
			return {
				id: event.id,
				type: event.type,
				from: event.from_state,
				to: event.to_state,
				at: event.created_at,
				actor: event.actor_name,
				reason:
					text('reason') ??
					text('message') ??
					(text('override') ? `Dérogation : ${text('override')}` : null),
				dueAt: text('dueAt'),
				award: isAward(award) ? award : null
			};
		})
	};
};

/** One decision: the form read, then the workflow; the values come back with the refusal. */
async function decide(event: RequestEvent, type: EligibilityDecision) {
	const { locals, url, params, request } = event;
	const user = requireArea(locals, url, 'admin');
	const id = idParam(params.id, ENTRY_NOT_FOUND);
	const form = readDecisionForm(type, await request.formData());
	if (!form.ok)
		return fail(400, {
			decision: type,
			values: form.values,
			errors: form.errors,
			refusal: null as string | null
		});
	const result = await advanceEntry(db(), id, form.request, { userId: user.id }, url.origin);
	if (!result.ok) {
		if (result.status === 404) error(404, ENTRY_NOT_FOUND);
		return fail(result.status, {
			decision: type,
			values: form.values,
			errors: {} as Partial<Record<'reason' | 'dueDate', string>>,
			refusal: result.reason
		});
	}
	redirect(303, `/admin/candidatures/${id}?decision=${result.to}`);
}

export const actions: Actions = {
	eligible: (event) => decide(event, 'DECLARE_ELIGIBLE'),
	ineligible: (event) => decide(event, 'DECLARE_INELIGIBLE'),
	modifications: (event) => decide(event, 'REQUEST_CHANGES')
};
