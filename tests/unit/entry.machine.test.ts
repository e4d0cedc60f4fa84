import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import {
	ENTRY_EVENT_LABELS,
	ENTRY_EVENT_PAST,
	entryEventPast
} from '../../src/lib/domain/workflow-labels';
import {
	ENTRY_EVENT_TYPES,
	ENTRY_MACHINE_VERSION,
	ENTRY_STATES,
	actionNames,
	entryMachine,
	entrySnapshotOf,
	needsTrialOverride,
	nextEntryState,
	persistEntrySnapshot,
	reportCount,
	restoreEntrySnapshot,
	whyEntryRefused,
	type EntryEvent,
	type EntryEventType,
	type EntryState
} from '../../src/lib/server/workflow/entry.machine';
import type { EditionPhase, Role } from '../../src/lib/server/workflow/rules';
import { ENTRY_SAMPLE_EVENTS, entryShortestPaths } from '../helpers/workflow-paths';

// ------------------------------------------------------------------------------------------------
// The specification (DESIGN.md §4), written out independently of the machine's code.

const STATES: EntryState[] = [
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
];
const EVENTS: EntryEventType[] = [
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
];
const ROLES: Role[] = ['organiser', 'juror', 'team', 'trialSite', 'system'];
const PHASES: EditionPhase[] = [
	'draft',
	'open',
	'eligibility',
	'preselection',
	'trial',
	'final',
	'deliberation',
	'published',
	'archived'
];

/** Where each (state, event) leads when the right person sends it in the right phase; absent: refused. */
const NEXT: Record<EntryState, Partial<Record<EntryEventType, EntryState>>> = {
	draft: { SUBMIT: 'submitted', WITHDRAW: 'withdrawn' },
	submitted: {
		REQUEST_CHANGES: 'changesRequested',
		DECLARE_ELIGIBLE: 'eligible',
		DECLARE_INELIGIBLE: 'ineligible',
		WITHDRAW: 'withdrawn'
	},
	changesRequested: { RESUBMIT: 'submitted', WITHDRAW: 'withdrawn' },
	eligible: {
		SHORTLIST: 'shortlisted',
		REJECT_AT_PRESELECTION: 'notShortlisted',
		WITHDRAW: 'withdrawn'
	},
	ineligible: {},
	shortlisted: { START_TRIAL: 'inTrial', WITHDRAW: 'withdrawn' },
	notShortlisted: {},
	inTrial: { COMPLETE_TRIAL: 'finalist', WITHDRAW: 'withdrawn' },
	finalist: { AWARD: 'laureate', NOT_AWARDED: 'notAwarded', WITHDRAW: 'withdrawn' },
	laureate: {},
	notAwarded: {},
	withdrawn: {}
};

/** Who may send each event. */
const SENDER: Record<EntryEventType, Role> = {
	SUBMIT: 'team',
	REQUEST_CHANGES: 'organiser',
	RESUBMIT: 'team',
	DECLARE_ELIGIBLE: 'organiser',
	DECLARE_INELIGIBLE: 'organiser',
	SHORTLIST: 'organiser',
	REJECT_AT_PRESELECTION: 'organiser',
	START_TRIAL: 'organiser',
	COMPLETE_TRIAL: 'organiser',
	AWARD: 'organiser',
	NOT_AWARDED: 'organiser',
	WITHDRAW: 'team'
};

/** In which phases of the edition each event may be sent. */
const WHEN: Record<EntryEventType, EditionPhase[]> = {
	SUBMIT: ['open'],
	REQUEST_CHANGES: ['open', 'eligibility'],
	RESUBMIT: ['open', 'eligibility'],
	DECLARE_ELIGIBLE: ['eligibility'],
	DECLARE_INELIGIBLE: ['eligibility'],
	SHORTLIST: ['preselection'],
	REJECT_AT_PRESELECTION: ['preselection'],
	START_TRIAL: ['trial'],
	COMPLETE_TRIAL: ['trial'],
	AWARD: ['deliberation'],
	NOT_AWARDED: ['deliberation'],
	WITHDRAW: ['draft', 'open', 'eligibility', 'preselection', 'trial', 'final', 'deliberation']
};

// Deadline: 31 January 2027, 23:59 in Paris (22:59 UTC, winter time).
const DEADLINE = '2027-01-31T22:59:00.000Z';
const BEFORE = '2027-01-15T10:00:00.000Z';
const AFTER = '2027-02-01T00:00:00.000Z';
const DUE = '2027-03-01T11:00:00.000Z'; // 1 March 2027, 12:00 in Paris
const AFTER_DUE = '2027-03-02T09:00:00.000Z';

/** The event of this type from the right person, in its first allowed phase, meeting its conditions. */
function rightEvent(type: EntryEventType, overrides: Partial<EntryEvent> = {}): EntryEvent {
	return {
		type,
		role: SENDER[type],
		phase: WHEN[type][0],
		at: BEFORE,
		submissionsCloseAt: DEADLINE,
		reason: 'Motif détaillé.',
		award: 'prize',
		...overrides
	};
}

/** A state from which the event is allowed (by the table above). */
const sourceOf = (type: EntryEventType) => STATES.find((s) => NEXT[s][type] !== undefined)!;

const changes = (state: EntryState, event: EntryEvent) => {
	const snapshot = entrySnapshotOf(state);
	const [next, actions] = transition(entryMachine, snapshot, event);
	return { changed: next.value !== snapshot.value, next, actions: actionNames(actions) };
};

// ------------------------------------------------------------------------------------------------

describe('entry machine: the states and events are those of the design', () => {
	it('lists exactly the twelve states and twelve events', () => {
		expect([...ENTRY_STATES]).toEqual(STATES);
		expect([...ENTRY_EVENT_TYPES]).toEqual(EVENTS);
		expect(ENTRY_MACHINE_VERSION).toBe(2);
		expect(Object.keys(entryMachine.states)).toEqual(STATES);
	});

	it('starts as a draft with no award', () => {
		const snapshot = entryMachine.resolveState({ value: 'draft', context: { award: null } });
		expect(snapshot.value).toBe('draft');
		expect(snapshot.context).toEqual({ award: null });
	});
});

describe('entry machine: every state × event, sent by the right person in the right phase', () => {
	for (const state of STATES)
		for (const type of EVENTS) {
			const expected = NEXT[state][type] ?? null;
			it(`${state} + ${type} → ${expected ?? 'refused'}`, () => {
				const event = rightEvent(type);
				expect(nextEntryState(state, event)).toBe(expected);
				const why = whyEntryRefused(state, event);
				const { actions } = changes(state, event);
				if (expected) {
					expect(why).toBeNull();
					expect(actions).toContain('notifyTeam');
				} else {
					expect(why).toMatch(/^La candidature est « .+ » : elle ne peut pas .+\.$/);
					expect(actions).toEqual([]);
				}
			});
		}
});

describe('entry machine: only the right person may send each event', () => {
	for (const type of EVENTS)
		for (const role of ROLES.filter((r) => r !== SENDER[type]))
			it(`refuses ${type} sent by ${role}`, () => {
				const state = sourceOf(type);
				const event = rightEvent(type, { role });
				expect(nextEntryState(state, event)).toBeNull();
				expect(whyEntryRefused(state, event)).toMatch(
					SENDER[type] === 'team'
						? /^Seul le porteur du projet peut .+ ; les autres membres de l’équipe modifient le dossier\.$/
						: /^Seuls les organisateurs du prix peuvent .+\.$/
				);
			});
});

describe('entry machine: each event only in its phases of the edition', () => {
	for (const type of EVENTS)
		for (const phase of PHASES) {
			const allowed = WHEN[type].includes(phase);
			it(`${allowed ? 'accepts' : 'refuses'} ${type} in phase ${phase}`, () => {
				const state = sourceOf(type);
				// Answering changes in eligibility has no submission deadline: keep `at` before it.
				const event = rightEvent(type, { phase });
				expect(nextEntryState(state, event)).toBe(allowed ? NEXT[state][type] : null);
				const why = whyEntryRefused(state, event);
				if (allowed) expect(why).toBeNull();
				else
					expect(why).toMatch(
						/ est possible seulement pendant (la phase|les phases) « .+ » ; l’édition est en phase « .+ »\.$| n’est plus possible une fois les résultats publiés : l’édition est en phase « .+ »\.$/
					);
			});
		}

	it('names the allowed phases and the current one', () => {
		expect(whyEntryRefused('draft', rightEvent('SUBMIT', { phase: 'eligibility' }))).toBe(
			'Déposer la candidature est possible seulement pendant la phase « Candidatures ouvertes » ; l’édition est en phase « Examen de l’éligibilité ».'
		);
		expect(whyEntryRefused('changesRequested', rightEvent('RESUBMIT', { phase: 'trial' }))).toBe(
			'Déposer à nouveau la candidature est possible seulement pendant les phases « Candidatures ouvertes » ou « Examen de l’éligibilité » ; l’édition est en phase « Phase d’essai ».'
		);
		expect(whyEntryRefused('finalist', rightEvent('WITHDRAW', { phase: 'published' }))).toBe(
			'Retirer la candidature n’est plus possible une fois les résultats publiés : l’édition est en phase « Résultats publiés ».'
		);
	});
});

type Row = [title: string, state: EntryState, event: EntryEvent, expected: EntryState | RegExp];

/** Rows on the conditions of each event: expected next state, or the reason of the refusal. */
const CONDITIONS: Row[] = [
	['submits before the deadline', 'draft', rightEvent('SUBMIT', { at: BEFORE }), 'submitted'],
	['submits at the deadline itself', 'draft', rightEvent('SUBMIT', { at: DEADLINE }), 'submitted'],
	[
		'refuses a submission one minute past the deadline, with the date in Paris time',
		'draft',
		rightEvent('SUBMIT', { at: '2027-01-31T23:00:00.000Z' }),
		/^La date limite de dépôt est passée \(le 31 janvier 2027 à 23 h 59\)\.$/
	],
	[
		'compares dates as instants, whatever their offset',
		'draft',
		rightEvent('SUBMIT', { at: '2027-02-01T00:30:00+01:00' }),
		/^La date limite de dépôt est passée/
	],
	[
		'submits at any time when no deadline is set',
		'draft',
		rightEvent('SUBMIT', { at: AFTER, submissionsCloseAt: null }),
		'submitted'
	],
	[
		'refuses to resubmit past the deadline while submissions are open',
		'changesRequested',
		rightEvent('RESUBMIT', { phase: 'open', at: AFTER }),
		/^La date limite de dépôt est passée \(le 31 janvier 2027 à 23 h 59\)\.$/
	],
	[
		'resubmits past the deadline while open when the request for changes is due later',
		'changesRequested',
		rightEvent('RESUBMIT', { phase: 'open', at: AFTER, dueAt: DUE }),
		'submitted'
	],
	[
		'resubmits before the deadline while open even when the due date is past',
		'changesRequested',
		rightEvent('RESUBMIT', { phase: 'open', at: BEFORE, dueAt: '2027-01-10T10:00:00.000Z' }),
		'submitted'
	],
	[
		'resubmits past the submission deadline during eligibility (it does not apply there)',
		'changesRequested',
		rightEvent('RESUBMIT', { phase: 'eligibility', at: AFTER }),
		'submitted'
	],
	[
		'resubmits during eligibility before the due date',
		'changesRequested',
		rightEvent('RESUBMIT', { phase: 'eligibility', at: AFTER, dueAt: DUE }),
		'submitted'
	],
	[
		'resubmits during eligibility at the due date itself',
		'changesRequested',
		rightEvent('RESUBMIT', { phase: 'eligibility', at: DUE, dueAt: DUE }),
		'submitted'
	],
	[
		'refuses to resubmit during eligibility after the due date',
		'changesRequested',
		rightEvent('RESUBMIT', { phase: 'eligibility', at: AFTER_DUE, dueAt: DUE }),
		/^Le délai accordé pour les modifications est dépassé \(le 1er mars 2027 à 12 h 00\)\.$/
	],
	[
		'refuses to resubmit while open after both the deadline and a later due date',
		'changesRequested',
		rightEvent('RESUBMIT', { phase: 'open', at: AFTER_DUE, dueAt: DUE }),
		/^Le délai accordé pour les modifications est dépassé \(le 1er mars 2027 à 12 h 00\)\.$/
	],
	[
		'ignores the submission deadline for an organiser’s decision',
		'submitted',
		rightEvent('DECLARE_ELIGIBLE', { at: AFTER }),
		'eligible'
	],
	[
		'declares ineligible with a reason',
		'submitted',
		rightEvent('DECLARE_INELIGIBLE', { reason: 'Hors champ du prix.' }),
		'ineligible'
	],
	[
		'refuses to declare ineligible without a reason',
		'submitted',
		rightEvent('DECLARE_INELIGIBLE', { reason: undefined }),
		/^Indiquez le motif de l’inéligibilité : il sera communiqué à l’équipe\.$/
	],
	[
		'refuses to declare ineligible with a blank reason',
		'submitted',
		rightEvent('DECLARE_INELIGIBLE', { reason: '   ' }),
		/^Indiquez le motif de l’inéligibilité/
	],
	[
		'refuses to request changes without a message for the team',
		'submitted',
		rightEvent('REQUEST_CHANGES', { reason: undefined }),
		/^Indiquez les modifications attendues : ce message est envoyé à l’équipe\.$/
	],
	[
		'refuses to request changes with a blank message',
		'submitted',
		rightEvent('REQUEST_CHANGES', { reason: ' \n ' }),
		/^Indiquez les modifications attendues/
	],
	[
		'refuses a due date for the changes that is not after the request',
		'submitted',
		rightEvent('REQUEST_CHANGES', { reason: 'Précisez.', dueAt: '2027-01-10T10:00:00.000Z' }),
		/^La date de réponse attendue doit être postérieure à la demande\.$/
	],
	[
		'requests changes with a message and a later due date',
		'submitted',
		rightEvent('REQUEST_CHANGES', { reason: 'Précisez.', dueAt: DUE }),
		'changesRequested'
	],
	['awards a prize', 'finalist', rightEvent('AWARD', { award: 'prize' }), 'laureate'],
	['awards a mention', 'finalist', rightEvent('AWARD', { award: 'mention' }), 'laureate'],
	[
		'refuses to award without saying prize or mention',
		'finalist',
		rightEvent('AWARD', { award: undefined }),
		/^Précisez la distinction attribuée : prix ou mention\.$/
	],
	[
		'refuses an award that is neither prize nor mention',
		'finalist',
		rightEvent('AWARD', { award: 'gold' as 'prize' }),
		/^Précisez la distinction attribuée/
	],
	[
		'withdraws a finalist during the deliberation',
		'finalist',
		rightEvent('WITHDRAW', { phase: 'deliberation', at: AFTER }),
		'withdrawn'
	],
	[
		'withdraws a draft after the deadline',
		'draft',
		rightEvent('WITHDRAW', { phase: 'eligibility', at: AFTER }),
		'withdrawn'
	],
	[
		'refuses to withdraw once the results are published',
		'finalist',
		rightEvent('WITHDRAW', { phase: 'published' }),
		/^Retirer la candidature n’est plus possible une fois les résultats publiés/
	],
	[
		'refuses to withdraw after a final decision',
		'ineligible',
		rightEvent('WITHDRAW'),
		/^La candidature est « Non éligible » : elle ne peut pas être retirée\.$/
	],
	[
		'refuses to withdraw a laureate',
		'laureate',
		rightEvent('WITHDRAW', { phase: 'deliberation' }),
		/^La candidature est « Lauréate » : elle ne peut pas être retirée\.$/
	],
	[
		'refuses to withdraw twice',
		'withdrawn',
		rightEvent('WITHDRAW'),
		/^La candidature est « Retirée » : elle ne peut pas être retirée\.$/
	],
	// Order of the checks: state → role → phase → conditions.
	[
		'names the state before the role',
		'submitted',
		rightEvent('SUBMIT', { role: 'organiser' }),
		/^La candidature est « Déposée » : elle ne peut pas être déposée\.$/
	],
	[
		'names the role before the phase',
		'submitted',
		rightEvent('DECLARE_ELIGIBLE', { role: 'team', phase: 'preselection' }),
		/^Seuls les organisateurs du prix peuvent déclarer la candidature éligible\.$/
	],
	[
		'names the role of the team',
		'draft',
		rightEvent('SUBMIT', { role: 'organiser' }),
		/^Seul le porteur du projet peut déposer la candidature ; les autres membres de l’équipe modifient le dossier\.$/
	],
	[
		'names the phase before the deadline',
		'draft',
		rightEvent('SUBMIT', { phase: 'eligibility', at: AFTER }),
		/^Déposer la candidature est possible seulement pendant la phase « Candidatures ouvertes »/
	],
	[
		'names the phase before a missing reason',
		'submitted',
		rightEvent('DECLARE_INELIGIBLE', { phase: 'open', reason: '' }),
		/^Déclarer la candidature non éligible est possible seulement pendant la phase « Examen de l’éligibilité »/
	]
];

describe('entry machine: conditions of the events', () => {
	for (const [title, state, event, expected] of CONDITIONS)
		it(title, () => {
			const why = whyEntryRefused(state, event);
			if (typeof expected === 'string') {
				expect(nextEntryState(state, event)).toBe(expected);
				expect(why).toBeNull();
			} else {
				expect(nextEntryState(state, event)).toBeNull();
				expect(why).toMatch(expected);
			}
		});

	it('records the award in the context', () => {
		const [next] = transition(
			entryMachine,
			entrySnapshotOf('finalist'),
			rightEvent('AWARD', { award: 'mention' })
		);
		expect(next.context).toEqual({ award: 'mention' });
		const [other] = transition(
			entryMachine,
			entrySnapshotOf('finalist'),
			rightEvent('NOT_AWARDED')
		);
		expect(other.context).toEqual({ award: null });
	});

	it('throws on an unreadable date (a programming error, not a refusal)', () => {
		expect(() => whyEntryRefused('draft', rightEvent('SUBMIT', { at: 'demain' }))).toThrow(
			/ISO 8601/
		);
	});
});

describe('entry machine: the reasons agree with the machine', () => {
	// Contexts covering every condition: dates before/after the deadline and the due date,
	// reason present/absent/blank, award present/absent/invalid, no deadline at all.
	const contexts: Partial<EntryEvent>[] = [
		{ at: BEFORE, submissionsCloseAt: DEADLINE, reason: 'Motif.', award: 'prize' },
		{ at: AFTER, submissionsCloseAt: DEADLINE, dueAt: null, reason: 'Motif.', award: 'mention' },
		{ at: AFTER, submissionsCloseAt: DEADLINE, dueAt: DUE },
		{ at: AFTER_DUE, submissionsCloseAt: DEADLINE, dueAt: DUE, reason: '' },
		{ at: AFTER, submissionsCloseAt: null, reason: '  ', award: 'gold' as 'prize' },
		{ at: BEFORE, submissionsCloseAt: DEADLINE, dueAt: '2027-01-10T10:00:00.000Z' }
	];

	it('gives no reason exactly when transition() changes the state (every state, event, role, phase and context)', () => {
		let allowed = 0;
		let refused = 0;
		const disagreements: unknown[] = [];
		for (const state of STATES) {
			const snapshot = entrySnapshotOf(state);
			for (const type of EVENTS)
				for (const role of ROLES)
					for (const phase of PHASES)
						for (const context of contexts) {
							const event: EntryEvent = { type, role, phase, at: BEFORE, ...context };
							const [next, actions] = transition(entryMachine, snapshot, event);
							const why = whyEntryRefused(state, event);
							const changed = next.value !== snapshot.value;
							if (changed) allowed++;
							else refused++;
							const wellSaid = changed
								? why === null && actionNames(actions).includes('notifyTeam')
								: typeof why === 'string' && /^[A-ZÉ«].+\.$/.test(why);
							if (!wellSaid) disagreements.push({ state, event, changed, why });
						}
		}
		expect(disagreements).toEqual([]);
		expect(allowed).toBeGreaterThan(100);
		expect(refused).toBeGreaterThan(allowed);
	}, 60_000); // exhaustive: a few seconds, more on a busy machine

	it('tells the organisers when the team submits, resubmits or withdraws', () => {
		expect(changes('draft', rightEvent('SUBMIT')).actions).toEqual([
			'notifyTeam',
			'notifyOrganisers'
		]);
		expect(changes('changesRequested', rightEvent('RESUBMIT')).actions).toEqual([
			'notifyTeam',
			'notifyOrganisers'
		]);
		expect(changes('inTrial', rightEvent('WITHDRAW')).actions).toEqual([
			'notifyTeam',
			'notifyOrganisers'
		]);
		expect(changes('submitted', rightEvent('DECLARE_ELIGIBLE')).actions).toEqual(['notifyTeam']);
		expect(changes('finalist', rightEvent('AWARD')).actions).toEqual(['notifyTeam']);
	});
});

describe('entry machine: shortest paths reach every state', () => {
	/** Length of the shortest path from a draft, by the chart. */
	const DISTANCE: Record<EntryState, number> = {
		draft: 0,
		submitted: 1,
		withdrawn: 1,
		changesRequested: 2,
		eligible: 2,
		ineligible: 2,
		shortlisted: 3,
		notShortlisted: 3,
		inTrial: 4,
		finalist: 5,
		laureate: 6,
		notAwarded: 6
	};
	const paths = entryShortestPaths();

	it('finds a path to each of the twelve states', () => {
		expect(Object.keys(paths).sort()).toEqual([...STATES].sort());
	});

	for (const state of STATES)
		it(`reaches ${state} in ${DISTANCE[state]} steps, and the path replays`, () => {
			const events = paths[state]!;
			expect(events).toHaveLength(DISTANCE[state]);
			let snapshot = entrySnapshotOf('draft');
			for (const event of events) {
				const [next, actions] = transition(entryMachine, snapshot, event);
				expect(next.value).not.toBe(snapshot.value);
				expect(actionNames(actions)).toContain('notifyTeam');
				snapshot = next;
			}
			expect(snapshot.value).toBe(state);
		});

	it('uses events that each carry their sender and phase', () => {
		expect(paths.laureate!.map((e) => [e.type, e.role, e.phase])).toEqual([
			['SUBMIT', 'team', 'open'],
			['DECLARE_ELIGIBLE', 'organiser', 'eligibility'],
			['SHORTLIST', 'organiser', 'preselection'],
			['START_TRIAL', 'organiser', 'trial'],
			['COMPLETE_TRIAL', 'organiser', 'trial'],
			['AWARD', 'organiser', 'deliberation']
		]);
		expect(paths.laureate![5]).toEqual(ENTRY_SAMPLE_EVENTS.AWARD);
	});
});

describe('entry machine: save and restore', () => {
	const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));
	const paths = entryShortestPaths();

	/** The snapshot at the end of the shortest path to a state. */
	function reach(state: EntryState) {
		let snapshot = entrySnapshotOf('draft');
		for (const event of paths[state]!) snapshot = transition(entryMachine, snapshot, event)[0];
		return snapshot;
	}

	for (const state of STATES)
		it(`keeps a ${state} entry through persist → JSON → restore`, () => {
			const snapshot = reach(state);
			const stored = roundTrip(persistEntrySnapshot(snapshot));
			const restored = restoreEntrySnapshot({
				machineVersion: ENTRY_MACHINE_VERSION,
				snapshot: stored,
				state
			});
			expect(restored.value).toBe(state);
			expect(restored.context).toEqual(snapshot.context);
			expect(roundTrip(persistEntrySnapshot(restored))).toEqual(stored);
		});

	it('keeps the award of a laureate', () => {
		const restored = restoreEntrySnapshot({
			machineVersion: 2,
			snapshot: roundTrip(persistEntrySnapshot(reach('laureate'))),
			state: 'laureate'
		});
		expect(restored.context.award).toBe('prize');
	});

	it('still transitions after a restore', () => {
		const restored = restoreEntrySnapshot({
			machineVersion: 2,
			snapshot: roundTrip(persistEntrySnapshot(reach('finalist'))),
			state: 'finalist'
		});
		const [next, actions] = transition(
			entryMachine,
			restored,
			rightEvent('AWARD', { award: 'mention' })
		);
		expect(next.value).toBe('laureate');
		expect(next.context.award).toBe('mention');
		expect(actionNames(actions)).toEqual(['notifyTeam']);
		const [refused] = transition(entryMachine, restored, rightEvent('SUBMIT'));
		expect(refused.value).toBe('finalist');
	});

	for (const state of STATES)
		it(`restores a version-1 row (state column only) in state ${state}`, () => {
			const restored = restoreEntrySnapshot({ machineVersion: 1, snapshot: null, state });
			expect(restored.value).toBe(state);
			expect(restored.context).toEqual({ award: null });
			for (const type of EVENTS) {
				const [next] = transition(entryMachine, restored, rightEvent(type));
				expect(next.value).toBe(NEXT[state][type] ?? state);
			}
		});

	it('takes the award of a version-1 laureate from its award column', () => {
		const restored = restoreEntrySnapshot({
			machineVersion: 1,
			snapshot: null,
			state: 'laureate',
			award: 'mention'
		});
		expect(restored.context).toEqual({ award: 'mention' });
	});

	it('refuses an unknown version', () => {
		expect(() =>
			restoreEntrySnapshot({ machineVersion: 3, snapshot: null, state: 'draft' })
		).toThrow(/Unknown entry machine version 3/);
		expect(() =>
			restoreEntrySnapshot({ machineVersion: 0, snapshot: null, state: 'draft' })
		).toThrow(/Unknown entry machine version 0/);
	});

	it('refuses a state the machine does not know', () => {
		expect(() =>
			restoreEntrySnapshot({ machineVersion: 1, snapshot: null, state: 'appeal' })
		).toThrow(/Unknown entry state "appeal"/);
		expect(() =>
			restoreEntrySnapshot({
				machineVersion: 2,
				snapshot: { status: 'active', value: 'appeal', context: { award: null } },
				state: 'appeal'
			})
		).toThrow(/Unknown entry state "appeal"/);
	});

	it('refuses a version-2 row without a snapshot, or whose snapshot and state column disagree', () => {
		expect(() =>
			restoreEntrySnapshot({ machineVersion: 2, snapshot: null, state: 'draft' })
		).toThrow(/no snapshot/);
		expect(() =>
			restoreEntrySnapshot({
				machineVersion: 2,
				snapshot: roundTrip(persistEntrySnapshot(reach('eligible'))),
				state: 'submitted'
			})
		).toThrow(/disagree/);
	});
});

describe('entry events: French labels', () => {
	for (const type of EVENTS)
		it(`labels ${type} for a button and for a timeline`, () => {
			expect(ENTRY_EVENT_LABELS[type]).toMatch(/^[A-ZÉ][^.]+$/);
			expect(ENTRY_EVENT_PAST[type]).toMatch(/^[A-ZÉ][^.]+$/);
		});

	it('uses the expected wording', () => {
		expect(ENTRY_EVENT_LABELS.SUBMIT).toBe('Déposer la candidature');
		expect(ENTRY_EVENT_LABELS.DECLARE_ELIGIBLE).toBe('Déclarer éligible');
		expect(ENTRY_EVENT_PAST.SUBMIT).toBe('Candidature déposée');
		expect(ENTRY_EVENT_PAST.DECLARE_ELIGIBLE).toBe('Déclarée éligible');
		expect(entryEventPast('AWARD', { award: 'mention' })).toBe('Déclarée lauréate (Mention)');
		expect(entryEventPast('UNKNOWN')).toBe('UNKNOWN');
	});
});

describe('entry machine: completing a trial needs enough reports or a motivated override', () => {
	const complete = (extra: Partial<EntryEvent>) => rightEvent('COMPLETE_TRIAL', extra);

	it('completes the trial when the submitted reports reach the minimum', () => {
		expect(nextEntryState('inTrial', complete({ reports: 2, minReports: 2 }))).toBe('finalist');
		expect(nextEntryState('inTrial', complete({ reports: 5, minReports: 2 }))).toBe('finalist');
		expect(whyEntryRefused('inTrial', complete({ reports: 2, minReports: 2 }))).toBeNull();
	});

	it('completes the trial when the edition asks for no report', () => {
		expect(nextEntryState('inTrial', complete({ reports: 0, minReports: 0 }))).toBe('finalist');
	});

	it('refuses with fewer reports than the minimum and no override, with the count in French', () => {
		const cases: [number, number, string][] = [
			[
				0,
				2,
				'La phase d’essai ne compte aucun rapport transmis ; il en faut au moins 2, ou une dérogation motivée.'
			],
			[
				1,
				2,
				'La phase d’essai ne compte que 1 rapport transmis ; il en faut au moins 2, ou une dérogation motivée.'
			],
			[
				3,
				4,
				'La phase d’essai ne compte que 3 rapports transmis ; il en faut au moins 4, ou une dérogation motivée.'
			]
		];
		for (const [reports, minReports, reason] of cases) {
			const event = complete({ reports, minReports });
			expect(nextEntryState('inTrial', event)).toBeNull();
			expect(whyEntryRefused('inTrial', event)).toBe(reason);
		}
	});

	it('refuses a blank override reason', () => {
		for (const override of ['', '   ', '\n\t'])
			expect(
				nextEntryState('inTrial', complete({ reports: 1, minReports: 2, override }))
			).toBeNull();
	});

	it('completes the trial with fewer reports when the organiser gives an override reason', () => {
		const event = complete({
			reports: 0,
			minReports: 2,
			override: 'Les sites ont fermé pendant les intempéries ; leurs observations orales suffisent.'
		});
		expect(whyEntryRefused('inTrial', event)).toBeNull();
		expect(nextEntryState('inTrial', event)).toBe('finalist');
	});

	it('names the role and the phase before the reports', () => {
		expect(
			whyEntryRefused('inTrial', complete({ role: 'team', reports: 0, minReports: 2 }))
		).toMatch(/^Seuls les organisateurs du prix peuvent terminer la phase d’essai/);
		expect(
			whyEntryRefused('inTrial', complete({ phase: 'final', reports: 0, minReports: 2 }))
		).toMatch(/^Terminer la phase d’essai de la candidature est possible seulement pendant/);
	});

	it('ignores the reports for every other event', () => {
		expect(
			nextEntryState('shortlisted', rightEvent('START_TRIAL', { reports: 0, minReports: 2 }))
		).toBe('inTrial');
		expect(
			nextEntryState(
				'inTrial',
				rightEvent('WITHDRAW', { phase: 'trial', reports: 0, minReports: 2 })
			)
		).toBe('withdrawn');
	});

	it('gives no reason exactly when transition() changes the state, for any count and override', () => {
		for (const reports of [0, 1, 2, 3])
			for (const minReports of [0, 1, 2, 3])
				for (const override of [undefined, '', ' ', 'Dérogation motivée.']) {
					const event = complete({ reports, minReports, override });
					const changed = nextEntryState('inTrial', event) !== null;
					expect(changed).toBe(whyEntryRefused('inTrial', event) === null);
					expect(changed).toBe(
						reports >= minReports || (override !== undefined && override.trim() !== '')
					);
				}
	});
});

describe('entry machine: the count of trial reports in French', () => {
	it('says « aucun », « 1 rapport » and « n rapports »', () => {
		expect(reportCount(0)).toBe('aucun rapport transmis');
		expect(reportCount(1)).toBe('1 rapport transmis');
		expect(reportCount(2)).toBe('2 rapports transmis');
		expect(reportCount(12)).toBe('12 rapports transmis');
	});

	it('needs an override only below the minimum', () => {
		expect(needsTrialOverride(1, 2)).toBe(true);
		expect(needsTrialOverride(2, 2)).toBe(false);
		expect(needsTrialOverride(undefined, undefined)).toBe(false);
		expect(needsTrialOverride(undefined, 1)).toBe(true);
	});
});
