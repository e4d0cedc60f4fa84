// What publishing an edition's results does, in the transaction of the PUBLISH_RESULTS transition:
// each laureate gets its public address (slug), frozen from then on, and the edition's certificates
// are issued (laureates, their members who agreed to be named, jurors, trial sites), dated then.
import { laureateSlug, uniqueSlug } from '$lib/domain/slug';
import { issueEditionCertificates, publicationTime } from '../certificates/issue';
import type { Db } from '../db';

/**
 * Gives every laureate of the edition without a slug one, unique across editions. Idempotent: a slug
 * once given never changes, so links and certificates stay valid.
 */
export async function assignLaureateSlugs(db: Db, editionId: number): Promise<number> {
	const laureates = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.where('e.edition_id', '=', editionId)
		.where('e.award', 'is not', null)
		.where('e.slug', 'is', null)
		.select(['e.id', 'e.title', 'ed.year'])
		.orderBy('e.id')
		.execute();
	if (laureates.length === 0) return 0;
	const bases = laureates.map((l) => laureateSlug(l.year, l.title));
	const taken = new Set(
		(
			await db
				.selectFrom('entries')
				.select('slug')
				.where((eb) =>
					eb.or(
						bases.map((base) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
					)
				)
				.execute()
		).map((r) => r.slug as string)
	);
	for (const [i, laureate] of laureates.entries()) {
		const slug = uniqueSlug(bases[i], taken);
		taken.add(slug);
		await db.updateTable('entries').set({ slug }).where('id', '=', laureate.id).execute();
	}
	return laureates.length;
}

/** Everything that publishing the results of an edition sets in place, inside its transaction. */
export async function onResultsPublished(db: Db, editionId: number): Promise<void> {
	await assignLaureateSlugs(db, editionId);
	// The PUBLISH event is already in the log (advance.ts appends it before the effects).
	const publishedAt = await publicationTime(db, editionId);
	if (!publishedAt)
		throw new Error(`Edition ${editionId}: results published without a PUBLISH event.`);
	await issueEditionCertificates(db, editionId, { issuedAt: publishedAt });
}
