// The public list of laureates: entries with an award in editions whose results are published, whose
// team consented to publication. `publicLaureates` states that rule once; every public query about
// laureates (this file, public-laureates.ts, the feed and the sitemap) starts from it.
import { sql, type ExpressionBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from './index';
import type { Database, EntriesTable } from './schema';

/** Edition phases whose results the public may see. */
export const PUBLISHED_PHASES = ['published', 'archived'] as const;

export type Award = 'prize' | 'mention';

/**
 * The laureates whose publication is allowed, as `entries as e` joined to `editions as ed`: an award,
 * an edition whose results are published (or archived), and the team's consent to publication. The one
 * rule of what is published (pages, feed, sitemap, open data).
 */
export function publishedLaureates(db: Db) {
	return db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.where('ed.phase', 'in', PUBLISHED_PHASES)
		.where('e.award', 'is not', null)
		.where('e.publication_consent', '=', true);
}

/**
 * The laureates the public pages show: the published ones (`publishedLaureates`) that have a public
 * address (given when the results are published: a laureate without one has no page to link to).
 */
export function publicLaureates(db: Db) {
	return publishedLaureates(db).where('e.slug', 'is not', null);
}

/**
 * The members of entry `e` who agreed to have their name published, the lead first (select what to
 * show: their name, their role — never their e-mail).
 */
export function consentingMembers(eb: ExpressionBuilder<Database & { e: EntriesTable }, 'e'>) {
	return eb
		.selectFrom('entry_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.whereRef('m.entry_id', '=', 'e.id')
		.where('m.publish_name', '=', true)
		.orderBy(sql`m.role = 'lead'`, 'desc')
		.orderBy('m.added_at')
		.orderBy('u.name');
}

/** The published names of entry `e`'s members, lead first, as a JSON array of { name }. */
export function publishedNames(eb: ExpressionBuilder<Database & { e: EntriesTable }, 'e'>) {
	return jsonArrayFrom(consentingMembers(eb).select('u.name'));
}

/**
 * Laureates of published and archived editions (see `publicLaureates`), in one query: by edition
 * (latest year first), then prizes before mentions, then category order and title. Only members who
 * agreed to have their name published are returned, and only their name.
 */
export function listLaureates(db: Db) {
	return publicLaureates(db)
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.select((eb) => [
			'e.id',
			'e.slug',
			'e.title',
			'e.summary',
			'e.award',
			'ed.id as editionId',
			'ed.year as editionYear',
			'ed.title as editionTitle',
			'c.name as categoryName',
			publishedNames(eb).as('members')
		])
		.orderBy('ed.year', 'desc')
		.orderBy(sql`e.award = 'prize'`, 'desc')
		.orderBy('c.position')
		.orderBy('e.title')
		.orderBy('e.id')
		.$narrowType<{ award: Award; slug: string }>()
		.execute();
}

export type Laureate = Awaited<ReturnType<typeof listLaureates>>[number];

export interface LaureateEdition<L extends Laureate = Laureate> {
	year: number;
	title: string;
	awards: { award: Award; laureates: L[] }[];
}

/** Groups the ordered rows of `listLaureates` by edition, then by award, keeping their order. */
export function groupLaureates<L extends Laureate>(rows: L[]): LaureateEdition<L>[] {
	const editions: LaureateEdition<L>[] = [];
	for (const row of rows) {
		let edition = editions.at(-1);
		if (edition?.year !== row.editionYear) {
			edition = { year: row.editionYear, title: row.editionTitle, awards: [] };
			editions.push(edition);
		}
		let group = edition.awards.at(-1);
		if (group?.award !== row.award) {
			group = { award: row.award, laureates: [] };
			edition.awards.push(group);
		}
		group.laureates.push(row);
	}
	return editions;
}
