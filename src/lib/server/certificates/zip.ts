// A ZIP archive written as a stream (fflate's `Zip`, entries stored as they are: PDFs are already
// compressed): each entry is made when the reader asks for more, so the archive is never held whole —
// one PDF at a time. Entries are written with a data descriptor after their bytes (fflate's way);
// src/lib/zip-progress.ts counts them as they arrive.
import { Zip, ZipPassThrough } from 'fflate';

export interface ZipEntry {
	name: string;
	/** The entry's date in the archive. */
	modified: Date;
	bytes: () => Promise<Uint8Array>;
}

/** The archive of `entries`, made one entry per pull of the stream. */
export function zipStream(
	entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>
): ReadableStream<Uint8Array> {
	const iterator =
		Symbol.asyncIterator in entries
			? entries[Symbol.asyncIterator]()
			: (entries as Iterable<ZipEntry>)[Symbol.iterator]();
	const names = new Set<string>();
	let zip: Zip;
	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				zip = new Zip((error, chunk, final) => {
					if (error) return controller.error(error);
					if (chunk.length > 0) controller.enqueue(chunk);
					if (final) controller.close();
				});
			},
			async pull() {
				const next = await iterator.next();
				if (next.done) {
					zip.end();
					return;
				}
				const entry = next.value;
				const file = new ZipPassThrough(uniqueName(entry.name, names));
				file.mtime = entry.modified;
				zip.add(file);
				file.push(await entry.bytes(), true);
			},
			async cancel() {
				zip.terminate();
				await iterator.return?.();
			}
		},
		{ highWaterMark: 1 }
	);
}

/** `name`, or `name-2.ext`, `name-3.ext`… when it is already in the archive. */
function uniqueName(name: string, names: Set<string>): string {
	let unique = name;
	for (let n = 2; names.has(unique); n++) unique = name.replace(/(\.[^.]*)?$/, `-${n}$1`);
	names.add(unique);
	return unique;
}
