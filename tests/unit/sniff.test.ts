import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	ACCEPTED_TYPES_LABEL,
	MAX_ATTACHMENT_BYTES,
	MAX_ATTACHMENTS,
	attachmentProblem,
	sniffFileType
} from '../../src/lib/server/files/sniff';

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[] | Uint8Array)[]) =>
	concat(parts.map((p) => (typeof p === 'string' ? text(p) : Uint8Array.from(p))));

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

// ---------------------------------------------------------------------------------------------
// A small ZIP writer (APPNOTE.TXT), enough to build real ODT, DOCX and XLSX packages.

type ZipInput = { name: string; data: string | Uint8Array; store?: boolean };
type ZipOptions = { comment?: string; zip64?: boolean };

function le(size: 2 | 4 | 8, value: number): Uint8Array {
	const out = new Uint8Array(size);
	const view = new DataView(out.buffer);
	if (size === 2) view.setUint16(0, value, true);
	else if (size === 4) view.setUint32(0, value, true);
	else view.setBigUint64(0, BigInt(value), true);
	return out;
}

function zip(inputs: ZipInput[], options: ZipOptions = {}): Uint8Array {
	const locals: Uint8Array[] = [];
	const centrals: Uint8Array[] = [];
	let offset = 0;
	for (const input of inputs) {
		const name = text(input.name);
		const raw = typeof input.data === 'string' ? text(input.data) : input.data;
		const method = input.store ? 0 : 8;
		const data = input.store ? raw : new Uint8Array(deflateRawSync(raw));
		const common = concat([
			le(2, 20), // version needed
			le(2, 0), // flags
			le(2, method),
			le(2, 0), // time
			le(2, 0x21), // date
			le(4, crc32(raw)),
			le(4, data.length),
			le(4, raw.length),
			le(2, name.length)
		]);
		const local = concat([le(4, 0x04034b50), common, le(2, 0), name, data]);
		centrals.push(
			concat([
				le(4, 0x02014b50),
				le(2, 20), // version made by
				common,
				le(2, 0), // extra length
				le(2, 0), // comment length
				le(2, 0), // disk
				le(2, 0), // internal attributes
				le(4, 0), // external attributes
				le(4, offset),
				name
			])
		);
		locals.push(local);
		offset += local.length;
	}
	const directory = concat(centrals);
	const comment = text(options.comment ?? '');
	const parts = [...locals, directory];
	if (options.zip64) {
		const zip64At = offset + directory.length;
		parts.push(
			concat([le(4, 0x06064b50), le(8, 44), le(2, 45), le(2, 45), le(4, 0), le(4, 0)]),
			concat([le(8, inputs.length), le(8, inputs.length), le(8, directory.length), le(8, offset)]),
			concat([le(4, 0x07064b50), le(4, 0), le(8, zip64At), le(4, 1)])
		);
	}
	const count = options.zip64 ? 0xffff : inputs.length;
	parts.push(
		concat([
			le(4, 0x06054b50),
			le(2, 0),
			le(2, 0),
			le(2, count),
			le(2, count),
			le(4, directory.length),
			le(4, options.zip64 ? 0xffffffff : offset),
			le(2, comment.length),
			comment
		])
	);
	return concat(parts);
}

// ---------------------------------------------------------------------------------------------
// Real minimal files.

const PDF = bytes(
	'%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n',
	'2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
);
const PNG = bytes(
	[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	[0, 0, 0, 13],
	'IHDR',
	[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
	[0x1f, 0x15, 0xc4, 0x89]
);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const WEBP = bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8L', [13, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0]);

const ODT_MIME = 'application/vnd.oasis.opendocument.text';
const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="${ODT_MIME}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;
const CONTENT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:p>Projet de la classe</text:p></office:text></office:body></office:document-content>`;

function odf(mimetype: string, options: { storeMimetype?: boolean } = {}) {
	return zip([
		{ name: 'mimetype', data: mimetype, store: options.storeMimetype ?? true },
		{ name: 'content.xml', data: CONTENT },
		{ name: 'META-INF/manifest.xml', data: MANIFEST.replace(ODT_MIME, mimetype) }
	]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Projet de la classe</w:t></w:r></w:p></w:body></w:document>`;

const DOCX_PARTS: ZipInput[] = [
	{ name: '[Content_Types].xml', data: CONTENT_TYPES },
	{ name: '_rels/.rels', data: RELS },
	{ name: 'word/document.xml', data: DOCUMENT }
];
const DOCX = zip(DOCX_PARTS);
const ODT = odf(ODT_MIME);

const accepted: [string, Uint8Array, string, string][] = [
	['PDF', PDF, 'application/pdf', 'pdf'],
	['PNG', PNG, 'image/png', 'png'],
	['JPEG', JPEG, 'image/jpeg', 'jpg'],
	['WebP', WEBP, 'image/webp', 'webp'],
	['ODT', ODT, ODT_MIME, 'odt'],
	['DOCX', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx']
];

const ELF = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], new Array(56).fill(0));
const MZ = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], new Array(50).fill(0), 'PE', [0, 0]);

const typeRefusal = (name: string) =>
	`Le fichier « ${name} » n’est pas d’un type accepté (PDF, PNG, JPEG, WebP, ODT ou DOCX) : son contenu a été vérifié, pas seulement son nom.`;

/** A file of exactly `size` bytes that starts like a PDF. */
function pdfOfSize(size: number): Uint8Array {
	const out = new Uint8Array(size);
	out.set(PDF.subarray(0, Math.min(PDF.length, size)));
	return out;
}

/** Small seeded generator (mulberry32) so that failures can be replayed. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('file type from bytes', () => {
	it.each(accepted)('recognises a real minimal %s file', (label, file, mime, extension) => {
		expect(sniffFileType(file)).toEqual({ mime, extension, label });
	});

	it('reads a Uint8Array that is a view into a larger buffer', () => {
		const buffer = concat([text('garbage before'), DOCX, text('after')]);
		const view = buffer.subarray(14, 14 + DOCX.length);
		expect(sniffFileType(view)?.label).toBe('DOCX');
		expect(sniffFileType(Buffer.from(ODT))?.label).toBe('ODT');
	});

	it('accepts a DOCX with an archive comment and one written with ZIP64 records', () => {
		expect(sniffFileType(zip(DOCX_PARTS, { comment: 'Écrit par un logiciel' }))?.label).toBe(
			'DOCX'
		);
		// A comment holding a fake end-of-central-directory signature does not mislead the parser.
		const fake = String.fromCharCode(0x50, 0x4b, 0x05, 0x06) + 'x'.repeat(30);
		expect(sniffFileType(zip(DOCX_PARTS, { comment: fake }))?.label).toBe('DOCX');
		expect(sniffFileType(zip(DOCX_PARTS, { zip64: true }))?.label).toBe('DOCX');
	});

	it('refuses an executable renamed .pdf', () => {
		expect(sniffFileType(ELF)).toBeNull();
		expect(sniffFileType(MZ)).toBeNull();
		expect(attachmentProblem('rapport.pdf', ELF, 0)).toBe(typeRefusal('rapport.pdf'));
		expect(attachmentProblem('rapport.pdf', MZ, 0)).toBe(typeRefusal('rapport.pdf'));
	});

	it('refuses other OpenDocument types, ODS included', () => {
		expect(sniffFileType(odf('application/vnd.oasis.opendocument.spreadsheet'))).toBeNull();
		expect(sniffFileType(odf('application/vnd.oasis.opendocument.presentation'))).toBeNull();
		expect(sniffFileType(odf(ODT_MIME + '-template'))).toBeNull();
		expect(sniffFileType(odf(ODT_MIME + '\n'))).toBeNull();
		expect(sniffFileType(odf(ODT_MIME.slice(0, -1)))).toBeNull();
	});

	it('refuses an ODT whose mimetype is compressed or is not the first entry', () => {
		expect(sniffFileType(odf(ODT_MIME, { storeMimetype: false }))).toBeNull();
		const notFirst = zip([
			{ name: 'content.xml', data: CONTENT },
			{ name: 'mimetype', data: ODT_MIME, store: true }
		]);
		expect(sniffFileType(notFirst)).toBeNull();
	});

	it('refuses an XLSX-like package, a macro-enabled document and an ordinary ZIP', () => {
		const xlsx = zip([
			{ name: '[Content_Types].xml', data: CONTENT_TYPES.replaceAll('word', 'xl') },
			{ name: '_rels/.rels', data: RELS.replace('word/document.xml', 'xl/workbook.xml') },
			{ name: 'xl/workbook.xml', data: '<workbook/>' },
			{ name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' }
		]);
		expect(sniffFileType(xlsx)).toBeNull();
		const docm = zip([...DOCX_PARTS, { name: 'word/vbaProject.bin', data: 'macro' }]);
		expect(sniffFileType(docm)).toBeNull();
		expect(sniffFileType(zip([{ name: 'word/document.xml', data: DOCUMENT }]))).toBeNull();
		expect(sniffFileType(zip([{ name: '[Content_Types].xml', data: CONTENT_TYPES }]))).toBeNull();
		expect(sniffFileType(zip([{ name: 'script.exe', data: 'MZ' }]))).toBeNull();
	});

	it('refuses empty files, random bytes and near misses of the signatures', () => {
		expect(sniffFileType(new Uint8Array(0))).toBeNull();
		expect(sniffFileType(text('%PDF'))).toBeNull();
		expect(sniffFileType(text(' %PDF-1.4'))).toBeNull();
		expect(sniffFileType(PNG.subarray(0, 7))).toBeNull();
		expect(sniffFileType(bytes([0xff, 0xd8]))).toBeNull();
		expect(sniffFileType(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
		expect(sniffFileType(text('<html><script>alert(1)</script></html>'))).toBeNull();
		expect(sniffFileType(text('PK\u0003\u0004'))).toBeNull();
		const next = random(42);
		for (let n = 0; n < 200; n++) {
			const noise = Uint8Array.from({ length: 1 + Math.floor(next() * 300) }, () =>
				Math.floor(next() * 256)
			);
			// Random bytes may by chance start with FF D8 FF; they never do here with this seed.
			expect(sniffFileType(noise)).toBeNull();
		}
	});

	it('returns null without throwing on every truncation of a ZIP', () => {
		for (const file of [DOCX, ODT]) {
			for (let length = 0; length < file.length; length++) {
				expect(() => sniffFileType(file.subarray(0, length))).not.toThrow();
				expect(sniffFileType(file.subarray(0, length))).toBeNull();
			}
		}
	});

	it('never throws on corrupted ZIPs, and never takes them for another type', () => {
		const next = random(7);
		for (const file of [DOCX, ODT, zip(DOCX_PARTS, { zip64: true })]) {
			for (let n = 0; n < 1500; n++) {
				const corrupt = Uint8Array.from(file);
				const flips = 1 + Math.floor(next() * 4);
				for (let f = 0; f < flips; f++) {
					corrupt[Math.floor(next() * corrupt.length)] = Math.floor(next() * 256);
				}
				// sniffFileType throwing would fail the test here.
				const result = sniffFileType(corrupt);
				if (result !== null) expect(['DOCX', 'ODT']).toContain(result.label);
			}
		}
	});

	it('refuses crafted directories that point outside the file or claim huge counts', () => {
		const eocd = DOCX.length - 22;
		const patch = (at: number, size: 2 | 4, value: number) => {
			const copy = Uint8Array.from(DOCX);
			copy.set(le(size, value), at);
			return copy;
		};
		expect(sniffFileType(patch(eocd + 16, 4, 0xfffffff0))).toBeNull(); // offset
		expect(sniffFileType(patch(eocd + 12, 4, 0x7fffffff))).toBeNull(); // size
		expect(sniffFileType(patch(eocd + 8, 2, 0xfffe))).toBeNull(); // entries on this disk
		expect(sniffFileType(patch(eocd + 10, 2, 0xfffe))).toBeNull(); // total entries
		expect(sniffFileType(patch(eocd + 10, 2, 0))).toBeNull();
		expect(sniffFileType(patch(eocd + 4, 2, 1))).toBeNull(); // split archive
		expect(sniffFileType(patch(eocd + 20, 2, 10))).toBeNull(); // comment past the end
		expect(sniffFileType(concat([DOCX, text('trailing')]))).toBeNull();
		// ZIP64 marker without a ZIP64 record.
		expect(sniffFileType(patch(eocd + 16, 4, 0xffffffff))).toBeNull();
	});
});

describe('attachment checks', () => {
	it('exports the limits and the list of accepted types', () => {
		expect(MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
		expect(MAX_ATTACHMENTS).toBe(10);
		expect(ACCEPTED_TYPES_LABEL).toBe('PDF, PNG, JPEG, WebP, ODT ou DOCX');
	});

	it.each(accepted)('accepts a %s attachment', (_label, file) => {
		expect(attachmentProblem('piece.bin', file, 0)).toBeNull();
	});

	it('refuses an empty file', () => {
		expect(attachmentProblem('vide.pdf', new Uint8Array(0), 0)).toBe(
			'Le fichier « vide.pdf » est vide.'
		);
	});

	it('accepts exactly 10 MB and refuses 10 MB and one byte', () => {
		expect(attachmentProblem('dossier.pdf', pdfOfSize(MAX_ATTACHMENT_BYTES), 0)).toBeNull();
		expect(attachmentProblem('dossier.pdf', pdfOfSize(MAX_ATTACHMENT_BYTES + 1), 0)).toBe(
			'Le fichier « dossier.pdf » dépasse 10 Mo (il fait 10,0 Mo).'
		);
		expect(attachmentProblem('video.pdf', pdfOfSize(25.5 * 1024 * 1024), 0)).toBe(
			'Le fichier « video.pdf » dépasse 10 Mo (il fait 25,5 Mo).'
		);
	});

	it('refuses an 11th file and accepts the 10th', () => {
		expect(attachmentProblem('dixieme.pdf', PDF, MAX_ATTACHMENTS - 1)).toBeNull();
		expect(attachmentProblem('onzieme.pdf', PDF, MAX_ATTACHMENTS)).toBe(
			'Une candidature compte au plus 10 pièces jointes : retirez-en une avant d’en ajouter.'
		);
	});

	it('refuses bad names, and shows names without their path', () => {
		expect(attachmentProblem('', PDF, 0)).toMatch(/n’a pas de nom/);
		expect(attachmentProblem('..', PDF, 0)).toMatch(/n’est pas valide/);
		expect(attachmentProblem('C:\\fakepath\\note.pdf', ELF, 0)).toBe(typeRefusal('note.pdf'));
	});
});
