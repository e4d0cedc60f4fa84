import { error } from '@sveltejs/kit';
import { ROUND_LABELS } from '$lib/domain/jury-labels';
import { requireArea } from '$lib/server/auth/guard';
import { whyNotViewJuryRound } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { findJurySeat, listJurorEntries } from '$lib/server/db/reviews';
import { EDITION_NOT_FOUND, roundParams } from '../../params';
import type { PageServerLoad } from './$types';
import { parsePage } from '$lib/domain/integer';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireArea(locals, url, 'jury');
	const { editionId, round } = roundParams(params);
	const found = await findJurySeat(db(), user.id, editionId);
	if (!found) error(404, EDITION_NOT_FOUND);
	const refusal = whyNotViewJuryRound(user, found.seat, round);
	if (refusal) error(403, refusal);
	const list = await listJurorEntries(db(), {
		jurorId: user.id,
		editionId,
		round,
		page: parsePage(url.searchParams.get('page'))
	});
	return {
		edition: found.edition,
		round,
		roundLabel: ROUND_LABELS[round],
		sits: found.seat?.[round] ?? false,
		open: found.edition.phase === round,
		list,
		conflictDeclared: url.searchParams.has('conflit')
	};
};
