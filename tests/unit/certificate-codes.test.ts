import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	CODE_ALPHABET,
	CODE_LENGTH,
	FORMATTED_CODE_LENGTH,
	canonicalCode,
	checkCertificateCode,
	formatCode,
	newCertificateCode
} from '../../src/lib/server/certificates/codes';

const SECRET = 'secret de test pour les attestations';
const fixed =
	(bytes: number[]) =>
	(size: number): Buffer =>
		Buffer.from(bytes.slice(0, size));
const bytes10 = fc.uint8Array({ minLength: 10, maxLength: 10 });

/** Replaces the character at `index` of the canonical code. */
const substitute = (code: string, index: number, char: string) =>
	code.slice(0, index) + char + code.slice(index + 1);

describe('certificate codes', () => {
	it('has the documented shape: 26 canonical characters shown as groups of 4 joined by dashes', () => {
		const code = newCertificateCode(SECRET);
		expect(code).toHaveLength(FORMATTED_CODE_LENGTH);
		expect(FORMATTED_CODE_LENGTH).toBe(32);
		expect(code).toMatch(/^([0-9a-hjkmnp-tv-z]{4}-){6}[0-9a-hjkmnp-tv-z][048cgmrw]$/);
		expect(canonicalCode(code)).toHaveLength(CODE_LENGTH);
		expect(CODE_LENGTH).toBe(26);
	});

	it('accepts the code it has just made, and gives its canonical form as id', () => {
		const code = newCertificateCode(SECRET);
		const result = checkCertificateCode(SECRET, code);
		expect(result).toEqual({ ok: true, id: code.replaceAll('-', '') });
	});

	it('makes different codes on each call', () => {
		const codes = new Set(Array.from({ length: 200 }, () => newCertificateCode(SECRET)));
		expect(codes.size).toBe(200);
	});

	it('is deterministic with an injected random source, and the id comes first, unchanged', () => {
		const random = fixed([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const a = newCertificateCode(SECRET, random);
		expect(newCertificateCode(SECRET, random)).toBe(a);
		// 10 bytes 00 01 … 09 in Crockford base32
		expect(canonicalCode(a)?.slice(0, 16)).toBe('000g40r40m30e209');
		// The signature is the first 6 bytes of HMAC-SHA-256(secret, 'certificate:' + id).
		const mac = createHmac('sha256', SECRET)
			.update('certificate:000g40r40m30e209')
			.digest()
			.subarray(0, 6);
		const all = Buffer.concat([Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), mac]);
		let bits = '';
		for (const b of all) bits += b.toString(2).padStart(8, '0');
		bits += '00';
		const expected = (bits.match(/.{5}/g) ?? []).map((g) => CODE_ALPHABET[parseInt(g, 2)]).join('');
		expect(canonicalCode(a)).toBe(expected);
	});

	it('refuses a random source that does not give 10 bytes', () => {
		expect(() => newCertificateCode(SECRET, () => Buffer.alloc(9))).toThrow();
	});

	it('refuses an empty secret', () => {
		expect(() => newCertificateCode('')).toThrow();
	});

	it('ignores case, spaces and dashes, and maps the confusables i, l → 1 and o → 0', () => {
		const code = newCertificateCode(SECRET, fixed([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
		const id = code.replaceAll('-', '');
		expect(checkCertificateCode(SECRET, code.toUpperCase())).toEqual({ ok: true, id });
		expect(checkCertificateCode(SECRET, ` ${id.slice(0, 7)} ${id.slice(7)}\n`)).toEqual({
			ok: true,
			id
		});
		expect(checkCertificateCode(SECRET, code.replace(/-/g, ' - - '))).toEqual({ ok: true, id });
		// This id begins with 000…: its first two zeros may be typed as O and o.
		expect(checkCertificateCode(SECRET, 'Oo' + code.slice(2))).toEqual({ ok: true, id });
		const withOne = substitute(id, 0, '1');
		expect(canonicalCode('I' + withOne.slice(1))).toBe(withOne);
		expect(canonicalCode('l' + withOne.slice(1))).toBe(withOne);
	});

	it('formats any accepted spelling as groups of 4 and refuses malformed codes', () => {
		const code = newCertificateCode(SECRET);
		expect(formatCode(code.replaceAll('-', '').toUpperCase())).toBe(code);
		expect(() => formatCode('abc')).toThrow(RangeError);
	});

	it('says « format » for a wrong length, a foreign character, or non-zero padding bits', () => {
		const id = canonicalCode(newCertificateCode(SECRET)) as string;
		expect(checkCertificateCode(SECRET, '')).toEqual({ ok: false, reason: 'format' });
		expect(checkCertificateCode(SECRET, id.slice(1))).toEqual({ ok: false, reason: 'format' });
		expect(checkCertificateCode(SECRET, id + '0')).toEqual({ ok: false, reason: 'format' });
		expect(checkCertificateCode(SECRET, substitute(id, 3, 'u'))).toEqual({
			ok: false,
			reason: 'format'
		});
		expect(checkCertificateCode(SECRET, substitute(id, 3, '!'))).toEqual({
			ok: false,
			reason: 'format'
		});
		expect(checkCertificateCode(SECRET, substitute(id, 25, '1'))).toEqual({
			ok: false,
			reason: 'format'
		});
		expect(canonicalCode(substitute(id, 25, '1'))).toBeNull();
	});

	it('rejects a code with one character altered', () => {
		const id = canonicalCode(newCertificateCode(SECRET, fixed([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])))!;
		for (const index of [0, 10, 15, 16, 20, 25]) {
			const other = id[index] === 'w' ? '0' : 'w';
			const result = checkCertificateCode(SECRET, substitute(id, index, other));
			expect(result.ok).toBe(false);
		}
	});

	it('rejects a code signed with another secret', () => {
		const random = fixed([1, 1, 2, 3, 5, 8, 13, 21, 34, 55]);
		const code = newCertificateCode('un autre secret', random);
		expect(checkCertificateCode(SECRET, code)).toEqual({ ok: false, reason: 'signature' });
		expect(checkCertificateCode('un autre secret', code).ok).toBe(true);
	});

	it('accepts every generated code and rejects every single-character substitution (property)', () => {
		fc.assert(
			fc.property(
				bytes10,
				fc.nat({ max: CODE_LENGTH - 1 }),
				fc.constantFrom(...CODE_ALPHABET),
				(id, index, char) => {
					const canonical = canonicalCode(newCertificateCode(SECRET, () => Buffer.from(id)))!;
					expect(checkCertificateCode(SECRET, canonical)).toEqual({ ok: true, id: canonical });
					fc.pre(canonical[index] !== char);
					const altered = substitute(canonical, index, char);
					const result = checkCertificateCode(SECRET, altered);
					expect(result.ok).toBe(false);
					// Only the last character can be malformed (non-zero padding bits); elsewhere the signature fails.
					if (index < CODE_LENGTH - 1) expect(result).toEqual({ ok: false, reason: 'signature' });
				}
			),
			{ numRuns: 500 }
		);
	});

	it('rejects every substitution at every position of one code, exhaustively', () => {
		const canonical = canonicalCode(newCertificateCode(SECRET))!;
		for (let index = 0; index < CODE_LENGTH; index++) {
			for (const char of CODE_ALPHABET) {
				if (char === canonical[index]) continue;
				expect(checkCertificateCode(SECRET, substitute(canonical, index, char)).ok).toBe(false);
			}
		}
	});
});
