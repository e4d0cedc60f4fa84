import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import {
	editionFormValues,
	editionHistory,
	editionMoves,
	findEdition,
	readEditionForm,
	updateEdition
} from '$lib/server/db/editions';
import { EDITION_NOT_FOUND, idParam } from '../params';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = idParam(params.id, EDITION_NOT_FOUND);
	const edition = await findEdition(db(), id);
	if (!edition) error(404, EDITION_NOT_FOUND);
	const [moves, history] = await Promise.all([
		editionMoves(db(), edition),
		editionHistory(db(), edition.id)
	]);
	const passage = url.searchParams.get('passage');
	return {
		edition,
		values: editionFormValues(edition, edition.categories, edition.themes),
		moves,
		history,
		notice: {
			created: url.searchParams.has('cree'),
			saved: url.searchParams.has('enregistre'),
			// Only when it is still true: a stale or hand-written address says nothing.
			moved: passage !== null && passage === edition.phase
		}
	};
};

export const actions: Actions = {
	enregistrer: async ({ locals, url, params, request }) => {
		requireArea(locals, url, 'admin');
		const id = idParam(params.id, EDITION_NOT_FOUND);
		const values = readEditionForm(await request.formData());
		const saved = await updateEdition(db(), id, values);
		if (!saved.ok && 'notFound' in saved) error(404, EDITION_NOT_FOUND);
		if (!saved.ok) return fail(400, { values, errors: saved.errors });
		redirect(303, `/admin/editions/${id}?enregistre=1`);
	}
};
