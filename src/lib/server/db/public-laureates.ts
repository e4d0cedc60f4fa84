// The public laureate pages' queries: the filtered, searched and paginated list (/laureats), the
// filters' choices, one laureate by its address (/laureats/<slug>), and the rows of the Atom feed and
// of the sitemap. Every query starts from `publicLaureates` (laureates.ts): an award, results
// published, the team's consent; names only of members who agreed, never an e-mail.
//
// Queries per page, whatever its size: the list runs a count, the page's rows (names and themes as
// JSON arrays) and three for the trial sentences of the whole page; the filters' choices are one.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import {
	LAUREATES_PAGE_SIZE,
	pageCountOf,
	type LaureateFilters
} from '$lib/domain/laureate-filters';
import { trialSummarySentence } from '$lib/domain/trial-rollup';
import type { Db } from './index';
import { consentingMembers, publicLaureates, publishedNames, type Award } from './laureates';
import type { Database, EditionsTable, EntriesTable } from './schema';
import { trialRollupOf, trialRollups } from './trial-rollup';

type PublicRow = Database & { e: EntriesTable; ed: EditionsTable };

/**
 * The French text-search query of a visitor's text (websearch syntax; never an error), folded like
 * the stored vector (migration 0008): accents typed or not, the same words are found.
 */
const tsQuery = (q: string) => sql`websearch_to_tsquery('french', fold_accents(${q}))`;

/** The themes of entry `e` (their names, in the edition's order). */
export function themeNames(eb: ExpressionBuilder<PublicRow, 'e'>) {
	return jsonArrayFrom(
		eb
			.selectFrom('entry_themes as et')
			.innerJoin('edition_themes as t', 't.id', 'et.theme_id')
			.whereRef('et.entry_id', '=', 'e.id')
			.select('t.name')
			.orderBy('t.position')
			.orderBy('t.id')
	);
}

/** When the edition's results were published: its latest PUBLISH event in the log. */
function publishedAt(eb: ExpressionBuilder<PublicRow, 'ed'>) {
	return eb
		.selectFrom('events as pe')
		.whereRef('pe.edition_id', '=', 'ed.id')
		.where('pe.entity', '=', 'edition')
		.where('pe.type', '=', 'PUBLISH')
		.select((x) => x.fn.max('pe.created_at').as('at'));
}

/** The public laureates narrowed by the list's filters (the search included). */
function filtered(db: Db, filters: LaureateFilters) {
	let query = publicLaureates(db);
	if (filters.annee !== null) query = query.where('ed.year', '=', filters.annee);
	if (filters.categorie)
		query = query.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('categories as fc')
					.whereRef('fc.id', '=', 'e.category_id')
					.where('fc.name', '=', filters.categorie)
					.select(sql`1`.as('one'))
			)
		);
	if (filters.academie) query = query.where('e.academie', '=', filters.academie);
	if (filters.theme)
		query = query.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('entry_themes as fet')
					.innerJoin('edition_themes as ft', 'ft.id', 'fet.theme_id')
					.whereRef('fet.entry_id', '=', 'e.id')
					.where('ft.name', '=', filters.theme)
					.select(sql`1`.as('one'))
			)
		);
	if (filters.q) query = query.where(sql<boolean>`e.search @@ ${tsQuery(filters.q)}`);
	return query;
}

/** Latest edition first, prizes before mentions, category order, title. */
function inListOrder<O>(
	query: SelectQueryBuilder<PublicRow & { c: Database['categories'] }, 'e' | 'ed' | 'c', O>
) {
	return query
		.orderBy('ed.year', 'desc')
		.orderBy(sql`e.award = 'prize'`, 'desc')
		.orderBy('c.position')
		.orderBy('e.title')
		.orderBy('e.id');
}

/**
 * One page of the public laureates matching `filters`: ranked by relevance (ts_rank) when searching,
 * otherwise latest edition first, prizes before mentions. `page` beyond the last page gives no rows
 * (`page > pageCount`: the caller answers 404), page 1 of an empty list is the empty list.
 * Each row has the published names, the themes and the trial in one sentence (null without a trial).
 */
export async function searchLaureates(
	db: Db,
	filters: LaureateFilters,
	options: { page: number; pageSize?: number }
) {
	const pageSize = Math.max(1, Math.floor(options.pageSize ?? LAUREATES_PAGE_SIZE));
	const page = Math.max(1, Math.floor(options.page) || 1);
	const { n } = await filtered(db, filters)
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.executeTakeFirstOrThrow();
	const total = Number(n);
	const pageCount = pageCountOf(total, pageSize);
	if (total === 0 || page > pageCount) return { rows: [], total, page, pageCount, pageSize };

	let query = filtered(db, filters).leftJoin('categories as c', 'c.id', 'e.category_id');
	if (filters.q) query = query.orderBy(sql`ts_rank(e.search, ${tsQuery(filters.q)})`, 'desc');
	const rows = await inListOrder(
		query.select((eb) => [
			'e.id',
			'e.slug',
			'e.title',
			'e.summary',
			'e.award',
			'e.academie',
			'e.etablissement_name as etablissementName',
			'ed.year as editionYear',
			'ed.title as editionTitle',
			'c.name as categoryName',
			publishedNames(eb).as('members'),
			themeNames(eb).as('themes')
		])
	)
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.$narrowType<{ award: Award; slug: string }>()
		.execute();

	// The trial of every laureate of the page in one batch (three queries, whatever the editions).
	const rollups = await trialRollups(
		db,
		null,
		rows.map((r) => r.id)
	);
	return {
		rows: rows.map((r) => {
			const rollup = rollups.get(r.id);
			return { ...r, trial: rollup ? trialSummarySentence(rollup) : null };
		}),
		total,
		page,
		pageCount,
		pageSize
	};
}

export type LaureateListItem = Awaited<ReturnType<typeof searchLaureates>>['rows'][number];

/**
 * The choices of the list's filters, from the public laureates only (a choice always finds someone):
 * the editions (latest first), the category names, the académies and the theme names (French order).
 * One query: the public laureates are selected once (a materialised CTE, a few dozen rows) and each
 * list is read from them.
 */
export async function laureateFacets(db: Db) {
	const row = await db
		.with(
			(cte) => cte('l').materialized(),
			() => publicLaureates(db).select(['e.id', 'e.edition_id', 'e.category_id', 'e.academie'])
		)
		.selectNoFrom((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('editions as fe')
					.where('fe.id', 'in', eb.selectFrom('l').select('l.edition_id'))
					.select(['fe.year', 'fe.title'])
					.orderBy('fe.year', 'desc')
			).as('editions'),
			jsonArrayFrom(
				eb
					.selectFrom('categories as fc')
					.where('fc.id', 'in', eb.selectFrom('l').select('l.category_id'))
					.select('fc.name')
					.distinct()
			).as('categories'),
			jsonArrayFrom(
				eb
					.selectFrom('l')
					.where('l.academie', 'is not', null)
					.select('l.academie as name')
					.distinct()
			).as('academies'),
			jsonArrayFrom(
				eb
					.selectFrom('entry_themes as fet')
					.innerJoin('edition_themes as ft', 'ft.id', 'fet.theme_id')
					.where('fet.entry_id', 'in', eb.selectFrom('l').select('l.id'))
					.select('ft.name')
					.distinct()
			).as('themes')
		])
		.executeTakeFirstOrThrow();
	const names = (list: { name: string | null }[]) =>
		list
			.map((x) => x.name)
			.filter((name): name is string => !!name)
			.sort((a, b) => a.localeCompare(b, 'fr'));
	return {
		editions: row.editions as { year: number; title: string }[],
		categories: names(row.categories),
		academies: names(row.academies),
		themes: names(row.themes)
	};
}

export type LaureateFacets = Awaited<ReturnType<typeof laureateFacets>>;

/**
 * One public laureate by its address, with its published dossier, names, themes, category, edition
 * and the date its results were published; undefined when there is none (not a laureate, results
 * not published, no consent). One query.
 */
export async function findPublicLaureate(db: Db, slug: string) {
	return publicLaureates(db)
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.where('e.slug', '=', slug)
		.select((eb) => [
			'e.id',
			'e.slug',
			'e.title',
			'e.summary',
			'e.problem',
			'e.solution',
			'e.audience',
			'e.results',
			'e.transferability',
			'e.resources',
			'e.etablissement_name as etablissementName',
			'e.academie',
			'e.award',
			'ed.id as editionId',
			'ed.year as editionYear',
			'ed.title as editionTitle',
			'c.name as categoryName',
			jsonArrayFrom(consentingMembers(eb).select(['u.name', 'm.role'])).as('members'),
			themeNames(eb).as('themes'),
			publishedAt(eb).as('publishedAt')
		])
		.$narrowType<{ award: Award; slug: string }>()
		.executeTakeFirst();
}

export type PublicLaureate = NonNullable<Awaited<ReturnType<typeof findPublicLaureate>>>;

/** A laureate's page: the laureate and its trial's roll-up (null without an accepted site). */
export async function publicLaureatePage(db: Db, slug: string) {
	const laureate = await findPublicLaureate(db, slug);
	if (!laureate) return undefined;
	const trial = await trialRollupOf(db, laureate.editionId, laureate.id);
	return { laureate, trial };
}

/** Laureates in the Atom feed, at most. */
export const FEED_LIMIT = 50;

/**
 * The latest public laureates for the Atom feed: latest edition first (then prizes, category order,
 * title), with the date their results were published, their published names, category and summary.
 */
export async function feedLaureates(db: Db, limit = FEED_LIMIT) {
	const rows = await inListOrder(
		publicLaureates(db)
			.leftJoin('categories as c', 'c.id', 'e.category_id')
			.select((eb) => [
				'e.id',
				'e.slug',
				'e.title',
				'e.summary',
				'e.award',
				'ed.year as editionYear',
				'ed.title as editionTitle',
				'ed.ceremony_at as ceremonyAt',
				'ed.created_at as editionCreatedAt',
				'c.name as categoryName',
				publishedNames(eb).as('members'),
				publishedAt(eb).as('publishedAt')
			])
	)
		.limit(limit)
		.$narrowType<{ award: Award; slug: string }>()
		.execute();
	// An edition published before the event log existed has no PUBLISH event: its ceremony, or else
	// its creation date (Atom wants a date for every entry).
	return rows.map(({ ceremonyAt, editionCreatedAt, publishedAt, ...row }) => ({
		...row,
		updated: new Date(publishedAt ?? ceremonyAt ?? editionCreatedAt)
	}));
}

export type FeedLaureate = Awaited<ReturnType<typeof feedLaureates>>[number];

/**
 * Every public laureate's address and when its results were published (the sitemap): null for an
 * edition published before the event log existed.
 */
export async function sitemapLaureates(db: Db) {
	const rows = await publicLaureates(db)
		.select((eb) => ['e.slug', publishedAt(eb).as('at')])
		.orderBy('ed.year', 'desc')
		.orderBy('e.slug')
		.$narrowType<{ slug: string }>()
		.execute();
	return rows.map((r) => ({ slug: r.slug, updated: r.at === null ? null : new Date(r.at) }));
}
