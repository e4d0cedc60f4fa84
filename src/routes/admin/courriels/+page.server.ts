import { requireArea } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db/app';
import { listOutbox } from '$lib/server/mail/queries';
import { STATUS_PARAMS, statusFromParam } from './status';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireArea(locals, url, 'admin');
	const status = statusFromParam(url.searchParams.get('statut'));
	const recipient = url.searchParams.get('destinataire')?.trim().slice(0, 200) ?? '';
	const requested = Number.parseInt(url.searchParams.get('page') ?? '1', 10);
	const list = await listOutbox(db(), {
		page: Number.isFinite(requested) ? requested : 1,
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
