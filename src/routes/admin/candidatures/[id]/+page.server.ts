import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { entryHistory, findEntrySummary } from '$lib/server/db/editions';
import { isAward } from '$lib/server/workflow/rules';
import { ENTRY_NOT_FOUND, idParam } from '../../editions/params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = idParam(params.id, ENTRY_NOT_FOUND);
	const [entry, events] = await Promise.all([findEntrySummary(db(), id), entryHistory(db(), id)]);
	if (!entry) error(404, ENTRY_NOT_FOUND);
	return {
		entry,
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
				reason: text('reason') ?? text('message'),
				dueAt: text('dueAt'),
				award: isAward(award) ? award : null
			};
		})
	};
};
