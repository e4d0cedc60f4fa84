// Every valid certificate of the edition as one ZIP archive, streamed: each PDF is made when the
// archive's reader asks for more, so the archive is never held whole. Revoked certificates are left
// out (they are void; /verifier says so). `X-Certificate-Count` gives the number of entries, so that
// the organisers' page can show the progress while the archive is prepared (src/lib/zip-progress.ts).
import { config } from '$lib/server/config';
import { marianneCertificateFonts } from '$lib/server/certificates/fonts';
import { certificateInput, siteOrigin } from '$lib/server/certificates/render';
import { zipStream } from '$lib/server/certificates/zip';
import { db } from '$lib/server/db/app';
import { validEditionCertificates } from '$lib/server/db/certificates';
import { certificateFileName, certificatePdf } from '$lib/server/pdf/certificate';
import { certificateEdition } from '../params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	// Organisers only (certificateEdition checks the permission, or answers 401/403/404).
	const { edition } = await certificateEdition(locals, url, params);
	const [rows, fonts] = await Promise.all([
		validEditionCertificates(db(), edition.id).execute(),
		marianneCertificateFonts()
	]);
	const origin = siteOrigin(config().origin, url);
	const entries = rows.map((row) => {
		const input = certificateInput(row, origin);
		return {
			name: certificateFileName(input),
			modified: row.issued_at,
			bytes: () => certificatePdf(input, fonts)
		};
	});
	return new Response(zipStream(entries), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="attestations-${edition.year}.zip"`,
			'x-certificate-count': String(rows.length),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
