// The trial sites' rules (permissions.ts, section « Trial sites »): who may volunteer, choose the
// sites and invite one, and when.
import { describe, expect, it } from 'vitest';
import {
	whyNotDecideSite,
	whyNotInviteSite,
	whyNotTrialOpen,
	whyNotVolunteer,
	type EntryRelation
} from '../../src/lib/server/auth/permissions';

const lead: EntryRelation = { isLead: true, isMember: false, isOrganiser: false };
const member: EntryRelation = { isLead: false, isMember: true, isOrganiser: false };
const organiser: EntryRelation = { isLead: false, isMember: false, isOrganiser: true };
const stranger: EntryRelation = { isLead: false, isMember: false, isOrganiser: false };
const open = { phase: 'trial', state: 'shortlisted' };

describe('an innovation open to trial', () => {
	it('is short-listed or in trial, in the edition’s trial phase', () => {
		expect(whyNotTrialOpen(open)).toBeNull();
		expect(whyNotTrialOpen({ phase: 'trial', state: 'inTrial' })).toBeNull();
		expect(whyNotTrialOpen({ phase: 'final', state: 'inTrial' })).toContain(
			'n’est pas en phase d’essai'
		);
		for (const state of ['eligible', 'finalist', 'withdrawn', 'notShortlisted'])
			expect(whyNotTrialOpen({ phase: 'trial', state })).toContain('n’est pas ouverte à l’essai');
	});
});

describe('volunteering', () => {
	const context = {
		...open,
		publicationConsent: true,
		invited: false,
		isTeamMember: false
	};

	it('is open to any signed-in person outside the team, publicly when the team consented', () => {
		expect(whyNotVolunteer({ id: 1 }, context)).toBeNull();
		expect(whyNotVolunteer(null, context)).toContain('Connectez-vous');
		expect(whyNotVolunteer({ id: 1 }, { ...context, isTeamMember: true })).toContain(
			'Vous faites partie de l’équipe'
		);
		expect(whyNotVolunteer({ id: 1 }, { ...context, phase: 'preselection' })).toContain(
			'phase d’essai'
		);
	});

	it('needs the consent to publication, or an invitation', () => {
		const hidden = { ...context, publicationConsent: false };
		expect(whyNotVolunteer({ id: 1 }, hidden)).toContain('n’est pas présentée au public');
		expect(whyNotVolunteer({ id: 1 }, { ...hidden, invited: true })).toBeNull();
		// An invitation does not open a closed trial.
		expect(whyNotVolunteer({ id: 1 }, { ...hidden, invited: true, state: 'finalist' })).toContain(
			'n’est pas ouverte à l’essai'
		);
	});
});

describe('choosing and inviting sites', () => {
	it('lets every team member choose, not the organisers nor anyone else', () => {
		expect(whyNotDecideSite(lead, open)).toBeNull();
		expect(whyNotDecideSite(member, open)).toBeNull();
		for (const relation of [organiser, stranger, null])
			expect(whyNotDecideSite(relation, open)).toBe(
				'Seuls les membres de l’équipe de l’innovation choisissent ses sites d’essai.'
			);
		expect(whyNotDecideSite(lead, { phase: 'final', state: 'finalist' })).toContain(
			'phase d’essai'
		);
	});

	it('lets the team and the organisers invite, while the trial is open', () => {
		for (const relation of [lead, member, organiser])
			expect(whyNotInviteSite(relation, open)).toBeNull();
		expect(whyNotInviteSite(stranger, open)).toContain('Seuls l’équipe');
		expect(whyNotInviteSite(null, open)).toContain('Seuls l’équipe');
		expect(whyNotInviteSite(organiser, { phase: 'trial', state: 'eligible' })).toContain(
			'n’est pas ouverte à l’essai'
		);
	});
});
