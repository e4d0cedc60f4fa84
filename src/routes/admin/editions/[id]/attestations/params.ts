// Shared by the organisers' certificate routes: the edition they belong to, read with the permission.
import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { whyNotManageCertificates } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { EDITION_NOT_FOUND, idParam } from '../../params';

export const CERTIFICATE_NOT_FOUND = 'Cette attestation n’existe pas.';

/** The organiser and the edition of the address, or the French 401/403/404. */
export async function certificateEdition(locals: App.Locals, url: URL, params: { id: string }) {
	const user = requireArea(locals, url, 'admin');
	const refusal = whyNotManageCertificates(user);
	if (refusal) error(403, refusal);
	const id = idParam(params.id, EDITION_NOT_FOUND);
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	return { user, edition };
}

/** The certificate id of the address, or the French 404. */
export const certificateParam = (param: string) => idParam(param, CERTIFICATE_NOT_FOUND);
