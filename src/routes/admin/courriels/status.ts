// The outbox statuses as the organisers' pages show and filter them (French words in the URL).
import type { OutboxStatus } from '$lib/server/db/schema';

export const STATUS_LABELS: Record<OutboxStatus, string> = {
	pending: 'En attente',
	sent: 'Envoyé',
	failed: 'Échec'
};

export const STATUS_BADGES: Record<OutboxStatus, string> = {
	pending: 'fr-badge--info',
	sent: 'fr-badge--success',
	failed: 'fr-badge--error'
};

/** The value of the `statut` query parameter for each status. */
export const STATUS_PARAMS: Record<OutboxStatus, string> = {
	pending: 'en-attente',
	sent: 'envoye',
	failed: 'echec'
};

export function statusFromParam(value: string | null): OutboxStatus | undefined {
	const found = Object.entries(STATUS_PARAMS).find(([, param]) => param === value);
	return found ? (found[0] as OutboxStatus) : undefined;
}
