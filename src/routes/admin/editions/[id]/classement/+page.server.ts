// The ranking of a jury round (?tour=preselection|final, ?tri=brut|normalise, ?page=n): the
// candidatures with their aggregates, both ranks, the « À discuter » flag, and the round's reliability
// (Krippendorff's alpha). The ranking takes two queries (src/lib/server/db/rankings.ts: the round's
// reviews, read once for the ranks and the alpha, then the names of the page's candidatures).
import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { alphaInterpretation, roundRanking } from '$lib/server/db/rankings';
import type { JuryRound } from '$lib/server/db/schema';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import type { PageServerLoad } from './$types';
import { parsePage } from '$lib/domain/integer';

/** The round shown by default: the final one from the final phase on. */
const LATER_PHASES = ['final', 'deliberation', 'published', 'archived'];

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const id = idParam(params.id, EDITION_NOT_FOUND);
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	const tour = url.searchParams.get('tour');
	const round: JuryRound =
		tour === 'final' || tour === 'preselection'
			? tour
			: LATER_PHASES.includes(edition.phase)
				? 'final'
				: 'preselection';
	const sort = url.searchParams.get('tri') === 'normalise' ? 'normalised' : 'raw';
	const ranking = await roundRanking(db(), edition.id, round, {
		sort,
		page: parsePage(url.searchParams.get('page'))
	});
	return { edition, ranking, interpretation: alphaInterpretation(ranking.alpha) };
};
