import { describe, expect, it } from 'vitest';
import {
	ACADEMIES,
	academieOfUai,
	normaliseUai,
	uaiChecksumLetter,
	uaiProblem
} from '../../src/lib/domain/uai';

// An independent statement of the rule, from the reference's `uaiFormat.checksum`.
const ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const expectedLetter = (digits: string) => ALPHABET[parseInt(digits, 10) % 23];

/** Small seeded generator (mulberry32) so that failures can be replayed. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ALL_PREFIXES = ACADEMIES.flatMap((a) => a.uaiPrefixes);
const withLetter = (digits: string) => digits + expectedLetter(digits);

describe('UAI codes', () => {
	it('accepts the example 0951099D and derives the académie de Versailles', () => {
		expect(uaiChecksumLetter('0951099')).toBe('D');
		expect(uaiProblem('0951099D')).toBeNull();
		expect(academieOfUai('0951099D')).toEqual({
			academie: 'Versailles',
			regionAcademique: 'Île-de-France',
			departement: '95'
		});
	});

	it('accepts the computed letter and refuses every other letter, for many generated codes', () => {
		const next = random(20260101);
		for (let n = 0; n < 400; n++) {
			const prefix = ALL_PREFIXES[Math.floor(next() * ALL_PREFIXES.length)];
			const digits = prefix + String(Math.floor(next() * 10_000)).padStart(4, '0');
			const letter = expectedLetter(digits);
			expect(uaiChecksumLetter(digits)).toBe(letter);
			expect(uaiProblem(digits + letter)).toBeNull();
			expect(academieOfUai(digits + letter)?.academie).toBe(
				ACADEMIES.find((a) => a.uaiPrefixes.includes(prefix))?.academie
			);
			for (const other of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
				if (other === letter) continue;
				expect(uaiProblem(digits + other)).toBe(
					`La lettre finale du code UAI ne correspond pas à ses chiffres : vérifiez le code (la lettre attendue pour ${digits} est ${letter}).`
				);
				expect(academieOfUai(digits + other)).toBeNull();
			}
		}
	});

	it('accepts lower case and spaces after normalisation', () => {
		expect(normaliseUai('  095 1099 d ')).toBe('0951099D');
		for (const input of [
			'0951099d',
			' 0951099D ',
			'095 1099 D',
			'0951099\u00a0d',
			'\t0951099D\n'
		]) {
			expect(uaiProblem(input)).toBeNull();
			expect(academieOfUai(input)?.academie).toBe('Versailles');
		}
	});

	it('explains an empty code, a wrong format and an unknown prefix in French', () => {
		expect(uaiProblem('')).toBe(
			'Saisissez le code UAI de l’établissement (8 caractères, par exemple 0951099D).'
		);
		expect(uaiProblem('   ')).toBe(uaiProblem(''));
		const format = 'Le code UAI compte 7 chiffres suivis d’une lettre, par exemple 0951099D.';
		for (const input of ['095109D', '09510999', '0951099DD', 'A951099D', '0951099-', 'RNE']) {
			expect(uaiProblem(input)).toBe(format);
		}
		// Well-formed codes with the right letter but no académie: 000, 096, the vice-rectorats.
		for (const digits of ['0001234', '0961234', '9881234', '9871234', '9861234', '2001234']) {
			expect(uaiProblem(withLetter(digits))).toBe(
				'Ce code UAI ne correspond à aucune académie connue.'
			);
			expect(academieOfUai(withLetter(digits))).toBeNull();
		}
	});

	it('knows Corse (620 and 720) and the overseas académies', () => {
		expect(academieOfUai(withLetter('6200001'))).toEqual({
			academie: 'Corse',
			regionAcademique: 'Corse',
			departement: '2A'
		});
		expect(academieOfUai(withLetter('7200001'))).toEqual({
			academie: 'Corse',
			regionAcademique: 'Corse',
			departement: '2B'
		});
		const overseas: [string, string][] = [
			['971', 'Guadeloupe'],
			['972', 'Martinique'],
			['973', 'Guyane'],
			['974', 'La Réunion'],
			['975', 'Normandie'],
			['976', 'Mayotte']
		];
		for (const [prefix, academie] of overseas) {
			const found = academieOfUai(withLetter(prefix + '0042'));
			expect(found?.academie).toBe(academie);
			expect(found?.departement).toBe(prefix);
		}
	});

	it('maps every prefix of the reference to exactly one académie', () => {
		expect(new Set(ALL_PREFIXES).size).toBe(ALL_PREFIXES.length);
		for (const a of ACADEMIES) {
			expect(a.uaiPrefixes.length).toBe(a.departements.length);
			a.uaiPrefixes.forEach((prefix, i) => {
				expect(prefix).toMatch(/^[0-9]{3}$/);
				const code = withLetter(prefix + '1234');
				expect(academieOfUai(code)).toEqual({
					academie: a.academie,
					regionAcademique: a.regionAcademique,
					departement: a.departements[i]
				});
			});
		}
	});

	it('lists the 30 académies in 18 régions académiques', () => {
		expect(ACADEMIES).toHaveLength(30);
		expect(new Set(ACADEMIES.map((a) => a.academie)).size).toBe(30);
		expect(new Set(ACADEMIES.map((a) => a.regionAcademique)).size).toBe(18);
	});

	it('refuses to compute a letter for anything but 7 digits', () => {
		expect(() => uaiChecksumLetter('095109')).toThrow();
		expect(() => uaiChecksumLetter('095109A')).toThrow();
	});
});
