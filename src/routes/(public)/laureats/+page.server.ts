import { trialSummarySentence } from '$lib/domain/trial-rollup';
import { db } from '$lib/server/db/app';
import { groupLaureates, listLaureates } from '$lib/server/db/laureates';
import { trialRollups } from '$lib/server/db/trial-rollup';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const laureates = await listLaureates(db());
	// The trial's roll-up of each laureate, one batch of queries per published edition.
	const byEdition = new Map<number, typeof laureates>();
	for (const l of laureates) byEdition.set(l.editionId, [...(byEdition.get(l.editionId) ?? []), l]);
	const rollups = await Promise.all(
		[...byEdition].map(([editionId, rows]) =>
			trialRollups(
				db(),
				editionId,
				rows.map((r) => r.id)
			)
		)
	);
	const trial = new Map<number, string>();
	for (const map of rollups)
		for (const [entryId, rollup] of map) {
			const sentence = trialSummarySentence(rollup);
			if (sentence) trial.set(entryId, sentence);
		}
	return {
		editions: groupLaureates(laureates.map((l) => ({ ...l, trial: trial.get(l.id) ?? null })))
	};
};
