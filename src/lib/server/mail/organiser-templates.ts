// French mails about the organiser role: given by the operator on the command line, withdrawn by an
// organiser. Built with templates.ts's `compose`.
import { compose, type MailContent } from './templates';

/** An existing account made organiser by `npm run organiser:add`. */
export function organiserGrantedMail(options: { name: string; link: string }): MailContent {
	return compose('Vous êtes organisateur du Prix Impulsions', `Bonjour ${options.name},`, [
		'L’équipe qui administre la plateforme du Prix Impulsions vient de vous donner le rôle d’organisateur : vous pouvez préparer les éditions, inviter les jurés et les autres organisateurs.',
		{ link: options.link, label: 'Ouvrir l’administration' },
		'Connectez-vous avec votre adresse et votre mot de passe habituels.'
	]);
}

/** The organiser role withdrawn by another organiser (or by the person himself). */
export function organiserWithdrawnMail(options: { name: string; byName: string }): MailContent {
	return compose(
		'Votre rôle d’organisateur du Prix Impulsions a été retiré',
		`Bonjour ${options.name},`,
		[
			`${options.byName} vous a retiré le rôle d’organisateur du Prix Impulsions : l’administration du prix ne vous est plus accessible. Votre compte et vos autres rôles (équipe, jury, site d’essai) sont conservés.`,
			'Si vous pensez qu’il s’agit d’une erreur, adressez-vous aux organisateurs du prix.'
		]
	);
}
