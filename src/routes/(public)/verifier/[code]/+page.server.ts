// /verifier/<code>: what the certificate attests, or that it was revoked (when, why) — or a 404 page
// (./+error.svelte) saying that the code is malformed, not signed by the prize, or unknown. Nothing is
// shown beyond what the certificate prints. Not cached: a revocation changes the answer at once.
import { error } from '@sveltejs/kit';
import { VERIFY_REFUSALS } from '$lib/domain/certificates';
import { verifyCertificate } from '$lib/server/certificates/verify';
import { db } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-cache' });
	const verification = await verifyCertificate(db(), params.code);
	if (verification.status === 'valid' || verification.status === 'revoked') {
		const c = verification.certificate;
		return {
			code: verification.code,
			revoked: verification.status === 'revoked',
			certificate: {
				kind: c.kind,
				recipient: c.recipient,
				editionTitle: c.edition_title,
				editionYear: c.edition_year,
				entry_title: c.entry_title,
				award: c.award,
				categoryName: c.category_name,
				issuedAt: c.issued_at,
				revokedAt: c.revoked_at,
				revokedReason: c.revoked_reason
			}
		};
	}
	error(404, VERIFY_REFUSALS[verification.status]);
};
