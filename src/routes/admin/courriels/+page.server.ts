import { requireArea } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db/app';
import { listOutbox } from '$lib/server/mail/queries';
import { STATUS_PARAMS, statusFromParam } from './status';
import type { PageServerLoad } from './$types';
import { parsePage } from '$lib/domain/integer';

const PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireArea(locals, url, 'admin');
	const status = statusFromParam(url.searchParams.get('statut'));
	const recipient = url.searchParams.get('destinataire')?.trim().slice(0, 200) ?? '';
	const list = await listOutbox(db(), {
		page: parsePage(url.searchParams.get('page')),
		pageSize: PAGE_SIZE,
		status,
		recipient: recipient || undefined
	});
	return {
		...list,
		filters: { statut: status ? STATUS_PARAMS[status] : '', destinataire: recipient },
		smtpConfigured: config().smtpUrl !== undefined
	};
};
