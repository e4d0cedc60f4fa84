// The organisers' eligibility decisions on one candidature: which ones the workflow allows now (with
// the reason when not), and reading a decision form into a request for advanceEntry. The rules
// themselves (who, when, reason required, due date after the request) are the entry machine's.
import { parseParisDateTime } from '$lib/domain/calendar';
import type { Db } from '../db';
import { advanceEntry, type Actor, type EntryRequest } from './advance';
import { whyEntryRefused } from './entry.machine';
import { isEditionPhase, isEntryState, type EntryEventType } from './rules';

export const ELIGIBILITY_DECISIONS = [
	'DECLARE_ELIGIBLE',
	'DECLARE_INELIGIBLE',
	'REQUEST_CHANGES'
] as const;
export type EligibilityDecision = (typeof ELIGIBILITY_DECISIONS)[number];

/** Longest message or reason kept with a decision. */
export const DECISION_TEXT_MAX = 2000;

/**
 * For each decision, null when the workflow allows it now, else the French reason. The texts a
 * decision needs are assumed given: this answers « may the organiser decide this now? ».
 */
export function eligibilityOptions(
	entry: { state: string; edition_phase: string; submissions_close_at: Date | null },
	now = new Date()
): Record<EligibilityDecision, string | null> {
	const out = {} as Record<EligibilityDecision, string | null>;
	for (const type of ELIGIBILITY_DECISIONS) {
		if (!isEntryState(entry.state) || !isEditionPhase(entry.edition_phase)) {
			out[type] = 'État inconnu.';
			continue;
		}
		out[type] = whyEntryRefused(entry.state, {
			type,
			role: 'organiser',
			phase: entry.edition_phase,
			at: now.toISOString(),
			submissionsCloseAt: entry.submissions_close_at?.toISOString() ?? null,
			reason: 'motif',
			dueAt: null
		});
	}
	return out;
}

export interface DecisionForm {
	reason: string;
	dueDate: string;
}

/**
 * Reads a decision form: the reason or message (trimmed, at most DECISION_TEXT_MAX characters) and,
 * for a request for changes, the due date (required; a day: the answer is due by 23:59 Paris time
 * that day).
 * Answers the request, or French messages per field with the values as typed.
 */
export function readDecisionForm(
	type: EligibilityDecision,
	form: FormData
):
	| { ok: true; request: EntryRequest; values: DecisionForm }
	| { ok: false; values: DecisionForm; errors: Partial<Record<keyof DecisionForm, string>> } {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.replace(/\r\n/g, '\n') : '';
	};
	const values: DecisionForm = { reason: text('motif'), dueDate: text('echeance') };
	const errors: Partial<Record<keyof DecisionForm, string>> = {};
	const reason = values.reason.trim();
	if (reason.length > DECISION_TEXT_MAX)
		errors.reason = `Le texte compte ${reason.length} caractères : ${DECISION_TEXT_MAX} au plus.`;
	let dueAt: string | null = null;
	if (type === 'REQUEST_CHANGES' && values.dueDate.trim() === '')
		errors.dueDate = 'Indiquez la date à laquelle l’équipe doit avoir répondu.';
	else if (type === 'REQUEST_CHANGES') {
		const day = values.dueDate.trim();
		const parsed = parseParisDateTime(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T23:59` : day);
		if (parsed === 'invalid' || parsed === null)
			errors.dueDate = 'Date illisible : choisissez un jour dans le calendrier (jj/mm/aaaa).';
		else dueAt = parsed.toISOString();
	}
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	const request: EntryRequest = { type: type as EntryEventType & EligibilityDecision };
	if (reason !== '') request.reason = reason;
	if (dueAt) request.dueAt = dueAt;
	return { ok: true, request, values };
}

/**
 * Declares several candidatures of one edition eligible: each through the workflow in its own
 * transaction, so one refusal (already decided, withdrawn meanwhile) does not undo the others.
 * Answers how many were declared, and each refusal with the candidature's title and the reason.
 */
export async function declareEligible(
	db: Db,
	editionId: number,
	entryIds: readonly number[],
	actor: Actor,
	origin = ''
): Promise<{ done: number; refused: { id: number; title: string; reason: string }[] }> {
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
	const refused: { id: number; title: string; reason: string }[] = [];
	for (const id of ids) {
		const title = titles.get(id);
		const result = title
			? await advanceEntry(db, id, { type: 'DECLARE_ELIGIBLE' }, actor, origin)
			: { ok: false as const, reason: 'Cette candidature n’appartient pas à cette édition.' };
		if (result.ok) done++;
		else refused.push({ id, title: title ?? `n° ${id}`, reason: result.reason });
	}
	return { done, refused };
}
