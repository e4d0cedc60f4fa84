import { fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import {
	createEdition,
	newEditionFormValues,
	nextFreeYear,
	readEditionForm
} from '$lib/server/db/editions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireArea(locals, url, 'admin');
	return { values: newEditionFormValues(await nextFreeYear(db())) };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		requireArea(locals, url, 'admin');
		const values = readEditionForm(await request.formData());
		const created = await createEdition(db(), values);
		if (!created.ok) return fail(400, { values, errors: created.errors });
		redirect(303, `/admin/editions/${created.id}?cree=1`);
	}
};
