// Shortest event paths through the workflow machines (xstate/graph), to reach every state from the
// initial one: used by the machines' unit tests, and to replay through `advance` in integration
// tests. Each event carries what its guard needs (role, phase, dates, facts): an entry's event
// names the edition phase it must be sent in, so a replay moves the edition there first.
import { getShortestPaths } from 'xstate/graph';
import {
	editionMachine,
	type EditionEvent,
	type EditionEventType,
	type EditionFacts,
	type EditionPhase
} from '../../src/lib/server/workflow/edition.machine';
import {
	entryMachine,
	type EntryEvent,
	type EntryEventType,
	type EntryState
} from '../../src/lib/server/workflow/entry.machine';

/** Dates of the sample edition: deadline 31 January 2027, 23:59 in Paris. */
export const SAMPLE_DATES = {
	opening: '2026-12-01T09:00:00.000Z',
	beforeDeadline: '2027-01-15T10:00:00.000Z',
	submissionsCloseAt: '2027-01-31T22:59:00.000Z',
	afterDeadline: '2027-02-10T10:00:00.000Z'
} as const;

const entryEvent = (
	type: EntryEventType,
	role: EntryEvent['role'],
	phase: EntryEvent['phase'],
	extra: Partial<EntryEvent> = {}
): EntryEvent => ({
	type,
	role,
	phase,
	at: phase === 'open' ? SAMPLE_DATES.beforeDeadline : SAMPLE_DATES.afterDeadline,
	submissionsCloseAt: SAMPLE_DATES.submissionsCloseAt,
	...extra
});

/** One event of each type, sent by the right person in the right phase, that its guard accepts. */
export const ENTRY_SAMPLE_EVENTS: Record<EntryEventType, EntryEvent> = {
	SUBMIT: entryEvent('SUBMIT', 'team', 'open'),
	REQUEST_CHANGES: entryEvent('REQUEST_CHANGES', 'organiser', 'open', {
		reason: 'Merci de préciser le public concerné.'
	}),
	RESUBMIT: entryEvent('RESUBMIT', 'team', 'open'),
	DECLARE_ELIGIBLE: entryEvent('DECLARE_ELIGIBLE', 'organiser', 'eligibility'),
	DECLARE_INELIGIBLE: entryEvent('DECLARE_INELIGIBLE', 'organiser', 'eligibility', {
		reason: 'Le projet n’a pas encore été mis en œuvre.'
	}),
	SHORTLIST: entryEvent('SHORTLIST', 'organiser', 'preselection'),
	REJECT_AT_PRESELECTION: entryEvent('REJECT_AT_PRESELECTION', 'organiser', 'preselection'),
	START_TRIAL: entryEvent('START_TRIAL', 'organiser', 'trial'),
	COMPLETE_TRIAL: entryEvent('COMPLETE_TRIAL', 'organiser', 'trial'),
	AWARD: entryEvent('AWARD', 'organiser', 'deliberation', { award: 'prize' }),
	NOT_AWARDED: entryEvent('NOT_AWARDED', 'organiser', 'deliberation'),
	WITHDRAW: entryEvent('WITHDRAW', 'team', 'open')
};

const facts = (counts: EditionFacts['counts'], at: string = SAMPLE_DATES.afterDeadline) => ({
	categories: 3,
	submissionsCloseAt: SAMPLE_DATES.submissionsCloseAt,
	at,
	counts
});

/** One move of each type, by an organiser, with facts its guard accepts (a plausible edition). */
export const EDITION_SAMPLE_EVENTS: Record<EditionEventType, EditionEvent> = {
	OPEN: { type: 'OPEN', role: 'organiser', facts: facts({}, SAMPLE_DATES.opening) },
	CLOSE_SUBMISSIONS: {
		type: 'CLOSE_SUBMISSIONS',
		role: 'organiser',
		facts: facts({ draft: 2, submitted: 6 })
	},
	START_PRESELECTION: {
		type: 'START_PRESELECTION',
		role: 'organiser',
		facts: facts({ draft: 2, eligible: 5, ineligible: 1 })
	},
	START_TRIAL: {
		type: 'START_TRIAL',
		role: 'organiser',
		facts: facts({ draft: 2, shortlisted: 3, notShortlisted: 2, ineligible: 1 })
	},
	START_FINAL: {
		type: 'START_FINAL',
		role: 'organiser',
		facts: facts({ draft: 2, finalist: 3, notShortlisted: 2, ineligible: 1 })
	},
	START_DELIBERATION: {
		type: 'START_DELIBERATION',
		role: 'organiser',
		facts: facts({ draft: 2, finalist: 3, notShortlisted: 2, ineligible: 1 })
	},
	PUBLISH: {
		type: 'PUBLISH',
		role: 'organiser',
		facts: facts({ draft: 2, laureate: 2, notAwarded: 1, notShortlisted: 2, ineligible: 1 })
	},
	ARCHIVE: {
		type: 'ARCHIVE',
		role: 'organiser',
		facts: facts({ draft: 2, laureate: 2, notAwarded: 1, notShortlisted: 2, ineligible: 1 })
	}
};

// Each path's first step is the machine's own { type: 'xstate.init' } (outside the event types).
const notInit = (event: { type: string }) => event.type !== 'xstate.init';

/** For each entry state, the events of a shortest path from `draft` (the empty list for it). */
export function entryShortestPaths(): Partial<Record<EntryState, EntryEvent[]>> {
	const paths = getShortestPaths(entryMachine, { events: Object.values(ENTRY_SAMPLE_EVENTS) });
	const byState: Partial<Record<EntryState, EntryEvent[]>> = {};
	for (const path of paths) {
		const state = path.state.value as EntryState;
		const events = path.steps.map((s) => s.event).filter(notInit);
		if (!byState[state] || events.length < byState[state].length) byState[state] = events;
	}
	return byState;
}

/** For each edition phase, the moves of a shortest path from `draft` (the empty list for it). */
export function editionShortestPaths(): Partial<Record<EditionPhase, EditionEvent[]>> {
	const paths = getShortestPaths(editionMachine, {
		events: Object.values(EDITION_SAMPLE_EVENTS)
	});
	const byPhase: Partial<Record<EditionPhase, EditionEvent[]>> = {};
	for (const path of paths) {
		const phase = path.state.value as EditionPhase;
		const events = path.steps.map((s) => s.event).filter(notInit);
		if (!byPhase[phase] || events.length < byPhase[phase].length) byPhase[phase] = events;
	}
	return byPhase;
}
