import { requireArea } from '$lib/server/auth/guard';
import {
	findOrganiserCandidate,
	listOrganisers,
	organiserHistory
} from '$lib/server/auth/organisers';
import { db } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireArea(locals, url, 'admin');
	const withdrawnId = Number(url.searchParams.get('retrait')) || null;
	const [organisers, history, withdrawn] = await Promise.all([
		listOrganisers(db()),
		organiserHistory(db()),
		withdrawnId ? findOrganiserCandidate(db(), withdrawnId) : undefined
	]);
	return {
		organisers,
		history,
		me: user.id,
		withdrawn: withdrawn && !withdrawn.is_organiser ? withdrawn.name : null
	};
};
