// One certificate's PDF, for the organisers: made from the stored row (same bytes every time).
import { error } from '@sveltejs/kit';
import { whyNotDownloadCertificate } from '$lib/server/auth/permissions';
import { config } from '$lib/server/config';
import { marianneCertificateFonts } from '$lib/server/certificates/fonts';
import { certificateDownload, siteOrigin } from '$lib/server/certificates/render';
import { db } from '$lib/server/db/app';
import { findEditionCertificate } from '$lib/server/db/certificates';
import { CERTIFICATE_NOT_FOUND, certificateEdition, certificateParam } from '../params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { user, edition } = await certificateEdition(locals, url, params);
	const row = await findEditionCertificate(
		db(),
		edition.id,
		certificateParam(params.certificateId)
	);
	if (!row) error(404, CERTIFICATE_NOT_FOUND);
	const refusal = whyNotDownloadCertificate(user, {
		isRecipient: false,
		revokedAt: row.revoked_at
	});
	if (refusal) error(row.revoked_at ? 410 : 403, refusal);
	return certificateDownload(
		row,
		siteOrigin(config().origin, url),
		await marianneCertificateFonts()
	);
};
