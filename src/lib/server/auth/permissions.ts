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

/**
 * Withdrawing the organiser role from someone: an organiser (as the database says now, not as his
 * session said), from an organiser, never from the last one. Read with the organisers locked
 * (withdrawOrganiser in organisers.ts), so that two withdrawals at once cannot leave none.
 */
export function whyNotWithdrawOrganiser(
	actor: { isOrganiser: boolean } | null,
	target: { isOrganiser: boolean },
	organiserCount: number
): string | null {
	if (!actor?.isOrganiser) return 'Seuls les organisateurs du prix peuvent retirer ce rôle.';
	if (!target.isOrganiser) return 'Cette personne n’est pas (ou plus) organisatrice du prix.';
	if (organiserCount <= 1)
		return 'C’est le dernier organisateur du prix : invitez d’abord un autre organisateur, puis retirez ce rôle.';
	return null;
}

/** Entries in the navigation that fit the user's roles. */
export function navigationFor(user: SessionUser | null): { href: string; label: string }[] {
	const items = [
		{ href: '/', label: 'Accueil' },
		{ href: '/editions', label: 'Éditions du prix' },
		{ href: '/laureats', label: 'Lauréats' },
		{ href: '/essayer', label: 'Essayer une innovation' }
	];
	if (!user) return items;
	items.push({ href: '/equipe', label: 'Mes candidatures' });
	if (canAccessArea(user, 'jury')) items.push({ href: '/jury', label: 'Jury' });
	if (user.isTrialContact) items.push({ href: '/essai', label: 'Mon essai' });
	if (user.isOrganiser) items.push({ href: '/admin', label: 'Administration' });
	return items;
}

// ---------------------------------------------------------------------------------------------
// Candidatures: what a person may do with one, from his relation to it and its state.

/** A person's relation to one candidature (see loadEntryAccess in db/entry-access.ts). */
export interface EntryRelation {
	isLead: boolean;
	isMember: boolean;
	isOrganiser: boolean;
}

/** States in which the team writes its dossier. */
export const EDITABLE_STATES = ['draft', 'changesRequested'] as const;
const editable = (state: string) => (EDITABLE_STATES as readonly string[]).includes(state);

/** Reading the dossier, its attachments and its timeline: its team and the organisers. */
export function whyNotReadEntry(relation: EntryRelation | null): string | null {
	if (relation && (relation.isLead || relation.isMember || relation.isOrganiser)) return null;
	return 'Cette candidature n’est visible que par son équipe et par les organisateurs du prix.';
}

/** Editing the dossier (and its attachments): any team member, while it is a draft or changes are requested. */
export function whyNotEditDossier(relation: EntryRelation | null, state: string): string | null {
	if (!relation || !(relation.isLead || relation.isMember))
		return 'Seuls les membres de l’équipe peuvent modifier le dossier.';
	if (!editable(state))
		return 'Le dossier est en lecture seule : il a été déposé. Il redevient modifiable si les organisateurs demandent des modifications.';
	return null;
}

/** States after which a candidature's decision is final. */
const DECIDED_STATES = ['ineligible', 'notShortlisted', 'laureate', 'notAwarded', 'withdrawn'];

/** Inviting and removing co-authors, handing the lead: the lead only, until a final decision. */
export function whyNotManageTeam(relation: EntryRelation | null, state: string): string | null {
	if (!relation?.isLead) return 'Seul le porteur de la candidature peut gérer l’équipe.';
	if (DECIDED_STATES.includes(state))
		return 'La candidature a reçu une décision finale : son équipe ne change plus.';
	return null;
}

/**
 * A team declaring a conflict of interest with a juror of its edition: any member, until a final
 * decision (the organisers read the declarations).
 */
export function whyNotDeclareTeamConflict(
	relation: EntryRelation | null,
	state: string
): string | null {
	if (!relation || !(relation.isLead || relation.isMember))
		return 'Seuls les membres de l’équipe peuvent déclarer un conflit d’intérêts.';
	if (DECIDED_STATES.includes(state))
		return 'La candidature a reçu une décision finale : il n’y a plus de conflit d’intérêts à déclarer.';
	return null;
}

// ---------------------------------------------------------------------------------------------
// Jury: the juror's space (/jury). A conflicted or unassigned juror probing a candidature's
// address gets the same 404 as for a candidature that does not exist (NOT_ASSIGNED_MESSAGE), so
// that its existence is not revealed; the other refusals are 403 or 409 with their French reason.

/** A person's seat in one edition's jury: the rounds he sits in; null when he is not a juror. */
export interface JurySeat {
	preselection: boolean;
	final: boolean;
}

/** A person's relation to one candidature in one round of the jury. */
export interface JuryEntryRelation {
	/** The candidature is assigned to him in this round. */
	assigned: boolean;
	/** He is conflicted with it (declared, team member, same établissement or académie). */
	conflicted: boolean;
}

export const NOT_ASSIGNED_MESSAGE = 'Cette candidature n’existe pas ou ne vous est pas attribuée.';

/** Seeing one's list of candidatures of a round: a juror sitting in it; organisers (read-only). */
export function whyNotViewJuryRound(
	user: Pick<SessionUser, 'isOrganiser'> | null,
	seat: JurySeat | null,
	round: 'preselection' | 'final'
): string | null {
	if (!user) return 'Connectez-vous pour accéder à cet espace.';
	if (seat?.[round] || user.isOrganiser) return null;
	if (seat) return 'Vous ne siégez pas à ce tour du jury.';
	return 'Vous ne siégez pas au jury de cette édition.';
}

const scoresIt = (relation: JuryEntryRelation | null) =>
	relation !== null && relation.assigned && !relation.conflicted;

/**
 * Reading a candidature (dossier, attachments) in the juror's space: the jurors it is assigned to and
 * who are not conflicted; organisers, read-only. Anyone else gets NOT_ASSIGNED_MESSAGE (a 404).
 */
export function whyNotReadJuryEntry(
	user: Pick<SessionUser, 'isOrganiser'> | null,
	relation: JuryEntryRelation | null
): string | null {
	if (!user) return 'Connectez-vous pour accéder à cet espace.';
	if (scoresIt(relation) || user.isOrganiser) return null;
	return NOT_ASSIGNED_MESSAGE;
}

/** Why an organiser, who may read a candidature in the juror's space, may not score it. */
export const SCORE_RESERVED_MESSAGE =
	'Seuls les jurés à qui la candidature est attribuée, sans conflit d’intérêts, peuvent l’évaluer.';

/**
 * Saving or submitting one's review: an assigned, non-conflicted juror, while the edition is in the
 * round's phase, the candidature is not withdrawn and his review is not submitted yet.
 */
export function whyNotScore(
	relation: JuryEntryRelation | null,
	context: {
		round: 'preselection' | 'final';
		editionPhase: string;
		entryState: string;
		reviewStatus: 'none' | 'draft' | 'submitted';
	}
): string | null {
	if (!scoresIt(relation)) return SCORE_RESERVED_MESSAGE;
	if (context.reviewStatus === 'submitted')
		return 'Votre évaluation est soumise : elle ne peut plus être modifiée.';
	if (context.entryState === 'withdrawn')
		return 'Cette candidature a été retirée par son équipe : elle n’est plus évaluée.';
	if (context.editionPhase !== context.round)
		return context.round === 'preselection'
			? 'L’évaluation de la présélection n’est pas ouverte : l’édition n’est pas en phase de présélection.'
			: 'L’évaluation du jury final n’est pas ouverte : l’édition n’est pas en phase de jury final.';
	return null;
}

/** Submitting: every criterion of the round scored. `missing` lists the labels of those without a level. */
export function whyNotSubmitReview(
	criteriaCount: number,
	missing: readonly string[]
): string | null {
	if (criteriaCount === 0)
		return 'Les critères de ce tour ne sont pas encore définis : l’évaluation ne peut pas être soumise.';
	if (missing.length === 1)
		return `Choisissez un niveau pour le critère « ${missing[0]} » avant de soumettre l’évaluation.`;
	if (missing.length > 1)
		return `Choisissez un niveau pour chaque critère avant de soumettre l’évaluation. Critères sans niveau : ${missing.map((m) => `« ${m} »`).join(', ')}.`;
	return null;
}

/** Seeing the other jurors' reviews of a candidature: once one's own review is submitted. */
export function whyNotSeeOtherReviews(
	relation: JuryEntryRelation | null,
	ownStatus: 'none' | 'draft' | 'submitted'
): string | null {
	if (!scoresIt(relation)) return NOT_ASSIGNED_MESSAGE;
	if (ownStatus !== 'submitted')
		return 'Les évaluations des autres jurés vous seront visibles une fois la vôtre soumise.';
	return null;
}

/**
 * Declaring a conflict of interest on a candidature assigned to him: any time, unless his review of it
 * is submitted (it cannot be withdrawn that way: the organisers decide).
 */
export function whyNotDeclareJurorConflict(
	relation: JuryEntryRelation | null,
	hasSubmittedReview: boolean
): string | null {
	if (!scoresIt(relation)) return NOT_ASSIGNED_MESSAGE;
	if (hasSubmittedReview)
		return 'Votre évaluation de cette candidature est déjà soumise : pour signaler un conflit d’intérêts, contactez les organisateurs du prix.';
	return null;
}

// ---------------------------------------------------------------------------------------------
// Trial protocol and reports: the team writes the protocol of its short-listed innovation while the
// edition is in its trial phase; each accepted site's contact files one report, read by the team once
// it is transmitted. A site sees only its own trial (anyone else gets a 404: TRIAL_SITE_NOT_FOUND).

export const TRIAL_SITE_NOT_FOUND = 'Ce site d’essai n’existe pas ou ne vous concerne pas.';

/** The states of a candidature whose trial is being prepared or run. */
export const TRIAL_ENTRY_STATES = ['shortlisted', 'inTrial'] as const;

/** Writing the trial protocol: any team member, in the trial phase, while short-listed or in trial. */
export function whyNotEditProtocol(
	relation: EntryRelation | null,
	context: { phase: string; state: string }
): string | null {
	if (!relation || !(relation.isLead || relation.isMember))
		return 'Seuls les membres de l’équipe peuvent rédiger le protocole d’essai.';
	if (context.phase !== 'trial')
		return 'Le protocole d’essai ne se modifie que pendant la phase d’essai de l’édition.';
	if (!(TRIAL_ENTRY_STATES as readonly string[]).includes(context.state))
		return 'Le protocole d’essai ne se modifie que pour une candidature présélectionnée ou en phase d’essai.';
	return null;
}

/** A person's relation to one trial site, with the state of what it depends on. */
export interface TrialSiteContext {
	/** He is the site's contact (trial_sites.contact_user_id). */
	isContact: boolean;
	siteStatus: string;
	entryState: string;
	phase: string;
	reportStatus: 'none' | 'draft' | 'submitted';
}

/** Seeing a site's page in the site space: its contact; organisers (read-only). */
export function whyNotViewTrialSite(
	user: { isOrganiser: boolean } | null,
	isContact: boolean
): string | null {
	if (isContact || user?.isOrganiser) return null;
	return TRIAL_SITE_NOT_FOUND;
}

/**
 * Saving or transmitting the report, and adding or removing its attachments: the site's contact, once
 * the team accepted the site, while the candidature is in trial in the edition's trial phase, and until
 * the report is transmitted.
 */
export function whyNotFileReport(context: TrialSiteContext): string | null {
	if (!context.isContact)
		return 'Seul le contact du site d’essai peut rédiger et transmettre son rapport.';
	if (context.siteStatus === 'declined')
		return 'L’équipe a décliné la participation de ce site : il n’y a pas de rapport à rédiger.';
	if (context.siteStatus !== 'accepted')
		return 'L’équipe n’a pas encore accepté ce site : le rapport pourra être rédigé une fois le site accepté.';
	if (context.reportStatus === 'submitted')
		return 'Le rapport d’essai est transmis : il ne peut plus être modifié.';
	if (context.phase !== 'trial')
		return 'Le rapport d’essai ne se rédige que pendant la phase d’essai de l’édition.';
	if (context.entryState !== 'inTrial')
		return 'L’essai de cette innovation n’est pas en cours : le rapport ne peut pas être rédigé.';
	return null;
}

/** The team reading a site's report: its members and the organisers, once the report is transmitted. */
export function whyNotReadTrialReport(
	relation: EntryRelation | null,
	reportStatus: 'none' | 'draft' | 'submitted'
): string | null {
	const refusal = whyNotReadEntry(relation);
	if (refusal) return refusal;
	if (reportStatus !== 'submitted')
		return 'Le site n’a pas encore transmis son rapport d’essai : il sera visible ici une fois transmis.';
	return null;
}

/**
 * Downloading an attachment of a report: the site's contact; organisers; the candidature's team once
 * the report is transmitted. Anyone else gets TRIAL_SITE_NOT_FOUND (a 404).
 */
export function whyNotDownloadTrialAttachment(
	user: { isOrganiser: boolean } | null,
	isContact: boolean,
	relation: EntryRelation | null,
	reportStatus: 'none' | 'draft' | 'submitted'
): string | null {
	if (isContact || user?.isOrganiser) return null;
	if (relation && (relation.isLead || relation.isMember))
		return reportStatus === 'submitted'
			? null
			: 'Les pièces jointes du rapport seront visibles par l’équipe une fois le rapport transmis.';
	return TRIAL_SITE_NOT_FOUND;
}

// ---------------------------------------------------------------------------------------------
// Trial sites: while the edition is in its trial phase, a school or service volunteers to try a
// short-listed innovation (publicly when the team consented to publication, or invited by e-mail by
// the team or the organisers); the team accepts or declines the volunteers up to its capacity. A
// team sees only its own volunteers; the organisers see them all.

/** Why the innovation is not open to trial now (edition phase and candidature state), or null. */
export function whyNotTrialOpen(context: { phase: string; state: string }): string | null {
	if (context.phase !== 'trial')
		return 'L’édition n’est pas en phase d’essai : les sites d’essai ne peuvent pas être choisis maintenant.';
	if (!(TRIAL_ENTRY_STATES as readonly string[]).includes(context.state))
		return 'Cette innovation n’est pas ouverte à l’essai : seules les candidatures présélectionnées ou en phase d’essai le sont.';
	return null;
}

/**
 * Volunteering as a trial site: a signed-in person who is not in the innovation's team, while it is
 * open to trial; publicly only when the team consented to publication (an invited site needs no
 * consent).
 */
export function whyNotVolunteer(
	user: { id: number } | null,
	context: {
		phase: string;
		state: string;
		publicationConsent: boolean;
		/** He accepted an invitation of a site to this innovation. */
		invited: boolean;
		/** He is a member of the innovation's team. */
		isTeamMember: boolean;
	}
): string | null {
	if (!user) return 'Connectez-vous pour proposer votre établissement comme site d’essai.';
	if (context.isTeamMember)
		return 'Vous faites partie de l’équipe de cette innovation : elle doit être essayée par d’autres établissements.';
	const closed = whyNotTrialOpen(context);
	if (closed) return closed;
	if (!context.publicationConsent && !context.invited)
		return 'Cette innovation n’est pas présentée au public : seuls les sites invités par son équipe ou par les organisateurs peuvent la tester.';
	return null;
}

/**
 * Accepting or declining a site, setting the capacity: any member of the team (the organisers read),
 * while the innovation is open to trial.
 */
export function whyNotDecideSite(
	relation: EntryRelation | null,
	context: { phase: string; state: string }
): string | null {
	if (!relation || !(relation.isLead || relation.isMember))
		return 'Seuls les membres de l’équipe de l’innovation choisissent ses sites d’essai.';
	return whyNotTrialOpen(context);
}

/** Inviting a site by e-mail: the team's members and the organisers, while the innovation is open to trial. */
export function whyNotInviteSite(
	relation: EntryRelation | null,
	context: { phase: string; state: string }
): string | null {
	if (!relation || !(relation.isLead || relation.isMember || relation.isOrganiser))
		return 'Seuls l’équipe de l’innovation et les organisateurs du prix peuvent inviter un site d’essai.';
	return whyNotTrialOpen(context);
}

// ---------------------------------------------------------------------------------------------
// Trial evidence in the final ranking (organisers)

/** The edition's phases once its results are out: the weights of the final ranking are frozen. */
const RESULTS_OUT_PHASES = ['published', 'archived'];

/**
 * Setting the edition's weight of trial evidence in the final ranking: an organiser, until the
 * results are published.
 */
export function whyNotSetTrialEvidenceWeight(
	user: SessionUser | null,
	editionPhase: string
): string | null {
	const notOrganiser = whyNotOrganiser(user);
	if (notOrganiser) return notOrganiser;
	if (RESULTS_OUT_PHASES.includes(editionPhase))
		return 'Les résultats de cette édition sont publiés : le poids de l’essai dans le classement final ne peut plus changer.';
	return null;
}

// ---------------------------------------------------------------------------------------------
// Certificates (attestations): the organisers manage an edition's (list, download, revoke, issue the
// missing ones, the ZIP archive); each recipient downloads his own (see userCertificates in
// db/certificates.ts). Anyone else gets CERTIFICATE_NOT_YOURS (a 404): a certificate's existence is
// not revealed. A revoked certificate is never handed out again (/verifier says why).

export const CERTIFICATE_NOT_YOURS = 'Cette attestation n’existe pas ou ne vous est pas destinée.';
export const CERTIFICATE_REVOKED =
	'Cette attestation a été révoquée : elle ne peut plus être téléchargée. La page de vérification de son code indique le motif.';

/** Managing an edition's certificates: organisers. */
export function whyNotManageCertificates(user: SessionUser | null): string | null {
	return whyNotOrganiser(user);
}

/** Downloading one certificate: its recipient or an organiser, while it is not revoked. */
export function whyNotDownloadCertificate(
	user: Pick<SessionUser, 'isOrganiser'> | null,
	certificate: { isRecipient: boolean; revokedAt: Date | null }
): string | null {
	if (!user) return 'Connectez-vous pour télécharger vos attestations.';
	if (!certificate.isRecipient && !user.isOrganiser) return CERTIFICATE_NOT_YOURS;
	if (certificate.revokedAt) return CERTIFICATE_REVOKED;
	return null;
}

/** Revoking a certificate: an organiser, once. */
export function whyNotRevokeCertificate(
	user: SessionUser | null,
	certificate: { revokedAt: Date | null }
): string | null {
	const notOrganiser = whyNotOrganiser(user);
	if (notOrganiser) return notOrganiser;
	if (certificate.revokedAt)
		return 'Cette attestation est déjà révoquée : elle ne peut pas l’être deux fois.';
	return null;
}

/** Issuing an edition's missing certificates: an organiser, once the results are published. */
export function whyNotIssueCertificates(
	user: SessionUser | null,
	editionPhase: string
): string | null {
	const notOrganiser = whyNotOrganiser(user);
	if (notOrganiser) return notOrganiser;
	if (!RESULTS_OUT_PHASES.includes(editionPhase))
		return 'Les attestations sont émises quand les résultats de l’édition sont publiés : ce n’est pas encore le cas.';
	return null;
}
