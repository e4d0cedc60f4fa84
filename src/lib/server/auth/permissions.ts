// Every access rule in one place. `why*` returns the French reason for a refusal, or null when allowed;
// `can*` is its boolean form. Routes and form actions call these; layouts do not guard actions.
import type { SessionUser } from './session';

export type Area = 'public' | 'account' | 'team' | 'jury' | 'trial' | 'admin';

/** The area a path belongs to, from its first segment. */
export function areaOf(pathname: string): Area {
	const first = pathname.split('/')[1] ?? '';
	switch (first) {
		case 'admin':
			return 'admin';
		case 'jury':
			return 'jury';
		case 'equipe':
			return 'team';
		case 'essai':
			return 'trial';
		case 'compte':
			return 'account';
		default:
			return 'public';
	}
}

export function whyNotArea(user: SessionUser | null, area: Area): string | null {
	if (area === 'public') return null;
	if (!user) return 'Connectez-vous pour accéder à cet espace.';
	switch (area) {
		case 'account':
		case 'team':
			return null;
		case 'jury':
			return user.isJuror || user.isOrganiser
				? null
				: 'Cet espace est réservé aux membres du jury.';
		case 'trial':
			return user.isTrialContact || user.isOrganiser
				? null
				: 'Cet espace est réservé aux sites d’essai.';
		case 'admin':
			return user.isOrganiser ? null : 'Cet espace est réservé aux organisateurs du prix.';
	}
}

export function canAccessArea(user: SessionUser | null, area: Area): boolean {
	return whyNotArea(user, area) === null;
}

/** Reading the outbox, inviting organisers and jurors. */
export function whyNotOrganiser(user: SessionUser | null): string | null {
	return whyNotArea(user, 'admin');
}

export function canOrganise(user: SessionUser | null): boolean {
	return whyNotOrganiser(user) === null;
}

/** Entries in the navigation that fit the user's roles. */
export function navigationFor(user: SessionUser | null): { href: string; label: string }[] {
	const items = [
		{ href: '/', label: 'Accueil' },
		{ href: '/laureats', label: 'Lauréats' }
	];
	if (!user) return items;
	items.push({ href: '/equipe', label: 'Mes candidatures' });
	if (canAccessArea(user, 'jury')) items.push({ href: '/jury', label: 'Jury' });
	if (user.isTrialContact) items.push({ href: '/essai', label: 'Mon essai' });
	if (user.isOrganiser) items.push({ href: '/admin', label: 'Administration' });
	return items;
}

// ---------------------------------------------------------------------------------------------
// Candidatures: what a person may do with one, from his relation to it and its state.

/** A person's relation to one candidature (see loadEntryAccess in db/entry-access.ts). */
export interface EntryRelation {
	isLead: boolean;
	isMember: boolean;
	isOrganiser: boolean;
}

/** States in which the team writes its dossier. */
export const EDITABLE_STATES = ['draft', 'changesRequested'] as const;
const editable = (state: string) => (EDITABLE_STATES as readonly string[]).includes(state);

/** Reading the dossier, its attachments and its timeline: its team and the organisers. */
export function whyNotReadEntry(relation: EntryRelation | null): string | null {
	if (relation && (relation.isLead || relation.isMember || relation.isOrganiser)) return null;
	return 'Cette candidature n’est visible que par son équipe et par les organisateurs du prix.';
}

/** Editing the dossier (and its attachments): any team member, while it is a draft or changes are requested. */
export function whyNotEditDossier(relation: EntryRelation | null, state: string): string | null {
	if (!relation || !(relation.isLead || relation.isMember))
		return 'Seuls les membres de l’équipe peuvent modifier le dossier.';
	if (!editable(state))
		return 'Le dossier est en lecture seule : il a été déposé. Il redevient modifiable si les organisateurs demandent des modifications.';
	return null;
}

/** Inviting and removing co-authors, handing the lead: the lead only, until a final decision. */
export function whyNotManageTeam(relation: EntryRelation | null, state: string): string | null {
	if (!relation?.isLead) return 'Seul le porteur de la candidature peut gérer l’équipe.';
	if (['ineligible', 'notShortlisted', 'laureate', 'notAwarded', 'withdrawn'].includes(state))
		return 'La candidature a reçu une décision finale : son équipe ne change plus.';
	return null;
}
