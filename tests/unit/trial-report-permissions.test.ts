// The rules of the trial protocol and reports (src/lib/server/auth/permissions.ts, section « Trial
// protocol and reports »), one table per rule.
import { describe, expect, it } from 'vitest';
import {
	TRIAL_SITE_NOT_FOUND,
	whyNotDownloadTrialAttachment,
	whyNotEditProtocol,
	whyNotFileReport,
	whyNotReadTrialReport,
	whyNotViewTrialSite,
	type EntryRelation,
	type TrialSiteContext
} from '../../src/lib/server/auth/permissions';

const lead: EntryRelation = { isLead: true, isMember: false, isOrganiser: false };
const member: EntryRelation = { isLead: false, isMember: true, isOrganiser: false };
const organiser: EntryRelation = { isLead: false, isMember: false, isOrganiser: true };
const stranger: EntryRelation = { isLead: false, isMember: false, isOrganiser: false };

describe('writing the protocol', () => {
	it.each([
		[lead, 'trial', 'inTrial', null],
		[member, 'trial', 'shortlisted', null],
		[organiser, 'trial', 'inTrial', /Seuls les membres/],
		[stranger, 'trial', 'inTrial', /Seuls les membres/],
		[null, 'trial', 'inTrial', /Seuls les membres/],
		[lead, 'final', 'inTrial', /pendant la phase d’essai/],
		[lead, 'trial', 'finalist', /présélectionnée ou en phase d’essai/]
	] as const)('%o in phase %s, state %s', (relation, phase, state, expected) => {
		const answer = whyNotEditProtocol(relation, { phase, state });
		if (expected === null) expect(answer).toBeNull();
		else expect(answer).toMatch(expected);
	});
});

describe('filing a report', () => {
	const ok: TrialSiteContext = {
		isContact: true,
		siteStatus: 'accepted',
		entryState: 'inTrial',
		phase: 'trial',
		reportStatus: 'draft'
	};
	it.each([
		[{}, null],
		[{ reportStatus: 'none' }, null],
		[{ isContact: false }, /Seul le contact/],
		[{ siteStatus: 'volunteer' }, /pas encore accepté/],
		[{ siteStatus: 'declined' }, /décliné/],
		[{ reportStatus: 'submitted' }, /transmis : il ne peut plus être modifié/],
		[{ phase: 'final' }, /pendant la phase d’essai/],
		[{ entryState: 'shortlisted' }, /n’est pas en cours/]
	] as const)('%o', (change, expected) => {
		const answer = whyNotFileReport({ ...ok, ...change } as TrialSiteContext);
		if (expected === null) expect(answer).toBeNull();
		else expect(answer).toMatch(expected);
	});
});

describe('seeing a site, its report and its attachments', () => {
	it('shows a site to its contact and to organisers only', () => {
		expect(whyNotViewTrialSite({ isOrganiser: false }, true)).toBeNull();
		expect(whyNotViewTrialSite({ isOrganiser: true }, false)).toBeNull();
		expect(whyNotViewTrialSite({ isOrganiser: false }, false)).toBe(TRIAL_SITE_NOT_FOUND);
	});

	it('shows the report to the team and organisers once transmitted', () => {
		expect(whyNotReadTrialReport(member, 'submitted')).toBeNull();
		expect(whyNotReadTrialReport(organiser, 'submitted')).toBeNull();
		expect(whyNotReadTrialReport(lead, 'draft')).toMatch(/pas encore transmis/);
		expect(whyNotReadTrialReport(stranger, 'submitted')).toMatch(/son équipe/);
	});

	it('lets the contact and organisers download, the team once transmitted, no one else', () => {
		const user = { isOrganiser: false };
		expect(whyNotDownloadTrialAttachment(user, true, null, 'draft')).toBeNull();
		expect(whyNotDownloadTrialAttachment({ isOrganiser: true }, false, null, 'draft')).toBeNull();
		expect(whyNotDownloadTrialAttachment(user, false, member, 'submitted')).toBeNull();
		expect(whyNotDownloadTrialAttachment(user, false, lead, 'draft')).toMatch(
			/une fois le rapport transmis/
		);
		expect(whyNotDownloadTrialAttachment(user, false, stranger, 'submitted')).toBe(
			TRIAL_SITE_NOT_FOUND
		);
		expect(whyNotDownloadTrialAttachment(null, false, null, 'submitted')).toBe(
			TRIAL_SITE_NOT_FOUND
		);
	});
});
