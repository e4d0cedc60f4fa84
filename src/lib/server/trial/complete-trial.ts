// The organisers end a candidature's trial (COMPLETE_TRIAL): with at least the edition's minimum of
// submitted reports, or with an override whose reason is logged. The rule is the entry machine's;
// this reads the form and checks that the candidature belongs to the edition of the page.
import type { Db } from '../db';
import { advanceEntry, type Actor, type Applied, type Refusal } from '../workflow/advance';
import type { EntryState } from '../workflow/rules';
import { parseId } from '$lib/domain/integer';

/** Longest reason for an override. */
export const OVERRIDE_MAX = 2000;

export interface CompleteTrialForm {
	/** The candidature (hidden field `candidature`); null when missing or unreadable. */
	entryId: number | null;
	/** The override's reason as typed (field `derogation`). */
	override: string;
}

/** Reads the form: the candidature and the override's reason, or a French message per field. */
export function readCompleteTrialForm(
	form: FormData
):
	| { ok: true; entryId: number; override: string | undefined; values: CompleteTrialForm }
	| { ok: false; values: CompleteTrialForm; errors: { override?: string; entry?: string } } {
	const id = form.get('candidature');
	const typed = form.get('derogation');
	const values: CompleteTrialForm = {
		entryId: parseId(id),
		override: typeof typed === 'string' ? typed.replace(/\r\n/g, '\n') : ''
	};
	const override = values.override.trim();
	const errors: { override?: string; entry?: string } = {};
	if (values.entryId === null) errors.entry = 'Choisissez la candidature dont l’essai se termine.';
	if (override.length > OVERRIDE_MAX)
		errors.override = `Le motif compte ${override.length} caractères : ${OVERRIDE_MAX} au plus.`;
	if (values.entryId === null || errors.override) return { ok: false, values, errors };
	return { ok: true, entryId: values.entryId, override: override || undefined, values };
}

/** COMPLETE_TRIAL for a candidature of this edition (404 for one of another edition). */
export async function completeTrial(
	db: Db,
	editionId: number,
	entryId: number,
	override: string | undefined,
	actor: Actor,
	origin = ''
): Promise<Applied<EntryState> | Refusal> {
	const entry = await db
		.selectFrom('entries')
		.select('edition_id')
		.where('id', '=', entryId)
		.executeTakeFirst();
	if (!entry || entry.edition_id !== editionId)
		return { ok: false, status: 404, reason: 'Cette candidature n’existe pas dans cette édition.' };
	return advanceEntry(db, entryId, { type: 'COMPLETE_TRIAL', override }, actor, origin);
}
