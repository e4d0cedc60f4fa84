import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import {
	addJuror,
	findEditionJuror,
	listEditionJurors,
	readJurorForm
} from '$lib/server/db/jurors';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import type { Actions, PageServerLoad } from './$types';
import { parseId, parsePage } from '$lib/domain/integer';

async function findEdition(id: number) {
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase', 'conflict_same_academie'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	return edition;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
	const [list, categories] = await Promise.all([
		listEditionJurors(db(), edition.id, { page: parsePage(url.searchParams.get('page')) }),
		db()
			.selectFrom('categories')
			.select(['id', 'name'])
			.where('edition_id', '=', edition.id)
			.orderBy('position')
			.orderBy('id')
			.execute()
	]);
	// Only when it is still true: a stale or hand-written address says nothing.
	const addedId = parseId(url.searchParams.get('ajoute'));
	const added = addedId !== null ? await findEditionJuror(db(), edition.id, addedId) : undefined;
	return {
		edition,
		list,
		categories,
		added: added?.name ?? null,
		removed: url.searchParams.has('retire')
	};
};

export const actions: Actions = {
	ajouter: async ({ locals, url, params, request }) => {
		requireArea(locals, url, 'admin');
		const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
		const values = readJurorForm(await request.formData());
		const added = await addJuror(db(), edition.id, values);
		if (!added.ok && 'notFound' in added) error(404, EDITION_NOT_FOUND);
		if (!added.ok)
			return fail(400, {
				values,
				errors: added.errors,
				noAccount: added.noAccount ?? false
			});
		redirect(303, `/admin/editions/${edition.id}/jury?ajoute=${added.userId}`);
	}
};
