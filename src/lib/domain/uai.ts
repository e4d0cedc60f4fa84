// UAI codes (Unité administrative immatriculée, formerly RNE): the national identifier of an
// établissement. Client-safe: no Node imports, the reference list is bundled from the JSON copy.
//
// Format: 7 digits then a checksum letter, ALPHABET[int(first 7 digits) mod 23]. The first three
// digits locate the département (Corse-du-Sud 620, Haute-Corse 720, overseas 971 to 976), which
// gives the académie.

import reference from './academies.json';

export type Academie = {
	academie: string;
	regionAcademique: string;
	/** Département codes ('01', '2A', '971'), in the same order as `uaiPrefixes`. */
	departements: readonly string[];
	/** First three characters of the UAI codes of each département. */
	uaiPrefixes: readonly string[];
};

export type UaiAcademie = { academie: string; regionAcademique: string; departement: string };

/** The 30 académies, from the bundled copy of the reference list. */
export const ACADEMIES: readonly Academie[] = reference.academies;

/** The 23 checksum letters: the Latin alphabet without I, O and Q. */
const ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ';

const EXAMPLE = '0951099D';

const BY_PREFIX: ReadonlyMap<string, UaiAcademie> = new Map(
	ACADEMIES.flatMap((a) =>
		a.uaiPrefixes.map((prefix, i) => [
			prefix,
			{ academie: a.academie, regionAcademique: a.regionAcademique, departement: a.departements[i] }
		])
	)
);

/** Trims, removes inner spaces (including non-breaking ones) and upper-cases. */
export function normaliseUai(input: string): string {
	return input.replace(/\s+/g, '').toUpperCase();
}

/** The checksum letter of the 7 digits of a UAI code; throws if `digits` is not 7 digits. */
export function uaiChecksumLetter(digits: string): string {
	if (!/^[0-9]{7}$/.test(digits)) throw new Error('A UAI code starts with exactly 7 digits.');
	return ALPHABET[Number(digits) % 23];
}

/** The French message explaining why the code is not a valid UAI, or null when it is. */
export function uaiProblem(input: string): string | null {
	const code = normaliseUai(input);
	if (!code) {
		return `Saisissez le code UAI de l’établissement (8 caractères, par exemple ${EXAMPLE}).`;
	}
	if (!/^[0-9]{7}[A-Z]$/.test(code)) {
		return `Le code UAI compte 7 chiffres suivis d’une lettre, par exemple ${EXAMPLE}.`;
	}
	const digits = code.slice(0, 7);
	const expected = uaiChecksumLetter(digits);
	if (code[7] !== expected) {
		return `La lettre finale du code UAI ne correspond pas à ses chiffres : vérifiez le code (la lettre attendue pour ${digits} est ${expected}).`;
	}
	if (!BY_PREFIX.has(code.slice(0, 3)))
		return 'Ce code UAI ne correspond à aucune académie connue.';
	return null;
}

/** The académie, région académique and département of a valid UAI code; null for invalid codes. */
export function academieOfUai(input: string): UaiAcademie | null {
	if (uaiProblem(input) !== null) return null;
	const found = BY_PREFIX.get(normaliseUai(input).slice(0, 3));
	return found ? { ...found } : null;
}
