// What the public sees of the editions: those past their draft, with their calendar, categories, and
// the jury's criteria and weights (public once the edition opens). Two queries at most per page.
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from './index';

/** Editions open to the public (every phase but draft), newest first. */
export async function listPublicEditions(db: Db) {
	return db
		.selectFrom('editions')
		.where('phase', '!=', 'draft')
		.select(['year', 'title', 'phase', 'submissions_close_at', 'ceremony_at'])
		.orderBy('year', 'desc')
		.execute();
}

/** One public edition by its year, with its categories, themes and criteria; undefined otherwise. */
export async function findPublicEdition(db: Db, year: number) {
	return db
		.selectFrom('editions as ed')
		.where('ed.year', '=', year)
		.where('ed.phase', '!=', 'draft')
		.select((eb) => [
			'ed.year',
			'ed.title',
			'ed.phase',
			'ed.opens_at',
			'ed.submissions_close_at',
			'ed.eligibility_at',
			'ed.preselection_at',
			'ed.trial_starts_at',
			'ed.trial_ends_at',
			'ed.final_at',
			'ed.ceremony_at',
			jsonArrayFrom(
				eb
					.selectFrom('categories')
					.select(['id', 'name'])
					.whereRef('categories.edition_id', '=', 'ed.id')
					.orderBy('position')
					.orderBy('id')
			).as('categories'),
			jsonArrayFrom(
				eb
					.selectFrom('edition_themes')
					.select(['id', 'name'])
					.whereRef('edition_themes.edition_id', '=', 'ed.id')
					.orderBy('position')
					.orderBy('id')
			).as('themes'),
			jsonArrayFrom(
				eb
					.selectFrom('criteria')
					.select([
						'id',
						'round',
						'label',
						'description',
						'weight',
						'scale_min',
						'scale_max',
						'levels'
					])
					.whereRef('criteria.edition_id', '=', 'ed.id')
					.orderBy('round', 'desc')
					.orderBy('position')
					.orderBy('id')
			).as('criteria')
		])
		.executeTakeFirst();
}
