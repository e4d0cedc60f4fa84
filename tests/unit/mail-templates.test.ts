// Every mail the platform writes: French, in text and HTML, with its link in both, and the values it
// is given escaped in the HTML.
import { describe, expect, it } from 'vitest';
import * as templates from '../../src/lib/server/mail/templates';
import type { MailContent } from '../../src/lib/server/mail/templates';
import { splitLinks } from '../../src/routes/admin/courriels/[id]/links';

const NAME = 'Camille <script>alert("x")</script> Lefèvre';
const LINK = 'https://prix.example.fr/verification/jeton-123?suite=/equipe&x="1"';

interface Case {
	mail: MailContent;
	/** The link the mail must carry, if any. */
	link?: string;
}

// One entry per exported template; a template added to templates.ts without a case here fails below.
const cases: Record<string, Case[]> = {
	// The builder every template uses, exported for the templates kept in their own files.
	compose: [
		{
			mail: templates.compose('Un message du Prix Impulsions', `Bonjour ${NAME},`, [
				'Un paragraphe.',
				{ link: LINK, label: 'Ouvrir' }
			]),
			link: LINK
		}
	],
	verifyEmailMail: [{ mail: templates.verifyEmailMail(NAME, LINK), link: LINK }],
	accountExistsMail: [{ mail: templates.accountExistsMail(NAME, LINK), link: LINK }],
	resetPasswordMail: [{ mail: templates.resetPasswordMail(NAME, LINK), link: LINK }],
	passwordChangedMail: [{ mail: templates.passwordChangedMail(NAME) }],
	juryReminderMail: [
		{
			mail: templates.juryReminderMail({
				name: NAME,
				editionTitle: 'Prix Impulsions 2027',
				roundLabel: 'Présélection',
				unfinished: 3,
				drafts: 1,
				deadline: '15 mars 2027 à 12 h 00',
				link: LINK
			}),
			link: LINK
		},
		{
			mail: templates.juryReminderMail({
				name: NAME,
				editionTitle: 'Prix Impulsions 2027',
				roundLabel: 'Jury final',
				unfinished: 1,
				drafts: 0,
				deadline: null,
				link: LINK
			}),
			link: LINK
		}
	],
	invitationMail: [
		{
			mail: templates.invitationMail({
				inviterName: NAME,
				role: 'organiser',
				editionTitle: null,
				link: LINK
			}),
			link: LINK
		},
		{
			mail: templates.invitationMail({
				inviterName: NAME,
				role: 'juror',
				editionTitle: 'Édition 2027 <b>gras</b>',
				link: LINK
			}),
			link: LINK
		},
		{
			mail: templates.invitationMail({
				inviterName: NAME,
				role: 'member',
				editionTitle: null,
				entryTitle: 'Le livret <i>numérique</i>',
				link: LINK
			}),
			link: LINK
		}
	],
	entryStatusMail: [
		{
			mail: templates.entryStatusMail({
				entryTitle: NAME,
				stateLabel: 'Modifications demandées',
				sentence: 'modifications demandées',
				message: 'Précisez le public <concerné>.',
				link: LINK
			}),
			link: LINK
		}
	],
	organiserNoticeMail: [
		{
			mail: templates.organiserNoticeMail({ entryTitle: NAME, sentence: 'déposée', link: LINK }),
			link: LINK
		}
	],
	resultsPublishedMail: [
		{
			mail: templates.resultsPublishedMail({
				entryTitle: NAME,
				editionTitle: 'Prix Impulsions 2027',
				outcome: 'elle est lauréate du prix',
				link: LINK
			}),
			link: LINK
		}
	]
};

const all = Object.entries(cases).flatMap(([name, list]) =>
	list.map((c, i) => ({ name: list.length > 1 ? `${name} #${i + 1}` : name, ...c }))
);

function escaped(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

describe('mail templates', () => {
	it('have a test case for every exported template', () => {
		const exported = Object.entries(templates)
			.filter(([, value]) => typeof value === 'function')
			.map(([name]) => name)
			.sort();
		expect(exported).toEqual(Object.keys(cases).sort());
	});

	describe.each(all)('$name', ({ mail }) => {
		it('has a short French subject', () => {
			expect(mail.subject).toMatch(/^[A-ZÀ-Ý]/);
			expect(mail.subject.length).toBeLessThanOrEqual(78);
			expect(mail.subject).toBe(mail.subject.trim());
			expect(mail.subject).not.toMatch(/[<>]/);
		});

		it('has a French plain-text body that greets and signs', () => {
			expect(mail.text).toMatch(/^Bonjour/);
			expect(mail.text).toContain('Prix Impulsions');
			expect(mail.text.trimEnd()).toMatch(/Ministère de l’Éducation nationale$/);
			expect(mail.text).not.toMatch(/<(p|br|a|html)[\s>]/);
		});

		it('has a complete French HTML body', () => {
			expect(mail.html).toMatch(/^<!doctype html>/i);
			expect(mail.html).toContain('<html lang="fr">');
			expect(mail.html).toContain('<meta charset="utf-8">');
			expect(mail.html).toContain(`<title>${escaped(mail.subject)}</title>`);
			expect(mail.html).toContain('Bonjour');
			expect(mail.html).toContain('Ministère de l’Éducation nationale');
		});

		it('escapes a name holding markup in the HTML and keeps it as written in the text', () => {
			expect(mail.html).not.toContain('<script>');
			expect(mail.html).not.toContain('<b>');
			if (mail.text.includes('Camille')) {
				expect(mail.text).toContain(NAME);
				expect(mail.html).toContain(escaped(NAME));
			}
		});
	});

	describe.each(all.filter((c) => c.link !== undefined))('$name', ({ mail, link = '' }) => {
		it('carries the link in the text and in the HTML, escaped there', () => {
			expect(mail.text).toContain(link);
			expect(mail.html).toContain(`href="${escaped(link)}"`);
			expect(mail.html).not.toContain(link);
		});
	});

	it('shows the link of every mail as one clickable address on the outbox page', () => {
		const link = 'https://prix.example.fr/verification/AbC-123_xyz?suite=%2Fequipe';
		for (const mail of [
			templates.verifyEmailMail('Camille', link),
			templates.accountExistsMail('Camille', link),
			templates.resetPasswordMail('Camille', link),
			templates.invitationMail({ inviterName: 'D', role: 'organiser', editionTitle: null, link })
		]) {
			const parts = splitLinks(mail.text);
			expect(parts.filter((p) => 'url' in p)).toEqual([{ url: link }]);
			expect(parts.map((p) => ('url' in p ? p.url : p.text)).join('')).toBe(mail.text);
		}
		expect(splitLinks('Voir https://a.fr/x. Ou (https://b.fr/y), javascript:alert(1)')).toEqual([
			{ text: 'Voir ' },
			{ url: 'https://a.fr/x' },
			{ text: '. Ou (' },
			{ url: 'https://b.fr/y' },
			{ text: '), javascript:alert(1)' }
		]);
	});

	it('names the person in the greeting of a personal mail', () => {
		for (const mail of [
			templates.verifyEmailMail('Camille', LINK),
			templates.accountExistsMail('Camille', LINK),
			templates.resetPasswordMail('Camille', LINK),
			templates.passwordChangedMail('Camille')
		])
			expect(mail.text).toMatch(/^Bonjour Camille,/);
	});

	it('names the edition in a jury invitation', () => {
		const mail = templates.invitationMail({
			inviterName: 'Dominique',
			role: 'juror',
			editionTitle: 'Édition 2027',
			link: LINK
		});
		expect(mail.subject).toBe('Invitation au jury du Prix Impulsions');
		expect(mail.text).toContain('« Édition 2027 »');
		expect(mail.text).toContain('Dominique vous invite');
	});

	it('names the candidature in a co-author invitation', () => {
		const mail = templates.invitationMail({
			inviterName: 'Dominique',
			role: 'member',
			editionTitle: null,
			entryTitle: 'Le livret d’accueil <numérique>',
			link: LINK
		});
		expect(mail.subject).toBe('Invitation à rejoindre une équipe du Prix Impulsions');
		expect(mail.text).toContain(
			'Dominique vous invite à rejoindre l’équipe de la candidature « Le livret d’accueil <numérique> » au Prix Impulsions.'
		);
		expect(mail.html).toContain('« Le livret d’accueil &lt;numérique&gt; »');
		expect(mail.html).not.toContain('<numérique>');
	});
});
