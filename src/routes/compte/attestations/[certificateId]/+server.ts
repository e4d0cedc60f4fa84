// One of a person's own certificates as a PDF. A certificate that is not addressed to him answers
// 404 (its existence is not revealed, organisers included: they download from the edition's page);
// a revoked one 410.
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { CERTIFICATE_NOT_YOURS, whyNotDownloadCertificate } from '$lib/server/auth/permissions';
import { config } from '$lib/server/config';
import { marianneCertificateFonts } from '$lib/server/certificates/fonts';
import { certificateDownload, siteOrigin } from '$lib/server/certificates/render';
import { db } from '$lib/server/db/app';
import { findUserCertificate } from '$lib/server/db/certificates';
import type { RequestHandler } from './$types';
import { parseId } from '$lib/domain/integer';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const id = parseId(params.certificateId);
	const row = id !== null ? await findUserCertificate(db(), user.id, id) : undefined;
	const refusal = whyNotDownloadCertificate(user, {
		isRecipient: row !== undefined,
		revokedAt: row?.revoked_at ?? null
	});
	if (!row || refusal === CERTIFICATE_NOT_YOURS) error(404, CERTIFICATE_NOT_YOURS);
	if (refusal) error(410, refusal);
	return certificateDownload(
		row,
		siteOrigin(config().origin, url),
		await marianneCertificateFonts()
	);
};
