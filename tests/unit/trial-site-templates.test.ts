// The trial sites' mails: French, greeting and signed, their link in the text and (escaped) in the
// HTML, the values they are given escaped in the HTML.
import { describe, expect, it } from 'vitest';
import {
	siteDecisionMail,
	siteVolunteeredMail,
	trialSiteInvitationMail
} from '../../src/lib/server/mail/trial-site-templates';

const TITLE = 'Le <b>cahier</b> de liaison';
const LINK = 'https://prix.example.fr/equipe/12/essai?x="1"';

const escaped = (text: string) =>
	text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');

const cases = {
	invitation: trialSiteInvitationMail({
		inviterName: 'Julien Moreau',
		entryTitle: TITLE,
		link: LINK
	}),
	volunteered: siteVolunteeredMail({
		entryTitle: TITLE,
		siteName: 'Collège Jean-Moulin',
		academie: 'Amiens',
		invited: false,
		link: LINK
	}),
	answered: siteVolunteeredMail({
		entryTitle: TITLE,
		siteName: 'Collège Jean-Moulin',
		academie: 'Lyon',
		invited: true,
		link: LINK
	}),
	accepted: siteDecisionMail({
		contactName: 'Pauline Lefort',
		entryTitle: TITLE,
		siteName: 'Collège Jean-Moulin',
		decision: 'accept',
		reason: '',
		link: LINK
	}),
	declined: siteDecisionMail({
		contactName: 'Pauline Lefort',
		entryTitle: TITLE,
		siteName: 'Collège Jean-Moulin',
		decision: 'decline',
		reason: 'Nous avons retenu des sites <i>plus proches</i>.',
		link: LINK
	})
};

describe.each(Object.entries(cases))('the %s mail', (_, mail) => {
	it('greets, signs and carries its link in both bodies', () => {
		expect(mail.subject).toMatch(/^[A-ZÀ-Ý]/);
		expect(mail.text).toMatch(/^Bonjour/);
		expect(mail.text.trimEnd()).toMatch(/Ministère de l’Éducation nationale$/);
		expect(mail.text).toContain(LINK);
		expect(mail.html).toContain(`href="${escaped(LINK)}"`);
	});

	it('escapes the values in the HTML and keeps them as written in the text', () => {
		expect(mail.text).toContain(TITLE);
		expect(mail.html).not.toContain('<b>');
		expect(mail.html).not.toContain('<i>');
		expect(mail.html).toContain(escaped(TITLE));
	});
});

describe('trial site mails', () => {
	it('name the site’s académie with the right article', () => {
		expect(cases.volunteered.text).toContain(
			'Collège Jean-Moulin (académie d’Amiens) se porte volontaire'
		);
		expect(cases.answered.text).toContain('(académie de Lyon) a répondu à l’invitation');
	});

	it('tell the declined site the team’s message, and the accepted one where to follow the trial', () => {
		expect(cases.declined.text).toContain(
			'Message de l’équipe :\nNous avons retenu des sites <i>plus proches</i>.'
		);
		expect(cases.declined.subject).toBe(`Votre candidature de site d’essai pour « ${TITLE} »`);
		expect(cases.accepted.text).toMatch(/^Bonjour Pauline Lefort,/);
		expect(cases.accepted.text).toContain('a retenu Collège Jean-Moulin comme site d’essai');
		expect(cases.accepted.text).not.toContain('Message de l’équipe');
	});
});
