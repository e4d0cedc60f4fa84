// French mail templates, each with a plain-text and an HTML body. Values are escaped in HTML.

export interface MailContent {
	subject: string;
	text: string;
	html: string;
}

const SIGNATURE = 'Le secrétariat du Prix Impulsions\nMinistère de l’Éducation nationale';

function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

export type Part = string | { link: string; label: string };

/** Builds both bodies from paragraphs; a link part becomes a button in HTML and a bare URL in text. */
export function compose(subject: string, greeting: string, parts: Part[]): MailContent {
	const text = [
		greeting,
		...parts.map((p) => (typeof p === 'string' ? p : `${p.label} :\n${p.link}`)),
		SIGNATURE
	].join('\n\n');
	const body = [greeting, ...parts]
		.map((p) =>
			typeof p === 'string'
				? `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`
				: `<p><a href="${escapeHtml(p.link)}" style="display:inline-block;padding:8px 16px;background:#000091;color:#fff;text-decoration:none">${escapeHtml(p.label)}</a></p><p style="font-size:13px;color:#666">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br>${escapeHtml(p.link)}</p>`
		)
		.join('\n');
	const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Marianne,Arial,sans-serif;color:#161616;max-width:600px">
<p style="font-weight:bold">Prix Impulsions</p>
${body}
<p>${escapeHtml(SIGNATURE).replaceAll('\n', '<br>')}</p>
</body></html>`;
	return { subject, text, html };
}

const hello = (name: string) => `Bonjour ${name},`;

export function verifyEmailMail(name: string, link: string): MailContent {
	return compose('Confirmez votre adresse électronique', hello(name), [
		'Vous venez de créer un compte sur la plateforme du Prix Impulsions. Pour l’activer, confirmez votre adresse électronique.',
		{ link, label: 'Confirmer mon adresse' },
		'Ce lien est valable 48 heures. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.'
	]);
}

export function accountExistsMail(name: string, resetLink: string): MailContent {
	return compose('Vous avez déjà un compte', hello(name), [
		'Quelqu’un a tenté de créer un compte sur la plateforme du Prix Impulsions avec votre adresse électronique. Vous avez déjà un compte : inutile d’en créer un autre.',
		'Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau.',
		{ link: resetLink, label: 'Choisir un nouveau mot de passe' },
		'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre compte n’a pas été modifié.'
	]);
}

export function resetPasswordMail(name: string, link: string): MailContent {
	return compose('Choisissez un nouveau mot de passe', hello(name), [
		'Vous avez demandé à changer le mot de passe de votre compte sur la plateforme du Prix Impulsions.',
		{ link, label: 'Choisir un nouveau mot de passe' },
		'Ce lien est valable 1 heure et ne sert qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.'
	]);
}

export function passwordChangedMail(name: string): MailContent {
	return compose('Votre mot de passe a été changé', hello(name), [
		'Le mot de passe de votre compte sur la plateforme du Prix Impulsions vient d’être changé, et vos autres sessions ont été fermées.',
		'Si vous n’êtes pas à l’origine de ce changement, utilisez « Mot de passe oublié » sur la page de connexion et prévenez le secrétariat du prix.'
	]);
}

export function invitationMail(options: {
	inviterName: string;
	role: 'organiser' | 'juror' | 'member';
	editionTitle: string | null;
	/** The candidature a co-author is invited to (role 'member'). */
	entryTitle?: string | null;
	link: string;
}): MailContent {
	const what =
		options.role === 'organiser'
			? 'rejoindre les organisateurs du Prix Impulsions'
			: options.role === 'member'
				? `rejoindre l’équipe de la candidature « ${options.entryTitle ?? ''} » au Prix Impulsions`
				: `siéger au jury de l’édition « ${options.editionTitle ?? ''} » du Prix Impulsions`;
	const subject =
		options.role === 'organiser'
			? 'Invitation à organiser le Prix Impulsions'
			: options.role === 'member'
				? 'Invitation à rejoindre une équipe du Prix Impulsions'
				: 'Invitation au jury du Prix Impulsions';
	return compose(subject, 'Bonjour,', [
		`${options.inviterName} vous invite à ${what}.`,
		'Le lien ci-dessous vous permet de créer votre compte, ou de rattacher cette invitation à votre compte si vous en avez déjà un.',
		{ link: options.link, label: 'Accepter l’invitation' },
		'Cette invitation est valable 14 jours.'
	]);
}

export function entryStatusMail(options: {
	entryTitle: string;
	stateLabel: string;
	sentence: string;
	message?: string | null;
	link: string;
}): MailContent {
	const parts: Part[] = [
		`La candidature « ${options.entryTitle} » au Prix Impulsions a changé d’état : ${options.sentence}.`,
		`Nouvel état : ${options.stateLabel}.`
	];
	if (options.message) parts.push(`Message des organisateurs :\n${options.message}`);
	parts.push({ link: options.link, label: 'Suivre la candidature' });
	return compose(`Votre candidature : ${options.stateLabel}`, 'Bonjour,', parts);
}

export function organiserNoticeMail(options: {
	entryTitle: string;
	sentence: string;
	link: string;
}): MailContent {
	return compose(`Suivi des candidatures : ${options.sentence}`, 'Bonjour,', [
		`La candidature « ${options.entryTitle} » : ${options.sentence}.`,
		{ link: options.link, label: 'Voir la candidature' }
	]);
}

export function resultsPublishedMail(options: {
	entryTitle: string;
	editionTitle: string;
	outcome: string;
	link: string;
}): MailContent {
	return compose(`Résultats du ${options.editionTitle}`, 'Bonjour,', [
		`Les résultats du ${options.editionTitle} sont publiés. Votre candidature « ${options.entryTitle} » : ${options.outcome}.`,
		{ link: options.link, label: 'Voir les résultats' }
	]);
}

export function juryReminderMail(options: {
	name: string;
	editionTitle: string;
	roundLabel: string;
	/** Assigned candidatures whose review is not submitted yet. */
	unfinished: number;
	/** Among them, those with a saved draft. */
	drafts: number;
	/** The round's date in the calendar, already written in French, if any. */
	deadline: string | null;
	link: string;
}): MailContent {
	const n = options.unfinished;
	const what =
		n > 1
			? `${n} candidatures qui vous sont confiées attendent`
			: 'Une candidature qui vous est confiée attend';
	const parts: Part[] = [
		`${what} encore votre évaluation pour le tour « ${options.roundLabel} » du ${options.editionTitle}` +
			(options.drafts > 0
				? ` (dont ${options.drafts} en brouillon : pensez à ${options.drafts > 1 ? 'les soumettre' : 'la soumettre'}).`
				: '.')
	];
	if (options.deadline) parts.push(`Le jury se réunit le ${options.deadline}.`);
	parts.push({ link: options.link, label: 'Ouvrir mon espace juré' });
	parts.push('Merci pour votre engagement au service du Prix Impulsions.');
	return compose(
		`${options.editionTitle} — ${options.roundLabel} : vos évaluations à terminer`,
		hello(options.name),
		parts
	);
}
