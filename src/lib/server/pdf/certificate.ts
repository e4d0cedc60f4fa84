// Certificates (PDFKit), one A4 landscape page each: for a laureate (prize or mention; one per team
// member whose name may be published, and one for the team), for a juror and for a trial site. The
// ministry's name (as text), the edition, the recipient, a French sentence per kind, the date (Paris
// time), and a QR code of the short verification URL `/verifier/<code>` drawn as vector squares.
//
// Deterministic: the same input gives the same bytes. The creation and modification dates are
// `issuedAt`, and PDFKit's document ID is the MD5 of the info dictionary, which carries the code
// (Keywords) — so a different code gives a different ID. Subset font tags derive from the font ids.
//
// Fonts: `certificateFonts` parses Marianne (.woff from @gouvfr/dsfr) once with fontkit — PDFKit
// accepts an already parsed fontkit font wherever it takes a font source — so a certificate only
// lays out its text and encodes its own subset. Without Marianne, Helvetica (WinAnsi, see `winAnsi`).
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatCode } from '../certificates/codes';
import { winAnsi } from './minutes';

export type CertificateKind = 'laureateMember' | 'laureateTeam' | 'juror' | 'trialSite';

export interface CertificateInput {
	kind: CertificateKind;
	/** Canonical code (26 characters). */
	code: string;
	/** Absolute, e.g. https://host/verifier/<formatted code>. */
	verifyUrl: string;
	/** A person, a team or a site. */
	recipient: string;
	editionYear: number;
	editionTitle: string;
	entryTitle?: string;
	award?: 'prize' | 'mention';
	categoryName?: string;
	issuedAt: Date;
}

/** Fonts prepared once, for any number of certificates. */
export interface CertificateFonts {
	/** True with Marianne (any Unicode text), false with the standard Helvetica (WinAnsi). */
	embedded: boolean;
	regular: PDFKit.Mixins.PDFFontSource;
	bold: PDFKit.Mixins.PDFFontSource;
}

interface FontkitFont {
	layout: (text: string) => unknown;
}

// fontkit is PDFKit's own font parser (its dependency); PDFKit's `font()` accepts its Font objects.
const fontkit = createRequire(import.meta.url)('fontkit') as {
	create(buffer: Buffer): FontkitFont;
};

/**
 * A WOFF file as the plain sfnt (TrueType/OpenType) font it wraps: fontkit reads WOFF tables through a
 * JavaScript inflate on every access (each subset re-inflates the glyphs), so it is unwrapped once.
 * Other formats are returned as they are.
 */
function unwrapWoff(bytes: Buffer): Buffer {
	if (bytes.toString('latin1', 0, 4) !== 'wOFF') return bytes;
	const numTables = bytes.readUInt16BE(12);
	const tables = Array.from({ length: numTables }, (_, i) => {
		const at = 44 + i * 20;
		const offset = bytes.readUInt32BE(at + 4);
		const compLength = bytes.readUInt32BE(at + 8);
		const origLength = bytes.readUInt32BE(at + 12);
		const raw = bytes.subarray(offset, offset + compLength);
		return {
			tag: bytes.subarray(at, at + 4),
			checksum: bytes.readUInt32BE(at + 16),
			data: compLength < origLength ? inflateSync(raw) : raw
		};
	});
	const entrySelector = Math.floor(Math.log2(numTables));
	const searchRange = 2 ** entrySelector * 16;
	const header = Buffer.alloc(12 + numTables * 16);
	bytes.copy(header, 0, 4, 8); // flavor
	header.writeUInt16BE(numTables, 4);
	header.writeUInt16BE(searchRange, 6);
	header.writeUInt16BE(entrySelector, 8);
	header.writeUInt16BE(numTables * 16 - searchRange, 10);
	const parts: Buffer[] = [header];
	let offset = header.length;
	tables.forEach((table, i) => {
		const at = 12 + i * 16;
		table.tag.copy(header, at);
		header.writeUInt32BE(table.checksum, at + 4);
		header.writeUInt32BE(offset, at + 8);
		header.writeUInt32BE(table.data.length, at + 12);
		const padding = (4 - (table.data.length % 4)) % 4;
		parts.push(table.data, Buffer.alloc(padding));
		offset += table.data.length + padding;
	});
	return Buffer.concat(parts);
}

/** Parses Marianne once (regular and bold), or prepares Helvetica when no bytes are given. */
export function certificateFonts(marianne?: {
	regular: Uint8Array;
	bold: Uint8Array;
}): CertificateFonts {
	if (!marianne) return { embedded: false, regular: 'Helvetica', bold: 'Helvetica-Bold' };
	const parse = (bytes: Uint8Array) => {
		const font = fontkit.create(unwrapWoff(Buffer.from(bytes)));
		if (typeof font?.layout !== 'function') throw new Error('Not a single font');
		// Typed as a font source: PDFKit's typings omit fontkit objects, which it accepts at run time.
		return font as unknown as PDFKit.Mixins.PDFFontSource;
	};
	return { embedded: true, regular: parse(marianne.regular), bold: parse(marianne.bold) };
}

const KIND_SLUGS: Record<CertificateKind, string> = {
	laureateMember: 'laureat',
	laureateTeam: 'equipe-laureate',
	juror: 'jury',
	trialSite: 'site-essai'
};

const HEADINGS: Record<CertificateKind, string> = {
	laureateMember: 'Certificat de lauréat',
	laureateTeam: 'Certificat de lauréat',
	juror: 'Certificat de participation au jury',
	trialSite: 'Attestation de participation à la phase d’essai'
};

const slug = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/, '');

/** « certificat-2027-laureat-anne-arnaud-abcd1234.pdf » */
export function certificateFileName(input: CertificateInput): string {
	const who = slug(input.recipient);
	return `certificat-${input.editionYear}-${KIND_SLUGS[input.kind]}-${who ? who + '-' : ''}${input.code.slice(0, 8)}.pdf`;
}

const frenchDate = new Intl.DateTimeFormat('fr-FR', {
	timeZone: 'Europe/Paris',
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});

/** « 1er juillet 2027 », « 14 juillet 2027 » — in Paris time. */
function formatFrenchDate(date: Date): string {
	const parts = Object.fromEntries(frenchDate.formatToParts(date).map((p) => [p.type, p.value]));
	return `${parts.day === '1' ? '1er' : parts.day} ${parts.month} ${parts.year}`;
}

const quoted = (text: string) => `«\u00a0${text}\u00a0»`;

/** The lines under the recipient's name: [before the name, after the name…]. */
function sentence(input: CertificateInput): { before: string; after: string[] } {
	const entry = input.entryTitle ? `pour l’innovation ${quoted(input.entryTitle)}` : '';
	const category = input.categoryName ? [`Catégorie ${quoted(input.categoryName)}`] : [];
	switch (input.kind) {
		case 'laureateMember':
		case 'laureateTeam': {
			const granted = input.award === 'mention' ? 'Mention décernée' : 'Prix décerné';
			const member = input.kind === 'laureateMember' ? 'membre de l’équipe lauréate, ' : '';
			return {
				before: `${granted} à${input.kind === 'laureateTeam' ? ' l’équipe' : ''}`,
				after: [`${member}${entry}`.trim(), ...category].filter(Boolean)
			};
		}
		case 'juror':
			return {
				before: 'Certifie que',
				after: [`a siégé au jury du Prix Impulsions ${input.editionYear}`]
			};
		case 'trialSite':
			return {
				before: 'Certifie que',
				after: [
					input.entryTitle
						? `a participé à la phase d’essai de l’innovation ${quoted(input.entryTitle)}`
						: 'a participé à la phase d’essai d’une innovation'
				]
			};
	}
}

/** Draws the QR code of `text` as vector squares (runs of dark modules merged), `size` points wide. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const quiet = 4;
	const cell = size / (modules.size + 2 * quiet);
	doc.save().rect(x, y, size, size).fill('#ffffff');
	for (let row = 0; row < modules.size; row++) {
		let col = 0;
		while (col < modules.size) {
			if (!modules.get(row, col)) {
				col++;
				continue;
			}
			const start = col;
			while (col < modules.size && modules.get(row, col)) col++;
			doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
		}
	}
	doc.fill('#000000').restore();
}

const BLUE = '#000091';
const GREY = '#161616';

/** One certificate, as the bytes of a PDF (A4 landscape, one page). */
export function certificatePdf(
	input: CertificateInput,
	fonts: CertificateFonts,
	options: { compress?: boolean } = {}
): Promise<Buffer> {
	const formatted = formatCode(input.code);
	const doc = new PDFDocument({
		size: 'A4',
		layout: 'landscape',
		margin: 0,
		// The default font (else Helvetica, whose metrics PDFKit parses again in every document).
		font: fonts.regular as string,
		compress: options.compress ?? true,
		lang: 'fr-FR',
		displayTitle: true,
		info: {
			Title: `${HEADINGS[input.kind]} — ${input.editionTitle} — ${input.recipient}`,
			Author: 'Prix Impulsions — ministère de l’Éducation nationale',
			Subject: `Certificat ${formatted}`,
			Keywords: input.code,
			CreationDate: input.issuedAt,
			ModDate: input.issuedAt
		}
	});
	const done = new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	doc.registerFont('body', fonts.regular);
	doc.registerFont('bold', fonts.bold);
	const t = (s: string) => (fonts.embedded ? s : winAnsi(s));

	const { width, height } = doc.page;
	const margin = 48;
	const inner = width - 2 * margin;
	const centred = (text: string, font: 'body' | 'bold', size: number, color = GREY, gap = 0) => {
		doc
			.font(font)
			.fontSize(size)
			.fillColor(color)
			.text(t(text), margin, doc.y + gap, { width: inner, align: 'center' });
	};

	// Frame.
	doc
		.lineWidth(2)
		.strokeColor(BLUE)
		.rect(24, 24, width - 48, height - 48)
		.stroke();
	doc
		.lineWidth(0.5)
		.rect(30, 30, width - 60, height - 60)
		.stroke();

	// The ministry, as text (top left), and the edition.
	doc.font('bold').fontSize(11).fillColor(GREY);
	doc.text(t('RÉPUBLIQUE FRANÇAISE'), margin, margin, { width: 260 });
	doc.font('body').fontSize(11).text(t('Ministère de l’Éducation nationale'), { width: 260 });

	doc.y = 120;
	centred(`Prix Impulsions ${input.editionYear}`, 'bold', 30, BLUE);
	if (input.editionTitle && input.editionTitle !== `Prix Impulsions ${input.editionYear}`)
		centred(input.editionTitle, 'body', 13, GREY, 4);
	centred(HEADINGS[input.kind], 'body', 16, GREY, 18);

	const { before, after } = sentence(input);
	centred(before, 'body', 14, GREY, 24);
	centred(input.recipient, 'bold', 24, BLUE, 8);
	after.forEach((line, i) => centred(line, 'body', 14, GREY, i === 0 ? 8 : 4));

	// Date (bottom left), QR code and verification (bottom right).
	const qrSize = 96;
	const qrX = width - margin - qrSize;
	const qrY = height - margin - qrSize - 36;
	doc
		.font('body')
		.fontSize(12)
		.fillColor(GREY)
		.text(t(`Fait à Paris, le ${formatFrenchDate(input.issuedAt)}`), margin, qrY + qrSize / 2, {
			width: 320
		});
	drawQrCode(doc, input.verifyUrl, qrX, qrY, qrSize);
	const footerWidth = 420;
	doc
		.font('body')
		.fontSize(8)
		.fillColor(GREY)
		.text(
			t(`Vérifier ce certificat : ${input.verifyUrl}`),
			width - margin - footerWidth,
			qrY + qrSize + 6,
			{
				width: footerWidth,
				align: 'right'
			}
		)
		.text(t(`Code : ${formatted}`), { width: footerWidth, align: 'right' });

	doc.end();
	return done;
}
