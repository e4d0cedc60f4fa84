import { fail, redirect } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { DOSSIER_TEXT_FIELDS } from '$lib/domain/dossier';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { createEntry, listOpenEditions } from '$lib/server/db/dossiers';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

const TITLE_MAX = DOSSIER_TEXT_FIELDS[0].max;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireArea(locals, url, 'team');
	return { editions: await listOpenEditions(db()), titleMax: TITLE_MAX };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const user = requireArea(locals, url, 'team');
		const form = await request.formData();
		const values = { editionId: field(form, 'editionId'), title: field(form, 'title') };
		const errors: { editionId?: string; title?: string } = {};
		const title = values.title.trim();
		if (!title) errors.title = 'Donnez un titre à la candidature.';
		else if (title.length > TITLE_MAX)
			errors.title = `Le titre compte ${title.length} caractères : ${TITLE_MAX} caractères maximum.`;
		const editionId = parseId(values.editionId);
		if (editionId === null) errors.editionId = 'Choisissez l’édition à laquelle vous candidatez.';
		if (Object.keys(errors).length > 0 || editionId === null)
			return fail(400, { ...values, errors });
		const created = await createEntry(db(), { editionId, title, leadId: user.id });
		if (!created)
			return fail(409, {
				...values,
				errors: {
					editionId:
						'Cette édition ne reçoit pas (ou plus) de candidatures : choisissez une édition ouverte.'
				}
			});
		redirect(303, `/equipe/${created.id}?cree`);
	}
};
