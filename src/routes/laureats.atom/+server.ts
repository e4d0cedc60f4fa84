// The Atom feed of the latest laureates (public, cached like the public pages: see public-cache.ts).
import { db } from '$lib/server/db/app';
import { ATOM_CONTENT_TYPE, laureatesFeed } from '$lib/server/public/atom';
import { siteOrigin } from '$lib/server/public/origin';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) =>
	new Response(await laureatesFeed(db(), siteOrigin(url)), {
		headers: { 'content-type': ATOM_CONTENT_TYPE }
	});
