// Certificates (src/lib/server/pdf/certificate.ts): the text read back from uncompressed Helvetica
// PDFs for each kind, byte-identical output for the same input, and Marianne embedding.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	certificateFileName,
	certificateFonts,
	certificatePdf,
	type CertificateInput
} from '../../src/lib/server/pdf/certificate';

const FONTS_DIR = 'node_modules/@gouvfr/dsfr/dist/fonts';

/** The text of an uncompressed PDF written with a standard (WinAnsi) font, one line per TJ. */
function pdfText(pdf: Buffer): string {
	const source = pdf.toString('latin1');
	const high = '€�‚ƒ„…†‡ˆ‰Š‹Œ�Ž��‘’“”•–—˜™š›œ�žŸ';
	const decode = (bytes: Buffer) =>
		[...bytes]
			.map((b) => (b >= 0x80 && b <= 0x9f ? high[b - 0x80] : String.fromCharCode(b)))
			.join('');
	const lines: string[] = [];
	for (const [, array] of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
		const hex = [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
		lines.push(decode(Buffer.from(hex, 'hex')));
	}
	// Wrapped lines joined, no-break spaces as spaces: phrases can be searched whole.
	return lines
		.join(' ')
		.replace(/\u00a0/g, ' ')
		.replace(/\s+/g, ' ');
}

const CODE = '0123456789abcdefghjkmnpqrm';
const OTHER_CODE = 'zyxwvtsrqpnmkjhgfedcba9870';
const base: Omit<CertificateInput, 'kind' | 'recipient'> = {
	code: CODE,
	verifyUrl: 'https://impulsions.example.fr/verifier/0123-4567-89ab-cdef-ghjk-mnpq-rm',
	editionYear: 2027,
	editionTitle: 'Prix Impulsions 2027',
	entryTitle: 'Œuvres d’élèves en ligne',
	award: 'prize',
	categoryName: 'Projet innovant',
	issuedAt: new Date('2027-07-01T08:00:00Z')
};
const helvetica = certificateFonts();

const cases: [CertificateInput, string[]][] = [
	[
		{ ...base, kind: 'laureateMember', recipient: 'Chloé Bœuf' },
		[
			'Prix décerné à',
			'membre de l’équipe lauréate',
			'pour l’innovation « Œuvres d’élèves en ligne »'
		]
	],
	[
		{ ...base, kind: 'laureateTeam', recipient: 'Collège Jean-Moulin', award: 'mention' },
		['Mention décernée à l’équipe', 'pour l’innovation « Œuvres d’élèves en ligne »']
	],
	[
		{ ...base, kind: 'juror', recipient: 'Anne Arnaud', entryTitle: undefined, award: undefined },
		['Certificat de participation au jury', 'a siégé au jury du Prix Impulsions 2027']
	],
	[
		{ ...base, kind: 'trialSite', recipient: 'École Jules-Ferry, Lyon', award: undefined },
		['a participé à la phase d’essai de l’innovation « Œuvres d’élèves en ligne »']
	]
];

describe('certificate PDFs', () => {
	it.each(cases)('writes the text of certificate %# (each kind)', async (input, phrases) => {
		const pdf = await certificatePdf(input, helvetica, { compress: false });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const text = pdfText(pdf);
		for (const expected of [
			'Ministère de l’Éducation nationale',
			'Prix Impulsions 2027',
			input.recipient,
			'1er juillet 2027',
			`Vérifier ce certificat : ${input.verifyUrl}`,
			'Code : 0123-4567-89ab-cdef-ghjk-mnpq-rm',
			...phrases
		])
			expect(text).toContain(expected);
	});

	it('gives the same bytes for the same input, other bytes for another code', async () => {
		const input = cases[0][0];
		const [a, b] = await Promise.all([
			certificatePdf(input, helvetica),
			certificatePdf(input, helvetica)
		]);
		expect(a.equals(b)).toBe(true);
		const other = await certificatePdf({ ...input, code: OTHER_CODE }, helvetica);
		expect(other.equals(a)).toBe(false);
	});

	it('embeds Marianne, parsed once for many certificates, deterministically', async () => {
		const fonts = certificateFonts({
			regular: readFileSync(`${FONTS_DIR}/Marianne-Regular.woff`),
			bold: readFileSync(`${FONTS_DIR}/Marianne-Bold.woff`)
		});
		expect(fonts.embedded).toBe(true);
		const pdfs = await Promise.all(cases.map(([input]) => certificatePdf(input, fonts)));
		for (const pdf of pdfs) {
			expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
			expect(pdf.toString('latin1')).toContain('+Marianne');
		}
		const again = await certificatePdf(cases[0][0], fonts);
		expect(again.equals(pdfs[0])).toBe(true);
	});

	it('names the file after the edition, the kind, the recipient and the code', () => {
		expect(certificateFileName(cases[0][0])).toBe(
			'certificat-2027-laureat-chloe-b-uf-01234567.pdf'
		);
		expect(certificateFileName(cases[3][0])).toBe(
			'certificat-2027-site-essai-ecole-jules-ferry-lyon-01234567.pdf'
		);
	});
});
