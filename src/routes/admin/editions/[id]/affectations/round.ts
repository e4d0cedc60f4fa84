// The round an assignments page shows: `?tour=preselection|final`, or by default the round the
// edition's phase is in (final from the trial phase on).
import { isRound, ROUND_LABELS, ROUNDS } from '$lib/server/db/criteria';
import type { JuryRound } from '$lib/server/db/schema';

const FINAL_PHASES = ['trial', 'final', 'deliberation', 'published', 'archived'];

export function roundParam(url: URL, phase: string): JuryRound {
	const asked = url.searchParams.get('tour');
	if (isRound(asked)) return asked;
	return FINAL_PHASES.includes(phase) ? 'final' : 'preselection';
}

export const roundChoices = () => ROUNDS.map((value) => ({ value, label: ROUND_LABELS[value] }));
