import { error, fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { whyNotEditDossier, whyNotReadEntry } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { addAttachments, listAttachments, removeAttachment } from '$lib/server/db/attachments';
import { loadEntryAccess } from '$lib/server/db/entry-access';
import { ACCEPTED_TYPES_LABEL, MAX_ATTACHMENTS } from '$lib/server/files/sniff';
import { readFormOrNull } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

const TOO_LARGE =
	'L’envoi dépasse 12 Mo au total : aucun fichier n’a été ajouté. Ajoutez les fichiers en plusieurs fois (10 Mo au plus chacun).';

const TYPE_LABELS: Record<string, string> = {
	'application/pdf': 'PDF',
	'image/png': 'PNG',
	'image/jpeg': 'JPEG',
	'image/webp': 'WebP',
	'application/vnd.oasis.opendocument.text': 'ODT',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX'
};

function entryIdOf(param: string): number {
	const id = parseId(param);
	if (id === null) error(404, 'Cette candidature n’existe pas.');
	return id;
}

/** The candidature and the user's relation to it, or the French 404/403 answer. */
async function readable(locals: App.Locals, url: URL, param: string) {
	const user = requireArea(locals, url, 'team');
	const access = await loadEntryAccess(db(), user.id, entryIdOf(param));
	if (!access) error(404, 'Cette candidature n’existe pas.');
	const refusal = whyNotReadEntry(access.relation);
	if (refusal) error(403, refusal);
	return { user, ...access };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry, relation } = await readable(locals, url, params.id);
	const attachments = await listAttachments(db(), entry.id);
	const confirmId = parseId(url.searchParams.get('retirer'));
	return {
		entry: { id: entry.id, title: entry.title, state: entry.state },
		attachments: attachments.map((a) => ({
			id: a.id,
			fileName: a.file_name,
			typeLabel: TYPE_LABELS[a.mime] ?? a.mime,
			size: a.size,
			uploaderName: a.uploader_name,
			createdAt: a.created_at
		})),
		editRefusal: whyNotEditDossier(relation, entry.state),
		confirmId: attachments.some((a) => a.id === confirmId) ? confirmId : null,
		maxAttachments: MAX_ATTACHMENTS,
		acceptedTypes: ACCEPTED_TYPES_LABEL
	};
};

export const actions: Actions = {
	ajouter: async ({ locals, url, params, request }) => {
		const { user, entry, relation } = await readable(locals, url, params.id);
		const refusal = whyNotEditDossier(relation, entry.state);
		if (refusal) error(403, refusal);
		const form = await readFormOrNull(request);
		if (!form)
			return fail(413, {
				action: 'ajouter' as const,
				message: TOO_LARGE,
				added: [] as string[],
				refused: [] as { name: string; message: string }[]
			});
		const files = form
			.getAll('fichiers')
			.filter((f): f is File => typeof f !== 'string')
			// A form sent without choosing a file carries one empty, nameless part.
			.filter((f) => !(f.size === 0 && f.name === ''));
		if (files.length === 0)
			return fail(400, {
				action: 'ajouter' as const,
				message: 'Choisissez au moins un fichier à ajouter.',
				added: [] as string[],
				refused: [] as { name: string; message: string }[]
			});
		const uploads = await Promise.all(
			files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
		);
		const result = await addAttachments(db(), user.id, entry.id, uploads);
		if (!result.ok)
			return fail(403, {
				action: 'ajouter' as const,
				message: result.message,
				added: [] as string[],
				refused: [] as { name: string; message: string }[]
			});
		const payload = {
			action: 'ajouter' as const,
			message: null,
			added: result.added.map((a) => a.fileName),
			refused: result.refused
		};
		return result.refused.length > 0 ? fail(400, payload) : payload;
	},
	retirer: async ({ locals, url, params, request }) => {
		const { user, entry } = await readable(locals, url, params.id);
		const form = await request.formData();
		const pieceId = parseId(form.get('piece')) ?? 0;
		const result = await removeAttachment(db(), user.id, entry.id, pieceId);
		if (!result.ok)
			return fail(result.status, { action: 'retirer' as const, message: result.message });
		return { action: 'retirer' as const, removed: result.fileName, message: null };
	}
};
