// The jury's decisions, recorded by organisers through the workflow: after the preselection round,
// shortlisted or not; after the final round, prize, mention or not awarded. Every decision carries a
// rationale (required here: it goes into the procès-verbal), kept in the event log's payload. Who may
// decide and when stays the entry machine's business (advanceEntry answers why, in French).
import type { Db } from '../db';
import {
	editionRecusals,
	roundDecisions,
	roundEntries,
	type RankedEntryRow,
	type RecordedDecision,
	type Recusal
} from '../db/rankings';
import type { JuryRound } from '../db/schema';
import { advanceEntry, type Actor, type Applied, type Refusal } from './advance';
import type { Award, EntryEventType, EntryState } from './rules';

export const DELIBERATION_DECISIONS = [
	'SHORTLIST',
	'REJECT_AT_PRESELECTION',
	'AWARD_PRIZE',
	'AWARD_MENTION',
	'NOT_AWARDED'
] as const;
export type DeliberationDecision = (typeof DELIBERATION_DECISIONS)[number];

export const DECISION_LABELS: Record<DeliberationDecision, string> = {
	SHORTLIST: 'Présélectionner',
	REJECT_AT_PRESELECTION: 'Ne pas présélectionner',
	AWARD_PRIZE: 'Attribuer le prix',
	AWARD_MENTION: 'Attribuer une mention',
	NOT_AWARDED: 'Ne pas primer'
};

/** Longest rationale kept with a decision. */
export const RATIONALE_MAX = 2000;

interface PhaseDeliberation {
	round: JuryRound;
	/** The state of the candidatures awaiting a decision. */
	awaiting: EntryState;
	decisions: readonly DeliberationDecision[];
}

const BY_PHASE: Record<string, PhaseDeliberation> = {
	preselection: {
		round: 'preselection',
		awaiting: 'eligible',
		decisions: ['SHORTLIST', 'REJECT_AT_PRESELECTION']
	},
	deliberation: {
		round: 'final',
		awaiting: 'finalist',
		decisions: ['AWARD_PRIZE', 'AWARD_MENTION', 'NOT_AWARDED']
	}
};

/** What is decided in this phase of the edition, or null when the jury decides nothing in it. */
export function deliberationOf(phase: string): PhaseDeliberation | null {
	return BY_PHASE[phase] ?? null;
}

export const isDeliberationDecision = (v: unknown): v is DeliberationDecision =>
	typeof v === 'string' && (DELIBERATION_DECISIONS as readonly string[]).includes(v);

/** The workflow event a decision sends. */
export function decisionEvent(decision: DeliberationDecision): {
	type: EntryEventType;
	award?: Award;
} {
	switch (decision) {
		case 'AWARD_PRIZE':
			return { type: 'AWARD', award: 'prize' };
		case 'AWARD_MENTION':
			return { type: 'AWARD', award: 'mention' };
		default:
			return { type: decision };
	}
}

export interface DeliberationFormValues {
	decision: string;
	rationale: string;
}

/** Reads a decision form (`decision`, `justification`): French messages per field, values as typed. */
export function readDeliberationForm(form: FormData):
	| { ok: true; decision: DeliberationDecision; rationale: string; values: DeliberationFormValues }
	| {
			ok: false;
			values: DeliberationFormValues;
			errors: Partial<Record<keyof DeliberationFormValues, string>>;
	  } {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v.replace(/\r\n/g, '\n') : '';
	};
	const values = { decision: text('decision'), rationale: text('justification') };
	const errors: Partial<Record<keyof DeliberationFormValues, string>> = {};
	if (!isDeliberationDecision(values.decision)) errors.decision = 'Choisissez une décision.';
	const rationale = values.rationale.trim();
	if (rationale === '')
		errors.rationale = 'Indiquez la justification de la décision : elle figure au procès-verbal.';
	else if (rationale.length > RATIONALE_MAX)
		errors.rationale = `La justification compte ${rationale.length} caractères : ${RATIONALE_MAX} au plus.`;
	if (Object.keys(errors).length > 0 || !isDeliberationDecision(values.decision))
		return { ok: false, values, errors };
	return { ok: true, decision: values.decision, rationale, values };
}

/**
 * Records one decision on a candidature of the edition through the workflow (advanceEntry: lock,
 * machine, log, outbox). Refuses a blank rationale, a candidature of another edition and a decision
 * that does not belong to the edition's current phase, in French.
 */
export async function recordDecision(
	db: Db,
	editionId: number,
	entryId: number,
	decision: DeliberationDecision,
	rationale: string,
	actor: Actor,
	origin = ''
): Promise<Applied<EntryState> | Refusal> {
	const reason = rationale.trim();
	if (reason === '')
		return {
			ok: false,
			status: 409,
			reason: 'Indiquez la justification de la décision : elle figure au procès-verbal.'
		};
	const entry = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.select(['e.id', 'e.edition_id', 'ed.phase'])
		.where('e.id', '=', entryId)
		.executeTakeFirst();
	if (!entry || entry.edition_id !== editionId)
		return {
			ok: false,
			status: 404,
			reason: 'Cette candidature n’appartient pas à cette édition.'
		};
	const phase = deliberationOf(entry.phase);
	// Checked again under the lock by the machine (SHORTLIST only in preselection, AWARD only in
	// deliberation); this gives the clearer message when the page is stale.
	if (phase && !phase.decisions.includes(decision))
		return {
			ok: false,
			status: 409,
			reason: `La décision « ${DECISION_LABELS[decision]} » ne se prend pas dans la phase actuelle de l’édition.`
		};
	const event = decisionEvent(decision);
	return advanceEntry(db, entryId, { ...event, reason }, actor, origin);
}

export interface DeliberationItem {
	entryId: number;
	title: string;
	state: string;
	categoryName: string | null;
	/** The round's aggregates; null when no review counts yet. */
	scores: RankedEntryRow | null;
	recusals: Recusal[];
}

/**
 * The deliberation page's data: the phase's round and decisions, the candidatures awaiting a decision
 * (with their scores, best normalised first; unscored ones last) and those decided in this round,
 * with their decision and rationale from the event log. A bounded number of queries.
 */
export async function deliberationBoard(db: Db, editionId: number, phase: string) {
	const what = deliberationOf(phase);
	if (!what) return null;
	const [entries, scored, decisions, recusals] = await Promise.all([
		db
			.selectFrom('entries as e')
			.leftJoin('categories as c', 'c.id', 'e.category_id')
			.where('e.edition_id', '=', editionId)
			.select(['e.id', 'e.title', 'e.state', 'c.name as category_name'])
			.orderBy('e.id')
			.execute(),
		roundEntries(db, editionId, what.round, { sort: 'normalised' }),
		roundDecisions(db, editionId, what.round),
		editionRecusals(db, editionId)
	]);
	const scores = new Map(scored.rows.map((r) => [r.entryId, r]));
	const item = (e: (typeof entries)[number]): DeliberationItem => ({
		entryId: e.id,
		title: e.title,
		state: e.state,
		categoryName: e.category_name,
		scores: scores.get(e.id) ?? null,
		recusals: recusals.get(e.id) ?? []
	});
	const byRank = (a: DeliberationItem, b: DeliberationItem) =>
		(a.scores?.rankNormalised ?? Infinity) - (b.scores?.rankNormalised ?? Infinity) ||
		a.entryId - b.entryId;
	const awaiting = entries
		.filter((e) => e.state === what.awaiting)
		.map(item)
		.sort(byRank);
	const decided = entries
		.filter((e) => decisions.has(e.id))
		.map((e) => ({ ...item(e), decision: decisions.get(e.id) as RecordedDecision }))
		.sort(byRank);
	return { ...what, awaiting, decided };
}
