import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { editionMoves, findEdition, isEditionEventType } from '$lib/server/db/editions';
import { advanceEdition } from '$lib/server/workflow/advance';
import { whyEditionRefused } from '$lib/server/workflow/edition.machine';
import { isEditionPhase } from '$lib/server/workflow/rules';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import type { Actions, PageServerLoad } from './$types';

const UNKNOWN_MOVE = 'Ce passage de phase n’existe pas.';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = idParam(params.id, EDITION_NOT_FOUND);
	const type = url.searchParams.get('evenement');
	if (!isEditionEventType(type)) error(404, UNKNOWN_MOVE);
	const edition = await findEdition(db(), id);
	if (!edition) error(404, EDITION_NOT_FOUND);
	const move = (await editionMoves(db(), edition)).find((m) => m.type === type);
	// Not a move of this phase (the edition moved on meanwhile): the machine says why.
	const reason =
		move?.reason ??
		(move
			? null
			: isEditionPhase(edition.phase)
				? whyEditionRefused(edition.phase, {
						type,
						role: 'organiser',
						facts: {
							categories: 0,
							submissionsCloseAt: null,
							at: new Date().toISOString(),
							counts: {}
						}
					})
				: UNKNOWN_MOVE);
	return {
		edition: {
			id: edition.id,
			title: edition.title,
			phase: edition.phase,
			entries: edition.entries,
			submissions_close_at: edition.submissions_close_at
		},
		type,
		to: move?.to ?? null,
		reason
	};
};

export const actions: Actions = {
	confirmer: async ({ locals, url, params, request }) => {
		const user = requireArea(locals, url, 'admin');
		const id = idParam(params.id, EDITION_NOT_FOUND);
		const type = (await request.formData()).get('evenement');
		if (!isEditionEventType(type)) return fail(400, { reason: UNKNOWN_MOVE });
		const moved = await advanceEdition(db(), id, { type }, { userId: user.id }, url.origin);
		if (!moved.ok) {
			if (moved.status === 404) error(404, EDITION_NOT_FOUND);
			return fail(moved.status, { reason: moved.reason });
		}
		redirect(303, `/admin/editions/${id}?passage=${moved.to}`);
	}
};
