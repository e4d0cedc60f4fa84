// The stages of an edition that the public may count, and when each count becomes public. Pure: the
// counts themselves are computed in SQL (src/lib/server/db/public-editions.ts) from the candidatures'
// states and, for a withdrawn candidature, from the state it was withdrawn in (the event log).
//
// « À chaque étape » means: how many candidatures REACHED the stage. A candidature that went further
// counts in every earlier stage too (a laureate was submitted, declared eligible, shortlisted, tried and
// a finalist), and a candidature withdrawn after a stage still counts in it. So each count is fixed once
// the edition has moved past the stage: it is published then, never before — a count during a phase
// would tell, day by day, who has just been decided on.
import { EDITION_PHASES, type EditionPhase, type EntryState } from '../workflow/rules';

export const STAGE_KEYS = [
	'submitted',
	'eligible',
	'shortlisted',
	'inTrial',
	'finalist',
	'laureate'
] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

export interface Stage {
	key: StageKey;
	/** Its rank: a candidature whose furthest state has this rank or more reached the stage. */
	rank: number;
	/** French label, for a table row (« Candidatures déposées »). */
	label: string;
	/** What reaching it means, in French. */
	description: string;
	/** The first phase in which the count is public: the edition has moved past the stage. */
	publicFrom: EditionPhase;
	/** Column of the open data files. */
	field: string;
}

export const STAGES: readonly Stage[] = [
	{
		key: 'submitted',
		rank: 1,
		label: 'Candidatures déposées',
		description: 'déposées au moins une fois avant la date limite',
		publicFrom: 'eligibility',
		field: 'candidatures_deposees'
	},
	{
		key: 'eligible',
		rank: 2,
		label: 'Déclarées éligibles',
		description: 'déclarées éligibles par les organisateurs',
		publicFrom: 'preselection',
		field: 'eligibles'
	},
	{
		key: 'shortlisted',
		rank: 3,
		label: 'Présélectionnées',
		description: 'retenues par le jury de présélection',
		publicFrom: 'trial',
		field: 'preselectionnees'
	},
	{
		key: 'inTrial',
		rank: 4,
		label: 'Entrées en phase d’essai',
		description: 'essayées par des écoles ou des services volontaires',
		publicFrom: 'final',
		field: 'entrees_en_essai'
	},
	{
		key: 'finalist',
		rank: 5,
		label: 'Finalistes',
		description: 'phase d’essai terminée, présentées au jury final',
		publicFrom: 'final',
		field: 'finalistes'
	},
	{
		key: 'laureate',
		rank: 6,
		label: 'Lauréates',
		description: 'distinguées par le jury (prix ou mention)',
		publicFrom: 'published',
		field: 'laureates'
	}
];

/**
 * The rank of the furthest stage a candidature in this state has reached (0: never submitted). A
 * withdrawn candidature takes the rank of the state it was withdrawn in.
 */
export const STATE_RANK: Record<Exclude<EntryState, 'withdrawn'>, number> = {
	draft: 0,
	submitted: 1,
	changesRequested: 1,
	ineligible: 1,
	eligible: 2,
	notShortlisted: 2,
	shortlisted: 3,
	inTrial: 4,
	finalist: 5,
	notAwarded: 5,
	laureate: 6
};

const phaseIndex = (phase: string) => EDITION_PHASES.indexOf(phase as EditionPhase);

/** Has an edition in this phase moved past the stage (so that its count is public)? */
export function stageIsPublic(stage: Pick<Stage, 'publicFrom'>, phase: string): boolean {
	const at = phaseIndex(phase);
	return at >= 0 && at >= phaseIndex(stage.publicFrom);
}

/** The stage whose count is published next, for an edition in this phase (none once published). */
export function nextStage(phase: string): Stage | undefined {
	return STAGES.find((s) => !stageIsPublic(s, phase));
}

/** Raw counts by stage (from SQL), and the awards among laureates. */
export type StageCounts = Record<StageKey, number> & { prizes: number; mentions: number };

export const ZERO_COUNTS: StageCounts = {
	submitted: 0,
	eligible: 0,
	shortlisted: 0,
	inTrial: 0,
	finalist: 0,
	laureate: 0,
	prizes: 0,
	mentions: 0
};

/** Counts an edition in this phase may show: a stage not yet passed is null. */
export type PublicCounts = Record<StageKey, number | null> & {
	prizes: number | null;
	mentions: number | null;
};

export function publicCounts(counts: StageCounts, phase: string): PublicCounts {
	const shown = {} as PublicCounts;
	for (const stage of STAGES)
		shown[stage.key] = stageIsPublic(stage, phase) ? counts[stage.key] : null;
	const awards = stageIsPublic(STAGES[STAGES.length - 1], phase);
	shown.prizes = awards ? counts.prizes : null;
	shown.mentions = awards ? counts.mentions : null;
	return shown;
}

/** Adds counts (the edition's total from its académies' rows). */
export function sumCounts(rows: readonly StageCounts[]): StageCounts {
	const total = { ...ZERO_COUNTS };
	for (const row of rows)
		for (const key of Object.keys(total) as (keyof StageCounts)[]) total[key] += row[key];
	return total;
}
