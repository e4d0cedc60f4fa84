// Shared vocabulary of the two workflow machines (DESIGN.md §4): states, phases, roles, event
// types, and the small French helpers their refusal reasons are written with.
// Pure: no I/O, no clock. Both machine modules import from here; neither imports the other.

import { EDITION_PHASE_LABELS, ENTRY_STATE_LABELS } from '../../domain/labels';

/** Who sends an event. 'system' is the application itself (jobs, migrations): it may send none. */
// 'team' is the lead, who acts for the team; 'member' another member of it; 'public' anyone else.
export const ROLES = [
	'organiser',
	'juror',
	'team',
	'member',
	'trialSite',
	'system',
	'public'
] as const;
export type Role = (typeof ROLES)[number];

export const ENTRY_STATES = [
	'draft',
	'submitted',
	'changesRequested',
	'eligible',
	'ineligible',
	'shortlisted',
	'notShortlisted',
	'inTrial',
	'finalist',
	'laureate',
	'notAwarded',
	'withdrawn'
] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

export const EDITION_PHASES = [
	'draft',
	'open',
	'eligibility',
	'preselection',
	'trial',
	'final',
	'deliberation',
	'published',
	'archived'
] as const;
export type EditionPhase = (typeof EDITION_PHASES)[number];

export const ENTRY_EVENT_TYPES = [
	'SUBMIT',
	'REQUEST_CHANGES',
	'RESUBMIT',
	'DECLARE_ELIGIBLE',
	'DECLARE_INELIGIBLE',
	'SHORTLIST',
	'REJECT_AT_PRESELECTION',
	'START_TRIAL',
	'COMPLETE_TRIAL',
	'AWARD',
	'NOT_AWARDED',
	'WITHDRAW'
] as const;
export type EntryEventType = (typeof ENTRY_EVENT_TYPES)[number];

export const EDITION_EVENT_TYPES = [
	'OPEN',
	'CLOSE_SUBMISSIONS',
	'START_PRESELECTION',
	'START_TRIAL',
	'START_FINAL',
	'START_DELIBERATION',
	'PUBLISH',
	'ARCHIVE'
] as const;
export type EditionEventType = (typeof EDITION_EVENT_TYPES)[number];

export const AWARDS = ['prize', 'mention'] as const;
export type Award = (typeof AWARDS)[number];

export const isEntryState = (value: unknown): value is EntryState =>
	typeof value === 'string' && (ENTRY_STATES as readonly string[]).includes(value);
export const isEditionPhase = (value: unknown): value is EditionPhase =>
	typeof value === 'string' && (EDITION_PHASES as readonly string[]).includes(value);
export const isAward = (value: unknown): value is Award =>
	typeof value === 'string' && (AWARDS as readonly string[]).includes(value);

// ---------------------------------------------------------------------------------------------
// French helpers

/** « Déposée » — a state or phase label between French quotation marks. */
export const quoted = (label: string) => `« ${label} »`;
export const entryStateName = (state: EntryState) => quoted(ENTRY_STATE_LABELS[state] ?? state);
export const editionPhaseName = (phase: EditionPhase) =>
	quoted(EDITION_PHASE_LABELS[phase] ?? phase);

/** « « A » », « « A » ou « B » », « « A », « B » ou « C » » */
export function phaseList(phases: readonly EditionPhase[]): string {
	const names = phases.map(editionPhaseName);
	return names.length <= 1
		? names.join('')
		: `${names.slice(0, -1).join(', ')} ou ${names[names.length - 1]}`;
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** « 1 candidature », « 3 candidatures » (French: 0 and 1 take the singular). */
export function count(n: number, singular: string, plural: string): string {
	return `${n.toLocaleString('fr-FR')} ${n < 2 ? singular : plural}`;
}

/** Picks the singular or plural form of a phrase that follows a number. */
export const agree = (n: number, singular: string, plural: string) => (n < 2 ? singular : plural);

/**
 * Milliseconds of an ISO 8601 date. Dates reach the machines from the caller (never from a clock
 * inside): an unreadable one is a programming error, not a user's mistake, hence the exception.
 */
export function instant(iso: string, what: string): number {
	const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
	if (Number.isNaN(ms))
		throw new Error(`Workflow: ${what} is not an ISO 8601 date: ${String(iso)}`);
	return ms;
}

const parisDate = new Intl.DateTimeFormat('fr-FR', {
	timeZone: 'Europe/Paris',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: 'numeric',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** « 31 janvier 2027 à 23 h 59 », « 1er février 2027 à 9 h 05 » — in Paris time. */
export function formatParisDateTime(iso: string): string {
	const parts = Object.fromEntries(
		parisDate.formatToParts(new Date(instant(iso, 'date'))).map((p) => [p.type, p.value])
	);
	const day = parts.day === '1' ? '1er' : parts.day;
	return `${day} ${parts.month} ${parts.year} à ${parts.hour} h ${parts.minute}`;
}

/**
 * The names of the actions `transition()` returns, in order, e.g. ['notifyTeam'].
 * With XState 5.33 each returned action is `{ type, params, info, exec }`: named actions only
 * (`assign` is applied to the snapshot during the transition and not returned).
 */
export function actionNames(actions: readonly { type: string }[]): string[] {
	return actions.map((a) => a.type);
}
