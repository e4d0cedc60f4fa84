import { error, redirect } from '@sveltejs/kit';
import { hasFilters, laureatesHref, parseLaureateQuery } from '$lib/domain/laureate-filters';
import { db } from '$lib/server/db/app';
import { laureateFacets, searchLaureates } from '$lib/server/db/public-laureates';
import { siteOrigin } from '$lib/server/public/origin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { page, ...filters } = parseLaureateQuery(url.searchParams);
	// One address per list: the form sends its empty fields too (…&annee=&theme=), a hand-typed
	// address may hold unusable values; both are sent to the canonical address of what they ask.
	const canonical = laureatesHref(filters, page);
	if (url.pathname + url.search !== canonical) redirect(303, canonical);
	const [list, facets] = await Promise.all([
		searchLaureates(db(), filters, { page }),
		laureateFacets(db())
	]);
	// A page past the last one (an old link, a hand-typed address): there is nothing to show there.
	if (page > list.pageCount)
		error(
			404,
			`Cette page de résultats n’existe pas : la liste des lauréats compte ${list.pageCount} page${list.pageCount > 1 ? 's' : ''}.`
		);
	return {
		filters,
		filtered: hasFilters(filters),
		list,
		facets,
		canonicalUrl: siteOrigin(url) + canonical,
		feedUrl: `${siteOrigin(url)}/laureats.atom`
	};
};
