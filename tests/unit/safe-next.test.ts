// The page to go to after log-in (`suite`) never leads to another site, and never makes a header that
// Node refuses (a 500 after a successful log-in). Browsers parse a Location with the WHATWG URL parser,
// which drops tabs and newlines and reads a backslash as a slash: `/\t/evil.example/` is `//evil.example/`.
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/server/http';

const ORIGIN = 'https://impulsions.example';

const NASTY = [
	'/\t/evil.example/',
	'/\t/evil.example/compte',
	'/\n/evil.example/',
	'/\r/evil.example/',
	'/\r\n/evil.example/',
	'\t//evil.example/',
	' //evil.example/',
	'/ /evil.example/',
	'/compte\r\nSet-Cookie: session=volee',
	'/compte\r\nLocation: https://evil.example/',
	'/compte\n',
	'/\r\n',
	'/\u0000/evil.example',
	'/\u000b/evil.example',
	'/\u000c/evil.example',
	'/\u007f/evil.example',
	'//evil.example',
	'//evil.example/compte',
	'///evil.example',
	'////evil.example',
	'/\\evil.example',
	'/\\/evil.example',
	'\\/evil.example',
	'\\\\evil.example',
	'/\\\\evil.example',
	'/\t\\evil.example',
	'/%09/evil.example/',
	'/%2f/evil.example',
	'/%2F%2Fevil.example',
	'/%5Cevil.example',
	'/%0d%0a/evil.example',
	'%2F%2Fevil.example',
	'https://evil.example',
	'http://evil.example/compte',
	'HTTPS://evil.example',
	'https:evil.example',
	'https:/evil.example',
	'//user@evil.example',
	'/@evil.example',
	'/.//evil.example',
	'/x/..//evil.example',
	'/%2e//evil.example',
	'/compte/../..//evil.example',
	'javascript:alert(1)',
	'JavaScript:alert(document.cookie)',
	' javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'vbscript:msgbox(1)',
	'evil.example',
	'compte',
	'.',
	'',
	'/'.repeat(3000),
	'/compte?' + 'a'.repeat(5000),
	'/é\u2028/evil.example',
	'/\uff0f/evil.example',
	'/\u3002evil.example'
];

describe('safeNext', () => {
	it('keeps a local path, with its query and fragment', () => {
		expect(safeNext('/compte')).toBe('/compte');
		expect(safeNext('/admin/courriels?page=2')).toBe('/admin/courriels?page=2');
		expect(safeNext('/jury/2026/1?tri=note#liste')).toBe('/jury/2026/1?tri=note#liste');
		expect(safeNext('/essayer/12/volontaire')).toBe('/essayer/12/volontaire');
	});

	it('goes to the fallback for a missing value', () => {
		expect(safeNext(null)).toBe('/');
		expect(safeNext(undefined)).toBe('/');
		expect(safeNext('', '/compte')).toBe('/compte');
	});

	it.each(NASTY.map((value) => [JSON.stringify(value).slice(0, 80), value]))(
		'never leaves the origin nor makes a bad header: %s',
		(_, value) => {
			const next = safeNext(value);
			// What a browser makes of the Location header: same origin, a path of this site.
			const followed = new URL(next, ORIGIN);
			expect(followed.origin).toBe(ORIGIN);
			expect(next.startsWith('/')).toBe(true);
			expect(next.startsWith('//')).toBe(false);
			// A header value Node accepts (no control characters), ASCII only, and of reasonable length.
			expect(next).toMatch(/^[\x21-\x7e]*$/);
			expect(next.length).toBeLessThanOrEqual(2000);
			expect(() => new Headers({ location: next })).not.toThrow();
		}
	);

	it('refuses, rather than repairs, a value a browser would read differently', () => {
		for (const value of [
			'/\t/evil.example/',
			'/compte\r\nSet-Cookie: x=y',
			'/\\evil.example',
			'//evil.example',
			'javascript:alert(1)',
			'https://evil.example'
		])
			expect(safeNext(value), JSON.stringify(value)).toBe('/');
		expect(safeNext('/\t/evil.example/', '/compte')).toBe('/compte');
		expect(safeNext('/compte?' + 'a'.repeat(5000))).toBe('/');
		expect(safeNext('/.//evil.example')).toBe('/');
	});
});
