// The Atom feed and the sitemap builders (src/lib/server/public): valid documents from plain data,
// every text escaped, forbidden characters dropped.
import { describe, expect, it } from 'vitest';
import { atomFeed, laureateEntry, type AtomFeed } from '../../src/lib/server/public/atom';
import { sitemapXml } from '../../src/lib/server/public/sitemap';
import { escapeXml, xmlDate } from '../../src/lib/server/public/xml';

describe('escapeXml', () => {
	it('escapes markup in text and attributes', () => {
		expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;'
		);
		expect(escapeXml('&amp;')).toBe('&amp;amp;');
	});

	it('keeps French text, tabs and line breaks, and drops what XML 1.0 forbids', () => {
		expect(escapeXml('Élèves « ateliers » d’écriture — œuvre\t\n\r')).toBe(
			'Élèves « ateliers » d’écriture — œuvre\t\n\r'
		);
		expect(escapeXml('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFF')).toBe('abcdef');
		// A lone surrogate is dropped; a pair (an emoji) is kept.
		expect(escapeXml('x\uD83Dy\uDE00z😀')).toBe('xyz😀');
	});

	it('writes dates in UTC without milliseconds', () => {
		expect(xmlDate(new Date('2025-07-01T10:00:00.123+02:00'))).toBe('2025-07-01T08:00:00Z');
	});
});

const FEED: AtomFeed = {
	selfUrl: 'https://prix.example.fr/laureats.atom',
	pageUrl: 'https://prix.example.fr/laureats',
	title: 'Lauréats du Prix Impulsions',
	subtitle: 'Les innovations & leurs équipes',
	author: 'Prix Impulsions',
	entries: [
		{
			url: 'https://prix.example.fr/laureats/2025-a-b',
			title: 'Des <ateliers> & "des" idées',
			updated: new Date('2025-07-01T08:00:00Z'),
			summary: 'Résumé\u0007 avec un caractère interdit',
			authors: ['Alice Martin', 'Bruno <Petit>'],
			categories: ['Prix', 'Prix "spécial"']
		},
		{
			url: 'https://prix.example.fr/laureats/2024-c',
			title: 'Plus ancien',
			updated: new Date('2024-06-01T08:00:00Z'),
			summary: '',
			authors: [],
			categories: []
		}
	]
};

describe('atomFeed', () => {
	const xml = atomFeed(FEED);

	it('is an Atom 1.0 document with its id, title, updated, self link and author', () => {
		expect(
			xml.startsWith(
				'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">'
			)
		).toBe(true);
		expect(xml.trimEnd().endsWith('</feed>')).toBe(true);
		expect(xml).toContain('\t<id>https://prix.example.fr/laureats.atom</id>');
		expect(xml).toContain('\t<title>Lauréats du Prix Impulsions</title>');
		expect(xml).toContain('\t<subtitle>Les innovations &amp; leurs équipes</subtitle>');
		expect(xml).toContain(
			'<link rel="self" type="application/atom+xml" href="https://prix.example.fr/laureats.atom"/>'
		);
		// The feed's date is its latest entry's.
		expect(xml).toContain('\t<updated>2025-07-01T08:00:00Z</updated>');
		expect(xml).toContain('\t<author>\n\t\t<name>Prix Impulsions</name>\n\t</author>');
	});

	it('has one escaped entry per item, in order, with id, link, updated, authors and summary', () => {
		const entries = xml.split('<entry>').slice(1);
		expect(entries).toHaveLength(2);
		expect(entries[0]).toContain('<title>Des &lt;ateliers&gt; &amp; &quot;des&quot; idées</title>');
		expect(entries[0]).toContain('<id>https://prix.example.fr/laureats/2025-a-b</id>');
		expect(entries[0]).toContain(
			'<link rel="alternate" type="text/html" href="https://prix.example.fr/laureats/2025-a-b"/>'
		);
		expect(entries[0]).toContain('<name>Bruno &lt;Petit&gt;</name>');
		expect(entries[0]).toContain('<category term="Prix &quot;spécial&quot;"/>');
		expect(entries[0]).toContain('<summary>Résumé avec un caractère interdit</summary>');
		// Without author of its own, the feed's stands for it; no empty summary.
		expect(entries[1]).not.toContain('<author>');
		expect(entries[1]).not.toContain('<summary>');
		expect(entries[1]).toContain('<updated>2024-06-01T08:00:00Z</updated>');
		// Nothing unescaped: every < opens a known element.
		for (const tag of xml.match(/<[^>]*>/g) ?? [])
			expect(tag).toMatch(
				/^<(\?xml|\/?(feed|id|title|subtitle|updated|link|author|name|entry|summary|category))[\s>/]/
			);
	});

	it('has a fixed date when empty, so that the same content gives the same bytes', () => {
		const empty = atomFeed({ ...FEED, entries: [] });
		expect(empty).toContain('<updated>2000-01-01T00:00:00Z</updated>');
		expect(empty).not.toContain('<entry>');
		expect(atomFeed({ ...FEED, entries: [] })).toBe(empty);
	});

	it('makes a laureate an entry: its page, its names, its award, edition and category', () => {
		expect(
			laureateEntry('https://prix.example.fr', {
				id: 1,
				slug: '2025-x',
				title: 'X',
				summary: 'S',
				award: 'mention',
				editionYear: 2025,
				editionTitle: 'Prix Impulsions 2025',
				categoryName: 'Prix de la simplification',
				members: [{ name: 'Alice Martin' }],
				updated: new Date('2025-07-01T08:00:00Z')
			})
		).toEqual({
			url: 'https://prix.example.fr/laureats/2025-x',
			title: 'X',
			updated: new Date('2025-07-01T08:00:00Z'),
			summary: 'S',
			authors: ['Alice Martin'],
			categories: ['Mention', 'Prix Impulsions 2025', 'Prix de la simplification']
		});
	});
});

describe('sitemapXml', () => {
	it('lists the addresses, escaped, with their last change when known', () => {
		const xml = sitemapXml([
			{ loc: 'https://prix.example.fr/', lastmod: null },
			{ loc: 'https://prix.example.fr/laureats?a=1&b=2' },
			{
				loc: 'https://prix.example.fr/laureats/2025-x',
				lastmod: new Date('2025-07-01T08:00:00.5Z')
			}
		]);
		expect(xml).toBe(
			[
				'<?xml version="1.0" encoding="UTF-8"?>',
				'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
				'\t<url>',
				'\t\t<loc>https://prix.example.fr/</loc>',
				'\t</url>',
				'\t<url>',
				'\t\t<loc>https://prix.example.fr/laureats?a=1&amp;b=2</loc>',
				'\t</url>',
				'\t<url>',
				'\t\t<loc>https://prix.example.fr/laureats/2025-x</loc>',
				'\t\t<lastmod>2025-07-01T08:00:00Z</lastmod>',
				'\t</url>',
				'</urlset>',
				''
			].join('\n')
		);
	});
});
