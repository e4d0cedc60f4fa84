// The laureates as open data: what may be published, and nothing else. One query.
//
// - only laureates (state 'laureate' with an award) of editions whose results are published;
// - only candidatures whose team agreed to publication (entries.publication_consent);
// - of the team, only the names of members who agreed to have their name published
//   (entry_members.publish_name) — never an e-mail or anything else about a person;
// - of the dossier, the fields a laureate's public page shows first: title, summary, category,
//   themes, établissement (name, UAI — a public code of the établissement — and académie).
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../db';
import { RESULTS_PHASES } from '../db/public-editions';

export async function openDataLaureates(db: Db) {
	return db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.where('ed.phase', 'in', RESULTS_PHASES)
		.where('e.state', '=', 'laureate')
		.where('e.award', 'is not', null)
		.where('e.publication_consent', '=', true)
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
			).as('members'),
			jsonArrayFrom(
				eb
					.selectFrom('entry_themes as et')
					.innerJoin('edition_themes as t', 't.id', 'et.theme_id')
					.whereRef('et.entry_id', '=', 'e.id')
					.select('t.name')
					.orderBy('t.position')
					.orderBy('t.id')
			).as('themes')
		])
		.orderBy('ed.year', 'desc')
		.orderBy(sql`e.award = 'prize'`, 'desc')
		.orderBy('c.position')
		.orderBy('e.title')
		.orderBy('e.id')
		.execute();
}

export type OpenDataLaureate = Awaited<ReturnType<typeof openDataLaureates>>[number];
