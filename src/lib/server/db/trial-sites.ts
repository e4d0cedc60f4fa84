// Trial sites: the schools and services that volunteer (or are invited) to try a short-listed
// innovation, and the team's choice among them up to the capacity it sets. Every change runs under the
// candidature's lock (withEntryLocked: edition, then entry), re-checks the permission there, is logged
// in the candidature's history and writes its mail to the outbox in the same transaction. The rules
// themselves are in ../auth/permissions.ts (section « Trial sites »).
import { sql } from 'kysely';
import {
	CAPACITY_MAX,
	CAPACITY_MIN,
	DECLINE_REASON_MAX,
	DEFAULT_CAPACITY,
	type TrialSiteStatus
} from '$lib/domain/trial-site-labels';
import type { FieldErrors } from '$lib/domain/validation';
import { TRIAL_ENTRY_STATES, whyNotDecideSite, whyNotVolunteer } from '../auth/permissions';
import { enqueueMail } from '../mail/outbox';
import { siteDecisionMail, siteVolunteeredMail } from '../mail/trial-site-templates';
import {
	checkVolunteer,
	type VolunteerAccount,
	type VolunteerField,
	type VolunteerValues
} from '../trial/volunteer-form';
import { appendEntryNote, withEntryLocked, type LockedEntry } from '../workflow/entry-notes';
import { loadEntryAccess } from './entry-access';
import type { Db } from './index';
import { parseInteger } from '$lib/domain/integer';

/** Sites per page of a list. */
export const TRIAL_SITES_PAGE_SIZE = 20;
/** Innovations per page of the public list. */
export const OPEN_TRIALS_PAGE_SIZE = 12;

export const ENTRY_NOT_FOUND = 'Cette candidature n’existe pas.';
export const SITE_NOT_FOUND = 'Ce site d’essai n’existe pas.';
export const OPEN_TRIAL_NOT_FOUND = 'Cette innovation n’existe pas ou n’est pas ouverte à l’essai.';

/** « 1 site », « 3 sites ». */
export const sitesCount = (n: number) => `${n} site${n > 1 ? 's' : ''}`;

export const capacityReachedMessage = (capacity: number) =>
	`La capacité de l’essai est atteinte (${sitesCount(capacity)}) : augmentez-la ou déclinez un site accepté.`;

/** A refusal says its HTTP status: 400 bad input, 403 not allowed, 404 unknown, 409 not possible now. */
export type Refusal<F extends string = never> = {
	ok: false;
	status: 400 | 403 | 404 | 409;
	message: string;
	errors?: FieldErrors<F>;
};

const isTrialState = (state: string) => (TRIAL_ENTRY_STATES as readonly string[]).includes(state);

// ---------------------------------------------------------------------------------------------
// Innovations open to trial

/** Whether the public may see the innovation and volunteer for it. */
export function isOpenToPublic(entry: {
	edition_phase: string;
	state: string;
	publication_consent: boolean;
}): boolean {
	return entry.edition_phase === 'trial' && isTrialState(entry.state) && entry.publication_consent;
}

/** The innovations the public may volunteer for: one page, newest edition first, and their count. */
export async function listOpenTrials(db: Db, options: { page: number; pageSize?: number }) {
	const pageSize = Math.max(1, Math.floor(options.pageSize ?? OPEN_TRIALS_PAGE_SIZE));
	const base = db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.where('ed.phase', '=', 'trial')
		.where('e.state', 'in', [...TRIAL_ENTRY_STATES])
		.where('e.publication_consent', '=', true);
	const { n } = await base
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const total = Number(n);
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
	const entries =
		total === 0
			? []
			: await base
					.leftJoin('categories as c', 'c.id', 'e.category_id')
					.select([
						'e.id',
						'e.title',
						'e.summary',
						'e.academie',
						'c.name as category_name',
						'ed.year as edition_year',
						'ed.title as edition_title',
						'ed.trial_ends_at'
					])
					.orderBy('ed.year', 'desc')
					.orderBy('e.title')
					.orderBy('e.id')
					.limit(pageSize)
					.offset((page - 1) * pageSize)
					.execute();
	return { entries, total, page, pageCount, pageSize };
}

/**
 * A candidature as the trial pages need it (whatever its visibility: the caller decides), with its
 * edition's phase, minimum of reports and due date, and the capacity of its trial (3 when not set)
 * with the sites accepted so far; or undefined. One query. The public, team and organisers' trial
 * pages all read it.
 */
export async function findTrialEntry(db: Db, entryId: number) {
	const row = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.leftJoin('trial_protocols as p', 'p.entry_id', 'e.id')
		.where('e.id', '=', entryId)
		.select((eb) => [
			'e.id',
			'e.title',
			'e.summary',
			'e.state',
			'e.uai',
			'e.academie',
			'e.publication_consent',
			'c.name as category_name',
			'ed.id as edition_id',
			'ed.year as edition_year',
			'ed.title as edition_title',
			'ed.phase as edition_phase',
			'ed.min_trial_reports',
			'ed.trial_ends_at',
			'p.capacity',
			eb
				.selectFrom('trial_sites as s')
				.whereRef('s.entry_id', '=', 'e.id')
				.where('s.status', '=', 'accepted')
				.select((s) => s.fn.countAll<number>().as('n'))
				.as('accepted')
		])
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		...row,
		capacity: row.capacity ?? DEFAULT_CAPACITY,
		accepted: Number(row.accepted ?? 0)
	};
}

export type TrialEntry = NonNullable<Awaited<ReturnType<typeof findTrialEntry>>>;

/**
 * The site invitation to this innovation the user accepted last (its address), and whether one of his
 * accepted invitations has not served yet to present a site (one invitation, one invited site); or
 * undefined when he accepted none. It lets him volunteer as an invited site, even when the innovation
 * is not presented to the public. One query.
 */
export async function acceptedSiteInvitation(db: Db, userId: number, entryId: number) {
	const row = await db
		.selectFrom('invitations as i')
		.where('i.role', '=', 'site')
		.where('i.entry_id', '=', entryId)
		.where('i.accepted_by', '=', userId)
		.select((eb) => [
			'i.id',
			'i.email',
			eb.fn.countAll<number>().over().as('accepted'),
			eb
				.selectFrom('trial_sites as s')
				.where('s.entry_id', '=', entryId)
				.where('s.contact_user_id', '=', userId)
				.where('s.origin', '=', 'invited')
				.select((s) => s.fn.countAll<number>().as('n'))
				.as('used')
		])
		.orderBy('i.accepted_at', 'desc')
		.orderBy('i.id', 'desc')
		.executeTakeFirst();
	if (!row) return undefined;
	return { id: row.id, email: row.email, unused: Number(row.accepted) > Number(row.used ?? 0) };
}

/** The sites the user is the contact of for one innovation, oldest first. */
export async function contactSitesOf(db: Db, userId: number, entryId: number) {
	return db
		.selectFrom('trial_sites')
		.where('entry_id', '=', entryId)
		.where('contact_user_id', '=', userId)
		.select(['id', 'name', 'uai', 'status', 'created_at'])
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

// ---------------------------------------------------------------------------------------------
// Volunteering

export type VolunteerResult = { ok: true; siteId: number } | Refusal<VolunteerField>;

/**
 * Stores a site's application, under the candidature's lock: refused unless the edition is in its
 * trial phase and the candidature short-listed or in trial; refused for the team's own établissement
 * and for an établissement that already applied; a public application needs the team's consent to
 * publication, an invited one (origin 'invited') an accepted site invitation of the account. The
 * account is the site's contact; the team's members are told by mail.
 */
export async function volunteerSite(
	db: Db,
	entryId: number,
	account: VolunteerAccount & { id: number },
	values: VolunteerValues,
	options: { origin?: 'volunteer' | 'invited'; at?: Date; linkOrigin?: string } = {}
): Promise<VolunteerResult> {
	const origin = options.origin ?? 'volunteer';
	const at = options.at ?? new Date();
	const result = await withEntryLocked(
		db,
		entryId,
		async (trx, entry): Promise<VolunteerResult> => {
			const [member, invitations, invitedSites] = await Promise.all([
				trx
					.selectFrom('entry_members')
					.where('entry_id', '=', entryId)
					.where('user_id', '=', account.id)
					.select('user_id')
					.executeTakeFirst(),
				trx
					.selectFrom('invitations')
					.where('role', '=', 'site')
					.where('entry_id', '=', entryId)
					.where('accepted_by', '=', account.id)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow(),
				trx
					.selectFrom('trial_sites')
					.where('entry_id', '=', entryId)
					.where('contact_user_id', '=', account.id)
					.where('origin', '=', 'invited')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			]);
			if (origin === 'invited' && Number(invitations.n) === 0)
				return {
					ok: false,
					status: 403,
					message:
						'Aucune invitation à essayer cette innovation n’a été acceptée avec votre compte : utilisez le lien reçu par courriel.'
				};
			if (origin === 'invited' && Number(invitedSites.n) >= Number(invitations.n))
				return {
					ok: false,
					status: 409,
					message:
						'Votre invitation a déjà servi à présenter un site : pour en proposer un autre, demandez une nouvelle invitation à l’équipe.'
				};
			const refusal = whyNotVolunteer(account, {
				phase: entry.phase,
				state: entry.state,
				publicationConsent: entry.publication_consent,
				invited: origin === 'invited',
				isTeamMember: member !== undefined
			});
			if (refusal) return { ok: false, status: member ? 403 : 409, message: refusal };

			const checked = checkVolunteer(values, account);
			if (!checked.ok)
				return {
					ok: false,
					status: 400,
					message: 'La candidature n’a pas été transmise : corrigez les champs signalés.',
					errors: checked.errors
				};
			const site = checked.site;
			if (entry.uai && entry.uai === site.uai)
				return uaiRefusal(
					'Ce code UAI est celui de l’établissement de l’équipe : l’innovation doit être essayée dans un autre établissement.'
				);
			const duplicate = await trx
				.selectFrom('trial_sites')
				.where('entry_id', '=', entryId)
				.where('uai', '=', site.uai)
				.select('id')
				.executeTakeFirst();
			if (duplicate)
				return uaiRefusal(
					`L’établissement ${site.uai} a déjà proposé sa candidature pour essayer cette innovation : une seule candidature par établissement.`
				);

			const { id } = await trx
				.insertInto('trial_sites')
				.values({
					entry_id: entryId,
					name: site.name,
					uai: site.uai,
					academie: site.academie,
					kind: site.kind,
					priority_education: site.priorityEducation,
					area: site.area,
					size: site.size,
					contact_user_id: account.id,
					contact_name: site.contactName,
					contact_email: site.contactEmail,
					motivation: site.motivation,
					head_agreement: true,
					origin,
					status: 'volunteer',
					created_at: at
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await appendEntryNote(trx, entry, {
				type: 'VOLUNTEER_SITE',
				actorId: account.id,
				payload: { siteId: id, uai: site.uai, academie: site.academie, origin },
				at
			});
			const team = await trx
				.selectFrom('entry_members as m')
				.innerJoin('users as u', 'u.id', 'm.user_id')
				.where('m.entry_id', '=', entryId)
				.select('u.email')
				.orderBy('u.id')
				.execute();
			for (const { email } of team)
				await enqueueMail(
					trx,
					email,
					siteVolunteeredMail({
						entryTitle: entry.title,
						siteName: site.name,
						academie: site.academie,
						invited: origin === 'invited',
						link: `${options.linkOrigin ?? ''}/equipe/${entryId}/essai`
					})
				);
			return { ok: true, siteId: id };
		}
	);
	return result ?? { ok: false, status: 404, message: ENTRY_NOT_FOUND };
}

function uaiRefusal(message: string): Refusal<VolunteerField> {
	return { ok: false, status: 409, message, errors: { uai: message } };
}

// ---------------------------------------------------------------------------------------------
// The sites of one innovation

const STATUS_ORDER = sql<number>`case s.status when 'volunteer' then 0 when 'accepted' then 1 else 2 end`;

/** How many sites of the innovation are in each status. One query. */
export async function siteCounts(
	db: Db,
	entryId: number
): Promise<Record<TrialSiteStatus, number>> {
	const rows = await db
		.selectFrom('trial_sites')
		.where('entry_id', '=', entryId)
		.groupBy('status')
		.select((eb) => ['status', eb.fn.countAll<number>().as('n')])
		.execute();
	const counts: Record<TrialSiteStatus, number> = { volunteer: 0, accepted: 0, declined: 0 };
	for (const row of rows) counts[row.status] = Number(row.n);
	return counts;
}

/** How many sites of the innovation (in one status, or all). */
export async function countSites(
	db: Db,
	entryId: number,
	options: { status?: TrialSiteStatus } = {}
): Promise<number> {
	const { n } = await db
		.selectFrom('trial_sites')
		.where('entry_id', '=', entryId)
		.$if(options.status !== undefined, (q) => q.where('status', '=', options.status!))
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(n);
}

/**
 * The sites of an innovation (in one status, or all: those to examine first, then accepted, then
 * declined; oldest application first), with their context, who decided and their report's status.
 * One query.
 */
export async function listSites(
	db: Db,
	entryId: number,
	options: { status?: TrialSiteStatus; limit: number; offset: number }
) {
	const rows = await db
		.selectFrom('trial_sites as s')
		.leftJoin('users as d', 'd.id', 's.decided_by')
		.leftJoin('trial_reports as r', 'r.site_id', 's.id')
		.where('s.entry_id', '=', entryId)
		.$if(options.status !== undefined, (q) => q.where('s.status', '=', options.status!))
		.select([
			's.id',
			's.name',
			's.uai',
			's.academie',
			's.kind',
			's.priority_education',
			's.area',
			's.size',
			's.contact_name',
			's.contact_email',
			's.motivation',
			's.head_agreement',
			's.origin',
			's.status',
			's.decided_at',
			's.decline_reason',
			's.created_at',
			'd.name as decided_by_name',
			'r.status as report_status',
			'r.submitted_at as report_submitted_at'
		])
		.orderBy(STATUS_ORDER)
		.orderBy('s.created_at')
		.orderBy('s.id')
		.limit(options.limit)
		.offset(options.offset)
		.execute();
	return rows.map((row) => ({ ...row, report_status: row.report_status ?? ('none' as const) }));
}

export type TrialSiteRow = Awaited<ReturnType<typeof listSites>>[number];

/** One site with its innovation's title and its report's status, or undefined. */
export async function findSite(db: Db, siteId: number) {
	const row = await db
		.selectFrom('trial_sites as s')
		.innerJoin('entries as e', 'e.id', 's.entry_id')
		.leftJoin('trial_reports as r', 'r.site_id', 's.id')
		.where('s.id', '=', siteId)
		.selectAll('s')
		.select(['e.title as entry_title', 'r.status as report_status'])
		.executeTakeFirst();
	return row && { ...row, report_status: row.report_status ?? ('none' as const) };
}

/** The site invitations to an innovation not accepted yet and not expired, newest first. */
export async function pendingSiteInvitations(db: Db, entryId: number, now = new Date()) {
	return db
		.selectFrom('invitations as i')
		.innerJoin('users as inviter', 'inviter.id', 'i.invited_by')
		.where('i.entry_id', '=', entryId)
		.where('i.role', '=', 'site')
		.where('i.accepted_at', 'is', null)
		.where('i.expires_at', '>', now)
		.select(['i.id', 'i.email', 'i.created_at', 'i.expires_at', 'inviter.name as inviter_name'])
		.orderBy('i.created_at', 'desc')
		.orderBy('i.id', 'desc')
		.execute();
}

/**
 * The sites the user is the contact of, newest application first, for the site space: the innovation,
 * its edition (phase, end of trial = the report's due date), the site's status and its report's status
 * ('none' before a draft) and transmission date. One query.
 */
export async function sitesOfContact(db: Db, userId: number) {
	const rows = await db
		.selectFrom('trial_sites as s')
		.innerJoin('entries as e', 'e.id', 's.entry_id')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.leftJoin('trial_reports as r', 'r.site_id', 's.id')
		.where('s.contact_user_id', '=', userId)
		.select([
			's.id',
			's.name',
			's.academie',
			's.status',
			's.origin',
			's.decline_reason',
			's.created_at',
			'e.id as entry_id',
			'e.title as entry_title',
			'e.state as entry_state',
			'ed.title as edition_title',
			'ed.phase',
			'ed.trial_ends_at',
			'r.status as report_status',
			'r.submitted_at'
		])
		.orderBy('s.created_at', 'desc')
		.orderBy('s.id', 'desc')
		.execute();
	return rows.map((row) => ({ ...row, report_status: row.report_status ?? ('none' as const) }));
}

// ---------------------------------------------------------------------------------------------
// The team's choice

/** The team's relation to the candidature, read under the lock: 403 when not a member, 409 when closed. */
async function teamRefusal(trx: Db, actorId: number, entry: LockedEntry): Promise<Refusal | null> {
	const access = await loadEntryAccess(trx, actorId, entry.id);
	const relation = access?.relation ?? null;
	const refusal = whyNotDecideSite(relation, entry);
	if (!refusal) return null;
	const inTeam = relation !== null && (relation.isLead || relation.isMember);
	return { ok: false, status: inTeam ? 409 : 403, message: refusal };
}

/** Accepted sites of the candidature and its capacity, read under its lock. */
async function lockedCapacity(trx: Db, entryId: number) {
	const [protocol, accepted] = await Promise.all([
		trx
			.selectFrom('trial_protocols')
			.where('entry_id', '=', entryId)
			.select('capacity')
			.executeTakeFirst(),
		trx
			.selectFrom('trial_sites')
			.where('entry_id', '=', entryId)
			.where('status', '=', 'accepted')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return { capacity: protocol?.capacity ?? DEFAULT_CAPACITY, accepted: Number(accepted.n) };
}

export type DecideResult =
	{ ok: true; name: string; status: 'accepted' | 'declined' } | Refusal<'reason'>;

/**
 * The team accepts or declines a site, under the candidature's lock: any member, while the edition is
 * in its trial phase and the candidature short-listed or in trial. Accepting is refused once the
 * accepted sites fill the capacity; declining an accepted site is refused once it transmitted its
 * report. The site's contact is told by mail, with the team's reason when it declines.
 */
export async function decideSite(
	db: Db,
	siteId: number,
	decision: 'accept' | 'decline',
	actor: { userId: number },
	options: { reason?: string; at?: Date; linkOrigin?: string } = {}
): Promise<DecideResult> {
	const reason = (options.reason ?? '').replace(/\r\n/g, '\n').trim();
	if (decision === 'decline' && reason.length > DECLINE_REASON_MAX)
		return {
			ok: false,
			status: 400,
			message: `Le message compte ${reason.length} caractères : ${DECLINE_REASON_MAX} au plus.`,
			errors: {
				reason: `Le message compte ${reason.length} caractères : ${DECLINE_REASON_MAX} au plus.`
			}
		};
	const at = options.at ?? new Date();
	const located = await db
		.selectFrom('trial_sites')
		.select('entry_id')
		.where('id', '=', siteId)
		.executeTakeFirst();
	if (!located) return { ok: false, status: 404, message: SITE_NOT_FOUND };
	const result = await withEntryLocked(
		db,
		located.entry_id,
		async (trx, entry): Promise<DecideResult> => {
			const refusal = await teamRefusal(trx, actor.userId, entry);
			if (refusal) return refusal;
			const site = await trx
				.selectFrom('trial_sites as s')
				.leftJoin('trial_reports as r', 'r.site_id', 's.id')
				.where('s.id', '=', siteId)
				.where('s.entry_id', '=', entry.id)
				.select([
					's.id',
					's.name',
					's.status',
					's.contact_name',
					's.contact_email',
					'r.status as report_status'
				])
				.executeTakeFirst();
			if (!site) return { ok: false, status: 404, message: SITE_NOT_FOUND };
			if (decision === 'accept') {
				if (site.status === 'accepted')
					return { ok: false, status: 409, message: `Le site « ${site.name} » est déjà accepté.` };
				const { capacity, accepted } = await lockedCapacity(trx, entry.id);
				if (accepted >= capacity)
					return { ok: false, status: 409, message: capacityReachedMessage(capacity) };
			} else {
				if (site.status === 'declined')
					return { ok: false, status: 409, message: `Le site « ${site.name} » est déjà décliné.` };
				if (site.report_status === 'submitted')
					return {
						ok: false,
						status: 409,
						message: `Le site « ${site.name} » a transmis son rapport d’essai : sa participation ne peut plus être déclinée.`
					};
			}
			const status = decision === 'accept' ? 'accepted' : 'declined';
			await trx
				.updateTable('trial_sites')
				.set({
					status,
					decided_at: at,
					decided_by: actor.userId,
					decline_reason: decision === 'decline' ? reason : ''
				})
				.where('id', '=', site.id)
				.execute();
			await appendEntryNote(trx, entry, {
				type: decision === 'accept' ? 'ACCEPT_SITE' : 'DECLINE_SITE',
				actorId: actor.userId,
				payload: { siteId: site.id },
				at
			});
			if (site.contact_email)
				await enqueueMail(
					trx,
					site.contact_email,
					siteDecisionMail({
						contactName: site.contact_name,
						entryTitle: entry.title,
						siteName: site.name,
						decision,
						reason,
						link:
							decision === 'accept'
								? `${options.linkOrigin ?? ''}/essai/${site.id}`
								: `${options.linkOrigin ?? ''}/essayer`
					})
				);
			return { ok: true, name: site.name, status };
		}
	);
	return result ?? { ok: false, status: 404, message: SITE_NOT_FOUND };
}

/** Reads a capacity typed in a form: a whole number from CAPACITY_MIN to CAPACITY_MAX, else a French message. */
export function readCapacity(
	text: string
): { ok: true; capacity: number } | { ok: false; message: string } {
	const compact = text.trim();
	const capacity = parseInteger(compact) ?? NaN;
	if (!(capacity >= CAPACITY_MIN && capacity <= CAPACITY_MAX))
		return {
			ok: false,
			message: `Indiquez un nombre entier de sites entre ${CAPACITY_MIN} et ${CAPACITY_MAX}.`
		};
	return { ok: true, capacity };
}

export type CapacityResult = { ok: true; capacity: number } | Refusal<'capacity'>;

/**
 * Sets how many sites the team takes at most (the protocol's capacity only; the protocol's row is
 * created when missing), under the candidature's lock: any member, while it is open to trial, never
 * below the sites already accepted. Logged with the protocol's saves.
 */
export async function setCapacity(
	db: Db,
	entryId: number,
	capacity: number,
	actor: { userId: number },
	at = new Date()
): Promise<CapacityResult> {
	if (!Number.isInteger(capacity) || capacity < CAPACITY_MIN || capacity > CAPACITY_MAX) {
		const message = `Indiquez un nombre entier de sites entre ${CAPACITY_MIN} et ${CAPACITY_MAX}.`;
		return { ok: false, status: 400, message, errors: { capacity: message } };
	}
	const result = await withEntryLocked(db, entryId, async (trx, entry): Promise<CapacityResult> => {
		const refusal = await teamRefusal(trx, actor.userId, entry);
		if (refusal) return refusal;
		const { accepted, capacity: before } = await lockedCapacity(trx, entryId);
		if (capacity < accepted) {
			const message = `${sitesCount(accepted)} ${accepted > 1 ? 'sont' : 'est'} déjà accepté${accepted > 1 ? 's' : ''} : la capacité ne peut pas être inférieure à ${accepted}. Déclinez d’abord un site accepté.`;
			return { ok: false, status: 409, message, errors: { capacity: message } };
		}
		if (capacity === before) return { ok: true, capacity };
		await trx
			.insertInto('trial_protocols')
			.values({ entry_id: entryId, capacity, updated_at: at, updated_by: actor.userId })
			.onConflict((oc) => oc.column('entry_id').doUpdateSet({ capacity }))
			.execute();
		await appendEntryNote(trx, entry, {
			type: 'SAVE_PROTOCOL',
			actorId: actor.userId,
			payload: { capacity },
			at
		});
		return { ok: true, capacity };
	});
	return result ?? { ok: false, status: 404, message: ENTRY_NOT_FOUND };
}
