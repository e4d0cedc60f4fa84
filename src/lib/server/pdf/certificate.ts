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
// accepts an already parsed fontkit font wherever it takes a font source. Without Marianne, Helvetica
// (WinAnsi, see `winAnsi`).
//
// Speed (at least 100 certificates per second on one core; tests/bench/certificates.bench.ts). What a
// profile showed, and what is done about it:
// - text shaping (fontkit's layout, per word, cached by PDFKit per document only): kept per font
//   across documents (`keepLayouts`);
// - the font subsets, encoded and deflated anew by every document: every certificate's subsets start
//   with the same repertoire of glyphs (Latin-1 and French punctuation), so that their font programs
//   are the same and are encoded and deflated once per process (`keepSubsets`, `prepareSubsets`) —
//   a certificate is then about 26 kB instead of 13 kB;
// - PDFKit's line wrapper, for lines that fit anyway: only a text wider than its box is wrapped;
// - the QR code: a fixed mask and byte mode (no search for the best ones), drawn as merged
//   rectangles in module units, which keeps the page's content stream (deflated each time) small.
// None of this changes the bytes: a certificate is the same whatever was made before it (tested).
import { createRequire } from 'node:module';
import { deflateSync, inflateSync } from 'node:zlib';
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

interface GlyphPosition {
	xAdvance: number;
	yAdvance: number;
	xOffset: number;
	yOffset: number;
}

interface GlyphRun {
	glyphs: unknown[];
	positions: GlyphPosition[];
	readonly advanceWidth: number;
}

interface FontkitSubset {
	/** Glyph ids of the original font, in the subset's order. */
	glyphs: number[];
	encode: () => Uint8Array;
}

interface FontkitFont {
	layout: (text: string, ...options: unknown[]) => GlyphRun;
	createSubset: () => FontkitSubset;
}

/** A glyph run handed to PDFKit: its own positions (PDFKit scales them in place), shared glyphs. */
class LaidOutRun implements GlyphRun {
	constructor(
		readonly glyphs: unknown[],
		readonly positions: GlyphPosition[]
	) {}
	get advanceWidth(): number {
		let width = 0;
		for (const position of this.positions) width += position.xAdvance;
		return width;
	}
}

/** Most runs (words) whose layout is kept per font. */
const LAYOUT_CACHE_SIZE = 20_000;

/**
 * Keeps the font's text layout (shaping: ligatures, kerning) across documents. PDFKit caches it per
 * document only, and shaping was a third of a certificate's time; PDFKit lays text out word by word,
 * so the words of the fixed sentences are shaped once per process. Each call still gets positions of
 * its own, because PDFKit scales them in place.
 */
function keepLayouts(font: FontkitFont): void {
	const layout = font.layout.bind(font);
	const cache = new Map<string, { glyphs: unknown[]; positions: GlyphPosition[] }>();
	const copy = (positions: GlyphPosition[]) =>
		positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({
			xAdvance,
			yAdvance,
			xOffset,
			yOffset
		}));
	font.layout = (text: string, ...options: unknown[]) => {
		if (options.some((option) => option !== undefined)) return layout(text, ...options);
		let run = cache.get(text);
		if (!run) {
			const laidOut = layout(text);
			run = { glyphs: laidOut.glyphs, positions: copy(laidOut.positions) };
			if (cache.size >= LAYOUT_CACHE_SIZE) cache.clear();
			cache.set(text, run);
		}
		return new LaidOutRun(run.glyphs, copy(run.positions));
	};
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

/** Most encoded subsets kept per font. */
const SUBSET_CACHE_SIZE = 64;

/**
 * Keeps the font programs of the subsets already encoded, by their list of glyphs. PDFKit makes a new
 * subset per document and encodes it when the document ends (CFF subsetting was a quarter of a
 * certificate's time). Every certificate first puts the same repertoire of glyphs in its subsets
 * (`REPERTOIRE`, in a fixed order), so that certificates whose text stays within it — nearly all —
 * have the same subsets, encoded once per process.
 */
function keepSubsets(font: FontkitFont): void {
	const createSubset = font.createSubset.bind(font);
	const cache = new Map<string, Uint8Array>();
	font.createSubset = () => {
		const subset = createSubset();
		const encode = subset.encode.bind(subset);
		subset.encode = () => {
			const key = subset.glyphs.join(',');
			let bytes = cache.get(key);
			if (!bytes) {
				bytes = encode();
				if (cache.size >= SUBSET_CACHE_SIZE) cache.clear();
				cache.set(key, bytes);
			}
			return bytes;
		};
		return subset;
	};
}

/**
 * The characters every certificate's subsets start with, one word each (no ligature forms): printable
 * ASCII, the Latin-1 letters (French and most European names), French punctuation and spaces.
 */
const REPERTOIRE = [
	...Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)),
	...Array.from({ length: 0x100 - 0xc0 }, (_, i) => String.fromCharCode(0xc0 + i)).filter(
		(c) => c !== '×' && c !== '÷'
	),
	...'ŒœŸ’‘“”«»–—…°€\u00a0\u202f'
].join(' ');

/** What PDFKit 0.20 keeps per font and document: its subset, and widths and Unicode values per glyph. */
interface EmbeddedFont {
	font: object;
	subset: FontkitSubset & { includeGlyph(id: number): number };
	widths: number[];
	unicode: number[][];
	encode(text: string): unknown;
}

/** The repertoire's glyphs, widths and Unicode values, per fontkit font, as PDFKit first listed them. */
const repertoires = new WeakMap<
	object,
	Pick<EmbeddedFont, 'widths' | 'unicode'> & { glyphs: number[] }
>();

/**
 * Puts the repertoire's glyphs first in a document's font. The first time, PDFKit encodes the
 * repertoire's text (without drawing it): its glyphs go into the subset with their widths and Unicode
 * values; the result is kept and replayed into the next documents' fonts, which is the same but cheap.
 */
function startWithRepertoire(font: EmbeddedFont): void {
	const known = repertoires.get(font.font);
	if (!known) {
		font.encode(REPERTOIRE);
		repertoires.set(font.font, {
			glyphs: [...font.subset.glyphs],
			widths: [...font.widths],
			unicode: font.unicode.map((values) => [...values])
		});
		return;
	}
	for (let gid = 1; gid < known.glyphs.length; gid++) {
		font.subset.includeGlyph(known.glyphs[gid]);
		font.widths[gid] = known.widths[gid];
		font.unicode[gid] = known.unicode[gid];
	}
}

/** The deflated form of each encoded subset kept by `keepSubsets` (same key: the bytes object). */
const deflatedSubsets = new WeakMap<Uint8Array, Buffer>();

interface PdfStream {
	compress: boolean;
	data: Record<string, unknown>;
}

/**
 * Puts `REPERTOIRE` first in the document's two subsets, and, when the document is compressed, hands
 * PDFKit each font program already deflated (once per process, like the program itself) rather than
 * letting it deflate the same bytes in every document.
 *
 * This reaches into PDFKit 0.20 (pinned): its current font (`_font`) and that font's fontkit subset,
 * and the order of `EmbeddedFont.embed`, which makes the font file's stream (`doc.ref()`, subtype
 * CIDFontType0C) just before it calls `subset.encode()`. When that stream is not the one expected, the
 * program is returned as it is and PDFKit deflates it as usual: same output, only slower.
 */
function prepareSubsets(doc: PDFKit.PDFDocument, compress: boolean): void {
	const internal = doc as unknown as {
		_font: EmbeddedFont;
		ref(data?: object): PdfStream;
	};
	let latest: PdfStream | null = null;
	const ref = internal.ref.bind(doc);
	internal.ref = (data?: object) => (latest = ref(data));
	for (const font of ['body', 'bold']) {
		doc.font(font);
		startWithRepertoire(internal._font);
		if (!compress) continue;
		const subset = internal._font.subset;
		const encode = subset.encode.bind(subset);
		subset.encode = () => {
			const program = encode();
			const stream = latest;
			if (!stream || stream.data.Subtype !== 'CIDFontType0C' || stream.data.Length != null)
				return program;
			let deflated = deflatedSubsets.get(program);
			if (!deflated) {
				deflated = deflateSync(program);
				deflatedSubsets.set(program, deflated);
			}
			stream.compress = false;
			stream.data.Filter = 'FlateDecode';
			return deflated;
		};
	}
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
		keepLayouts(font);
		keepSubsets(font);
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

/**
 * The dark modules of a QR code as rectangles, in module units: runs of a row merged, and a run
 * continued by the same run on the next rows grown into one taller rectangle.
 */
export function qrRectangles(modules: {
	size: number;
	get(row: number, col: number): number | boolean;
}): [col: number, row: number, width: number, height: number][] {
	const done: [number, number, number, number][] = [];
	let open = new Map<number, [number, number, number, number]>(); // by start * size + end
	for (let row = 0; row <= modules.size; row++) {
		const next = new Map<number, [number, number, number, number]>();
		let col = 0;
		while (row < modules.size && col < modules.size) {
			if (!modules.get(row, col)) {
				col++;
				continue;
			}
			const start = col;
			while (col < modules.size && modules.get(row, col)) col++;
			const key = start * modules.size + col;
			const rect = open.get(key);
			if (rect) {
				rect[3]++;
				open.delete(key);
				next.set(key, rect);
			} else next.set(key, [start, row, col - start, 1]);
		}
		done.push(...open.values());
		open = next;
	}
	return done;
}

/**
 * Draws the QR code of `text` as vector rectangles, `size` points wide with its quiet zone. Drawn in
 * module units under one transformation, so that each rectangle is a few short integers in the page's
 * content stream. Byte mode (a URL) and mask pattern 0 are fixed: the encoder then skips its search
 * for the best segmentation and mask (a third of the QR code's time), and the code stays valid.
 */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
	const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
		errorCorrectionLevel: 'M',
		maskPattern: 0
	});
	const quiet = 4;
	const cell = size / (modules.size + 2 * quiet);
	doc.save().rect(x, y, size, size).fill('#ffffff');
	doc.transform(cell, 0, 0, cell, x + quiet * cell, y + quiet * cell);
	for (const [col, row, width, height] of qrRectangles(modules)) doc.rect(col, row, width, height);
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
	const compress = options.compress ?? true;
	const doc = new PDFDocument({
		size: 'A4',
		layout: 'landscape',
		margin: 0,
		// The default font (else Helvetica, whose metrics PDFKit parses again in every document).
		font: fonts.regular as string,
		compress,
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
	if (fonts.embedded) prepareSubsets(doc, compress);
	const t = (s: string) => (fonts.embedded ? s : winAnsi(s));

	const { width, height } = doc.page;
	const margin = 48;
	const inner = width - 2 * margin;
	/**
	 * One line of text in a box `width` wide at (x, y), aligned, then the next line below it. PDFKit's
	 * line wrapper (a fifth of a certificate's time) is used only for a text too wide for the box.
	 */
	const line = (
		text: string,
		x: number,
		y: number,
		width: number,
		align: 'left' | 'center' | 'right' = 'left'
	) => {
		const textWidth = doc.widthOfString(text);
		if (textWidth > width) {
			doc.text(text, x, y, { width, align });
			return;
		}
		const left = align === 'left' ? x : x + (width - textWidth) / (align === 'center' ? 2 : 1);
		doc.text(text, left, y, { lineBreak: false });
		doc.x = x;
		doc.y = y + doc.currentLineHeight(true);
	};
	const centred = (text: string, font: 'body' | 'bold', size: number, color = GREY, gap = 0) => {
		doc.font(font).fontSize(size).fillColor(color);
		line(t(text), margin, doc.y + gap, inner, 'center');
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
	line(t('RÉPUBLIQUE FRANÇAISE'), margin, margin, 260);
	doc.font('body').fontSize(11);
	line(t('Ministère de l’Éducation nationale'), margin, doc.y, 260);

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
	doc.font('body').fontSize(12).fillColor(GREY);
	line(t(`Fait à Paris, le ${formatFrenchDate(input.issuedAt)}`), margin, qrY + qrSize / 2, 320);
	drawQrCode(doc, input.verifyUrl, qrX, qrY, qrSize);
	const footerWidth = 420;
	const footerX = width - margin - footerWidth;
	doc.font('body').fontSize(8).fillColor(GREY);
	line(
		t(`Vérifier ce certificat : ${input.verifyUrl}`),
		footerX,
		qrY + qrSize + 6,
		footerWidth,
		'right'
	);
	line(t(`Code : ${formatted}`), footerX, doc.y, footerWidth, 'right');

	doc.end();
	return done;
}
