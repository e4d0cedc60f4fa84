// Download of an attachment: the team and the organisers only, always as a download, with the
// type sniffed at upload time and never guessed again by the browser.
import { error } from '@sveltejs/kit';
import { whyNotReadEntry } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { findAttachment } from '$lib/server/db/attachments';
import { loadEntryAccess } from '$lib/server/db/entry-access';
import { contentDisposition } from '$lib/server/files/names';
import type { RequestHandler } from './$types';
import { parseId } from '$lib/domain/integer';

const NOT_FOUND = 'Cette pièce jointe n’existe pas.';

export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(401, 'Connectez-vous pour télécharger cette pièce jointe.');
	const entryId = parseId(params.id);
	const pieceId = parseId(params.pieceId);
	if (entryId === null || pieceId === null) error(404, NOT_FOUND);
	const access = await loadEntryAccess(db(), locals.user.id, entryId);
	if (!access) error(404, NOT_FOUND);
	const refusal = whyNotReadEntry(access.relation);
	if (refusal) error(403, refusal);
	const piece = await findAttachment(db(), entryId, pieceId);
	if (!piece) error(404, NOT_FOUND);
	const body = new Uint8Array(piece.content);
	return new Response(body, {
		headers: {
			'Content-Type': piece.mime,
			'Content-Disposition': contentDisposition(piece.file_name),
			'Content-Length': String(body.byteLength),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store'
		}
	});
};
