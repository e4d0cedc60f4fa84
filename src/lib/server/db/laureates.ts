// The public list of laureates: entries with an award in editions whose results are published.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from './index';

/** Edition phases whose results the public may see. */
export const PUBLISHED_PHASES = ['published', 'archived'] as const;

export type Award = 'prize' | 'mention';

/**
 * Laureates of published and archived editions, in one query: by edition (latest year first), then
 * prizes before mentions, then category order and title. Only members who agreed to have their name
 * published are returned, and only their name.
 */
export function listLaureates(db: Db) {
	return db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.where('ed.phase', 'in', PUBLISHED_PHASES)
		.where('e.award', 'is not', null)
		.select((eb) => [
			'e.id',
			'e.title',
			'e.summary',
			'e.award',
			'ed.id as editionId',
			'ed.year as editionYear',
			'ed.title as editionTitle',
			'c.name as categoryName',
			jsonArrayFrom(
				eb
					.selectFrom('entry_members as m')
					.innerJoin('users as u', 'u.id', 'm.user_id')
					.whereRef('m.entry_id', '=', 'e.id')
					.where('m.publish_name', '=', true)
					.select('u.name')
					.orderBy(sql`m.role = 'lead'`, 'desc')
					.orderBy('m.added_at')
					.orderBy('u.name')
			).as('members')
		])
		.orderBy('ed.year', 'desc')
		.orderBy(sql`e.award = 'prize'`, 'desc')
		.orderBy('c.position')
		.orderBy('e.title')
		.orderBy('e.id')
		.$narrowType<{ award: Award }>()
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
