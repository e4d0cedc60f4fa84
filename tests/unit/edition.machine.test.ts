import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import {
	EDITION_EVENT_LABELS,
	EDITION_EVENT_PAST,
	editionEventPast
} from '../../src/lib/domain/workflow-labels';
import {
	EDITION_EVENT_TYPES,
	EDITION_MACHINE_VERSION,
	EDITION_PHASES,
	actionNames,
	editionMachine,
	editionSnapshotOf,
	nextEditionPhase,
	persistEditionSnapshot,
	restoreEditionSnapshot,
	whyEditionRefused,
	type EditionEvent,
	type EditionEventType,
	type EditionFacts,
	type EditionPhase
} from '../../src/lib/server/workflow/edition.machine';
import type { Role } from '../../src/lib/server/workflow/rules';
import { EDITION_SAMPLE_EVENTS, editionShortestPaths } from '../helpers/workflow-paths';

// ------------------------------------------------------------------------------------------------
// The specification (DESIGN.md §4), written out independently of the machine's code.

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
const EVENTS: EditionEventType[] = [
	'OPEN',
	'CLOSE_SUBMISSIONS',
	'START_PRESELECTION',
	'START_TRIAL',
	'START_FINAL',
	'START_DELIBERATION',
	'PUBLISH',
	'ARCHIVE'
];
const ROLES: Role[] = ['organiser', 'juror', 'team', 'trialSite', 'system'];

/** The one move out of each phase; every other (phase, event) pair is refused. */
const NEXT: Record<EditionPhase, Partial<Record<EditionEventType, EditionPhase>>> = {
	draft: { OPEN: 'open' },
	open: { CLOSE_SUBMISSIONS: 'eligibility' },
	eligibility: { START_PRESELECTION: 'preselection' },
	preselection: { START_TRIAL: 'trial' },
	trial: { START_FINAL: 'final' },
	final: { START_DELIBERATION: 'deliberation' },
	deliberation: { PUBLISH: 'published' },
	published: { ARCHIVE: 'archived' },
	archived: {}
};

// Deadline: 31 January 2027, 23:59 in Paris.
const DEADLINE = '2027-01-31T22:59:00.000Z';
const BEFORE = '2026-12-01T09:00:00.000Z';
const AFTER = '2027-02-10T10:00:00.000Z';

/** Facts of a plausible edition: categories, a deadline to come. */
const GOOD: EditionFacts = {
	categories: 2,
	submissionsCloseAt: DEADLINE,
	at: BEFORE,
	counts: {}
};

const move = (
	type: EditionEventType,
	facts: Partial<EditionFacts> = {},
	role: Role = 'organiser'
): EditionEvent => ({ type, role, facts: { ...GOOD, ...facts } });

/** Entry counts with which each move is allowed. */
const RIGHT_COUNTS: Record<EditionEventType, EditionFacts['counts']> = {
	OPEN: {},
	CLOSE_SUBMISSIONS: { draft: 1, submitted: 2 },
	START_PRESELECTION: { eligible: 2, ineligible: 1 },
	START_TRIAL: { shortlisted: 1, notShortlisted: 1 },
	START_FINAL: { finalist: 1, notShortlisted: 1 },
	START_DELIBERATION: { finalist: 1 },
	PUBLISH: { laureate: 1 },
	ARCHIVE: { laureate: 1 }
};
const rightMove = (type: EditionEventType) => move(type, { counts: RIGHT_COUNTS[type] });

// ------------------------------------------------------------------------------------------------

describe('edition machine: the phases and moves are those of the design', () => {
	it('lists exactly the nine phases and eight moves', () => {
		expect([...EDITION_PHASES]).toEqual(PHASES);
		expect([...EDITION_EVENT_TYPES]).toEqual(EVENTS);
		expect(EDITION_MACHINE_VERSION).toBe(2);
		expect(Object.keys(editionMachine.states)).toEqual(PHASES);
	});
});

describe('edition machine: every phase × move, by an organiser with facts that allow it', () => {
	for (const phase of PHASES)
		for (const type of EVENTS) {
			const expected = NEXT[phase][type] ?? null;
			it(`${phase} + ${type} → ${expected ?? 'refused'}`, () => {
				const event = rightMove(type);
				expect(nextEditionPhase(phase, event)).toBe(expected);
				const why = whyEditionRefused(phase, event);
				const [, actions] = transition(editionMachine, editionSnapshotOf(phase), event);
				if (expected) {
					expect(why).toBeNull();
					expect(actionNames(actions)).toContain('announcePhase');
				} else {
					expect(why).toMatch(/^L’édition est en phase « .+ » : .+ ne peu(t|vent) pas .+\.$/);
					expect(actionNames(actions)).toEqual([]);
				}
			});
		}

	it('says why in the words of the phase', () => {
		expect(whyEditionRefused('deliberation', rightMove('OPEN'))).toBe(
			'L’édition est en phase « Délibération » : les candidatures ne peuvent pas être ouvertes.'
		);
		expect(whyEditionRefused('archived', rightMove('ARCHIVE'))).toBe(
			'L’édition est en phase « Archivée » : l’édition ne peut pas être archivée.'
		);
	});

	it('publishes the results when it publishes', () => {
		const [, actions] = transition(
			editionMachine,
			editionSnapshotOf('deliberation'),
			move('PUBLISH', { counts: { laureate: 2 } })
		);
		expect(actionNames(actions)).toEqual(['announcePhase', 'publishResults']);
	});
});

describe('edition machine: only organisers move an edition', () => {
	for (const type of EVENTS)
		for (const role of ROLES.filter((r) => r !== 'organiser'))
			it(`refuses ${type} sent by ${role}`, () => {
				const phase = PHASES.find((p) => NEXT[p][type])!;
				const event = { ...rightMove(type), role };
				expect(nextEditionPhase(phase, event)).toBeNull();
				expect(whyEditionRefused(phase, event)).toMatch(
					/^Seuls les organisateurs du prix peuvent .+\.$/
				);
			});

	it('names the phase before the role, and the role before the facts', () => {
		expect(whyEditionRefused('open', move('OPEN', {}, 'team'))).toMatch(/^L’édition est en phase/);
		expect(whyEditionRefused('draft', move('OPEN', { categories: 0 }, 'team'))).toBe(
			'Seuls les organisateurs du prix peuvent ouvrir les candidatures.'
		);
	});
});

type Row = [
	title: string,
	phase: EditionPhase,
	event: EditionEvent,
	expected: EditionPhase | string
];

/** The guard of each move, facts by facts: the next phase, or the exact reason of the refusal. */
const GUARDS: Row[] = [
	// OPEN: at least one category, and a deadline to come.
	[
		'opens with a category and a deadline to come',
		'draft',
		move('OPEN', { categories: 1 }),
		'open'
	],
	[
		'refuses to open without a category',
		'draft',
		move('OPEN', { categories: 0 }),
		'Aucune catégorie n’est configurée : ajoutez-en au moins une avant d’ouvrir les candidatures.'
	],
	[
		'refuses to open without a deadline',
		'draft',
		move('OPEN', { submissionsCloseAt: null }),
		'La date limite de dépôt n’est pas fixée : fixez-la avant d’ouvrir les candidatures.'
	],
	[
		'refuses to open when the deadline is past',
		'draft',
		move('OPEN', { at: AFTER }),
		'La date limite de dépôt (le 31 janvier 2027 à 23 h 59) est déjà passée : fixez une date à venir.'
	],
	[
		'refuses to open at the deadline itself',
		'draft',
		move('OPEN', { at: DEADLINE }),
		'La date limite de dépôt (le 31 janvier 2027 à 23 h 59) est déjà passée : fixez une date à venir.'
	],
	[
		'gives every reason at once',
		'draft',
		move('OPEN', { categories: 0, submissionsCloseAt: null }),
		'Aucune catégorie n’est configurée : ajoutez-en au moins une avant d’ouvrir les candidatures. La date limite de dépôt n’est pas fixée : fixez-la avant d’ouvrir les candidatures.'
	],
	// CLOSE_SUBMISSIONS: any time.
	[
		'closes submissions before the deadline',
		'open',
		move('CLOSE_SUBMISSIONS', { at: BEFORE, counts: { draft: 3, submitted: 2 } }),
		'eligibility'
	],
	[
		'closes submissions after the deadline',
		'open',
		move('CLOSE_SUBMISSIONS', { at: AFTER, counts: {} }),
		'eligibility'
	],
	// START_PRESELECTION: an eligibility decision on every submitted entry.
	[
		'starts the preselection when every entry has an eligibility decision',
		'eligibility',
		move('START_PRESELECTION', { counts: { eligible: 4, ineligible: 1, draft: 2, withdrawn: 1 } }),
		'preselection'
	],
	[
		'starts the preselection of an edition without entries',
		'eligibility',
		move('START_PRESELECTION', { counts: {} }),
		'preselection'
	],
	[
		'refuses the preselection while entries wait for an eligibility decision',
		'eligibility',
		move('START_PRESELECTION', { counts: { submitted: 3, eligible: 2 } }),
		'3 candidatures n’ont pas encore de décision d’éligibilité.'
	],
	[
		'speaks of one entry in the singular',
		'eligibility',
		move('START_PRESELECTION', { counts: { submitted: 1, changesRequested: 0 } }),
		'1 candidature n’a pas encore de décision d’éligibilité.'
	],
	[
		'counts entries waiting for changes as undecided',
		'eligibility',
		move('START_PRESELECTION', { counts: { submitted: 2, changesRequested: 1 } }),
		'3 candidatures n’ont pas encore de décision d’éligibilité (dont 1 en attente de modifications).'
	],
	// START_TRIAL: a preselection decision on every eligible entry, and one shortlisted at least.
	[
		'starts the trials when every eligible entry is decided and one is shortlisted',
		'preselection',
		move('START_TRIAL', { counts: { shortlisted: 1, notShortlisted: 4 } }),
		'trial'
	],
	[
		'refuses the trials while eligible entries wait for a decision',
		'preselection',
		move('START_TRIAL', { counts: { eligible: 2, shortlisted: 1 } }),
		'2 candidatures éligibles n’ont pas encore de décision de présélection.'
	],
	[
		'refuses the trials without a shortlisted entry',
		'preselection',
		move('START_TRIAL', { counts: { eligible: 0, shortlisted: 0, notShortlisted: 5 } }),
		'Aucune candidature n’est présélectionnée.'
	],
	[
		'gives both reasons for the trials',
		'preselection',
		move('START_TRIAL', { counts: { eligible: 1 } }),
		'1 candidature éligible n’a pas encore de décision de présélection. Aucune candidature n’est présélectionnée.'
	],
	// START_FINAL: every trial completed.
	[
		'starts the final jury when every trial is completed',
		'trial',
		move('START_FINAL', { counts: { finalist: 3, notShortlisted: 2, withdrawn: 1 } }),
		'final'
	],
	[
		'starts the final jury even if every finalist withdrew',
		'trial',
		move('START_FINAL', { counts: { withdrawn: 2 } }),
		'final'
	],
	[
		'refuses the final jury while trials run',
		'trial',
		move('START_FINAL', { counts: { inTrial: 2, finalist: 1 } }),
		'2 candidatures n’ont pas encore terminé leur phase d’essai.'
	],
	[
		'refuses the final jury while one trial runs',
		'trial',
		move('START_FINAL', { counts: { inTrial: 1 } }),
		'1 candidature n’a pas encore terminé sa phase d’essai.'
	],
	[
		'refuses the final jury while a trial has not started',
		'trial',
		move('START_FINAL', { counts: { shortlisted: 1, inTrial: 1 } }),
		'2 candidatures n’ont pas encore terminé leur phase d’essai, dont 1 qui ne l’a pas encore commencée.'
	],
	[
		'counts trials not started in the plural',
		'trial',
		move('START_FINAL', { counts: { shortlisted: 2 } }),
		'2 candidatures n’ont pas encore terminé leur phase d’essai, dont 2 qui ne l’ont pas encore commencée.'
	],
	// START_DELIBERATION: one finalist at least.
	[
		'opens the deliberation with one finalist',
		'final',
		move('START_DELIBERATION', { counts: { finalist: 1 } }),
		'deliberation'
	],
	[
		'refuses the deliberation without a finalist',
		'final',
		move('START_DELIBERATION', { counts: { finalist: 0, withdrawn: 3 } }),
		'Aucune candidature n’est finaliste : il n’y a rien à délibérer.'
	],
	// PUBLISH: a decision on every finalist.
	[
		'publishes when every finalist is decided',
		'deliberation',
		move('PUBLISH', { counts: { laureate: 2, notAwarded: 1 } }),
		'published'
	],
	[
		'refuses to publish while finalists wait for the jury',
		'deliberation',
		move('PUBLISH', { counts: { finalist: 2, laureate: 1 } }),
		'2 candidatures finalistes n’ont pas encore de décision du jury (prix, mention ou non primée).'
	],
	[
		'refuses to publish while one finalist waits for the jury',
		'deliberation',
		move('PUBLISH', { counts: { finalist: 1 } }),
		'1 candidature finaliste n’a pas encore de décision du jury (prix, mention ou non primée).'
	],
	// ARCHIVE: no condition.
	[
		'archives whatever the facts',
		'published',
		move('ARCHIVE', { counts: { finalist: 9 } }),
		'archived'
	]
];

describe('edition machine: the guard of each move', () => {
	for (const [title, phase, event, expected] of GUARDS)
		it(title, () => {
			const why = whyEditionRefused(phase, event);
			if ((PHASES as string[]).includes(expected)) {
				expect(nextEditionPhase(phase, event)).toBe(expected);
				expect(why).toBeNull();
			} else {
				expect(nextEditionPhase(phase, event)).toBeNull();
				expect(why).toBe(expected);
			}
		});

	it('throws on an unreadable date (a programming error, not a refusal)', () => {
		expect(() => whyEditionRefused('draft', move('OPEN', { at: 'maintenant' }))).toThrow(
			/ISO 8601/
		);
	});
});

describe('edition machine: the reasons agree with the machine', () => {
	const facts: Partial<EditionFacts>[] = [
		{},
		{ categories: 0, submissionsCloseAt: null, counts: {} },
		{ at: AFTER, counts: { submitted: 1, eligible: 1, inTrial: 1, finalist: 2 } },
		{ counts: { changesRequested: 2, shortlisted: 3 } },
		{ counts: { finalist: 1 } },
		{ counts: { laureate: 1 } }
	];

	it('gives no reason exactly when transition() changes the phase (every phase, move, role and facts)', () => {
		let allowed = 0;
		const disagreements: unknown[] = [];
		for (const phase of PHASES) {
			const snapshot = editionSnapshotOf(phase);
			for (const type of EVENTS)
				for (const role of ROLES)
					for (const f of facts) {
						const event = move(type, f, role);
						const [next, actions] = transition(editionMachine, snapshot, event);
						const changed = next.value !== snapshot.value;
						const why = whyEditionRefused(phase, event);
						if (changed) allowed++;
						const wellSaid = changed
							? why === null &&
								next.value === NEXT[phase][type] &&
								actionNames(actions).includes('announcePhase')
							: typeof why === 'string' && /^[A-ZÉ0-9].+\.$/.test(why);
						if (!wellSaid) disagreements.push({ phase, event, changed, why });
					}
		}
		expect(disagreements).toEqual([]);
		expect(allowed).toBeGreaterThan(10);
	});
});

describe('edition machine: shortest paths reach every phase', () => {
	const paths = editionShortestPaths();

	it('finds a path to each of the nine phases', () => {
		expect(Object.keys(paths).sort()).toEqual([...PHASES].sort());
	});

	PHASES.forEach((phase, index) =>
		it(`reaches ${phase} in ${index} moves, and the path replays`, () => {
			const events = paths[phase]!;
			expect(events.map((e) => e.type)).toEqual(EVENTS.slice(0, index));
			let snapshot = editionSnapshotOf('draft');
			for (const event of events) {
				expect(event.role).toBe('organiser');
				snapshot = transition(editionMachine, snapshot, event)[0];
			}
			expect(snapshot.value).toBe(phase);
		})
	);

	it('uses the sample moves of the helper', () => {
		expect(paths.archived).toEqual(EVENTS.map((type) => EDITION_SAMPLE_EVENTS[type]));
	});
});

describe('edition machine: save and restore', () => {
	const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));

	for (const phase of PHASES)
		it(`keeps an edition in phase ${phase} through persist → JSON → restore`, () => {
			const snapshot = editionSnapshotOf(phase);
			const stored = roundTrip(persistEditionSnapshot(snapshot));
			const restored = restoreEditionSnapshot({ machineVersion: 2, snapshot: stored, phase });
			expect(restored.value).toBe(phase);
			expect(restored.context).toEqual(snapshot.context);
			expect(roundTrip(persistEditionSnapshot(restored))).toEqual(stored);
		});

	it('still moves after a restore', () => {
		const [open] = transition(editionMachine, editionSnapshotOf('draft'), rightMove('OPEN'));
		const restored = restoreEditionSnapshot({
			machineVersion: EDITION_MACHINE_VERSION,
			snapshot: roundTrip(persistEditionSnapshot(open)),
			phase: 'open'
		});
		const [next, actions] = transition(editionMachine, restored, rightMove('CLOSE_SUBMISSIONS'));
		expect(next.value).toBe('eligibility');
		expect(actionNames(actions)).toEqual(['announcePhase']);
	});

	for (const phase of PHASES)
		it(`restores a version-1 row (phase column only) in phase ${phase}`, () => {
			const restored = restoreEditionSnapshot({ machineVersion: 1, snapshot: null, phase });
			expect(restored.value).toBe(phase);
			for (const type of EVENTS) {
				const [next] = transition(editionMachine, restored, rightMove(type));
				expect(next.value).toBe(NEXT[phase][type] ?? phase);
			}
		});

	it('reads the phase column under the name `state` too', () => {
		expect(
			restoreEditionSnapshot({ machineVersion: 1, snapshot: null, state: 'trial' }).value
		).toBe('trial');
	});

	it('refuses an unknown version', () => {
		expect(() =>
			restoreEditionSnapshot({ machineVersion: 3, snapshot: null, phase: 'draft' })
		).toThrow(/Unknown edition machine version 3/);
	});

	it('refuses a phase the machine does not know', () => {
		expect(() =>
			restoreEditionSnapshot({ machineVersion: 1, snapshot: null, phase: 'appeal' })
		).toThrow(/Unknown edition phase "appeal"/);
		expect(() =>
			restoreEditionSnapshot({
				machineVersion: 2,
				snapshot: { status: 'active', value: 'appeal', context: {} },
				phase: 'appeal'
			})
		).toThrow(/Unknown edition phase "appeal"/);
	});

	it('refuses a version-2 row without a snapshot, or whose snapshot and phase column disagree', () => {
		expect(() =>
			restoreEditionSnapshot({ machineVersion: 2, snapshot: null, phase: 'draft' })
		).toThrow(/no snapshot/);
		expect(() =>
			restoreEditionSnapshot({
				machineVersion: 2,
				snapshot: roundTrip(persistEditionSnapshot(editionSnapshotOf('final'))),
				phase: 'trial'
			})
		).toThrow(/disagree/);
	});
});

describe('edition moves: French labels', () => {
	for (const type of EVENTS)
		it(`labels ${type} for a button and for a timeline`, () => {
			expect(EDITION_EVENT_LABELS[type]).toMatch(/^[A-ZÉ][^.]+$/);
			expect(EDITION_EVENT_PAST[type]).toMatch(/^[A-ZÉ][^.]+$/);
		});

	it('uses the expected wording', () => {
		expect(EDITION_EVENT_LABELS.OPEN).toBe('Ouvrir les candidatures');
		expect(EDITION_EVENT_PAST.OPEN).toBe('Phase ouverte aux candidatures');
		expect(editionEventPast('PUBLISH')).toBe('Résultats publiés');
	});
});
