// French labels of the jury's rounds and of a juror's review, and the limits of a review's comments.
// Client-safe: no I/O.

export const JURY_ROUNDS = ['preselection', 'final'] as const;
export type JuryRoundName = (typeof JURY_ROUNDS)[number];

export const ROUND_LABELS: Record<JuryRoundName, string> = {
	preselection: 'Présélection',
	final: 'Jury final'
};

export const isJuryRound = (value: string): value is JuryRoundName =>
	(JURY_ROUNDS as readonly string[]).includes(value);

/** A juror's review of one candidature: not started, a saved draft, or submitted (final). */
export type ReviewStatus = 'none' | 'draft' | 'submitted';

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
	none: 'À évaluer',
	draft: 'Brouillon enregistré',
	submitted: 'Évaluation soumise'
};

/** DSFR badge class of each status. */
export const REVIEW_STATUS_BADGES: Record<ReviewStatus, string> = {
	none: 'fr-badge--info',
	draft: 'fr-badge--new',
	submitted: 'fr-badge--success'
};

/** Longest comment, in characters, for the team and for the jury. */
export const REVIEW_COMMENT_MAX = 3000;
/** Longest reason for a declared conflict of interest. */
export const CONFLICT_REASON_MAX = 1000;

/** « 12,5 / 20 », or « — » when there is no score. */
export function formatScore(score: number | null): string {
	if (score === null) return '—';
	return `${score.toLocaleString('fr-FR', { maximumFractionDigits: 2 })} / 20`;
}
