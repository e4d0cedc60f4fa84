import { describe, expect, it } from 'vitest';
import {
	hasFilters,
	laureateCountText,
	laureatesHref,
	NO_FILTERS,
	pageCountOf,
	parseLaureateQuery,
	SEARCH_MAX,
	searchText
} from '../../src/lib/domain/laureate-filters';

const parse = (query: string) => parseLaureateQuery(new URLSearchParams(query));

describe('the laureates list query string', () => {
	it('reads nothing from an empty address', () => {
		expect(parse('')).toEqual({ ...NO_FILTERS, page: 1 });
		expect(hasFilters(parse(''))).toBe(false);
	});

	it('reads every filter, trimmed, with white space collapsed', () => {
		expect(
			parse(
				'annee=2025&categorie=+Prix+de+la++simplification+&academie=Aix-Marseille&theme=Faire%20plus%20simple&q=+atelier++%C3%A9criture+&page=3'
			)
		).toEqual({
			annee: 2025,
			categorie: 'Prix de la simplification',
			academie: 'Aix-Marseille',
			theme: 'Faire plus simple',
			q: 'atelier écriture',
			page: 3
		});
	});

	it('drops what it cannot use rather than failing', () => {
		expect(parse('annee=25').annee).toBeNull();
		expect(parse('annee=2025abc').annee).toBeNull();
		expect(parse('annee=').annee).toBeNull();
		for (const page of ['0', '-1', 'abc', '1.5', '', '9999999'])
			expect(parse(`page=${page}`).page).toBe(1);
		expect(parse('page=000002').page).toBe(2);
		expect(parse(`categorie=${'x'.repeat(201)}`).categorie).toBe('');
		expect(parse('categorie=%20%20').categorie).toBe('');
	});

	it('reads the first value of a repeated parameter', () => {
		expect(parse('annee=2024&annee=2025').annee).toBe(2024);
	});

	it('cuts a long search at a word', () => {
		const long = `${'mot '.repeat(60)}fin`;
		const cut = searchText(long);
		expect(cut.length).toBeLessThanOrEqual(SEARCH_MAX);
		expect(cut).toMatch(/^(mot )+mot$/);
		expect(searchText('x'.repeat(250))).toBe('x'.repeat(SEARCH_MAX));
		expect(searchText(null)).toBe('');
	});

	it('writes one canonical address, empty filters and page 1 left out', () => {
		expect(laureatesHref(NO_FILTERS)).toBe('/laureats');
		expect(laureatesHref(NO_FILTERS, 1)).toBe('/laureats');
		expect(laureatesHref(NO_FILTERS, 2)).toBe('/laureats?page=2');
		const filters = {
			q: 'langage "clair" & co',
			theme: 'Faire plus simple',
			academie: 'Lille',
			categorie: 'Prix spécial du jury',
			annee: 2025
		};
		const href = laureatesHref(filters, 4);
		expect(href).toBe(
			'/laureats?annee=2025&categorie=Prix+sp%C3%A9cial+du+jury&academie=Lille&theme=Faire+plus+simple&q=langage+%22clair%22+%26+co&page=4'
		);
		// Round trip.
		expect(parse(href.slice(href.indexOf('?') + 1))).toEqual({ ...filters, page: 4 });
		expect(hasFilters({ ...NO_FILTERS, q: 'x' })).toBe(true);
		expect(hasFilters({ ...NO_FILTERS, annee: 2025 })).toBe(true);
	});

	it('counts pages and laureates in French', () => {
		expect(pageCountOf(0, 20)).toBe(1);
		expect(pageCountOf(20, 20)).toBe(1);
		expect(pageCountOf(21, 20)).toBe(2);
		expect(laureateCountText(0)).toBe('Aucun lauréat');
		expect(laureateCountText(1)).toBe('1 lauréat');
		expect(laureateCountText(1234)).toBe('1\u202f234 lauréats');
	});
});
