// French mails of the trial reports: a report transmitted, told to the team; a reminder to a site
// whose report is due soon. Built with templates.ts's `compose`.
import { compose, type MailContent } from './templates';

/** To each team member: an accepted site transmitted its trial report. */
export function trialReportSubmittedMail(options: {
	entryTitle: string;
	siteName: string;
	link: string;
}): MailContent {
	return compose(`Rapport d’essai transmis pour « ${options.entryTitle} »`, 'Bonjour,', [
		`${options.siteName} a transmis son rapport d’essai de votre innovation « ${options.entryTitle} ».`,
		{ link: options.link, label: 'Lire le rapport' },
		'Les rapports transmis alimentent la synthèse de la phase d’essai présentée au jury final.'
	]);
}

/** To a site's contact: its report is due soon and not transmitted yet. */
export function trialReportReminderMail(options: {
	name: string;
	siteName: string;
	entryTitle: string;
	/** The due date, already written in French (« lundi 15 mars 2027 »). */
	dueDate: string;
	/** Whether a draft is saved. */
	hasDraft: boolean;
	link: string;
}): MailContent {
	return compose(
		`Rapport d’essai à transmettre avant le ${options.dueDate}`,
		options.name ? `Bonjour ${options.name},` : 'Bonjour,',
		[
			`Le rapport d’essai de ${options.siteName} pour l’innovation « ${options.entryTitle} » est attendu au plus tard le ${options.dueDate}.` +
				(options.hasDraft
					? ' Votre brouillon est enregistré : il reste à le compléter et à le transmettre.'
					: ' Il n’a pas encore été commencé.'),
			{ link: options.link, label: 'Rédiger le rapport d’essai' },
			'Rappel : ne joignez aucune donnée personnelle d’élève, uniquement des données agrégées et anonymes.',
			'Merci pour votre participation à la phase d’essai du Prix Impulsions.'
		]
	);
}
