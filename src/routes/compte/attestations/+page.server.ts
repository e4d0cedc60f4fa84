// A person's own certificates (src/lib/server/db/certificates.ts, userCertificates): his own as a
// laureate's member or a juror, his teams' and his trial sites'. Each one downloadable as a PDF
// (./[certificateId]), unless revoked.
import { requireUser } from '$lib/server/auth/guard';
import { formatCode } from '$lib/server/certificates/codes';
import { db } from '$lib/server/db/app';
import { userCertificates } from '$lib/server/db/certificates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const rows = await userCertificates(db(), user.id);
	return {
		certificates: rows.map((row) => ({
			id: row.id,
			kind: row.kind,
			recipient: row.recipient,
			entry_title: row.entry_title,
			award: row.award,
			edition_title: row.edition_title,
			issued_at: row.issued_at,
			code: formatCode(row.code),
			revoked_at: row.revoked_at,
			revoked_reason: row.revoked_reason
		}))
	};
};
