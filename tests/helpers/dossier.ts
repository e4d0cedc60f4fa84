// Fills a candidature's dossier so that it may be submitted: advanceEntry refuses SUBMIT and RESUBMIT
// for an incomplete dossier. Uses the edition's first category and theme, creating them when missing.
import type { Db } from '../../src/lib/server/db';

export const COMPLETE_TEXT = {
	summary: 'Une innovation décrite en quelques lignes pour le public.',
	etablissement_name: 'Lycée Jean Jaurès',
	problem: 'Le problème traité.',
	solution: 'La solution mise en œuvre.',
	audience: 'Les élèves de seconde.',
	results: 'Les résultats obtenus et leurs indicateurs.',
	transferability: 'Ce qu’il faut pour la reproduire ailleurs.',
	resources: 'Deux heures par semaine.'
};

export async function completeDossier(db: Db, entryId: number): Promise<void> {
	const { edition_id } = await db
		.selectFrom('entries')
		.select('edition_id')
		.where('id', '=', entryId)
		.executeTakeFirstOrThrow();
	const category =
		(await db
			.selectFrom('categories')
			.select('id')
			.where('edition_id', '=', edition_id)
			.orderBy('id')
			.executeTakeFirst()) ??
		(await db
			.insertInto('categories')
			.values({ edition_id, name: 'Prix de la simplification' })
			.returning('id')
			.executeTakeFirstOrThrow());
	const theme =
		(await db
			.selectFrom('edition_themes')
			.select('id')
			.where('edition_id', '=', edition_id)
			.orderBy('id')
			.executeTakeFirst()) ??
		(await db
			.insertInto('edition_themes')
			.values({ edition_id, name: 'Climat scolaire' })
			.returning('id')
			.executeTakeFirstOrThrow());
	await db
		.updateTable('entries')
		.set({
			...COMPLETE_TEXT,
			uai: '0951099D',
			academie: 'Versailles',
			category_id: category.id,
			publication_consent: true
		})
		.where('id', '=', entryId)
		.execute();
	await db
		.insertInto('entry_themes')
		.values({ entry_id: entryId, theme_id: theme.id })
		.onConflict((oc) => oc.doNothing())
		.execute();
}
