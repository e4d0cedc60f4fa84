// Certificates per second (src/lib/server/pdf/certificate.ts; the issue asks for at least 100 on one
// core), with Marianne prepared once, beside plain PDFKit one-page documents with the same font: given
// as bytes (parsed by PDFKit every time), and parsed once by fontkit (PDFKit alone, no caches).
// Compressed output, as served. Every certificate has its own code and recipient, as in an edition's
// ZIP archive: what is kept between documents must not depend on repeating the same one.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { bench, describe } from 'vitest';
import { canonicalCode, newCertificateCode } from '../../src/lib/server/certificates/codes';
import {
	certificateFonts,
	certificatePdf,
	type CertificateInput
} from '../../src/lib/server/pdf/certificate';

const FONTS_DIR = 'node_modules/@gouvfr/dsfr/dist/fonts';
const regular = readFileSync(`${FONTS_DIR}/Marianne-Regular.woff`);
const bold = readFileSync(`${FONTS_DIR}/Marianne-Bold.woff`);
const marianne = certificateFonts({ regular, bold });
const helvetica = certificateFonts();
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): object };
const plainRegular = fontkit.create(regular) as PDFKit.Mixins.PDFFontSource;
const plainBold = fontkit.create(bold) as PDFKit.Mixins.PDFFontSource;

const FIRST = ['Chloé', 'Anne', 'Jean-Baptiste', 'Nadia', 'Œdipe', 'Zoé', 'Loïc', 'Maëlle', 'Ange'];
const LAST = ['Bœuf', 'Arnaud', 'Müller', 'Haddad', 'N’Diaye', 'Lefèvre', 'García', 'Ødegaard'];
const TITLES = [
	'Œuvres d’élèves en ligne',
	'Le laboratoire de fabrication partagé du lycée',
	'Les convocations aux examens en langage clair'
];
const KINDS = ['laureateMember', 'laureateTeam', 'juror', 'trialSite'] as const;

let seed = 1;
const random = (size: number) =>
	Uint8Array.from({ length: size }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);

const inputs: CertificateInput[] = Array.from({ length: 72 }, (_, i) => {
	const formatted = newCertificateCode('banc d’essai', random);
	return {
		kind: KINDS[i % KINDS.length],
		code: canonicalCode(formatted)!,
		verifyUrl: `https://impulsions.example.fr/verifier/${formatted}`,
		recipient: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`,
		editionYear: 2027,
		editionTitle: 'Prix Impulsions 2027',
		entryTitle: TITLES[i % TITLES.length],
		award: i % 3 === 0 ? 'mention' : 'prize',
		categoryName: 'Projet innovant',
		issuedAt: new Date('2027-07-01T08:00:00Z')
	};
});
let next = 0;
const nextInput = () => inputs[next++ % inputs.length];

function plainPdf(fonts: {
	regular: PDFKit.Mixins.PDFFontSource;
	bold: PDFKit.Mixins.PDFFontSource;
}) {
	const doc = new PDFDocument({ size: 'A4', layout: 'landscape' });
	const done = new Promise<Buffer>((resolve) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
	});
	const input = nextInput();
	doc.registerFont('body', fonts.regular);
	doc.registerFont('bold', fonts.bold);
	doc.font('bold').fontSize(30).text('Prix Impulsions 2027', { align: 'center' });
	doc.font('body').fontSize(14).text(`Prix décerné à ${input.recipient}`, { align: 'center' });
	doc.end();
	return done;
}

const options = { time: 3000, warmupTime: 500, warmupIterations: 30 };

describe('one certificate', () => {
	bench(
		'certificate, Marianne parsed once',
		async () => {
			await certificatePdf(nextInput(), marianne);
		},
		options
	);
	bench(
		'certificate, Helvetica',
		async () => {
			await certificatePdf(nextInput(), helvetica);
		},
		options
	);
	bench(
		'baseline: plain PDFKit page, Marianne parsed once by fontkit',
		async () => {
			await plainPdf({ regular: plainRegular, bold: plainBold });
		},
		options
	);
	bench(
		'baseline: plain PDFKit page, Marianne bytes parsed each time',
		async () => {
			await plainPdf({ regular, bold });
		},
		options
	);
});
