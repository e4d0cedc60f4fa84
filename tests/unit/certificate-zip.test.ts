// The streamed ZIP archive (src/lib/server/certificates/zip.ts) and the progress counter that reads it
// as it arrives (src/lib/zip-progress.ts): a valid archive, made one entry per pull (never whole), whose
// entries are counted as they complete, whatever the chunking — even when an entry's bytes contain
// what looks like a data descriptor.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipStream, type ZipEntry } from '../../src/lib/server/certificates/zip';
import { ZipEntryCounter } from '../../src/lib/zip-progress';

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function entry(name: string, size: number, made: string[] = []): ZipEntry {
	return {
		name,
		modified: new Date('2027-07-01T08:00:00Z'),
		bytes: async () => {
			made.push(name);
			const bytes = Uint8Array.from({ length: size }, () => Math.floor(random() * 256));
			// False data descriptors inside the file: signature, CRC, and sizes of 0; then of its offset
			// (not followed by a header's signature).
			if (size > 64) bytes.set([0x50, 0x4b, 0x07, 0x08, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0], 10);
			if (size > 64) bytes.set([0x50, 0x4b, 0x07, 0x08, 1, 2, 3, 4, 40, 0, 0, 0, 40, 0, 0, 0], 40);
			return bytes;
		}
	};
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
	const chunks: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return chunks;
		chunks.push(value);
	}
}

const join = (chunks: Uint8Array[]) => {
	const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
	let at = 0;
	for (const chunk of chunks) out.set(chunk, (at += chunk.length) - chunk.length);
	return out;
};

/** Re-cuts bytes into chunks of random sizes (1 byte to 3 kB). */
function rechunk(bytes: Uint8Array): Uint8Array[] {
	const chunks: Uint8Array[] = [];
	for (let at = 0; at < bytes.length;) {
		const size = 1 + Math.floor(random() * random() * 3000);
		chunks.push(bytes.subarray(at, at + size));
		at += size;
	}
	return chunks;
}

describe('the streamed ZIP archive', () => {
	it('is a valid archive of every entry, names made unique', async () => {
		const entries = [
			entry('a.pdf', 5000),
			entry('b.pdf', 0),
			entry('a.pdf', 70),
			entry('c.pdf', 1)
		];
		const archive = join(await readAll(zipStream(entries)));
		const files = unzipSync(archive);
		expect(Object.keys(files)).toEqual(['a.pdf', 'b.pdf', 'a-2.pdf', 'c.pdf']);
		expect(files['a.pdf']).toHaveLength(5000);
		// The end record counts the entries (what the end-to-end test reads).
		const end = archive.length - 22;
		expect(archive[end]).toBe(0x50);
		expect(archive[end + 10] | (archive[end + 11] << 8)).toBe(4);
	});

	it('makes each entry only when the reader asks for more', async () => {
		const made: string[] = [];
		const stream = zipStream([1, 2, 3, 4, 5].map((n) => entry(`${n}.pdf`, 100, made)));
		const reader = stream.getReader();
		await reader.read();
		expect(made.length).toBeLessThanOrEqual(2);
		await reader.cancel();
	});

	it('gives an empty but valid archive when there is nothing', async () => {
		const archive = join(await readAll(zipStream([])));
		expect(Object.keys(unzipSync(archive))).toEqual([]);
	});
});

describe('counting entries as they arrive', () => {
	it('counts every entry once it has fully arrived, whatever the chunks', async () => {
		const sizes = [3000, 100, 0, 1, 20_000, 65, 4096];
		const archive = join(
			await readAll(zipStream(sizes.map((size, i) => entry(`certificat-${i}.pdf`, size))))
		);
		for (let round = 0; round < 20; round++) {
			const counter = new ZipEntryCounter();
			let received = 0;
			let last = 0;
			for (const chunk of rechunk(archive)) {
				received += chunk.length;
				const count = counter.push(chunk);
				expect(count).toBeGreaterThanOrEqual(last);
				last = count;
				// Never ahead of the bytes: an entry counts once its descriptor has arrived.
				const complete = completeEntries(archive, received);
				expect(count).toBe(complete);
			}
			expect(counter.entries).toBe(sizes.length);
			expect(counter.finished).toBe(true);
			expect(counter.unreadable).toBe(false);
		}
	});

	it('says when the bytes are not a ZIP archive', () => {
		const counter = new ZipEntryCounter();
		counter.push(new TextEncoder().encode('<!doctype html><p>Erreur</p>'));
		expect(counter.unreadable).toBe(true);
		expect(counter.entries).toBe(0);
	});
});

/** Entries of `archive` whose data descriptor ends within its first `received` bytes (by parsing). */
function completeEntries(archive: Uint8Array, received: number): number {
	const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
	const count = view.getUint16(archive.length - 12, true);
	let directory = view.getUint32(archive.length - 6, true);
	let complete = 0;
	for (let i = 0; i < count; i++) {
		const offset = view.getUint32(directory + 42, true);
		const size = view.getUint32(directory + 20, true);
		const header = 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
		// Counted once the descriptor and the next signature (4 bytes) have arrived.
		if (offset + header + size + 16 + 4 <= received) complete++;
		directory +=
			46 +
			view.getUint16(directory + 28, true) +
			view.getUint16(directory + 30, true) +
			view.getUint16(directory + 32, true);
	}
	return complete;
}
