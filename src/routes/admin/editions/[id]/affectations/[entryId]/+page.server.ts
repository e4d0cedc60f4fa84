import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import {
	addManualAssignment,
	entryAssignments,
	removeAssignment
} from '$lib/server/db/assignments';
import { isRound, ROUND_LABELS } from '$lib/server/db/criteria';
import { EDITION_NOT_FOUND, ENTRY_NOT_FOUND, idParam } from '../../../params';
import { roundChoices, roundParam } from '../round';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { parseId } from '$lib/domain/integer';

async function findEdition(id: number) {
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase', 'jurors_per_entry'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	return edition;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
	const entryId = idParam(params.entryId, ENTRY_NOT_FOUND);
	const round = roundParam(url, edition.phase);
	const found = await entryAssignments(db(), edition.id, round, entryId);
	if (!found) error(404, ENTRY_NOT_FOUND);
	const removing = parseId(url.searchParams.get('retirer'));
	return {
		edition,
		round,
		roundLabel: ROUND_LABELS[round],
		rounds: roundChoices(),
		k: edition.jurors_per_entry,
		...found,
		removing: found.entry.jurors.find((j) => j.id === removing) ?? null,
		notice: url.searchParams.get('fait')
	};
};

async function readPair(event: RequestEvent) {
	requireArea(event.locals, event.url, 'admin');
	const edition = await findEdition(idParam(event.params.id, EDITION_NOT_FOUND));
	const entryId = idParam(event.params.entryId, ENTRY_NOT_FOUND);
	const form = await event.request.formData();
	const round = form.get('tour');
	if (!isRound(round)) error(400, 'Le tour du jury est inconnu : rechargez la page.');
	const juror = String(form.get('jure') ?? '');
	const jurorId = parseId(juror);
	return { edition, entryId, round, jurorId, juror };
}

export const actions: Actions = {
	ajouter: async (event) => {
		const { edition, entryId, round, jurorId, juror } = await readPair(event);
		if (jurorId === null)
			return fail(400, { action: 'ajouter', juror, error: 'Choisissez le juré à affecter.' });
		const added = await addManualAssignment(db(), edition.id, round, entryId, jurorId);
		if (!added.ok) return fail(409, { action: 'ajouter', juror, error: added.reason });
		redirect(
			303,
			`/admin/editions/${edition.id}/affectations/${entryId}?tour=${round}&fait=${added.pinned ? 'fixe' : 'ajoute'}`
		);
	},

	/** The confirmed removal (the confirmation step is `?retirer=<juror>`). */
	retirer: async (event) => {
		const { edition, entryId, round, jurorId, juror } = await readPair(event);
		if (jurorId === null)
			return fail(400, { action: 'retirer', juror, error: 'Ce juré est inconnu.' });
		const removed = await removeAssignment(db(), edition.id, round, entryId, jurorId);
		if (!removed.ok) return fail(409, { action: 'retirer', juror, error: removed.reason });
		redirect(
			303,
			`/admin/editions/${edition.id}/affectations/${entryId}?tour=${round}&fait=retire`
		);
	}
};
