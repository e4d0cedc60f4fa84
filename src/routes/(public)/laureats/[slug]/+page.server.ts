import { error } from '@sveltejs/kit';
import { isSlug } from '$lib/domain/slug';
import { db } from '$lib/server/db/app';
import { publicLaureatePage } from '$lib/server/db/public-laureates';
import { siteOrigin } from '$lib/server/public/origin';
import type { PageServerLoad } from './$types';

const NOT_FOUND = 'Ce lauréat n’existe pas, ou les résultats de son édition ne sont pas publiés.';

export const load: PageServerLoad = async ({ params, url }) => {
	// A malformed address is not looked up.
	const found = isSlug(params.slug) ? await publicLaureatePage(db(), params.slug) : undefined;
	if (!found) error(404, NOT_FOUND);
	const { laureate, trial } = found;
	return {
		laureate: {
			...laureate,
			publishedAt: laureate.publishedAt ? new Date(laureate.publishedAt).toISOString() : null
		},
		trial,
		url: `${siteOrigin(url)}/laureats/${laureate.slug}`
	};
};
