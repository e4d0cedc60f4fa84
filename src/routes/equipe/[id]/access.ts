// The permission checks every load and form action of a candidature's pages runs itself: the user is
// signed in, the candidature exists (404), and he may read it (403), in French.
import { error } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { whyNotEditDossier, whyNotReadEntry } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { loadEntryAccess } from '$lib/server/db/entry-access';
import { parseId } from '$lib/domain/integer';

export async function requireEntryReader(locals: App.Locals, url: URL, idParam: string) {
	const user = requireArea(locals, url, 'team');
	const id = parseId(idParam);
	const access = id === null ? null : await loadEntryAccess(db(), user.id, id);
	if (!access) error(404, 'Cette candidature n’existe pas.');
	const refusal = whyNotReadEntry(access.relation);
	if (refusal) error(403, refusal);
	return {
		user,
		entry: access.entry,
		relation: access.relation,
		whyNotEdit: whyNotEditDossier(access.relation, access.entry.state)
	};
}
