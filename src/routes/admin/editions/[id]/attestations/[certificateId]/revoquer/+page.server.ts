// Revoking a certificate: a confirmation page with the required reason (works without JavaScript),
// then the revocation, logged in the edition's chain (src/lib/server/certificates/revoke.ts).
import { error, fail, redirect } from '@sveltejs/kit';
import { formatCode } from '$lib/server/certificates/codes';
import { REVOKE_REASON_MAX, revokeCertificate } from '$lib/server/certificates/revoke';
import { whyNotRevokeCertificate } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { findEditionCertificate } from '$lib/server/db/certificates';
import { CERTIFICATE_NOT_FOUND, certificateEdition, certificateParam } from '../../params';
import type { Actions, PageServerLoad } from './$types';

async function certificateOf(editionId: number, param: string) {
	const row = await findEditionCertificate(db(), editionId, certificateParam(param));
	if (!row) error(404, CERTIFICATE_NOT_FOUND);
	return row;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, edition } = await certificateEdition(locals, url, params);
	const row = await certificateOf(edition.id, params.certificateId);
	return {
		edition,
		certificate: {
			id: row.id,
			kind: row.kind,
			recipient: row.recipient,
			entry_title: row.entry_title,
			award: row.award,
			code: formatCode(row.code),
			revoked_at: row.revoked_at,
			revoked_reason: row.revoked_reason
		},
		refusal: whyNotRevokeCertificate(user, { revokedAt: row.revoked_at }),
		reasonMax: REVOKE_REASON_MAX
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const { user, edition } = await certificateEdition(locals, url, params);
		const row = await certificateOf(edition.id, params.certificateId);
		const reason = String((await request.formData()).get('motif') ?? '');
		const refusal = whyNotRevokeCertificate(user, { revokedAt: row.revoked_at });
		if (refusal) return fail(409, { reason, error: refusal });
		const result = await revokeCertificate(db(), edition.id, row.id, { userId: user.id }, reason);
		if (!result.ok) return fail(result.status, { reason, error: result.reason });
		redirect(303, `/admin/editions/${edition.id}/attestations?revoquee=${row.id}`);
	}
};
