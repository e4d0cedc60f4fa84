// The public copy of an edition's event log: every event's hashes and date, the content of the
// edition's phase changes only (src/lib/server/opendata/journal.ts says why). Two queries.
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { findPublicEditionId, publicChain } from '$lib/server/db/public-editions';
import { publicJournal } from '$lib/server/opendata/journal';
import type { RequestHandler } from './$types';
import { parseInteger } from '$lib/domain/integer';

export const GET: RequestHandler = async ({ params }) => {
	const year = /^\d{4}$/.test(params.annee) ? parseInteger(params.annee) : null;
	const edition = year === null ? undefined : await findPublicEditionId(db(), year);
	if (!edition) error(404, 'Cette édition n’existe pas ou n’est pas encore publiée.');
	const journal = publicJournal(edition.year, await publicChain(db(), edition.id));
	return new Response(JSON.stringify(journal, null, '\t') + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `inline; filename="journal-${edition.year}.json"`,
			'access-control-allow-origin': '*'
		}
	});
};
