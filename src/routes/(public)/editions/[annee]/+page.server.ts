import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { findPublicEdition } from '$lib/server/db/public-editions';
import type { PageServerLoad } from './$types';

const NOT_FOUND = 'Cette édition n’existe pas ou n’est pas encore publiée.';

export const load: PageServerLoad = async ({ params }) => {
	const year = /^\d{4}$/.test(params.annee) ? Number(params.annee) : null;
	const edition = year === null ? undefined : await findPublicEdition(db(), year);
	if (!edition) error(404, NOT_FOUND);
	return { edition };
};
