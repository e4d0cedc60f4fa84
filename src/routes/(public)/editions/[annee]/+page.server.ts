import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { editionPhaseLabel } from '$lib/domain/labels';
import {
	RESULTS_PHASES,
	countsByAcademie,
	findPublicEdition,
	journalSummary,
	publicJury
} from '$lib/server/db/public-editions';
import { academieTable } from '$lib/server/opendata/datasets';
import { JOURNAL_CHECK_SCRIPT } from '$lib/server/opendata/journal';
import { STAGES, publicCounts, stageIsPublic, sumCounts } from '$lib/server/opendata/stages';
import type { PageServerLoad } from './$types';
import { parseInteger } from '$lib/domain/integer';

const NOT_FOUND = 'Cette édition n’existe pas ou n’est pas encore publiée.';

// Four queries: the edition, its counts by académie, its jury (once published), its log's summary
// (and, before the page, the public cache's read of the revision, at most once a second).
export const load: PageServerLoad = async ({ params, url }) => {
	const year = /^\d{4}$/.test(params.annee) ? parseInteger(params.annee) : null;
	const edition = year === null ? undefined : await findPublicEdition(db(), year);
	if (!edition) error(404, NOT_FOUND);

	const published = (RESULTS_PHASES as readonly string[]).includes(edition.phase);
	const [counts, jury, journal] = await Promise.all([
		countsByAcademie(db(), edition.id),
		published ? publicJury(db(), edition.id) : Promise.resolve([]),
		journalSummary(db(), edition.id)
	]);
	const shown = publicCounts(sumCounts(counts), edition.phase);
	const stages = STAGES.map((s) => ({
		key: s.key,
		label: s.label,
		description: s.description,
		count: shown[s.key],
		publicFrom: editionPhaseLabel(s.publicFrom)
	}));
	const table = academieTable(edition.phase, counts);
	// Only the stages the edition has passed get a column; the others are named, with their date.
	const visible = table ? table.stages.map((s) => stageIsPublic(s, edition.phase)) : [];
	const only = (values: (number | null)[]) => values.filter((_, i) => visible[i]) as number[];
	return {
		edition,
		published,
		stages,
		awards: { prizes: shown.prizes, mentions: shown.mentions },
		academies: table && {
			columns: table.stages.filter((_, i) => visible[i]).map((s) => s.label),
			hidden: table.stages
				.filter((_, i) => !visible[i])
				.map((s) => ({ label: s.label, publicFrom: editionPhaseLabel(s.publicFrom) })),
			lines: table.lines.map((l) => ({ academie: l.academie, counts: only(l.counts) })),
			total: only(table.total.counts)
		},
		jury,
		journal: {
			...journal,
			url: `/editions/${edition.year}/journal.json`,
			absoluteUrl: `${url.origin}/editions/${edition.year}/journal.json`,
			script: JOURNAL_CHECK_SCRIPT
		}
	};
};
