import { describe, expect, it } from 'vitest';
import {
	areaOf,
	navigationFor,
	whyNotArea,
	type Area
} from '../../src/lib/server/auth/permissions';
import type { SessionUser } from '../../src/lib/server/auth/session';

const base: SessionUser = {
	id: 1,
	email: 'a@b.fr',
	name: 'A',
	emailVerified: true,
	isOrganiser: false,
	isJuror: false,
	isTeamMember: false,
	isTrialContact: false
};
const people: Record<string, SessionUser | null> = {
	visitor: null,
	member: { ...base, isTeamMember: true },
	juror: { ...base, isJuror: true },
	trialContact: { ...base, isTrialContact: true },
	organiser: { ...base, isOrganiser: true }
};

// Expected access per (person × area): true when allowed.
const table: Record<string, Record<Area, boolean>> = {
	visitor: { public: true, account: false, team: false, jury: false, trial: false, admin: false },
	member: { public: true, account: true, team: true, jury: false, trial: false, admin: false },
	juror: { public: true, account: true, team: true, jury: true, trial: false, admin: false },
	trialContact: { public: true, account: true, team: true, jury: false, trial: true, admin: false },
	organiser: { public: true, account: true, team: true, jury: true, trial: true, admin: true }
};

describe('area permissions', () => {
	for (const [who, areas] of Object.entries(table))
		for (const [area, allowed] of Object.entries(areas))
			it(`${who} ${allowed ? 'may' : 'may not'} enter the ${area} area`, () => {
				const reason = whyNotArea(people[who], area as Area);
				if (allowed) expect(reason).toBeNull();
				else expect(reason).toMatch(/^(Connectez-vous|Cet espace est réservé)/);
			});

	it('maps paths to areas by their first segment', () => {
		expect(areaOf('/admin/courriels')).toBe('admin');
		expect(areaOf('/jury')).toBe('jury');
		expect(areaOf('/equipe/12')).toBe('team');
		expect(areaOf('/essai')).toBe('trial');
		expect(areaOf('/compte')).toBe('account');
		expect(areaOf('/laureats')).toBe('public');
		expect(areaOf('/administration')).toBe('public');
	});

	it('shows each person only the navigation entries of his roles', () => {
		const labels = (who: string) => navigationFor(people[who]).map((i) => i.label);
		const common = ['Accueil', 'Éditions du prix', 'Lauréats', 'Essayer une innovation'];
		expect(labels('visitor')).toEqual(common);
		expect(labels('member')).toEqual([...common, 'Mes candidatures']);
		expect(labels('juror')).toContain('Jury');
		expect(labels('juror')).not.toContain('Administration');
		expect(labels('organiser')).toContain('Administration');
	});
});
