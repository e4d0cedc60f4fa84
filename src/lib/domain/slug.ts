// Public addresses of laureates: /laureats/<année>-<titre-sans-accents>, e.g.
// « Des ateliers d’écriture » in 2025 → 2025-des-ateliers-d-ecriture.

/** At most this many characters after the year, cut at a word boundary. */
export const SLUG_TITLE_MAX = 60;

/** Lower case ASCII words joined by hyphens: accents dropped, ligatures spelled out. */
export function slugWords(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/œ/gi, 'oe')
		.replace(/æ/gi, 'ae')
		.replace(/ß/g, 'ss')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** The slug of a laureate: the year, then its title's words (cut at a hyphen), never empty. */
export function laureateSlug(year: number, title: string): string {
	let words = slugWords(title);
	if (words.length > SLUG_TITLE_MAX) {
		const cut = words.slice(0, SLUG_TITLE_MAX + 1);
		const at = cut.lastIndexOf('-');
		words = (at > 0 ? cut.slice(0, at) : cut.slice(0, SLUG_TITLE_MAX)).replace(/-+$/, '');
	}
	return words ? `${year}-${words}` : `${year}-laureat`;
}

/** The first of `base`, `base-2`, `base-3` … that `taken` does not hold. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A well-formed slug, as the router accepts it (anything else is a 404 without a query). */
export const isSlug = (value: string): boolean =>
	/^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 80;
