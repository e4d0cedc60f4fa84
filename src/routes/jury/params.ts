// The parts of a juror's page address: /jury/[edition id]/[round]/[entry id]. A malformed part gets the
// same 404 as a missing edition or candidature.
import { error } from '@sveltejs/kit';
import { isJuryRound, type JuryRoundName } from '$lib/domain/jury-labels';
import { NOT_ASSIGNED_MESSAGE } from '$lib/server/auth/permissions';
import { parseId } from '$lib/domain/integer';

export const EDITION_NOT_FOUND = 'Cette édition n’existe pas.';
export const ROUND_NOT_FOUND =
	'Ce tour du jury n’existe pas : les tours sont « preselection » et « final ».';

function id(param: string, notFound: string): number {
	const value = parseId(param);
	if (value === null) error(404, notFound);
	return value;
}

export function roundParams(params: { edition: string; round: string }): {
	editionId: number;
	round: JuryRoundName;
} {
	const editionId = id(params.edition, EDITION_NOT_FOUND);
	if (!isJuryRound(params.round)) error(404, ROUND_NOT_FOUND);
	return { editionId, round: params.round };
}

export function entryParams(params: { edition: string; round: string; entry: string }) {
	return { ...roundParams(params), entryId: id(params.entry, NOT_ASSIGNED_MESSAGE) };
}
