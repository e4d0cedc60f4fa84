// French mails of the trial sites: an invitation to try an innovation, a site's application told to
// the team, and the team's decision told to the site. Built with templates.ts's `compose`.
import { academieName } from '$lib/domain/trial-site-labels';
import { compose, type MailContent, type Part } from './templates';

/** A school or service invited by e-mail to try an innovation (the invitation's link). */
export function trialSiteInvitationMail(options: {
	inviterName: string;
	entryTitle: string;
	link: string;
}): MailContent {
	return compose('Invitation à essayer une innovation du Prix Impulsions', 'Bonjour,', [
		`${options.inviterName} vous invite à essayer l’innovation « ${options.entryTitle} », présélectionnée par le jury du Prix Impulsions, dans votre établissement ou votre service.`,
		'Le lien ci-dessous vous permet de créer votre compte (ou de vous connecter si vous en avez déjà un), puis de présenter votre site : son contexte, votre motivation et l’accord de votre chef d’établissement. L’équipe de l’innovation choisit ensuite ses sites d’essai.',
		{ link: options.link, label: 'Répondre à l’invitation' },
		'Cette invitation est valable 14 jours.'
	]);
}

/** To each team member: a site volunteered (or answered an invitation) to try the innovation. */
export function siteVolunteeredMail(options: {
	entryTitle: string;
	siteName: string;
	academie: string;
	invited: boolean;
	link: string;
}): MailContent {
	const who = `${options.siteName} (${academieName(options.academie)})`;
	return compose(`Un site souhaite essayer « ${options.entryTitle} »`, 'Bonjour,', [
		options.invited
			? `${who} a répondu à l’invitation et propose d’essayer votre innovation « ${options.entryTitle} ».`
			: `${who} se porte volontaire pour essayer votre innovation « ${options.entryTitle} ».`,
		'Consultez sa candidature (contexte, motivation) et acceptez-la ou déclinez-la dans l’espace de votre candidature.',
		{ link: options.link, label: 'Choisir les sites d’essai' }
	]);
}

/** To the site's contact: the team accepted or declined the site. */
export function siteDecisionMail(options: {
	contactName: string;
	entryTitle: string;
	siteName: string;
	decision: 'accept' | 'decline';
	reason: string;
	link: string;
}): MailContent {
	const parts: Part[] =
		options.decision === 'accept'
			? [
					`L’équipe de l’innovation « ${options.entryTitle} » a retenu ${options.siteName} comme site d’essai.`,
					'Votre espace de site d’essai présente le protocole à suivre ; vous y rédigerez le rapport d’essai à la fin de la période.',
					{ link: options.link, label: 'Ouvrir mon espace de site d’essai' }
				]
			: [
					`L’équipe de l’innovation « ${options.entryTitle} » n’a pas retenu ${options.siteName} comme site d’essai.`,
					...(options.reason ? [`Message de l’équipe :\n${options.reason}`] : []),
					'Merci pour votre intérêt : d’autres innovations du Prix Impulsions attendent peut-être leurs sites d’essai.',
					{ link: options.link, label: 'Voir les innovations à essayer' }
				];
	return compose(
		options.decision === 'accept'
			? `Votre site est retenu pour essayer « ${options.entryTitle} »`
			: `Votre candidature de site d’essai pour « ${options.entryTitle} »`,
		`Bonjour ${options.contactName},`,
		parts
	);
}
