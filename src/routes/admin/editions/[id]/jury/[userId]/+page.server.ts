import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import {
	findEditionJuror,
	jurorFormValues,
	readJurorForm,
	removeJuror,
	updateJuror
} from '$lib/server/db/jurors';
import { EDITION_NOT_FOUND, idParam } from '../../../params';
import type { Actions, PageServerLoad } from './$types';

const JUROR_NOT_FOUND = 'Ce juré ne fait pas partie du jury de cette édition.';

async function findEdition(id: number) {
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	return edition;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
	const userId = idParam(params.userId, JUROR_NOT_FOUND);
	const [juror, categories] = await Promise.all([
		findEditionJuror(db(), edition.id, userId),
		db()
			.selectFrom('categories')
			.select(['id', 'name'])
			.where('edition_id', '=', edition.id)
			.orderBy('position')
			.orderBy('id')
			.execute()
	]);
	if (!juror) error(404, JUROR_NOT_FOUND);
	return {
		edition,
		juror,
		categories,
		values: jurorFormValues(juror),
		saved: url.searchParams.has('enregistre'),
		confirming: url.searchParams.has('retirer')
	};
};

export const actions: Actions = {
	enregistrer: async ({ locals, url, params, request }) => {
		requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const userId = idParam(params.userId, JUROR_NOT_FOUND);
		const values = readJurorForm(await request.formData());
		const saved = await updateJuror(db(), edition.id, userId, values);
		if (!saved.ok && 'notFound' in saved) error(404, JUROR_NOT_FOUND);
		if (!saved.ok) return fail(400, { values, errors: saved.errors, refusal: null });
		redirect(303, `/admin/editions/${edition.id}/jury/${userId}?enregistre=1`);
	},

	/** The confirmed removal (the confirmation step is `?retirer`, a page of its own). */
	retirer: async ({ locals, url, params }) => {
		requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const userId = idParam(params.userId, JUROR_NOT_FOUND);
		const removed = await removeJuror(db(), edition.id, userId);
		if (!removed.ok && 'notFound' in removed) error(404, JUROR_NOT_FOUND);
		if (!removed.ok) return fail(409, { values: null, errors: {}, refusal: removed.reason });
		redirect(303, `/admin/editions/${edition.id}/jury?retire=1`);
	}
};
