import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson } from '../../src/lib/server/workflow/canonical';

describe('canonical JSON', () => {
	it('sorts keys recursively and writes no whitespace', () => {
		expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: { f: null, e: 'x' } })).toBe(
			'{"a":{"e":"x","f":null},"b":[{"c":2,"d":1}]}'
		);
	});

	it('gives the same bytes and hash whatever the order the keys were written in', () => {
		const one = { titre: 'Été', notes: { jury: 14, public: 12 }, liste: [1, 2] };
		const other = { liste: [1, 2], notes: { public: 12, jury: 14 }, titre: 'Été' };
		expect(canonicalJson(one)).toBe(canonicalJson(other));
		expect(canonicalHash(one)).toBe(canonicalHash(other));
		expect(canonicalHash(one)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('keeps the order of arrays', () => {
		expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
	});

	it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
		expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4, '10': 5, '9': 6 })).toBe(
			'{"10":5,"9":6,"B":2,"a":4,"b":1,"é":3}'
		);
	});

	it('writes strings and numbers as JSON.stringify does', () => {
		expect(canonicalJson({ s: 'a"b\\c\n\u0001', n: [1.5, -0, 1e21, 1e-7, 0.1 + 0.2] })).toBe(
			'{"n":[1.5,0,1e+21,1e-7,0.30000000000000004],"s":"a\\"b\\\\c\\n\\u0001"}'
		);
	});

	it('follows JSON for what JSON cannot carry: toJSON, undefined members, undefined in arrays', () => {
		const at = new Date('2027-01-02T03:04:05.678Z');
		expect(canonicalJson({ at, gone: undefined, list: [undefined, 1] })).toBe(
			'{"at":"2027-01-02T03:04:05.678Z","list":[null,1]}'
		);
		expect(canonicalJson({ at, gone: undefined })).toBe(JSON.stringify({ at }));
	});

	it('refuses values that would not round-trip', () => {
		expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
		expect(() => canonicalJson({ x: Number.POSITIVE_INFINITY })).toThrow(TypeError);
		expect(() => canonicalJson({ x: 1n })).toThrow(TypeError);
		expect(() => canonicalJson(undefined)).toThrow(TypeError);
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(() => canonicalJson(circular)).toThrow('circular');
	});

	it('accepts the same object twice when it is not circular', () => {
		const shared = { a: 1 };
		expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
	});
});
