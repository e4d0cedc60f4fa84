// The Atom 1.0 feed of laureates (RFC 4287): built from plain data by `atomFeed`, pure, so that tests
// read it without a server; `laureatesFeed` gathers the data (public laureates only, see
// src/lib/server/db/public-laureates.ts). Served at /laureats.atom.
import { AWARD_LABELS } from '$lib/domain/labels';
import type { Db } from '../db';
import { feedLaureates, type FeedLaureate } from '../db/public-laureates';
import { escapeXml, xmlDate } from './xml';

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';
export const FEED_PATH = '/laureats.atom';
export const SITE_NAME = 'Prix Impulsions';

/** `updated` of a feed without any entry: a fixed date, so that the same content gives the same bytes. */
const EMPTY_FEED_UPDATED = new Date('2000-01-01T00:00:00Z');

export interface AtomEntry {
	/** Absolute URL of the entry's page, also its id. */
	url: string;
	title: string;
	updated: Date;
	summary: string;
	/** Names of the authors; none: the feed's author stands for them. */
	authors: string[];
	categories: string[];
}

export interface AtomFeed {
	/** Absolute URL of the feed itself (self link) — also its id. */
	selfUrl: string;
	/** Absolute URL of the HTML page it mirrors. */
	pageUrl: string;
	title: string;
	subtitle: string;
	/** The feed's author, standing for entries without one. */
	author: string;
	entries: AtomEntry[];
}

const element = (name: string, text: string, indent = '\t') =>
	`${indent}<${name}>${escapeXml(text)}</${name}>`;

/** The feed as an XML document (UTF-8). `updated` is the latest of its entries'. */
export function atomFeed(feed: AtomFeed): string {
	const updated = feed.entries.reduce(
		(latest, e) => (e.updated > latest ? e.updated : latest),
		feed.entries.length > 0 ? feed.entries[0].updated : EMPTY_FEED_UPDATED
	);
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
		element('id', feed.selfUrl),
		element('title', feed.title),
		element('subtitle', feed.subtitle),
		element('updated', xmlDate(updated)),
		`\t<link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
		`\t<link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
		'\t<author>',
		element('name', feed.author, '\t\t'),
		'\t</author>'
	];
	for (const entry of feed.entries) {
		lines.push('\t<entry>');
		lines.push(element('id', entry.url, '\t\t'));
		lines.push(element('title', entry.title, '\t\t'));
		lines.push(`\t\t<link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`);
		lines.push(element('updated', xmlDate(entry.updated), '\t\t'));
		for (const name of entry.authors)
			lines.push('\t\t<author>', element('name', name, '\t\t\t'), '\t\t</author>');
		for (const term of entry.categories) lines.push(`\t\t<category term="${escapeXml(term)}"/>`);
		if (entry.summary) lines.push(element('summary', entry.summary, '\t\t'));
		lines.push('\t</entry>');
	}
	lines.push('</feed>', '');
	return lines.join('\n');
}

/** A laureate as a feed entry: « Prix — Titre », its names, its award, edition and category. */
export function laureateEntry(origin: string, laureate: FeedLaureate): AtomEntry {
	return {
		url: `${origin}/laureats/${laureate.slug}`,
		title: laureate.title,
		updated: laureate.updated,
		summary: laureate.summary,
		authors: laureate.members.map((m) => m.name),
		categories: [
			AWARD_LABELS[laureate.award],
			laureate.editionTitle,
			...(laureate.categoryName ? [laureate.categoryName] : [])
		]
	};
}

/** The feed of the latest public laureates (at most FEED_LIMIT), as served. */
export async function laureatesFeed(db: Db, origin: string): Promise<string> {
	const laureates = await feedLaureates(db);
	return atomFeed({
		selfUrl: `${origin}${FEED_PATH}`,
		pageUrl: `${origin}/laureats`,
		title: 'Lauréats du Prix Impulsions',
		subtitle:
			'Les innovations des agents de l’Éducation nationale distinguées par le jury du Prix Impulsions.',
		author: SITE_NAME,
		entries: laureates.map((l) => laureateEntry(origin, l))
	});
}
