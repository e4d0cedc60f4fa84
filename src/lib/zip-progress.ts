// Counts the entries of a ZIP archive as its bytes arrive (client-safe), to show the progress of a
// streamed download. It walks the archive's structure: a local file header (signature PK\3\4) gives
// the entry's name and extra lengths, then either its size (no data descriptor) or, when flag 8 is set
// (as fflate's streaming `Zip` writes), the data runs until a data descriptor (PK\7\8, CRC, sizes) whose
// compressed size equals the bytes seen since the header and which is followed by the next header's
// signature — a check that the bytes of a file (PDFs here) do not pass by chance. The central
// directory (PK\1\2) or the end record ends the count.
//
// Memory stays small: only the bytes of a header being read, or the last 19 bytes of an entry's data
// (a descriptor and the next signature may straddle two chunks), are kept.

const LOCAL_HEADER = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_RECORD = 0x06054b50;

export class ZipEntryCounter {
	/** Entries whose bytes have all arrived. */
	entries = 0;
	/** The archive's directory was reached: every entry has arrived. */
	finished = false;
	/** The bytes are not a ZIP archive this counter can read (counting stops). */
	unreadable = false;

	private state: 'header' | 'sized' | 'described' = 'header';
	private pending: Uint8Array = new Uint8Array(0);
	/** 'sized': bytes of data still to skip. 'described': bytes of data seen so far. */
	private size = 0;

	/** Reads the next bytes of the archive; returns the number of complete entries so far. */
	push(chunk: Uint8Array): number {
		if (this.finished || this.unreadable) return this.entries;
		const bytes = concat(this.pending, chunk);
		let at = 0;
		for (;;) {
			if (this.state === 'header') {
				if (bytes.length - at < 4) break;
				const signature = u32(bytes, at);
				if (signature === CENTRAL_HEADER || signature === END_RECORD) {
					this.finished = true;
					break;
				}
				if (signature !== LOCAL_HEADER) {
					this.unreadable = true;
					break;
				}
				if (bytes.length - at < 30) break;
				const flags = u16(bytes, at + 6);
				const headerLength = 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
				if (bytes.length - at < headerLength) break;
				if (flags & 8) {
					this.state = 'described';
					this.size = 0;
				} else {
					this.state = 'sized';
					this.size = u32(bytes, at + 18);
				}
				at += headerLength;
			} else if (this.state === 'sized') {
				const skipped = Math.min(this.size, bytes.length - at);
				at += skipped;
				this.size -= skipped;
				if (this.size > 0) break;
				this.entries++;
				this.state = 'header';
			} else {
				const found = this.findDescriptor(bytes, at);
				if (found === null) {
					// Keep the last 19 bytes: a descriptor (16 bytes) and a signature may begin there.
					const keep = Math.max(at, bytes.length - 19);
					this.size += keep - at;
					at = keep;
					break;
				}
				this.size = 0;
				at = found + 16;
				this.entries++;
				this.state = 'header';
			}
		}
		this.pending = bytes.slice(at);
		return this.entries;
	}

	/** Where the current entry's data descriptor starts in `bytes`, or null when not there yet. */
	private findDescriptor(bytes: Uint8Array, from: number): number | null {
		for (let i = from; i + 20 <= bytes.length; i++) {
			if (bytes[i] !== 0x50 || bytes[i + 1] !== 0x4b || u32(bytes, i) !== DESCRIPTOR) continue;
			const dataLength = this.size + (i - from);
			if (u32(bytes, i + 8) !== dataLength % 2 ** 32) continue;
			const next = u32(bytes, i + 16);
			if (next === LOCAL_HEADER || next === CENTRAL_HEADER || next === END_RECORD) return i;
		}
		return null;
	}
}

function u16(bytes: Uint8Array, at: number): number {
	return bytes[at] | (bytes[at + 1] << 8);
}

function u32(bytes: Uint8Array, at: number): number {
	return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	if (a.length === 0) return b;
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}
