// A PGlite backup is a gzipped tar of the data folder, as PGlite's own `dumpDataDir` writes it (PGlite
// reads it back with its `loadDataDir` option). This module checks such a file before PGlite sees it
// (PGlite aborts on a bad one), leaves out the folder's lock file (it belongs to the process that made
// the backup, not to the database) and reads single files from it (secret.key).
import { gunzipSync, gzipSync } from 'node:zlib';
import { LOCK_FILE } from '../db/data-dir-lock';
import { BackupError } from './errors';

const BLOCK = 512;

interface TarMember {
	/** The path inside the data folder, without a leading "/" or "./". */
	name: string;
	/** Where the member's first header (a pax header, if any) starts, and where its data ends. */
	start: number;
	end: number;
	dataStart: number;
	size: number;
}

/** A PGlite backup file's kind, from its first bytes. */
export function backupKind(bytes: Uint8Array): 'pglite' | 'postgres' | 'unknown' {
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'pglite';
	if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === 'PGDMP') return 'postgres';
	return 'unknown';
}

/** The tar inside a PGlite backup, checked; BackupError (French) when it is not one. */
export function readPgliteArchive(bytes: Uint8Array, file: string): Uint8Array {
	let tar: Uint8Array;
	try {
		tar = gunzipSync(bytes);
	} catch {
		throw new BackupError(
			`L’archive ${file} est illisible (fichier gzip tronqué ou abîmé) : elle ne peut pas être restaurée.`
		);
	}
	const members = tarMembers(tar, file);
	if (!members.some((m) => m.name === 'PG_VERSION'))
		throw new BackupError(
			`L’archive ${file} ne contient pas de dossier PGlite (pas de PG_VERSION) : ` +
				'ce n’est pas une sauvegarde faite par « npm run db:backup ».'
		);
	return tar;
}

/** The tar without the folder's lock file (and its temporary or guard files). */
export function withoutLockFile(tar: Uint8Array, file: string): Uint8Array<ArrayBuffer> {
	const kept = tarMembers(tar, file).filter((m) => !m.name.startsWith(LOCK_FILE));
	const length = kept.reduce((sum, m) => sum + m.end - m.start, 0);
	const out = new Uint8Array(length + BLOCK * 2); // ends with two zero blocks, as a tar does
	let at = 0;
	for (const m of kept) {
		out.set(tar.subarray(m.start, m.end), at);
		at += m.end - m.start;
	}
	return out;
}

/** The text of one file of the tar, or undefined. */
export function tarFileText(tar: Uint8Array, name: string, file: string): string | undefined {
	const member = tarMembers(tar, file).find((m) => m.name === name);
	if (!member) return undefined;
	return Buffer.from(tar.subarray(member.dataStart, member.dataStart + member.size)).toString(
		'utf8'
	);
}

export function gzip(tar: Uint8Array): Buffer {
	return gzipSync(tar);
}

function tarMembers(tar: Uint8Array, file: string): TarMember[] {
	const members: TarMember[] = [];
	let offset = 0;
	let start: number | undefined;
	let paxName: string | undefined;
	const unreadable = () =>
		new BackupError(
			`L’archive ${file} est illisible (tar abîmé) : elle ne peut pas être restaurée.`
		);
	while (offset + BLOCK <= tar.length) {
		const header = tar.subarray(offset, offset + BLOCK);
		if (header.every((b) => b === 0)) return members;
		const size = parseOctal(header.subarray(124, 136));
		if (size === undefined || !checksumMatches(header)) throw unreadable();
		const type = String.fromCharCode(header[156] || 0x30);
		const dataStart = offset + BLOCK;
		const end = dataStart + Math.ceil(size / BLOCK) * BLOCK;
		if (end > tar.length) throw unreadable();
		start ??= offset;
		if (type === 'x') {
			paxName = paxPath(tar.subarray(dataStart, dataStart + size));
		} else if (type !== 'g') {
			const prefix = text(header.subarray(345, 500));
			const name =
				paxName ??
				(prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
			members.push({ name: name.replace(/^(\.?\/)+/, ''), start, end, dataStart, size });
			start = undefined;
			paxName = undefined;
		}
		offset = end;
	}
	throw unreadable();
}

function text(bytes: Uint8Array): string {
	const nul = bytes.indexOf(0);
	return Buffer.from(nul === -1 ? bytes : bytes.subarray(0, nul)).toString('utf8');
}

function parseOctal(bytes: Uint8Array): number | undefined {
	const digits = text(bytes).trim();
	if (!/^[0-7]*$/.test(digits)) return undefined;
	return digits === '' ? 0 : parseInt(digits, 8);
}

function checksumMatches(header: Uint8Array): boolean {
	const recorded = parseOctal(header.subarray(148, 156));
	let sum = 0;
	for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
	return recorded === sum;
}

function paxPath(records: Uint8Array): string | undefined {
	const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(records).toString('utf8'));
	return match?.[1];
}
