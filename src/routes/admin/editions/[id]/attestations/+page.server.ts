// The organisers' list of an edition's certificates: counts per kind, a filter by kind, pages of 50,
// revoked ones shown; one PDF each, the revocation (./[certificateId]/revoquer), the whole edition as
// a ZIP archive (./archive.zip), and « Émettre les attestations manquantes ».
import { error, fail, redirect } from '@sveltejs/kit';
import { formatCode } from '$lib/server/certificates/codes';
import { issueMissingCertificates } from '$lib/server/certificates/issue';
import { whyNotIssueCertificates } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { isCertificateKind, listEditionCertificates } from '$lib/server/db/certificates';
import { certificateEdition } from './params';
import type { Actions, PageServerLoad } from './$types';
import { parseId, parseInteger, parsePage } from '$lib/domain/integer';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { user, edition } = await certificateEdition(locals, url, params);
	const kindParam = url.searchParams.get('type');
	const kind = isCertificateKind(kindParam) ? kindParam : undefined;
	const page = parsePage(url.searchParams.get('page'));
	const list = await listEditionCertificates(db(), edition.id, { kind, page });
	if (page > list.pages) error(404, 'Cette page de la liste des attestations n’existe pas.');
	const issued = url.searchParams.get('emises');
	const revoked = parseId(url.searchParams.get('revoquee'));
	return {
		edition,
		kind: kind ?? null,
		list: {
			...list,
			rows: list.rows.map((row) => ({
				id: row.id,
				kind: row.kind,
				recipient: row.recipient,
				entry_title: row.entry_title,
				award: row.award,
				code: formatCode(row.code),
				revoked_at: row.revoked_at,
				revoked_reason: row.revoked_reason
			}))
		},
		issueRefusal: whyNotIssueCertificates(user, edition.phase),
		notice: {
			issued: parseInteger(issued),
			revoked: list.rows.find((r) => r.id === revoked && r.revoked_at !== null)
				? formatCode(list.rows.find((r) => r.id === revoked)!.code)
				: null
		}
	};
};

export const actions: Actions = {
	emettre: async ({ locals, url, params }) => {
		const { user, edition } = await certificateEdition(locals, url, params);
		const refusal = whyNotIssueCertificates(user, edition.phase);
		if (refusal) return fail(409, { issueError: refusal });
		const result = await issueMissingCertificates(db(), edition.id, { userId: user.id });
		if (!result.ok) return fail(result.status, { issueError: result.reason });
		redirect(303, `/admin/editions/${edition.id}/attestations?emises=${result.issued}`);
	}
};
