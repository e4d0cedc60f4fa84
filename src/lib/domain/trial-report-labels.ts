// French labels of the trial protocol and reports: the expected direction of an indicator, the
// levels of the fidelity checklist, the report's status. Client-safe: no I/O.

export type IndicatorDirection = 'increase' | 'decrease' | 'stable';
export type FidelityLevel = 'full' | 'partial' | 'no';

export const DIRECTIONS: readonly IndicatorDirection[] = ['increase', 'decrease', 'stable'];
export const DIRECTION_LABELS: Record<IndicatorDirection, string> = {
	increase: 'À la hausse',
	decrease: 'À la baisse',
	stable: 'Stable'
};

export const FIDELITY_LEVELS: readonly FidelityLevel[] = ['full', 'partial', 'no'];
export const FIDELITY_LABELS: Record<FidelityLevel, string> = {
	full: 'Fait',
	partial: 'En partie',
	no: 'Non'
};

export const REPORT_STATUS_LABELS: Record<'none' | 'draft' | 'submitted', string> = {
	none: 'Non commencé',
	draft: 'Brouillon',
	submitted: 'Transmis'
};

export const directionLabel = (d: string) => DIRECTION_LABELS[d as IndicatorDirection] ?? d;
export const fidelityLabel = (l: string | null) =>
	l === null ? 'Sans réponse' : (FIDELITY_LABELS[l as FidelityLevel] ?? l);

/** A number in French: « 12,5 », « 1 200 ». */
export const frenchNumber = (n: number | null) =>
	n === null ? '—' : n.toLocaleString('fr-FR', { maximumFractionDigits: 3 });
