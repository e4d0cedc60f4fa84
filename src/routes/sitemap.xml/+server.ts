// The sitemap of the public pages (cached like them: see public-cache.ts).
import { db } from '$lib/server/db/app';
import { siteOrigin } from '$lib/server/public/origin';
import { SITEMAP_CONTENT_TYPE, siteMap, sitemapXml } from '$lib/server/public/sitemap';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) =>
	new Response(sitemapXml(await siteMap(db(), siteOrigin(url))), {
		headers: { 'content-type': SITEMAP_CONTENT_TYPE }
	});
