import { fail, redirect } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { db } from '$lib/server/db/app';
import { advanceEntry } from '$lib/server/workflow/advance';
import { requireEntryReader } from '../access';
import type { Actions, PageServerLoad } from './$types';

const REASON_MAX = 2000;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry, relation } = await requireEntryReader(locals, url, params.id);
	return {
		entry: { id: entry.id, title: entry.title, state: entry.state },
		isLead: relation?.isLead ?? false,
		reasonMax: REASON_MAX
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const { user, entry } = await requireEntryReader(locals, url, params.id);
		const form = await request.formData();
		const reason = field(form, 'reason').trim();
		if (reason.length > REASON_MAX)
			return fail(400, {
				reason,
				refusal: `Le motif compte ${reason.length} caractères : ${REASON_MAX} caractères maximum.`
			});
		const result = await advanceEntry(
			db(),
			entry.id,
			{ type: 'WITHDRAW', ...(reason ? { reason } : {}) },
			{ userId: user.id },
			url.origin
		);
		if (!result.ok) return fail(409, { reason, refusal: result.reason });
		redirect(303, `/equipe/${entry.id}/suivi?retire`);
	}
};
