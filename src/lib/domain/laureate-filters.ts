import { parseInteger } from './integer';
// The filters of the public list of laureates (/laureats), as they travel in its address:
// ?annee=2025&categorie=…&academie=…&theme=…&q=…&page=2. Parsing is lenient — a value the list
// cannot use is dropped, never an error — and `laureatesHref` writes them back in one canonical
// order, without the empty ones, so that a filtered page has one address. Client-safe, pure.

/** Laureates per page of the list. */
export const LAUREATES_PAGE_SIZE = 20;

/** Longest search text kept (longer ones are cut at a word). */
export const SEARCH_MAX = 200;

/** Longest name of a category, académie or theme accepted as a filter. */
const NAME_MAX = 200;

/** Highest page number read from an address (anything larger is out of range anyway). */
const PAGE_MAX = 100_000;

export interface LaureateFilters {
	/** The edition's year. */
	annee: number | null;
	/** A category's name: categories are per edition, the same name across editions is one filter. */
	categorie: string;
	/** An académie's name, as stored with the candidature (e.g. « Lille »). */
	academie: string;
	/** A theme's name (per edition too, like categories). */
	theme: string;
	/** French full-text search (websearch syntax: words, "une expression", -mot, or). */
	q: string;
}

export interface LaureateQuery extends LaureateFilters {
	/** 1-based page number. */
	page: number;
}

export const NO_FILTERS: LaureateFilters = {
	annee: null,
	categorie: '',
	academie: '',
	theme: '',
	q: ''
};

/** A name filter: trimmed, inner white space collapsed; too long → none. */
function nameParam(value: string | null): string {
	const text = (value ?? '').replace(/\s+/g, ' ').trim();
	return text.length > NAME_MAX ? '' : text;
}

/** The search text: trimmed, white space collapsed, cut to SEARCH_MAX characters at a word. */
export function searchText(value: string | null): string {
	const text = (value ?? '').replace(/\s+/g, ' ').trim();
	if (text.length <= SEARCH_MAX) return text;
	const cut = text.slice(0, SEARCH_MAX + 1);
	const space = cut.lastIndexOf(' ');
	return (space > 0 ? cut.slice(0, space) : text.slice(0, SEARCH_MAX)).trim();
}

/** Reads the list's filters and page from its query string. */
export function parseLaureateQuery(params: URLSearchParams): LaureateQuery {
	const year = params.get('annee')?.trim() ?? '';
	// Up to six digits (a longer number is read as no page), then within 1…PAGE_MAX.
	const page = parseInteger(params.get('page'), { max: 999_999 });
	return {
		annee: /^\d{4}$/.test(year) ? parseInteger(year) : null,
		categorie: nameParam(params.get('categorie')),
		academie: nameParam(params.get('academie')),
		theme: nameParam(params.get('theme')),
		q: searchText(params.get('q')),
		page: page === null ? 1 : Math.min(PAGE_MAX, Math.max(1, page))
	};
}

/** Whether any filter or search is set. */
export function hasFilters(filters: LaureateFilters): boolean {
	return (
		filters.annee !== null ||
		filters.categorie !== '' ||
		filters.academie !== '' ||
		filters.theme !== '' ||
		filters.q !== ''
	);
}

/**
 * The address of the list with these filters, at this page: parameters in a fixed order, empty ones
 * and page 1 left out (`/laureats` when nothing is set).
 */
export function laureatesHref(filters: LaureateFilters, page = 1): string {
	const params = new URLSearchParams();
	if (filters.annee !== null) params.set('annee', String(filters.annee));
	if (filters.categorie) params.set('categorie', filters.categorie);
	if (filters.academie) params.set('academie', filters.academie);
	if (filters.theme) params.set('theme', filters.theme);
	if (filters.q) params.set('q', filters.q);
	if (page > 1) params.set('page', String(page));
	const query = params.toString();
	return query ? `/laureats?${query}` : '/laureats';
}

/** The number of pages of a list of `total` items (at least 1: an empty list has its page). */
export const pageCountOf = (total: number, pageSize = LAUREATES_PAGE_SIZE) =>
	Math.max(1, Math.ceil(total / pageSize));

/** « 1 lauréat », « 12 lauréats », « Aucun lauréat ». */
export function laureateCountText(total: number): string {
	if (total === 0) return 'Aucun lauréat';
	return `${total.toLocaleString('fr-FR')} ${total > 1 ? 'lauréats' : 'lauréat'}`;
}
