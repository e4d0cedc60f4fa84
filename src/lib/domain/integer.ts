// The one reader of whole numbers typed in a form or found in a URL (ids, versions, page numbers,
// counts). Anything else — signs where none are allowed, decimals, exponents, spaces inside, digits
// beyond the range — reads as null, so that no text turns into a number PostgreSQL would refuse
// (« value out of range for type integer ») or JavaScript would round (above 2^53).
// Pure, without server imports: usable by SvelteKit's param matchers (src/params) as well.

/** The largest value of PostgreSQL's `integer` (int4): ids, versions, counts. */
export const INT4_MAX = 2_147_483_647;
/** The smallest value of PostgreSQL's `integer`. */
export const INT4_MIN = -2_147_483_648;

export interface IntegerRange {
	/** Smallest value accepted (default 0). */
	min?: number;
	/** Largest value accepted (default INT4_MAX); must be a safe integer. */
	max?: number;
}

const DIGITS = /^-?[0-9]+$/;

/**
 * The whole number written in `text` (decimal digits, a leading minus sign only when `min` < 0,
 * surrounding spaces ignored) when it lies within [min, max]; otherwise null. A non-string
 * (a missing field, a file) reads as null.
 */
export function parseInteger(text: unknown, range: IntegerRange = {}): number | null {
	if (typeof text !== 'string') return null;
	const min = range.min ?? 0;
	const max = range.max ?? INT4_MAX;
	const trimmed = text.trim();
	// 20 characters hold any 64-bit value: longer text is out of range whatever it says.
	if (trimmed.length === 0 || trimmed.length > 20 || !DIGITS.test(trimmed)) return null;
	if (trimmed.startsWith('-') && min >= 0) return null;
	const value = Number(trimmed);
	if (!Number.isSafeInteger(value) || value < min || value > max) return null;
	return value;
}

/** A row id (a positive PostgreSQL `integer`), or null. */
export function parseId(text: unknown): number | null {
	return parseInteger(text, { min: 1 });
}

/** A page number from the query string: 1 when absent or unreadable, at most `last` when given. */
export function parsePage(text: unknown, last = INT4_MAX): number {
	const page = parseInteger(text, { min: 1 }) ?? 1;
	return Math.max(1, Math.min(page, last));
}
