// sitemap.xml (sitemaps.org 0.9): the public pages with absolute addresses — home, the laureates and
// each laureate's page, the editions and each public edition's page, trials, open data, certificate
// checking and the legal pages. `sitemapXml` is pure; `siteMap` gathers the addresses (public
// laureates only: src/lib/server/db/public-laureates.ts). Served at /sitemap.xml.
import type { Db } from '../db';
import { sitemapLaureates } from '../db/public-laureates';
import { listPublicEditions } from '../db/public-editions';
import { escapeXml, xmlDate } from './xml';

export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

export interface SitemapUrl {
	/** Absolute URL. */
	loc: string;
	/** When the page's content last changed, when it is known. */
	lastmod?: Date | null;
}

/** Public pages that are always there, whatever the data. */
export const STATIC_PUBLIC_PATHS = [
	'/',
	'/laureats',
	'/editions',
	'/essayer',
	'/donnees',
	'/verifier',
	'/plan-du-site',
	'/accessibilite',
	'/mentions-legales',
	'/donnees-personnelles'
] as const;

/** The sitemap document of these addresses, in their order. */
export function sitemapXml(urls: readonly SitemapUrl[]): string {
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
	];
	for (const url of urls) {
		lines.push('\t<url>', `\t\t<loc>${escapeXml(url.loc)}</loc>`);
		if (url.lastmod) lines.push(`\t\t<lastmod>${xmlDate(url.lastmod)}</lastmod>`);
		lines.push('\t</url>');
	}
	lines.push('</urlset>', '');
	return lines.join('\n');
}

const latest = (dates: readonly (Date | null)[]) =>
	dates.reduce<Date | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);

/**
 * Every public address with its last change where it is meaningful: a laureate's page when its
 * results were published, the laureates' list at the latest publication, the editions' list and an
 * edition's page at its latest logged event (phase changes, results). Three queries.
 */
export async function siteMap(db: Db, origin: string): Promise<SitemapUrl[]> {
	const [laureates, editions] = await Promise.all([sitemapLaureates(db), listPublicEditions(db)]);
	const years = editions.map((e) => e.year);
	const changes =
		years.length === 0
			? []
			: await db
					.selectFrom('events as ev')
					.innerJoin('editions as ed', 'ed.id', 'ev.edition_id')
					.where('ed.year', 'in', years)
					.select((eb) => ['ed.year', eb.fn.max('ev.created_at').as('at')])
					.groupBy('ed.year')
					.execute();
	const changedAt = new Map(changes.map((c) => [c.year, new Date(c.at)]));
	const lastPublication = latest(laureates.map((l) => l.updated));
	const lastEditionChange = latest([...changedAt.values()]);

	const lastmodOf: Partial<Record<(typeof STATIC_PUBLIC_PATHS)[number], Date | null>> = {
		'/laureats': lastPublication,
		'/editions': lastEditionChange
	};
	return [
		...STATIC_PUBLIC_PATHS.map((path) => ({
			loc: `${origin}${path}`,
			lastmod: lastmodOf[path] ?? null
		})),
		...editions.map((e) => ({
			loc: `${origin}/editions/${e.year}`,
			lastmod: changedAt.get(e.year) ?? null
		})),
		...laureates.map((l) => ({ loc: `${origin}/laureats/${l.slug}`, lastmod: l.updated }))
	];
}
