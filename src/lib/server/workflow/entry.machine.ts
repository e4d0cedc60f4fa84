/**
 * The entry (candidature) machine — DESIGN.md §4. Pure: no I/O, no clock. Everything a guard needs
 * comes in the event (who sends it, the edition's phase, the time of the request, the deadlines);
 * side effects are named actions that `transition()` returns and the caller runs after its commit.
 *
 * Use it with the pure functions of XState v5:
 *   const snapshot = restoreEntrySnapshot(row);                      // row read FOR UPDATE
 *   const [next, actions] = transition(entryMachine, snapshot, event);
 *   if (next.value === snapshot.value) → refused: answer whyEntryRefused(snapshot.value, event)
 *   else store persistEntrySnapshot(next), machine_version = ENTRY_MACHINE_VERSION, state = next.value,
 *        and after the commit run actionNames(actions) ('notifyTeam', 'notifyOrganisers').
 *
 * Snapshot versions (the `machine_version` column of `entries`):
 *   1 — the foundation: only the `state` column (and `award`) was written, `snapshot` is null.
 *       Restored with `entryMachine.resolveState({ value: state, context })`.
 *   2 — `snapshot` holds `entryMachine.getPersistedSnapshot(...)` (value, context { award }, status).
 *       Read as is.
 * To add version 3 (a change to the states or the context that old snapshots don't fit):
 *   bump ENTRY_MACHINE_VERSION to 3; write `upgrade2to3(persisted: PersistedEntryV2): PersistedEntryV3`;
 *   in `readStored`, make `case 1` and `case 2` end with `upgrade2to3(...)` and add `case 3` that
 *   reads the new shape as is. Rows are upgraded when read and stored in the new version on their
 *   next transition; never rewrite a version's reader once rows of that version exist.
 */
import { assign, setup, transition, type SnapshotFrom } from 'xstate';
import { reportCount } from '$lib/domain/trial-report-count';
import {
	EDITION_PHASES,
	ENTRY_EVENT_TYPES,
	ENTRY_STATES,
	capitalise,
	editionPhaseName,
	entryStateName,
	formatParisDateTime,
	instant,
	isAward,
	isEntryState,
	phaseList,
	type Award,
	type EditionPhase,
	type EntryEventType,
	type EntryState,
	type Role
} from './rules';

export { actionNames } from './rules';
export { reportCount };
export { ENTRY_EVENT_TYPES, ENTRY_STATES, type EntryEventType, type EntryState };

export const ENTRY_MACHINE_VERSION = 2;

export interface EntryEvent {
	type: EntryEventType;
	role: Role;
	/** The phase of the entry's edition at the time of the request. */
	phase: EditionPhase;
	/** ISO date of the request ('now', given by the caller). */
	at: string;
	/** ISO date of the edition's submission deadline, when one is set. */
	submissionsCloseAt?: string | null;
	/** RESUBMIT: ISO date by which the organisers asked for the changes, when they set one. */
	dueAt?: string | null;
	/** DECLARE_INELIGIBLE: why (required, told to the team); other events: an optional comment. */
	reason?: string;
	/** AWARD: what the jury gives (required). */
	award?: Award;
	/**
	 * COMPLETE_TRIAL: the submitted reports of the accepted sites, counted by the caller under the
	 * entry's lock (`advanceEntry` does). Missing: none.
	 */
	reports?: number;
	/** COMPLETE_TRIAL: the edition's minimum of reports (`editions.min_trial_reports`). Missing: none. */
	minReports?: number;
	/** COMPLETE_TRIAL: the organiser's reason for completing the trial with fewer reports (logged). */
	override?: string;
}

export interface EntryContext {
	/** Set by AWARD; null until then. */
	award: Award | null;
}

export const ENTRY_DEFAULT_CONTEXT: EntryContext = { award: null };

/** Named side effects: the caller maps each name to its work (mail through the outbox …). */
export const ENTRY_ACTIONS = ['notifyTeam', 'notifyOrganisers'] as const;
export type EntryActionName = (typeof ENTRY_ACTIONS)[number];

// ---------------------------------------------------------------------------------------------
// Who may send each event, and in which phases of the edition

const BEFORE_RESULTS = EDITION_PHASES.slice(0, EDITION_PHASES.indexOf('published'));

interface EntryRule {
	roles: readonly Role[];
	phases: readonly EditionPhase[];
	/** Active phrase: « Seuls les organisateurs du prix peuvent {act}. » */
	act: string;
	/** Passive phrase: « La candidature est « X » : elle ne peut pas {undergo}. » */
	undergo: string;
}

export const ENTRY_EVENT_RULES: Record<EntryEventType, EntryRule> = {
	SUBMIT: {
		roles: ['team'],
		phases: ['open'],
		act: 'déposer la candidature',
		undergo: 'être déposée'
	},
	REQUEST_CHANGES: {
		roles: ['organiser'],
		phases: ['open', 'eligibility'],
		act: 'demander des modifications',
		undergo: 'faire l’objet d’une demande de modifications'
	},
	RESUBMIT: {
		roles: ['team'],
		phases: ['open', 'eligibility'],
		act: 'déposer à nouveau la candidature',
		undergo: 'être déposée à nouveau'
	},
	DECLARE_ELIGIBLE: {
		roles: ['organiser'],
		phases: ['eligibility'],
		act: 'déclarer la candidature éligible',
		undergo: 'être déclarée éligible'
	},
	DECLARE_INELIGIBLE: {
		roles: ['organiser'],
		phases: ['eligibility'],
		act: 'déclarer la candidature non éligible',
		undergo: 'être déclarée non éligible'
	},
	SHORTLIST: {
		roles: ['organiser'],
		phases: ['preselection'],
		act: 'présélectionner la candidature',
		undergo: 'être présélectionnée'
	},
	REJECT_AT_PRESELECTION: {
		roles: ['organiser'],
		phases: ['preselection'],
		act: 'écarter la candidature à la présélection',
		undergo: 'être écartée à la présélection'
	},
	START_TRIAL: {
		roles: ['organiser'],
		phases: ['trial'],
		act: 'commencer la phase d’essai de la candidature',
		undergo: 'commencer une phase d’essai'
	},
	COMPLETE_TRIAL: {
		roles: ['organiser'],
		phases: ['trial'],
		act: 'terminer la phase d’essai de la candidature',
		undergo: 'terminer une phase d’essai'
	},
	AWARD: {
		roles: ['organiser'],
		phases: ['deliberation'],
		act: 'attribuer un prix ou une mention',
		undergo: 'recevoir un prix ou une mention'
	},
	NOT_AWARDED: {
		roles: ['organiser'],
		phases: ['deliberation'],
		act: 'déclarer la candidature non primée',
		undergo: 'être déclarée non primée'
	},
	WITHDRAW: {
		roles: ['team'],
		phases: BEFORE_RESULTS,
		act: 'retirer la candidature',
		undergo: 'être retirée'
	}
};

function roleRefusal(rule: EntryRule): string {
	return rule.roles.includes('team')
		? `Seul le porteur du projet peut ${rule.act} ; les autres membres de l’équipe modifient le dossier.`
		: `Seuls les organisateurs du prix peuvent ${rule.act}.`;
}

function phaseRefusal(type: EntryEventType, rule: EntryRule, phase: EditionPhase): string {
	const now = EDITION_PHASES.includes(phase)
		? `l’édition est en phase ${editionPhaseName(phase)}`
		: '';
	if (type === 'WITHDRAW')
		return `${capitalise(rule.act)} n’est plus possible une fois les résultats publiés${now ? ` : ${now}` : ''}.`;
	const which = rule.phases.length > 1 ? 'les phases' : 'la phase';
	const during = `pendant ${which} ${phaseList(rule.phases)}`;
	return `${capitalise(rule.act)} est possible seulement ${during}${now ? ` ; ${now}` : ''}.`;
}

const isLate = (at: string, limit: string) => instant(at, 'at') > instant(limit, 'limit');
const isSet = (date: string | null | undefined): date is string =>
	typeof date === 'string' && date !== '';

const deadlinePassed = (closeAt: string) =>
	`La date limite de dépôt est passée (le ${formatParisDateTime(closeAt)}).`;

const count = (n: number | undefined) =>
	typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;

/** Whether completing a trial needs an override: fewer submitted reports than the edition's minimum. */
export function needsTrialOverride(reports: number | undefined, minReports: number | undefined) {
	return count(reports) < count(minReports);
}

/** COMPLETE_TRIAL with fewer reports than the minimum and no reason for the override. */
function fewerReportsThanNeeded(event: EntryEvent): boolean {
	const motivated = typeof event.override === 'string' && event.override.trim() !== '';
	return needsTrialOverride(event.reports, event.minReports) && !motivated;
}

function tooFewReports(event: EntryEvent): string {
	const reports = count(event.reports);
	const has = reports === 0 ? 'ne compte' : 'ne compte que';
	return (
		`La phase d’essai ${has} ${reportCount(reports)} ; il en faut au moins ` +
		`${count(event.minReports)}, ou une dérogation motivée.`
	);
}

/** The conditions of each event beyond role and phase. */
function conditionRefusal(event: EntryEvent): string | null {
	switch (event.type) {
		case 'SUBMIT':
			return isSet(event.submissionsCloseAt) && isLate(event.at, event.submissionsCloseAt)
				? deadlinePassed(event.submissionsCloseAt)
				: null;
		case 'RESUBMIT': {
			// Answering a request for changes: while submissions are open, until the submission
			// deadline or the due date of the request if that is later; during the eligibility
			// review, until the due date if there is one.
			const dueAt = isSet(event.dueAt) ? event.dueAt : null;
			const closeAt =
				event.phase === 'open' && isSet(event.submissionsCloseAt) ? event.submissionsCloseAt : null;
			const limits = [dueAt, closeAt].filter((d): d is string => d !== null);
			if (limits.length === 0) return null;
			const latest = limits.reduce((a, b) => (instant(b, 'limit') > instant(a, 'limit') ? b : a));
			if (!isLate(event.at, latest)) return null;
			return latest === dueAt
				? `Le délai accordé pour les modifications est dépassé (le ${formatParisDateTime(dueAt)}).`
				: deadlinePassed(latest);
		}
		case 'REQUEST_CHANGES':
			if (typeof event.reason !== 'string' || event.reason.trim() === '')
				return 'Indiquez les modifications attendues : ce message est envoyé à l’équipe.';
			return isSet(event.dueAt) && !isLate(event.dueAt, event.at)
				? 'La date de réponse attendue doit être postérieure à la demande.'
				: null;
		case 'DECLARE_INELIGIBLE':
			return typeof event.reason === 'string' && event.reason.trim() !== ''
				? null
				: 'Indiquez le motif de l’inéligibilité : il sera communiqué à l’équipe.';
		case 'AWARD':
			return isAward(event.award) ? null : 'Précisez la distinction attribuée : prix ou mention.';
		case 'COMPLETE_TRIAL':
			return fewerReportsThanNeeded(event) ? tooFewReports(event) : null;
		default:
			return null;
	}
}

/**
 * Why an event is refused whatever the entry's state (role → phase → conditions), or null.
 * This is the machine's only guard.
 */
function whyNotPermitted(event: EntryEvent): string | null {
	const rule = ENTRY_EVENT_RULES[event.type];
	if (!rule) return `Action inconnue : « ${String(event.type)} ».`;
	if (!rule.roles.includes(event.role)) return roleRefusal(rule);
	if (!rule.phases.includes(event.phase)) return phaseRefusal(event.type, rule, event.phase);
	return conditionRefusal(event);
}

// ---------------------------------------------------------------------------------------------
// The machine

const step = (target: EntryState) =>
	({ target, guard: 'permitted', actions: ['notifyTeam'] }) as const;
const byTeam = (target: EntryState) =>
	({ target, guard: 'permitted', actions: ['notifyTeam', 'notifyOrganisers'] }) as const;

export const entryMachine = setup({
	types: {
		context: {} as EntryContext,
		events: {} as EntryEvent
	},
	guards: {
		permitted: ({ event }) => whyNotPermitted(event) === null
	},
	actions: {
		// Run by the caller after the commit (see actionNames); nothing happens inside the machine.
		notifyTeam: () => {},
		notifyOrganisers: () => {},
		recordAward: assign({ award: ({ event }) => (isAward(event.award) ? event.award : null) })
	}
}).createMachine({
	id: 'entry',
	version: String(ENTRY_MACHINE_VERSION),
	initial: 'draft',
	context: { ...ENTRY_DEFAULT_CONTEXT },
	states: {
		draft: {
			on: { SUBMIT: byTeam('submitted'), WITHDRAW: byTeam('withdrawn') }
		},
		submitted: {
			on: {
				REQUEST_CHANGES: step('changesRequested'),
				DECLARE_ELIGIBLE: step('eligible'),
				DECLARE_INELIGIBLE: step('ineligible'),
				WITHDRAW: byTeam('withdrawn')
			}
		},
		changesRequested: {
			on: { RESUBMIT: byTeam('submitted'), WITHDRAW: byTeam('withdrawn') }
		},
		eligible: {
			on: {
				SHORTLIST: step('shortlisted'),
				REJECT_AT_PRESELECTION: step('notShortlisted'),
				WITHDRAW: byTeam('withdrawn')
			}
		},
		ineligible: { type: 'final' },
		shortlisted: {
			on: { START_TRIAL: step('inTrial'), WITHDRAW: byTeam('withdrawn') }
		},
		notShortlisted: { type: 'final' },
		inTrial: {
			on: { COMPLETE_TRIAL: step('finalist'), WITHDRAW: byTeam('withdrawn') }
		},
		finalist: {
			on: {
				AWARD: {
					target: 'laureate',
					guard: 'permitted',
					actions: ['recordAward', 'notifyTeam']
				},
				NOT_AWARDED: step('notAwarded'),
				WITHDRAW: byTeam('withdrawn')
			}
		},
		laureate: { type: 'final' },
		notAwarded: { type: 'final' },
		withdrawn: { type: 'final' }
	}
});

export type EntrySnapshot = SnapshotFrom<typeof entryMachine>;

/** The events an entry in this state answers to (whoever sends them, whenever). */
export function entryEventsFrom(state: EntryState): EntryEventType[] {
	const node = entryMachine.states[state];
	if (!node) return [];
	return node.ownEvents.filter((t): t is EntryEventType =>
		(ENTRY_EVENT_TYPES as readonly string[]).includes(t)
	);
}

/**
 * Why the machine refuses this event in this state, in French, or null when it accepts it.
 * Order: the state does not answer the event → wrong role → wrong phase → the event's conditions.
 */
export function whyEntryRefused(state: EntryState, event: EntryEvent): string | null {
	if (!isEntryState(state)) return `État de candidature inconnu : « ${String(state)} ».`;
	const rule = ENTRY_EVENT_RULES[event.type];
	if (!rule) return `Action inconnue : « ${String(event.type)} ».`;
	if (!entryEventsFrom(state).includes(event.type))
		return `La candidature est ${entryStateName(state)} : elle ne peut pas ${rule.undergo}.`;
	return whyNotPermitted(event);
}

/** The snapshot of an entry in this state (context defaults unless given). */
export function entrySnapshotOf(
	state: EntryState,
	context: EntryContext = ENTRY_DEFAULT_CONTEXT
): EntrySnapshot {
	if (!isEntryState(state)) throw new Error(`Unknown entry state "${String(state)}".`);
	return entryMachine.resolveState({ value: state, context: { ...context } });
}

/** The state the event leads to, or null when refused. A convenience over `transition()`. */
export function nextEntryState(state: EntryState, event: EntryEvent): EntryState | null {
	const snapshot = entrySnapshotOf(state);
	const [next] = transition(entryMachine, snapshot, event);
	return next.value === snapshot.value ? null : (next.value as EntryState);
}

// ---------------------------------------------------------------------------------------------
// Save and restore

/** What version 2 stores in `entries.snapshot`. */
export interface PersistedEntryV2 {
	status: string;
	value: EntryState;
	context: EntryContext;
	[key: string]: unknown;
}

export interface StoredEntry {
	machineVersion: number;
	snapshot: unknown | null;
	/** The `state` column. */
	state: string;
	/** The `award` column, used to rebuild the context of a version-1 row. */
	award?: Award | null;
}

/** What to store in `entries.snapshot` (JSON-serialisable), with ENTRY_MACHINE_VERSION. */
export function persistEntrySnapshot(snapshot: EntrySnapshot): PersistedEntryV2 {
	return entryMachine.getPersistedSnapshot(snapshot) as unknown as PersistedEntryV2;
}

function readVersion1(stored: StoredEntry): Pick<PersistedEntryV2, 'value' | 'context'> {
	if (!isEntryState(stored.state))
		throw new Error(`Unknown entry state "${stored.state}" in a version-1 row.`);
	return {
		value: stored.state,
		context: { ...ENTRY_DEFAULT_CONTEXT, award: isAward(stored.award) ? stored.award : null }
	};
}

function readVersion2(stored: StoredEntry): Pick<PersistedEntryV2, 'value' | 'context'> {
	const snapshot = stored.snapshot as Partial<PersistedEntryV2> | null;
	if (!snapshot || typeof snapshot !== 'object')
		throw new Error('A version-2 entry row has no snapshot.');
	if (!isEntryState(snapshot.value))
		throw new Error(
			`Unknown entry state ${JSON.stringify(snapshot.value)} in a version-2 snapshot.`
		);
	if (snapshot.value !== stored.state)
		throw new Error(
			`Entry snapshot (${snapshot.value}) and state column (${stored.state}) disagree.`
		);
	const award = snapshot.context?.award ?? null;
	if (award !== null && !isAward(award))
		throw new Error(`Unknown award ${JSON.stringify(award)} in a version-2 entry snapshot.`);
	return { value: snapshot.value, context: { award } };
}

function readStored(stored: StoredEntry): Pick<PersistedEntryV2, 'value' | 'context'> {
	switch (stored.machineVersion) {
		case 1:
			return readVersion1(stored);
		case 2:
			return readVersion2(stored);
		default:
			throw new Error(
				`Unknown entry machine version ${JSON.stringify(stored.machineVersion)} ` +
					`(this code reads versions 1 to ${ENTRY_MACHINE_VERSION}).`
			);
	}
}

/** A snapshot usable by `transition()`, from a stored row of any known version. */
export function restoreEntrySnapshot(stored: StoredEntry): EntrySnapshot {
	const { value, context } = readStored(stored);
	return entryMachine.resolveState({ value, context });
}
