// The numeric id in an organiser page's address, or the French 404.
import { error } from '@sveltejs/kit';
import { parseId } from '$lib/domain/integer';

export function idParam(param: string, notFound: string): number {
	const id = parseId(param);
	if (id === null) error(404, notFound);
	return id;
}

export const EDITION_NOT_FOUND = 'Cette édition n’existe pas.';
export const ENTRY_NOT_FOUND = 'Cette candidature n’existe pas.';
