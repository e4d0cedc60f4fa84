// Download of an attachment by a juror the candidature is assigned to in that round, without a conflict
// of interest (or an organiser): always as a download, with the type sniffed at upload time. Anyone
// else gets the same 404 as for an attachment that does not exist.
import { error } from '@sveltejs/kit';
import { whyNotArea } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { findJuryAttachment } from '$lib/server/db/reviews';
import { contentDisposition } from '$lib/server/files/names';
import { entryParams } from '../../../../../params';
import type { RequestHandler } from './$types';
import { parseId } from '$lib/domain/integer';

const NOT_FOUND = 'Cette pièce jointe n’existe pas ou ne vous est pas accessible.';

export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(401, 'Connectez-vous pour télécharger cette pièce jointe.');
	const refusal = whyNotArea(locals.user, 'jury');
	if (refusal) error(403, refusal);
	const { editionId, round, entryId } = entryParams(params);
	const pieceId = parseId(params.pieceId);
	if (pieceId === null) error(404, NOT_FOUND);
	const piece = await findJuryAttachment(db(), locals.user, {
		editionId,
		round,
		entryId,
		attachmentId: pieceId
	});
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
