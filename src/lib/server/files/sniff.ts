// The type of an uploaded file, read from its bytes: the name and the browser's declared type
// are never trusted. Only the types below are recognised; anything else is refused.

import { displayFileName, fileNameProblem } from './names';

export type SniffedType = { mime: string; extension: string; label: string };

export const ACCEPTED_TYPES_LABEL = 'PDF, PNG, JPEG, WebP, ODT ou DOCX';
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

const PDF: SniffedType = { mime: 'application/pdf', extension: 'pdf', label: 'PDF' };
const PNG: SniffedType = { mime: 'image/png', extension: 'png', label: 'PNG' };
const JPEG: SniffedType = { mime: 'image/jpeg', extension: 'jpg', label: 'JPEG' };
const WEBP: SniffedType = { mime: 'image/webp', extension: 'webp', label: 'WebP' };
const ODT_MIME = 'application/vnd.oasis.opendocument.text';
const ODT: SniffedType = { mime: ODT_MIME, extension: 'odt', label: 'ODT' };
const DOCX: SniffedType = {
	mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	extension: 'docx',
	label: 'DOCX'
};

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(text: string): number[] {
	return Array.from(text, (c) => c.charCodeAt(0));
}

// ZIP structures (APPNOTE.TXT): all integers little-endian.
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const EOCD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;
/** Far more than any document needs; bounds the work done on a hostile archive. */
const MAX_ENTRIES = 20_000;

type ZipEntry = {
	name: string;
	method: number;
	compressedSize: number;
	uncompressedSize: number;
	localHeaderOffset: number;
};

class Reader {
	readonly view: DataView;
	constructor(readonly bytes: Uint8Array) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}
	fits(offset: number, length: number): boolean {
		return Number.isSafeInteger(offset) && offset >= 0 && offset + length <= this.bytes.length;
	}
	u16(offset: number): number {
		return this.view.getUint16(offset, true);
	}
	u32(offset: number): number {
		return this.view.getUint32(offset, true);
	}
	/** 64-bit value, or NaN when it does not fit in a safe integer. */
	u64(offset: number): number {
		const high = this.u32(offset + 4);
		return high >= 0x200000 ? NaN : high * 0x100000000 + this.u32(offset);
	}
	/** Bytes as a string, one character per byte: names we look for are plain ASCII. */
	latin1(offset: number, length: number): string {
		let out = '';
		for (let i = 0; i < length; i++) out += String.fromCharCode(this.bytes[offset + i]);
		return out;
	}
}

/** Where the central directory is, from the (ZIP64) end-of-central-directory record. */
function findCentralDirectory(
	r: Reader
): { offset: number; size: number; entries: number; end: number } | null {
	const last = r.bytes.length - EOCD_SIZE;
	const first = Math.max(0, last - MAX_COMMENT);
	for (let eocd = last; eocd >= first; eocd--) {
		if (r.u32(eocd) !== END_OF_CENTRAL_DIRECTORY) continue;
		// The comment must run exactly to the end of the file: a signature inside a comment or
		// inside compressed data does not qualify.
		if (eocd + EOCD_SIZE + r.u16(eocd + 20) !== r.bytes.length) continue;
		const disk = r.u16(eocd + 4);
		const cdDisk = r.u16(eocd + 6);
		let entriesOnDisk = r.u16(eocd + 8);
		let entries = r.u16(eocd + 10);
		let size = r.u32(eocd + 12);
		let offset = r.u32(eocd + 16);
		let end = eocd;
		if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
			const locator = eocd - 20;
			if (!r.fits(locator, 20) || r.u32(locator) !== ZIP64_END_LOCATOR) return null;
			const zip64 = r.u64(locator + 8);
			if (!r.fits(zip64, 56) || zip64 + 56 > locator || r.u32(zip64) !== ZIP64_END) return null;
			if (r.u32(zip64 + 16) !== 0 || r.u32(zip64 + 20) !== 0) return null;
			entriesOnDisk = r.u64(zip64 + 24);
			entries = r.u64(zip64 + 32);
			size = r.u64(zip64 + 40);
			offset = r.u64(zip64 + 48);
			end = zip64;
		} else if (disk !== 0 || cdDisk !== 0) {
			return null; // Split archives are not documents.
		}
		if (entriesOnDisk !== entries || !(entries > 0) || entries > MAX_ENTRIES) return null;
		if (!r.fits(offset, size) || offset + size > end) return null;
		return { offset, size, entries, end };
	}
	return null;
}

/** The central directory entries of a ZIP, or null if the structure is not sound. */
function readZipEntries(bytes: Uint8Array): ZipEntry[] | null {
	if (bytes.length < LOCAL_HEADER_SIZE + EOCD_SIZE) return null;
	const r = new Reader(bytes);
	if (r.u32(0) !== LOCAL_HEADER) return null;
	const cd = findCentralDirectory(r);
	if (!cd) return null;
	const entries: ZipEntry[] = [];
	let at = cd.offset;
	const limit = cd.offset + cd.size;
	for (let i = 0; i < cd.entries; i++) {
		if (at + CENTRAL_HEADER_SIZE > limit || r.u32(at) !== CENTRAL_HEADER) return null;
		const nameLength = r.u16(at + 28);
		const extraLength = r.u16(at + 30);
		const commentLength = r.u16(at + 32);
		const next = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
		if (next > limit) return null;
		let compressedSize = r.u32(at + 20);
		let uncompressedSize = r.u32(at + 24);
		let localHeaderOffset = r.u32(at + 42);
		// ZIP64 extended information (header 0x0001) replaces the fields set to 0xFFFFFFFF.
		let extra = at + CENTRAL_HEADER_SIZE + nameLength;
		const extraEnd = extra + extraLength;
		while (extra + 4 <= extraEnd) {
			const id = r.u16(extra);
			const length = r.u16(extra + 2);
			if (extra + 4 + length > extraEnd) return null;
			if (id === 0x0001) {
				let field = extra + 4;
				const take = (): number => {
					if (field + 8 > extra + 4 + length) return NaN;
					const value = r.u64(field);
					field += 8;
					return value;
				};
				if (uncompressedSize === 0xffffffff) uncompressedSize = take();
				if (compressedSize === 0xffffffff) compressedSize = take();
				if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
			}
			extra += 4 + length;
		}
		if (!r.fits(localHeaderOffset, LOCAL_HEADER_SIZE) || localHeaderOffset >= cd.offset) {
			return null;
		}
		if (!Number.isSafeInteger(compressedSize) || !Number.isSafeInteger(uncompressedSize)) {
			return null;
		}
		entries.push({
			name: r.latin1(at + CENTRAL_HEADER_SIZE, nameLength),
			method: r.u16(at + 10),
			compressedSize,
			uncompressedSize,
			localHeaderOffset
		});
		at = next;
	}
	return entries;
}

/** The stored bytes of an entry, checked against its local header; null if inconsistent. */
function storedContent(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
	const r = new Reader(bytes);
	const at = entry.localHeaderOffset;
	if (!r.fits(at, LOCAL_HEADER_SIZE) || r.u32(at) !== LOCAL_HEADER) return null;
	// Encrypted (flag bit 0) or compressed content is not a plain `mimetype` file.
	if ((r.u16(at + 6) & 0x0001) !== 0 || r.u16(at + 8) !== 0 || entry.method !== 0) return null;
	if (entry.compressedSize !== entry.uncompressedSize) return null;
	const nameLength = r.u16(at + 26);
	if (r.latin1(at + LOCAL_HEADER_SIZE, nameLength) !== entry.name) return null;
	const data = at + LOCAL_HEADER_SIZE + nameLength + r.u16(at + 28);
	if (!r.fits(data, entry.compressedSize)) return null;
	return bytes.subarray(data, data + entry.compressedSize);
}

function hasLocalHeader(bytes: Uint8Array, entry: ZipEntry): boolean {
	const r = new Reader(bytes);
	return r.fits(entry.localHeaderOffset, 4) && r.u32(entry.localHeaderOffset) === LOCAL_HEADER;
}

function sniffZip(bytes: Uint8Array): SniffedType | null {
	const entries = readZipEntries(bytes);
	if (!entries) return null;
	// OpenDocument: the first entry is an uncompressed `mimetype` file naming the document type.
	const first = entries.find((e) => e.localHeaderOffset === 0);
	if (first?.name === 'mimetype') {
		const content = storedContent(bytes, first);
		if (!content || content.length !== ODT_MIME.length) return null;
		return startsWith(content, ascii(ODT_MIME)) ? ODT : null;
	}
	// Office Open XML word-processing document. Macro-enabled documents (.docm) are not DOCX.
	if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return null;
	const contentTypes = entries.find((e) => e.name === '[Content_Types].xml');
	const word = entries.find((e) => e.name.startsWith('word/') && e.name.length > 'word/'.length);
	if (!contentTypes || !word) return null;
	if (!hasLocalHeader(bytes, contentTypes) || !hasLocalHeader(bytes, word)) return null;
	return DOCX;
}

/** The type of a file from its content, or null if it is not one of the accepted types. */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
	try {
		if (startsWith(bytes, ascii('%PDF-'))) return PDF;
		if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
		if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
		if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return WEBP;
		if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
		return null;
	} catch {
		// Every read is bounds-checked; this only guards against a mistake becoming a 500.
		return null;
	}
}

/** French number with one decimal: 10,0. */
function megabytes(bytes: number): string {
	return (bytes / (1024 * 1024)).toFixed(1).replace('.', ',');
}

/**
 * The French reason an attachment is refused, or null when it can be added to a candidature
 * that already has `alreadyAttached` files.
 */
export function attachmentProblem(
	name: string,
	bytes: Uint8Array,
	alreadyAttached: number
): string | null {
	if (alreadyAttached >= MAX_ATTACHMENTS) {
		return `Une candidature compte au plus ${MAX_ATTACHMENTS} pièces jointes : retirez-en une avant d’en ajouter.`;
	}
	const nameProblem = fileNameProblem(name);
	if (nameProblem) return nameProblem;
	const shown = displayFileName(name);
	if (bytes.length === 0) return `Le fichier « ${shown} » est vide.`;
	if (bytes.length > MAX_ATTACHMENT_BYTES) {
		return `Le fichier « ${shown} » dépasse ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} Mo (il fait ${megabytes(bytes.length)} Mo).`;
	}
	if (!sniffFileType(bytes)) {
		return `Le fichier « ${shown} » n’est pas d’un type accepté (${ACCEPTED_TYPES_LABEL}) : son contenu a été vérifié, pas seulement son nom.`;
	}
	return null;
}
