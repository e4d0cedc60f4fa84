// Certificates per second (src/lib/server/pdf/certificate.ts) with Marianne prepared once, beside a
// plain PDFKit one-page document with the same font given as bytes (parsed by PDFKit every time),
// the baseline. Compressed output, as served.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { bench, describe } from 'vitest';
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

const input: CertificateInput = {
	kind: 'laureateMember',
	code: '0123456789abcdefghjkmnpqrm',
	verifyUrl: 'https://impulsions.example.fr/verifier/0123-4567-89ab-cdef-ghjk-mnpq-rm',
	recipient: 'Chloé Bœuf',
	editionYear: 2027,
	editionTitle: 'Prix Impulsions 2027',
	entryTitle: 'Œuvres d’élèves en ligne',
	award: 'prize',
	categoryName: 'Projet innovant',
	issuedAt: new Date('2027-07-01T08:00:00Z')
};

function plainPdf(): Promise<Buffer> {
	const doc = new PDFDocument({ size: 'A4', layout: 'landscape' });
	const done = new Promise<Buffer>((resolve) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
	});
	doc.registerFont('body', regular);
	doc.registerFont('bold', bold);
	doc.font('bold').fontSize(30).text('Prix Impulsions 2027', { align: 'center' });
	doc.font('body').fontSize(14).text('Prix décerné à Chloé Bœuf', { align: 'center' });
	doc.end();
	return done;
}

describe('one certificate', () => {
	bench('certificate, Marianne parsed once', async () => {
		await certificatePdf(input, marianne);
	});
	bench('certificate, Helvetica', async () => {
		await certificatePdf(input, helvetica);
	});
	bench('baseline: plain PDFKit page, Marianne bytes parsed each time', async () => {
		await plainPdf();
	});
});
