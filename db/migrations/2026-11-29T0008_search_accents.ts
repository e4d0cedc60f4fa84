// French search that ignores accents: a visitor typing « ecriture » finds « écriture ». The `french`
// configuration stems accented words as they are (écriture → écritur, ecriture → ecritur), and the
// unaccent extension is not in every PostgreSQL (PGlite has none), so the text is folded by an
// immutable SQL function, the same for the stored vector and for the query (public-laureates.ts).
import { sql, type Kysely } from 'kysely';

/**
 * Lower case, accents and ligatures of French (and a few neighbours) spelled without diacritics.
 * Upper-case letters are folded by the table itself: lower() of a non-ASCII letter depends on the
 * database's collation (under the C locale it changes ASCII only).
 */
const FOLD = sql`create function fold_accents(value text) returns text
	language sql immutable strict parallel safe
	return lower(replace(replace(replace(replace(translate(value,
		'àáâãäåāçćčèéêëēęìíîïīñńòóôõöøōùúûüūýÿžźżÀÁÂÃÄÅĀÇĆČÈÉÊËĒĘÌÍÎÏĪÑŃÒÓÔÕÖØŌÙÚÛÜŪÝŸŽŹŻ',
		'aaaaaaaccceeeeeeiiiiinnooooooouuuuuyyzzzaaaaaaaccceeeeeeiiiiinnooooooouuuuuyyzzz'),
		'œ', 'oe'), 'æ', 'ae'), 'Œ', 'OE'), 'Æ', 'AE'))`;

const SEARCH = (folded: boolean) => {
	const f = (column: string) =>
		folded ? sql.raw(`fold_accents(coalesce(${column}, ''))`) : sql.raw(`coalesce(${column}, '')`);
	return sql`alter table entries add column search tsvector generated always as (
		setweight(to_tsvector('french', ${f('title')}), 'A') ||
		setweight(to_tsvector('french', ${f('summary')}), 'B') ||
		setweight(to_tsvector('french', ${f(
			`etablissement_name || ' ' || problem || ' ' || solution || ' ' || audience || ' ' ||
			results || ' ' || transferability`
		)}), 'C')
	) stored`;
};

export async function up(db: Kysely<any>): Promise<void> {
	await FOLD.execute(db);
	await sql`drop index entries_search_idx`.execute(db);
	await sql`alter table entries drop column search`.execute(db);
	await SEARCH(true).execute(db);
	await sql`create index entries_search_idx on entries using gin (search)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index entries_search_idx`.execute(db);
	await sql`alter table entries drop column search`.execute(db);
	await SEARCH(false).execute(db);
	await sql`create index entries_search_idx on entries using gin (search)`.execute(db);
	await sql`drop function fold_accents(text)`.execute(db);
}
