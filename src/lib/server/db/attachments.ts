// Attachments of a candidature: stored in the database with their SHA-256, checked by their bytes
// (files/sniff.ts). Adding and removing re-check the permission inside the transaction, with the
// candidature's row locked, so that a concurrent state change or upload cannot slip past the rules.
import { createHash } from 'node:crypto';
import { whyNotEditDossier } from '../auth/permissions';
import { attachmentProblem, sniffFileType } from '../files/sniff';
import { safeFileName } from '../files/names';
import { loadEntryAccess } from './entry-access';
import type { Db } from './index';

export type UploadedFile = { name: string; bytes: Uint8Array };

/** The attachments of a candidature, without their content, oldest first. */
export async function listAttachments(db: Db, entryId: number) {
	return db
		.selectFrom('attachments as a')
		.leftJoin('users as u', 'u.id', 'a.uploaded_by')
		.where('a.entry_id', '=', entryId)
		.select(['a.id', 'a.file_name', 'a.mime', 'a.size', 'a.sha256', 'a.created_at'])
		.select('u.name as uploader_name')
		.orderBy('a.created_at')
		.orderBy('a.id')
		.execute();
}

/** One attachment with its content, if it belongs to that candidature. */
export async function findAttachment(db: Db, entryId: number, attachmentId: number) {
	return db
		.selectFrom('attachments')
		.where('entry_id', '=', entryId)
		.where('id', '=', attachmentId)
		.select(['id', 'file_name', 'mime', 'size', 'sha256', 'content'])
		.executeTakeFirst();
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Locks the candidature and returns why `userId` may not change its attachments, or null. */
async function lockForEdit(trx: Db, userId: number, entryId: number): Promise<string | null> {
	const locked = await trx
		.selectFrom('entries')
		.select('id')
		.where('id', '=', entryId)
		.forUpdate()
		.executeTakeFirst();
	if (!locked) return 'Cette candidature n’existe pas.';
	const access = await loadEntryAccess(trx, userId, entryId);
	if (!access) return 'Cette candidature n’existe pas.';
	return whyNotEditDossier(access.relation, access.entry.state);
}

export type AddAttachmentsResult =
	| { ok: false; message: string }
	| {
			ok: true;
			added: { id: number; fileName: string }[];
			refused: { name: string; message: string }[];
	  };

/**
 * Adds files to a candidature in one transaction. Each file is checked on its own (type from its
 * bytes, size, name, the limit of attachments counting those already stored): a refused file gets
 * its French reason and nothing of it is stored; the accepted ones are stored.
 */
export async function addAttachments(
	db: Db,
	userId: number,
	entryId: number,
	files: UploadedFile[]
): Promise<AddAttachmentsResult> {
	return db.transaction().execute(async (trx) => {
		const refusal = await lockForEdit(trx, userId, entryId);
		if (refusal) return { ok: false, message: refusal } as const;
		const row = await trx
			.selectFrom('attachments')
			.where('entry_id', '=', entryId)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		let count = Number(row.n);
		const added: { id: number; fileName: string }[] = [];
		const refused: { name: string; message: string }[] = [];
		for (const file of files) {
			const problem = attachmentProblem(file.name, file.bytes, count);
			const type = problem ? null : sniffFileType(file.bytes);
			if (problem || !type) {
				refused.push({ name: file.name, message: problem ?? 'Ce fichier n’est pas accepté.' });
				continue;
			}
			const fileName = safeFileName(file.name, type.extension);
			const inserted = await trx
				.insertInto('attachments')
				.values({
					entry_id: entryId,
					file_name: fileName,
					mime: type.mime,
					size: file.bytes.length,
					sha256: sha256Hex(file.bytes),
					content: file.bytes,
					uploaded_by: userId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			added.push({ id: inserted.id, fileName });
			count++;
		}
		return { ok: true, added, refused } as const;
	});
}

/** Removes one attachment while the dossier is editable by `userId`. */
export async function removeAttachment(
	db: Db,
	userId: number,
	entryId: number,
	attachmentId: number
): Promise<{ ok: true; fileName: string } | { ok: false; status: 403 | 404; message: string }> {
	return db.transaction().execute(async (trx) => {
		const refusal = await lockForEdit(trx, userId, entryId);
		if (refusal) return { ok: false, status: 403, message: refusal } as const;
		const removed = await trx
			.deleteFrom('attachments')
			.where('entry_id', '=', entryId)
			.where('id', '=', attachmentId)
			.returning('file_name')
			.executeTakeFirst();
		if (!removed)
			return {
				ok: false,
				status: 404,
				message: 'Cette pièce jointe n’existe pas ou a déjà été retirée.'
			} as const;
		return { ok: true, fileName: removed.file_name } as const;
	});
}
