import { describe, expect, it } from 'vitest';
import { isSlug, laureateSlug, slugWords, uniqueSlug } from '$lib/domain/slug';

describe('laureate slugs', () => {
	it('spell a French title in lower-case ASCII words after the year', () => {
		expect(laureateSlug(2025, 'Des ateliers d’écriture au collège')).toBe(
			'2025-des-ateliers-d-ecriture-au-college'
		);
		expect(slugWords('Œuvres « ÉCO » & cœur')).toBe('oeuvres-eco-coeur');
	});

	it('cut a long title at a word boundary and never end with a hyphen', () => {
		const slug = laureateSlug(2024, 'Un très long titre '.repeat(10));
		expect(slug.length).toBeLessThanOrEqual(65);
		expect(slug).toMatch(/^2024-un-tres-long-titre/);
		expect(slug.endsWith('-')).toBe(false);
		expect(isSlug(slug)).toBe(true);
	});

	it('fall back to a name when the title has no letter or digit', () => {
		expect(laureateSlug(2023, '« — »')).toBe('2023-laureat');
	});

	it('number a slug already taken', () => {
		expect(uniqueSlug('2025-a', new Set())).toBe('2025-a');
		expect(uniqueSlug('2025-a', new Set(['2025-a', '2025-a-2']))).toBe('2025-a-3');
	});

	it('accept only the shape the router serves', () => {
		expect(isSlug('2025-des-ateliers')).toBe(true);
		expect(isSlug('2025-12')).toBe(true);
		for (const bad of ['des-ateliers', '2025-', '2025--a', '2025-A', '../2025-a', '2025-a/b'])
			expect(isSlug(bad), bad).toBe(false);
	});
});
