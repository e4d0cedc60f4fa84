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
