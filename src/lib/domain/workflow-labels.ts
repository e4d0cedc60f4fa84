// French labels of the workflow's events (DESIGN.md §4): the button that sends an event, and the
// past-tense line that shows it in a timeline. Client-safe: only types come from the server side.
// The labels of the states themselves live in ./labels.ts (ENTRY_STATE_LABELS, EDITION_PHASE_LABELS).

import type { Award, EditionEventType, EntryEventType } from '../server/workflow/rules';
import { AWARD_LABELS } from './labels';

/** What a button says: « Déposer la candidature ». */
export const ENTRY_EVENT_LABELS: Record<EntryEventType, string> = {
	SUBMIT: 'Déposer la candidature',
	REQUEST_CHANGES: 'Demander des modifications',
	RESUBMIT: 'Déposer à nouveau la candidature',
	DECLARE_ELIGIBLE: 'Déclarer éligible',
	DECLARE_INELIGIBLE: 'Déclarer non éligible',
	SHORTLIST: 'Présélectionner',
	REJECT_AT_PRESELECTION: 'Ne pas présélectionner',
	START_TRIAL: 'Commencer la phase d’essai',
	COMPLETE_TRIAL: 'Terminer la phase d’essai',
	AWARD: 'Attribuer un prix ou une mention',
	NOT_AWARDED: 'Déclarer non primée',
	WITHDRAW: 'Retirer la candidature'
};

/** What a timeline says once it happened: « Candidature déposée ». */
export const ENTRY_EVENT_PAST: Record<EntryEventType, string> = {
	SUBMIT: 'Candidature déposée',
	REQUEST_CHANGES: 'Modifications demandées',
	RESUBMIT: 'Candidature déposée à nouveau',
	DECLARE_ELIGIBLE: 'Déclarée éligible',
	DECLARE_INELIGIBLE: 'Déclarée non éligible',
	SHORTLIST: 'Présélectionnée',
	REJECT_AT_PRESELECTION: 'Non retenue à la présélection',
	START_TRIAL: 'Phase d’essai commencée',
	COMPLETE_TRIAL: 'Phase d’essai terminée : finaliste',
	AWARD: 'Déclarée lauréate',
	NOT_AWARDED: 'Déclarée non primée',
	WITHDRAW: 'Candidature retirée'
};

export const EDITION_EVENT_LABELS: Record<EditionEventType, string> = {
	OPEN: 'Ouvrir les candidatures',
	CLOSE_SUBMISSIONS: 'Clore les candidatures',
	START_PRESELECTION: 'Commencer la présélection',
	START_TRIAL: 'Commencer la phase d’essai',
	START_FINAL: 'Commencer le jury final',
	START_DELIBERATION: 'Ouvrir la délibération',
	PUBLISH: 'Publier les résultats',
	ARCHIVE: 'Archiver l’édition'
};

export const EDITION_EVENT_PAST: Record<EditionEventType, string> = {
	OPEN: 'Phase ouverte aux candidatures',
	CLOSE_SUBMISSIONS: 'Candidatures closes',
	START_PRESELECTION: 'Présélection commencée',
	START_TRIAL: 'Phase d’essai commencée',
	START_FINAL: 'Jury final commencé',
	START_DELIBERATION: 'Délibération ouverte',
	PUBLISH: 'Résultats publiés',
	ARCHIVE: 'Édition archivée'
};

// Lookups by a type read from the database (a plain string): unknown types show as they are.
export const entryEventLabel = (type: string) => ENTRY_EVENT_LABELS[type as EntryEventType] ?? type;
export const editionEventLabel = (type: string) =>
	EDITION_EVENT_LABELS[type as EditionEventType] ?? type;
/** Events logged on an edition that do not change its phase. */
const EDITION_NOTE_PAST: Record<string, string> = {
	RELEASE_FEEDBACK: 'Avis du jury communiqués aux équipes',
	SET_TRIAL_WEIGHT: 'Poids de l’essai dans le classement final modifié',
	ISSUE_CERTIFICATES: 'Attestations manquantes émises',
	REVOKE_CERTIFICATE: 'Attestation révoquée'
};
export const editionEventPast = (type: string) =>
	EDITION_EVENT_PAST[type as EditionEventType] ?? EDITION_NOTE_PAST[type] ?? type;

/**
 * Events logged on a candidature that do not change its state (the trial phase's steps): the entry's
 * state is both their `from` and their `to`.
 */
export const ENTRY_NOTE_PAST: Record<string, string> = {
	VOLUNTEER_SITE: 'Un site s’est porté volontaire pour l’essai',
	INVITE_SITE: 'Un site a été invité à essayer l’innovation',
	ACCEPT_SITE: 'Site d’essai accepté',
	DECLINE_SITE: 'Site d’essai décliné',
	SAVE_PROTOCOL: 'Protocole d’essai enregistré',
	SUBMIT_TRIAL_REPORT: 'Rapport d’essai transmis',
	DECLARE_CONFLICT: 'Conflit d’intérêts déclaré'
};

/** The timeline line of an entry event; an award names itself: « Déclarée lauréate (Prix) ». */
export function entryEventPast(type: string, payload?: { award?: Award | null } | null): string {
	const line = ENTRY_EVENT_PAST[type as EntryEventType] ?? ENTRY_NOTE_PAST[type] ?? type;
	const award = payload?.award ? AWARD_LABELS[payload.award] : undefined;
	return type === 'AWARD' && award ? `${line} (${award})` : line;
}
