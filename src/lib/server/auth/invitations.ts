// Invitations by e-mail: an organiser invites another organiser, or a juror for one edition; a lead
// invites a co-author; a team or the organisers invite a school or service to try a short-listed
// innovation (a trial site). The link creates an account (the address is then known to be verified)
// or attaches the role to an existing one.
import { emailProblem, type FieldErrors } from '$lib/domain/validation';
import type { Db } from '../db';
import type { InvitationRole } from '../db/schema';
import { sql } from 'kysely';
import { findUserByEmail, insertUser, markEmailVerified, normaliseEmail } from '../db/users';
import { loadEntryAccess } from '../db/entry-access';
import { lockForTeam } from '../db/members';
import { enqueueMail } from '../mail/outbox';
import { invitationMail } from '../mail/templates';
import { trialSiteInvitationMail } from '../mail/trial-site-templates';
import { appendEntryNote, withEntryLocked } from '../workflow/entry-notes';
import { whyNotInviteSite } from './permissions';
import { hashToken, newToken } from './crypto';
import { hashPassword, newAccountErrors } from './password';
import { grantOrganiser } from './organisers';

export const INVITATION_DAYS = 14;

export const invitationLink = (origin: string, token: string) => `${origin}/invitation/${token}`;

/** Who invites, for an invitation made on the command line (`npm run organiser:add`). */
export const OPERATOR_INVITER = 'L’équipe qui administre la plateforme';

/**
 * Stores an organiser's or a juror's invitation and puts its mail in the outbox (in the caller's
 * transaction); returns the link. `inviter` is null for an operator on the command line.
 */
export async function insertInvitation(
	trx: Db,
	input: {
		email: string;
		role: 'organiser' | 'juror';
		edition: { id: number; title: string } | null;
		inviter: { id: number; name: string } | null;
	},
	origin: string,
	now = new Date()
): Promise<string> {
	const token = newToken();
	await trx
		.insertInto('invitations')
		.values({
			token_hash: hashToken(token),
			email: input.email,
			role: input.role,
			edition_id: input.edition?.id ?? null,
			invited_by: input.inviter?.id ?? null,
			created_at: now,
			expires_at: new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60_000)
		})
		.execute();
	const link = invitationLink(origin, token);
	await enqueueMail(
		trx,
		input.email,
		invitationMail({
			inviterName: input.inviter?.name ?? OPERATOR_INVITER,
			role: input.role,
			editionTitle: input.edition?.title ?? null,
			entryTitle: null,
			link
		})
	);
	return link;
}

export type InviteField = 'email' | 'role' | 'editionId';

export async function invite(
	db: Db,
	inviter: { id: number; name: string },
	input: { email: string; role: string; editionId: number | null },
	origin: string,
	now = new Date()
): Promise<{ ok: true } | { ok: false; errors: FieldErrors<InviteField> }> {
	const errors: FieldErrors<InviteField> = {};
	const emailError = emailProblem(input.email);
	if (emailError) errors.email = emailError;
	if (input.role !== 'organiser' && input.role !== 'juror')
		errors.role = 'Choisissez le rôle : organisateur ou juré.';
	let edition: { id: number; title: string } | undefined;
	if (input.role === 'juror') {
		edition = input.editionId
			? await db
					.selectFrom('editions')
					.select(['id', 'title'])
					.where('id', '=', input.editionId)
					.executeTakeFirst()
			: undefined;
		if (!edition) errors.editionId = 'Choisissez l’édition pour laquelle vous invitez ce juré.';
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };

	// Organisers invite organisers and jurors here; co-authors are invited from their candidature.
	const role = input.role as 'organiser' | 'juror';
	const email = normaliseEmail(input.email);
	await db.transaction().execute(async (trx) => {
		await insertInvitation(trx, { email, role, edition: edition ?? null, inviter }, origin, now);
	});
	return { ok: true };
}

/**
 * Invites a co-author to a candidature: the lead only (checked here, with the candidature locked).
 * The link creates the person's account or attaches the candidature to his existing one.
 */
export async function inviteCoAuthor(
	db: Db,
	inviter: { id: number; name: string },
	entryId: number,
	rawEmail: string,
	origin: string,
	now = new Date()
): Promise<
	{ ok: true; email: string } | { ok: false; errors: FieldErrors<'email'>; message?: string }
> {
	const emailError = emailProblem(rawEmail);
	if (emailError) return { ok: false, errors: { email: emailError } };
	const email = normaliseEmail(rawEmail);
	return db.transaction().execute(async (trx) => {
		const { refusal, access } = await lockForTeam(trx, inviter.id, entryId);
		if (refusal || !access) return { ok: false, errors: {}, message: refusal ?? '' } as const;
		const member = await trx
			.selectFrom('entry_members as m')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.where('m.entry_id', '=', entryId)
			.where('u.email', '=', email)
			.select('u.id')
			.executeTakeFirst();
		if (member)
			return {
				ok: false,
				errors: { email: 'Cette personne fait déjà partie de l’équipe.' }
			} as const;
		const pending = await trx
			.selectFrom('invitations')
			.where('entry_id', '=', entryId)
			.where('role', '=', 'member')
			.where('email', '=', email)
			.where('accepted_at', 'is', null)
			.where('expires_at', '>', now)
			.select('id')
			.executeTakeFirst();
		if (pending)
			return {
				ok: false,
				errors: { email: 'Une invitation est déjà en attente pour cette adresse.' }
			} as const;
		const token = newToken();
		await trx
			.insertInto('invitations')
			.values({
				token_hash: hashToken(token),
				email,
				role: 'member',
				edition_id: null,
				entry_id: entryId,
				invited_by: inviter.id,
				created_at: now,
				expires_at: new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60_000)
			})
			.execute();
		await enqueueMail(
			trx,
			email,
			invitationMail({
				inviterName: inviter.name,
				role: 'member',
				editionTitle: null,
				entryTitle: access.entry.title,
				link: invitationLink(origin, token)
			})
		);
		return { ok: true, email } as const;
	});
}

export type SiteInvitationResult =
	| { ok: true; email: string }
	| { ok: false; status: 400 | 403 | 404 | 409; message: string; errors?: FieldErrors<'email'> };

/**
 * Invites a school or service by e-mail to try a short-listed innovation (role 'site'): the team's
 * members and the organisers, while the edition is in its trial phase and the candidature
 * short-listed or in trial (checked here, with the candidature locked). The link creates the person's
 * account or attaches the invitation to his existing one, then leads to the volunteer form of the
 * innovation, where the site is stored as invited. Logged (INVITE_SITE) in the candidature's history.
 */
export async function inviteTrialSite(
	db: Db,
	input: {
		entryId: number;
		email: string;
		invitedBy: { id: number; name: string };
		/** The site's public address, for the link (`url.origin`). */
		origin: string;
	},
	now = new Date()
): Promise<SiteInvitationResult> {
	const emailError = emailProblem(input.email);
	if (emailError)
		return { ok: false, status: 400, message: emailError, errors: { email: emailError } };
	const email = normaliseEmail(input.email);
	const result = await withEntryLocked(
		db,
		input.entryId,
		async (trx, entry): Promise<SiteInvitationResult> => {
			const access = await loadEntryAccess(trx, input.invitedBy.id, entry.id);
			const relation = access?.relation ?? null;
			const refusal = whyNotInviteSite(relation, entry);
			if (refusal) {
				const allowed =
					relation !== null && (relation.isLead || relation.isMember || relation.isOrganiser);
				return { ok: false, status: allowed ? 409 : 403, message: refusal };
			}
			const emailRefusal = (message: string): SiteInvitationResult => ({
				ok: false,
				status: 409,
				message,
				errors: { email: message }
			});
			const member = await trx
				.selectFrom('entry_members as m')
				.innerJoin('users as u', 'u.id', 'm.user_id')
				.where('m.entry_id', '=', entry.id)
				.where('u.email', '=', email)
				.select('u.id')
				.executeTakeFirst();
			if (member)
				return emailRefusal(
					'Cette personne fait partie de l’équipe de l’innovation : invitez un autre établissement.'
				);
			const site = await trx
				.selectFrom('trial_sites')
				.where('entry_id', '=', entry.id)
				.where('contact_email', '=', email)
				.select('id')
				.executeTakeFirst();
			if (site)
				return emailRefusal(
					'Cette adresse est déjà celle du contact d’un site d’essai de cette innovation.'
				);
			const pending = await trx
				.selectFrom('invitations')
				.where('entry_id', '=', entry.id)
				.where('role', '=', 'site')
				.where('email', '=', email)
				.where('accepted_at', 'is', null)
				.where('expires_at', '>', now)
				.select('id')
				.executeTakeFirst();
			if (pending) return emailRefusal('Une invitation est déjà en attente pour cette adresse.');
			const token = newToken();
			const invitation = await trx
				.insertInto('invitations')
				.values({
					token_hash: hashToken(token),
					email,
					role: 'site',
					edition_id: null,
					entry_id: entry.id,
					invited_by: input.invitedBy.id,
					created_at: now,
					expires_at: new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60_000)
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await enqueueMail(
				trx,
				email,
				trialSiteInvitationMail({
					inviterName: input.invitedBy.name,
					entryTitle: entry.title,
					link: invitationLink(input.origin, token)
				})
			);
			await appendEntryNote(trx, entry, {
				type: 'INVITE_SITE',
				actorId: input.invitedBy.id,
				payload: {
					invitationId: invitation.id,
					by: relation?.isLead || relation?.isMember ? 'team' : 'organiser'
				},
				at: now
			});
			return { ok: true, email };
		}
	);
	return result ?? { ok: false, status: 404, message: 'Cette candidature n’existe pas.' };
}

/** The open invitation behind a token, or why it cannot be used (a French sentence). */
export async function findInvitation(db: Db, token: string, now = new Date()) {
	const row = await db
		.selectFrom('invitations as i')
		.leftJoin('editions as e', 'e.id', 'i.edition_id')
		.leftJoin('entries as en', 'en.id', 'i.entry_id')
		.leftJoin('users as inviter', 'inviter.id', 'i.invited_by')
		.where('i.token_hash', '=', hashToken(token))
		.select([
			'i.id',
			'i.email',
			'i.role',
			'i.edition_id',
			'i.entry_id',
			'i.expires_at',
			'i.accepted_at',
			'e.title as edition_title',
			'en.title as entry_title',
			sql<string>`coalesce(inviter.name, ${OPERATOR_INVITER})`.as('inviter_name')
		])
		.executeTakeFirst();
	if (!row)
		return 'Cette invitation n’existe pas. Vérifiez que vous avez copié l’adresse complète.';
	if (row.accepted_at)
		return 'Cette invitation a déjà été acceptée. Connectez-vous pour continuer.';
	if (row.expires_at.getTime() <= now.getTime())
		return 'Cette invitation a expiré. Demandez au secrétariat du prix de vous en envoyer une nouvelle.';
	const existing = await findUserByEmail(db, row.email);
	return { invitation: row, hasAccount: Boolean(existing) };
}

async function grantRole(
	db: Db,
	invitation: {
		id: number;
		role: InvitationRole;
		edition_id: number | null;
		entry_id: number | null;
		invited_by: number | null;
	},
	userId: number
) {
	if (invitation.role === 'organiser')
		await grantOrganiser(db, userId, { actorId: invitation.invited_by, source: 'invitation' });
	else if (invitation.role === 'member' && invitation.entry_id !== null)
		await db
			.insertInto('entry_members')
			.values({ entry_id: invitation.entry_id, user_id: userId, role: 'member' })
			.onConflict((oc) => oc.doNothing())
			.execute();
	else if (invitation.role === 'juror' && invitation.edition_id !== null)
		await db
			.insertInto('edition_jurors')
			.values({ edition_id: invitation.edition_id, user_id: userId })
			.onConflict((oc) => oc.doNothing())
			.execute();
	// A site invitation grants nothing yet: the site is stored (as invited) by the volunteer form.
	await db
		.updateTable('invitations')
		.set({ accepted_at: new Date(), accepted_by: userId })
		.where('id', '=', invitation.id)
		.execute();
}

/** Attaches the invitation to the signed-in account. */
export async function acceptInvitation(
	db: Db,
	token: string,
	userId: number
): Promise<{ ok: true; role: InvitationRole } | { ok: false; message: string }> {
	return db.transaction().execute(async (trx) => {
		const found = await lockOpenInvitation(trx, token);
		if (typeof found === 'string') return { ok: false, message: found } as const;
		await grantRole(trx, found, userId);
		return { ok: true, role: found.role } as const;
	});
}

export type InvitationAccountField = 'name' | 'password' | 'confirm';

/** Creates the invited person's account (address verified by the link) and grants the role. */
export async function acceptInvitationWithNewAccount(
	db: Db,
	token: string,
	input: { name: string; password: string; confirm: string }
): Promise<
	| { ok: true; userId: number; role: InvitationRole }
	| { ok: false; errors: FieldErrors<InvitationAccountField>; message?: string }
> {
	const errors = newAccountErrors(input);
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		const found = await lockOpenInvitation(trx, token);
		if (typeof found === 'string') return { ok: false, errors: {}, message: found } as const;
		const existing = await findUserByEmail(trx, found.email);
		if (existing)
			return {
				ok: false,
				errors: {},
				message:
					'Un compte existe déjà pour cette adresse : connectez-vous pour accepter l’invitation.'
			} as const;
		const user = await insertUser(trx, {
			email: found.email,
			name: input.name,
			passwordHash,
			verified: true
		});
		await markEmailVerified(trx, user.id);
		await grantRole(trx, found, user.id);
		return { ok: true, userId: user.id, role: found.role } as const;
	});
}

/** The open invitation behind a token, locked for this transaction, or why it cannot be used. */
async function lockOpenInvitation(db: Db, token: string, now = new Date()) {
	const row = await db
		.selectFrom('invitations')
		.select([
			'id',
			'email',
			'role',
			'edition_id',
			'entry_id',
			'invited_by',
			'expires_at',
			'accepted_at'
		])
		.where('token_hash', '=', hashToken(token))
		.forUpdate()
		.executeTakeFirst();
	if (!row) return 'Cette invitation n’existe pas.';
	if (row.accepted_at) return 'Cette invitation a déjà été acceptée.';
	if (row.expires_at.getTime() <= now.getTime()) return 'Cette invitation a expiré.';
	return row;
}

export async function listInvitations(db: Db, options: { limit: number; offset: number }) {
	return db
		.selectFrom('invitations as i')
		.leftJoin('editions as e', 'e.id', 'i.edition_id')
		.leftJoin('entries as en', 'en.id', 'i.entry_id')
		.leftJoin('users as inviter', 'inviter.id', 'i.invited_by')
		.select([
			'i.id',
			'i.email',
			'i.role',
			'i.created_at',
			'i.expires_at',
			'i.accepted_at',
			'e.title as edition_title',
			'en.title as entry_title',
			sql<string>`coalesce(inviter.name, ${OPERATOR_INVITER})`.as('inviter_name')
		])
		.orderBy('i.created_at', 'desc')
		.orderBy('i.id', 'desc')
		.limit(options.limit)
		.offset(options.offset)
		.execute();
}

export async function countInvitations(db: Db): Promise<number> {
	const row = await db
		.selectFrom('invitations')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
