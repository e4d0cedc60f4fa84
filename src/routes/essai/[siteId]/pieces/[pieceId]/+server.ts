// Download of an attachment of a trial report: the site's contact, the organisers, and the
// candidature's team once the report is transmitted; always as a download, with the type sniffed at
// upload time and never guessed again by the browser.
import { error } from '@sveltejs/kit';
import { TRIAL_SITE_NOT_FOUND, whyNotDownloadTrialAttachment } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { loadEntryAccess } from '$lib/server/db/entry-access';
import { findReportAttachment, findReportSite } from '$lib/server/db/trial-reports';
import { contentDisposition } from '$lib/server/files/names';
import type { RequestHandler } from './$types';
import { parseId } from '$lib/domain/integer';

const NOT_FOUND = 'Cette pièce jointe n’existe pas.';

export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(401, 'Connectez-vous pour télécharger cette pièce jointe.');
	const siteId = parseId(params.siteId);
	const pieceId = parseId(params.pieceId);
	if (siteId === null || pieceId === null) error(404, NOT_FOUND);
	const site = await findReportSite(db(), siteId);
	if (!site) error(404, TRIAL_SITE_NOT_FOUND);
	const access = await loadEntryAccess(db(), locals.user.id, site.entry_id);
	const refusal = whyNotDownloadTrialAttachment(
		locals.user,
		site.contact_user_id === locals.user.id,
		access?.relation ?? null,
		site.report_status
	);
	if (refusal) error(refusal === TRIAL_SITE_NOT_FOUND ? 404 : 403, refusal);
	const piece = await findReportAttachment(db(), siteId, pieceId);
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
