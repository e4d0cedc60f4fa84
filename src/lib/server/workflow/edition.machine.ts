/**
 * The edition machine: the phases of one edition of the prize — DESIGN.md §4. Pure: no I/O, no
 * clock. Organisers move an edition forward one phase at a time; each move carries `facts`, computed
 * by the caller from the database in the same transaction (categories, deadline, the number of
 * entries in each state, the time of the request), and is guarded on them. Side effects are named
 * actions that `transition()` returns and the caller runs after its commit.
 *
 *   const snapshot = restoreEditionSnapshot(row);                    // row read FOR UPDATE
 *   const [next, actions] = transition(editionMachine, snapshot, event);
 *   if (next.value === snapshot.value) → refused: answer whyEditionRefused(snapshot.value, event)
 *   else store persistEditionSnapshot(next), machine_version = EDITION_MACHINE_VERSION,
 *        phase = next.value, and after the commit run actionNames(actions).
 *
 * Snapshot versions (the `machine_version` column of `editions`):
 *   1 — the foundation: only the `phase` column was written, `snapshot` is null.
 *       Restored with `editionMachine.resolveState({ value: phase, context: {} })`.
 *   2 — `snapshot` holds `editionMachine.getPersistedSnapshot(...)`. Read as is.
 * To add version 3: bump EDITION_MACHINE_VERSION to 3; write `upgrade2to3(persisted)`; in
 * `readStored`, make `case 1` and `case 2` end with `upgrade2to3(...)` and add `case 3` that reads
 * the new shape as is. Never rewrite a version's reader once rows of that version exist.
 */
import { setup, transition, type SnapshotFrom } from 'xstate';
import {
	EDITION_EVENT_TYPES,
	EDITION_PHASES,
	agree,
	count,
	editionPhaseName,
	formatParisDateTime,
	instant,
	isEditionPhase,
	type EditionEventType,
	type EditionPhase,
	type EntryState,
	type Role
} from './rules';

export { actionNames } from './rules';
export { EDITION_EVENT_TYPES, EDITION_PHASES, type EditionEventType, type EditionPhase };

export const EDITION_MACHINE_VERSION = 2;

/** What the caller knows of the edition when an organiser asks to move it. */
export interface EditionFacts {
	/** Categories configured. */
	categories: number;
	/** ISO date of the submission deadline. */
	submissionsCloseAt: string | null;
	/** ISO 'now' of the request. */
	at: string;
	/** Number of entries of the edition per entry state (a missing state counts 0). */
	counts: Partial<Record<EntryState, number>>;
}

export interface EditionEvent {
	type: EditionEventType;
	role: Role;
	facts: EditionFacts;
}

/** The edition's phase is its whole state: the context stays empty. */
export type EditionContext = Record<string, never>;

/** Named side effects: the caller maps each name to its work. */
export const EDITION_ACTIONS = ['announcePhase', 'publishResults'] as const;
export type EditionActionName = (typeof EDITION_ACTIONS)[number];

// ---------------------------------------------------------------------------------------------
// Rules

interface EditionRule {
	/** « Seuls les organisateurs du prix peuvent {act}. » */
	act: string;
	/** « L’édition est en phase « X » : {cannot}. » */
	cannot: string;
}

export const EDITION_EVENT_RULES: Record<EditionEventType, EditionRule> = {
	OPEN: {
		act: 'ouvrir les candidatures',
		cannot: 'les candidatures ne peuvent pas être ouvertes'
	},
	CLOSE_SUBMISSIONS: {
		act: 'clore les candidatures',
		cannot: 'les candidatures ne peuvent pas être closes'
	},
	START_PRESELECTION: {
		act: 'commencer la présélection',
		cannot: 'la présélection ne peut pas commencer'
	},
	START_TRIAL: {
		act: 'commencer la phase d’essai',
		cannot: 'la phase d’essai ne peut pas commencer'
	},
	START_FINAL: {
		act: 'commencer le jury final',
		cannot: 'le jury final ne peut pas commencer'
	},
	START_DELIBERATION: {
		act: 'ouvrir la délibération',
		cannot: 'la délibération ne peut pas commencer'
	},
	PUBLISH: {
		act: 'publier les résultats',
		cannot: 'les résultats ne peuvent pas être publiés'
	},
	ARCHIVE: {
		act: 'archiver l’édition',
		cannot: 'l’édition ne peut pas être archivée'
	}
};

/** Only organisers move an edition. */
const EDITION_ROLES: readonly Role[] = ['organiser'];

const counted = (facts: EditionFacts, state: EntryState) => {
	const n = facts.counts?.[state];
	return typeof n === 'number' && n > 0 ? n : 0;
};

/** The conditions of each move on the facts: every sentence that applies, or null. */
function conditionRefusal(event: EditionEvent): string | null {
	const facts = event.facts;
	const problems: string[] = [];
	switch (event.type) {
		case 'OPEN': {
			if (!(facts.categories >= 1))
				problems.push(
					'Aucune catégorie n’est configurée : ajoutez-en au moins une avant d’ouvrir les candidatures.'
				);
			if (!facts.submissionsCloseAt)
				problems.push(
					'La date limite de dépôt n’est pas fixée : fixez-la avant d’ouvrir les candidatures.'
				);
			else if (instant(facts.submissionsCloseAt, 'submissionsCloseAt') <= instant(facts.at, 'at'))
				problems.push(
					`La date limite de dépôt (le ${formatParisDateTime(facts.submissionsCloseAt)}) ` +
						'est déjà passée : fixez une date à venir.'
				);
			break;
		}
		case 'START_PRESELECTION': {
			const changes = counted(facts, 'changesRequested');
			const pending = counted(facts, 'submitted') + changes;
			if (pending > 0)
				problems.push(
					`${count(pending, 'candidature', 'candidatures')} ` +
						`${agree(pending, 'n’a', 'n’ont')} pas encore de décision d’éligibilité` +
						(changes > 0
							? ` (dont ${changes.toLocaleString('fr-FR')} en attente de modifications)`
							: '') +
						'.'
				);
			break;
		}
		case 'START_TRIAL': {
			const eligible = counted(facts, 'eligible');
			if (eligible > 0)
				problems.push(
					`${count(eligible, 'candidature éligible', 'candidatures éligibles')} ` +
						`${agree(eligible, 'n’a', 'n’ont')} pas encore de décision de présélection.`
				);
			if (counted(facts, 'shortlisted') === 0)
				problems.push('Aucune candidature n’est présélectionnée.');
			break;
		}
		case 'START_FINAL': {
			const notStarted = counted(facts, 'shortlisted');
			const pending = notStarted + counted(facts, 'inTrial');
			if (pending > 0)
				problems.push(
					`${count(pending, 'candidature', 'candidatures')} ` +
						`${agree(pending, 'n’a pas encore terminé sa', 'n’ont pas encore terminé leur')} phase d’essai` +
						(notStarted > 0
							? `, dont ${notStarted.toLocaleString('fr-FR')} qui ${agree(notStarted, 'ne l’a', 'ne l’ont')} pas encore commencée`
							: '') +
						'.'
				);
			break;
		}
		case 'START_DELIBERATION':
			if (counted(facts, 'finalist') === 0)
				problems.push('Aucune candidature n’est finaliste : il n’y a rien à délibérer.');
			break;
		case 'PUBLISH': {
			const undecided = counted(facts, 'finalist');
			if (undecided > 0)
				problems.push(
					`${count(undecided, 'candidature finaliste', 'candidatures finalistes')} ` +
						`${agree(undecided, 'n’a', 'n’ont')} pas encore de décision du jury ` +
						'(prix, mention ou non primée).'
				);
			break;
		}
		default:
			break;
	}
	return problems.length > 0 ? problems.join(' ') : null;
}

/** Why a move is refused whatever the phase (role → conditions), or null. The machine's guard. */
function whyNotPermitted(event: EditionEvent): string | null {
	const rule = EDITION_EVENT_RULES[event.type];
	if (!rule) return `Action inconnue : « ${String(event.type)} ».`;
	if (!EDITION_ROLES.includes(event.role))
		return `Seuls les organisateurs du prix peuvent ${rule.act}.`;
	return conditionRefusal(event);
}

// ---------------------------------------------------------------------------------------------
// The machine

const move = (target: EditionPhase) =>
	({ target, guard: 'permitted', actions: ['announcePhase'] }) as const;

export const editionMachine = setup({
	types: {
		context: {} as EditionContext,
		events: {} as EditionEvent
	},
	guards: {
		permitted: ({ event }) => whyNotPermitted(event) === null
	},
	actions: {
		// Run by the caller after the commit (see actionNames); nothing happens inside the machine.
		announcePhase: () => {},
		publishResults: () => {}
	}
}).createMachine({
	id: 'edition',
	version: String(EDITION_MACHINE_VERSION),
	initial: 'draft',
	context: {},
	states: {
		draft: { on: { OPEN: move('open') } },
		open: { on: { CLOSE_SUBMISSIONS: move('eligibility') } },
		eligibility: { on: { START_PRESELECTION: move('preselection') } },
		preselection: { on: { START_TRIAL: move('trial') } },
		trial: { on: { START_FINAL: move('final') } },
		final: { on: { START_DELIBERATION: move('deliberation') } },
		deliberation: {
			on: {
				PUBLISH: {
					target: 'published',
					guard: 'permitted',
					actions: ['announcePhase', 'publishResults']
				}
			}
		},
		published: { on: { ARCHIVE: move('archived') } },
		archived: { type: 'final' }
	}
});

export type EditionSnapshot = SnapshotFrom<typeof editionMachine>;

/** The moves an edition in this phase answers to. */
export function editionEventsFrom(phase: EditionPhase): EditionEventType[] {
	const node = editionMachine.states[phase];
	if (!node) return [];
	return node.ownEvents.filter((t): t is EditionEventType =>
		(EDITION_EVENT_TYPES as readonly string[]).includes(t)
	);
}

/**
 * Why the machine refuses this move in this phase, in French, or null when it accepts it.
 * Order: the phase does not answer the event → wrong role → the move's conditions.
 */
export function whyEditionRefused(phase: EditionPhase, event: EditionEvent): string | null {
	if (!isEditionPhase(phase)) return `Phase d’édition inconnue : « ${String(phase)} ».`;
	const rule = EDITION_EVENT_RULES[event.type];
	if (!rule) return `Action inconnue : « ${String(event.type)} ».`;
	if (!editionEventsFrom(phase).includes(event.type))
		return `L’édition est en phase ${editionPhaseName(phase)} : ${rule.cannot}.`;
	return whyNotPermitted(event);
}

/** The snapshot of an edition in this phase. */
export function editionSnapshotOf(phase: EditionPhase): EditionSnapshot {
	if (!isEditionPhase(phase)) throw new Error(`Unknown edition phase "${String(phase)}".`);
	return editionMachine.resolveState({ value: phase, context: {} });
}

/** The phase the move leads to, or null when refused. A convenience over `transition()`. */
export function nextEditionPhase(phase: EditionPhase, event: EditionEvent): EditionPhase | null {
	const snapshot = editionSnapshotOf(phase);
	const [next] = transition(editionMachine, snapshot, event);
	return next.value === snapshot.value ? null : (next.value as EditionPhase);
}

// ---------------------------------------------------------------------------------------------
// Save and restore

/** What version 2 stores in `editions.snapshot`. */
export interface PersistedEditionV2 {
	status: string;
	value: EditionPhase;
	context: EditionContext;
	[key: string]: unknown;
}

/** A row of `editions`: its phase column as `phase` (or `state`, the entries' spelling). */
export type StoredEdition = { machineVersion: number; snapshot: unknown | null } & (
	{ phase: string } | { state: string }
);

const phaseColumn = (stored: StoredEdition) => ('phase' in stored ? stored.phase : stored.state);

/** What to store in `editions.snapshot` (JSON-serialisable), with EDITION_MACHINE_VERSION. */
export function persistEditionSnapshot(snapshot: EditionSnapshot): PersistedEditionV2 {
	return editionMachine.getPersistedSnapshot(snapshot) as unknown as PersistedEditionV2;
}

function readVersion1(stored: StoredEdition): EditionPhase {
	const phase = phaseColumn(stored);
	if (!isEditionPhase(phase))
		throw new Error(`Unknown edition phase "${phase}" in a version-1 row.`);
	return phase;
}

function readVersion2(stored: StoredEdition): EditionPhase {
	const snapshot = stored.snapshot as Partial<PersistedEditionV2> | null;
	if (!snapshot || typeof snapshot !== 'object')
		throw new Error('A version-2 edition row has no snapshot.');
	if (!isEditionPhase(snapshot.value))
		throw new Error(
			`Unknown edition phase ${JSON.stringify(snapshot.value)} in a version-2 snapshot.`
		);
	if (snapshot.value !== phaseColumn(stored))
		throw new Error(
			`Edition snapshot (${snapshot.value}) and phase column (${phaseColumn(stored)}) disagree.`
		);
	return snapshot.value;
}

function readStored(stored: StoredEdition): EditionPhase {
	switch (stored.machineVersion) {
		case 1:
			return readVersion1(stored);
		case 2:
			return readVersion2(stored);
		default:
			throw new Error(
				`Unknown edition machine version ${JSON.stringify(stored.machineVersion)} ` +
					`(this code reads versions 1 to ${EDITION_MACHINE_VERSION}).`
			);
	}
}

/** A snapshot usable by `transition()`, from a stored row of any known version. */
export function restoreEditionSnapshot(stored: StoredEdition): EditionSnapshot {
	return editionMachine.resolveState({ value: readStored(stored), context: {} });
}
