// Certificates (src/lib/server/pdf/certificate.ts): the text read back from uncompressed Helvetica
// PDFs for each kind, and from compressed Marianne PDFs through their fonts' ToUnicode maps;
// byte-identical output for the same input, whatever was made before with the same fonts (the fonts
// keep layouts and subsets between documents); the QR code's rectangles cover its dark modules.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
	certificateFileName,
	certificateFonts,
	certificatePdf,
	qrRectangles,
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

/** The objects of a PDF written by PDFKit: dictionary text, and stream bytes (inflated). */
function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
	const source = pdf.toString('latin1');
	const objects = new Map<number, { dict: string; stream: Buffer | null }>();
	for (const match of source.matchAll(/(?:^|\n)(\d+) 0 obj\n/g)) {
		const start = match.index + match[0].length;
		const end = source.indexOf('\nendobj', start);
		const streamAt = source.indexOf('\nstream\n', start);
		if (streamAt === -1 || streamAt > end) {
			objects.set(Number(match[1]), { dict: source.slice(start, end), stream: null });
			continue;
		}
		const dict = source.slice(start, streamAt);
		const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
		const from = streamAt + '\nstream\n'.length;
		const raw = pdf.subarray(from, from + length);
		objects.set(Number(match[1]), {
			dict,
			stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw
		});
	}
	return objects;
}

/**
 * The text of a one-page PDF written with embedded (Identity-H) fonts, as a reader extracts it: each
 * glyph id mapped through its font's ToUnicode CMap, one line per text object.
 */
function embeddedPdfText(pdf: Buffer): string {
	const objects = pdfObjects(pdf);
	const ref = (dict: string, key: string) =>
		Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
	const page = [...objects.values()].find((o) => o.dict.includes('/Type /Page\n'))!;
	const resources = objects.get(ref(page.dict, 'Resources'))!.dict;
	const cmaps = new Map<string, Map<number, string>>();
	for (const [, name, id] of resources.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
		const cmap = objects.get(ref(objects.get(Number(id))!.dict, 'ToUnicode'))!.stream!;
		const map = new Map<number, string>();
		for (const [, start, list] of cmap
			.toString('latin1')
			.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/g))
			[...list.matchAll(/<([0-9a-f ]*)>/g)].forEach(([, units], i) =>
				map.set(
					parseInt(start, 16) + i,
					String.fromCharCode(...units.split(' ').map((unit) => parseInt(unit, 16)))
				)
			);
		cmaps.set(name, map);
	}
	const content = objects.get(ref(page.dict, 'Contents'))!.stream!.toString('latin1');
	const lines: string[] = [];
	let font = '';
	for (const [, name, array] of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
		if (name) {
			font = name;
			continue;
		}
		const hex = [...array.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('');
		let line = '';
		for (let i = 0; i < hex.length; i += 4)
			line += cmaps.get(font)!.get(parseInt(hex.slice(i, i + 4), 16));
		lines.push(line);
	}
	return lines
		.join(' ')
		.replace(/[\u00a0\u202f]/g, ' ')
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

	it.each(cases)(
		'writes the text of certificate %# with Marianne, compressed, readable',
		async (input, phrases) => {
			const fonts = certificateFonts({
				regular: readFileSync(`${FONTS_DIR}/Marianne-Regular.woff`),
				bold: readFileSync(`${FONTS_DIR}/Marianne-Bold.woff`)
			});
			const pdf = await certificatePdf(input, fonts);
			const text = embeddedPdfText(pdf);
			for (const expected of [
				'RÉPUBLIQUE FRANÇAISE',
				'Ministère de l’Éducation nationale',
				'Prix Impulsions 2027',
				input.recipient,
				'1er juillet 2027',
				`Vérifier ce certificat : ${input.verifyUrl}`,
				'Code : 0123-4567-89ab-cdef-ghjk-mnpq-rm',
				...phrases
			])
				expect(text).toContain(expected);
		}
	);

	it('gives the same bytes whatever the fonts made before (kept layouts and subsets)', async () => {
		const fresh = () =>
			certificateFonts({
				regular: readFileSync(`${FONTS_DIR}/Marianne-Regular.woff`),
				bold: readFileSync(`${FONTS_DIR}/Marianne-Bold.woff`)
			});
		const input: CertificateInput = {
			...cases[0][0],
			recipient: 'Ødegaard Ñúñez-Łukasz', // beyond the kept repertoire: its own subset
			entryTitle: 'Škola, Łódź et Ærø : l’algèbre au collège'
		};
		for (const compress of [true, false]) {
			const first = await certificatePdf(input, fresh(), { compress });
			const used = fresh();
			for (const [other] of cases) await certificatePdf(other, used, { compress });
			await certificatePdf(cases[1][0], used, { compress: !compress });
			const later = await certificatePdf(input, used, { compress });
			expect(later.equals(first)).toBe(true);
			const again = await certificatePdf(input, used, { compress });
			expect(again.equals(first)).toBe(true);
		}
		const text = embeddedPdfText(await certificatePdf(input, fresh()));
		expect(text).toContain('Ødegaard Ñúñez-Łukasz');
		expect(text).toContain('« Škola, Łódź et Ærø : l’algèbre au collège »');
	});

	it('draws the QR code’s dark modules, each once, as rectangles', () => {
		for (const text of [
			'https://impulsions.example.fr/verifier/0123-4567-89ab-cdef-ghjk-mnpq-rm',
			'http://localhost:3000/verifier/zyxw-vtsr-qpnm-kjhg-fedc-ba98-70'
		]) {
			const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
			const covered = new Uint8Array(modules.size * modules.size);
			const rectangles = qrRectangles(modules);
			for (const [col, row, width, height] of rectangles)
				for (let r = row; r < row + height; r++)
					for (let c = col; c < col + width; c++) covered[r * modules.size + c]++;
			for (let r = 0; r < modules.size; r++)
				for (let c = 0; c < modules.size; c++)
					expect(covered[r * modules.size + c]).toBe(modules.get(r, c) ? 1 : 0);
			// Merged: far fewer rectangles than dark modules.
			const dark = covered.reduce((sum, n) => sum + n, 0);
			expect(rectangles.length).toBeLessThan(dark / 2);
		}
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
