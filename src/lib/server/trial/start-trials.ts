// The organisers start the trial of several short-listed candidatures at once: each through the
// workflow (START_TRIAL) in its own transaction, so that one refusal does not undo the others.
import type { Db } from '../db';
import { advanceEntry, type Actor } from '../workflow/advance';

export interface BatchRefusal {
	id: number;
	title: string;
	reason: string;
}

/** How many trials started, and each refusal with the candidature's title and the French reason. */
export async function startTrials(
	db: Db,
	editionId: number,
	entryIds: readonly number[],
	actor: Actor,
	origin = ''
): Promise<{ done: number; refused: BatchRefusal[] }> {
	const ids = [...new Set(entryIds)];
	const titles = new Map(
		ids.length === 0
			? []
			: (
					await db
						.selectFrom('entries')
						.select(['id', 'title'])
						.where('edition_id', '=', editionId)
						.where('id', 'in', ids)
						.execute()
				).map((e) => [e.id, e.title])
	);
	let done = 0;
	const refused: BatchRefusal[] = [];
	for (const id of ids) {
		const title = titles.get(id);
		const result = title
			? await advanceEntry(db, id, { type: 'START_TRIAL' }, actor, origin)
			: { ok: false as const, reason: 'Cette candidature n’appartient pas à cette édition.' };
		if (result.ok) done++;
		else refused.push({ id, title: title ?? `n° ${id}`, reason: result.reason });
	}
	return { done, refused };
}
