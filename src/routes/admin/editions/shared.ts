// Client-safe helpers of the organisers' edition pages: DSFR badge classes for phases and entry states.

/** DSFR badge class of an edition phase. */
export const PHASE_BADGES: Record<string, string> = {
	draft: '',
	open: 'fr-badge--info fr-badge--no-icon',
	eligibility: 'fr-badge--purple-glycine',
	preselection: 'fr-badge--purple-glycine',
	trial: 'fr-badge--purple-glycine',
	final: 'fr-badge--purple-glycine',
	deliberation: 'fr-badge--purple-glycine',
	published: 'fr-badge--success fr-badge--no-icon',
	archived: ''
};

/** DSFR badge class of a candidature's state. */
export const STATE_BADGES: Record<string, string> = {
	draft: '',
	submitted: 'fr-badge--info fr-badge--no-icon',
	changesRequested: 'fr-badge--warning fr-badge--no-icon',
	eligible: 'fr-badge--blue-ecume',
	ineligible: 'fr-badge--error fr-badge--no-icon',
	shortlisted: 'fr-badge--purple-glycine',
	notShortlisted: 'fr-badge--brown-cafe-creme',
	inTrial: 'fr-badge--purple-glycine',
	finalist: 'fr-badge--green-emeraude',
	laureate: 'fr-badge--success fr-badge--no-icon',
	notAwarded: 'fr-badge--brown-cafe-creme',
	withdrawn: ''
};

export const phaseBadge = (phase: string) => PHASE_BADGES[phase] ?? '';
export const stateBadge = (state: string) => STATE_BADGES[state] ?? '';
