// robots.txt: everything public may be crawled; the personal spaces are not worth it (they ask to log
// in). The sitemap must be named by an absolute address, hence a route rather than a static file.
import { siteOrigin } from '$lib/server/public/origin';
import type { RequestHandler } from './$types';

// With their trailing slash: « /essai » alone would also keep robots out of the public « /essayer ».
const PRIVATE_AREAS = ['/admin', '/jury', '/equipe', '/essai', '/compte', '/api'];

export const GET: RequestHandler = ({ url }) =>
	new Response(
		[
			'User-agent: *',
			...PRIVATE_AREAS.map((path) => `Disallow: ${path}/`),
			'Allow: /',
			'',
			`Sitemap: ${siteOrigin(url)}/sitemap.xml`,
			''
		].join('\n'),
		{ headers: { 'content-type': 'text/plain; charset=utf-8' } }
	);
