// The laureates as open data: what may be published, and nothing else. One query.
//
// - only the published laureates (`publishedLaureates`: an award, results published, the team's consent);
// - of the team, only the names of members who agreed to have their name published
//   (entry_members.publish_name) — never an e-mail or anything else about a person;
// - of the dossier, the fields a laureate's public page shows first: title, summary, category,
//   themes, établissement (name, UAI — a public code of the établissement — and académie).
import { sql } from 'kysely';
import type { Db } from '../db';
import { publishedLaureates, publishedNames } from '../db/laureates';
import { themeNames } from '../db/public-laureates';

/**
 * The published laureates (`publishedLaureates`, the one rule of what is published), as data; a
 * laureate without a public address yet is listed with a stable identifier and no page.
 */
export async function openDataLaureates(db: Db) {
	return publishedLaureates(db)
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.select((eb) => [
			'e.id',
			'e.slug',
			'e.title',
			'e.summary',
			'e.award',
			'e.etablissement_name',
			'e.uai',
			'e.academie',
			'ed.year',
			'c.name as category',
			publishedNames(eb).as('members'),
			themeNames(eb).as('themes')
		])
		.orderBy('ed.year', 'desc')
		.orderBy(sql`e.award = 'prize'`, 'desc')
		.orderBy('c.position')
		.orderBy('e.title')
		.orderBy('e.id')
		.execute();
}

export type OpenDataLaureate = Awaited<ReturnType<typeof openDataLaureates>>[number];
