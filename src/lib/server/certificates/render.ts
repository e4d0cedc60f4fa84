// A stored certificate as its PDF (src/lib/server/pdf/certificate.ts) and as an HTTP answer: made on
// the fly from the row, so the same row always gives the same bytes. The verification link uses the
// configured ORIGIN, else the request's.
import type { CertificateRow } from '../db/certificates';
import {
	certificateFileName,
	certificatePdf,
	type CertificateFonts,
	type CertificateInput
} from '../pdf/certificate';
import { formatCode } from './codes';

/** The public address of the site, for verification links: ORIGIN when set, else the request's. */
export function siteOrigin(configured: string | undefined, request: URL): string {
	return (configured ?? request.origin).replace(/\/+$/, '');
}

export function certificateInput(row: CertificateRow, origin: string): CertificateInput {
	return {
		kind: row.kind,
		code: row.code,
		verifyUrl: `${origin}/verifier/${formatCode(row.code)}`,
		recipient: row.recipient,
		editionYear: row.edition_year,
		editionTitle: row.edition_title,
		entryTitle: row.entry_title ?? undefined,
		award: row.award ?? undefined,
		categoryName: row.category_name ?? undefined,
		issuedAt: row.issued_at
	};
}

/** The PDF of a certificate as a download: attachment, named after it, never sniffed nor cached. */
export async function certificateDownload(
	row: CertificateRow,
	origin: string,
	fonts: CertificateFonts
): Promise<Response> {
	const input = certificateInput(row, origin);
	const pdf = await certificatePdf(input, fonts);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(pdf.length),
			'content-disposition': `attachment; filename="${certificateFileName(input)}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
