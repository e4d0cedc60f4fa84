// French labels for the states of the workflow (DESIGN.md §4).

export const EDITION_PHASE_LABELS: Record<string, string> = {
	draft: 'En préparation',
	open: 'Candidatures ouvertes',
	eligibility: 'Examen de l’éligibilité',
	preselection: 'Présélection par le jury',
	trial: 'Phase d’essai',
	final: 'Jury final',
	deliberation: 'Délibération',
	published: 'Résultats publiés',
	archived: 'Archivée'
};

export const ENTRY_STATE_LABELS: Record<string, string> = {
	draft: 'Brouillon',
	submitted: 'Déposée',
	changesRequested: 'Modifications demandées',
	eligible: 'Éligible',
	ineligible: 'Non éligible',
	shortlisted: 'Présélectionnée',
	notShortlisted: 'Non présélectionnée',
	inTrial: 'En phase d’essai',
	finalist: 'Finaliste',
	laureate: 'Lauréate',
	notAwarded: 'Non primée',
	withdrawn: 'Retirée'
};

export const AWARD_LABELS: Record<string, string> = { prize: 'Prix', mention: 'Mention' };

export const editionPhaseLabel = (phase: string) => EDITION_PHASE_LABELS[phase] ?? phase;
export const entryStateLabel = (state: string) => ENTRY_STATE_LABELS[state] ?? state;
