import { error, fail } from '@sveltejs/kit';
import { field } from '$lib/domain/validation';
import { inviteTrialSite } from '$lib/server/auth/invitations';
import { whyNotDecideSite, whyNotInviteSite } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import {
	ENTRY_NOT_FOUND,
	SITE_NOT_FOUND,
	TRIAL_SITES_PAGE_SIZE,
	decideSite,
	findSite,
	findTrialEntry,
	listSites,
	pendingSiteInvitations,
	readCapacity,
	setCapacity,
	siteCounts
} from '$lib/server/db/trial-sites';
import { requireEntryReader } from '../access';
import type { Actions, PageServerLoad } from './$types';
import { parseId, parsePage } from '$lib/domain/integer';

/** Accepted sites shown at once: the capacity's upper bound. */
const ACCEPTED_MAX = 50;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry, relation } = await requireEntryReader(locals, url, params.id);
	const [trial, counts, invitations] = await Promise.all([
		findTrialEntry(db(), entry.id),
		siteCounts(db(), entry.id),
		pendingSiteInvitations(db(), entry.id)
	]);
	if (!trial) error(404, ENTRY_NOT_FOUND);
	const total = counts.volunteer + counts.accepted + counts.declined;
	const pageCount = Math.max(1, Math.ceil(total / TRIAL_SITES_PAGE_SIZE));
	const page = parsePage(url.searchParams.get('page'), pageCount);
	const [sites, accepted] = await Promise.all([
		listSites(db(), entry.id, {
			limit: TRIAL_SITES_PAGE_SIZE,
			offset: (page - 1) * TRIAL_SITES_PAGE_SIZE
		}),
		listSites(db(), entry.id, { status: 'accepted', limit: ACCEPTED_MAX, offset: 0 })
	]);
	const context = { phase: trial.edition_phase, state: trial.state };
	const decideRefusal = whyNotDecideSite(relation, context);
	// The decline's confirmation step: ?decliner=<site>.
	const declining = parseId(url.searchParams.get('decliner'));
	const toDecline = declining && !decideRefusal ? await findSite(db(), declining) : undefined;
	return {
		entry: { id: entry.id, title: entry.title, state: entry.state },
		trial: {
			phase: trial.edition_phase,
			capacity: trial.capacity,
			trialEndsAt: trial.trial_ends_at,
			public: trial.publication_consent
		},
		counts,
		total,
		page,
		pageCount,
		sites,
		accepted,
		invitations,
		decideRefusal,
		inviteRefusal: whyNotInviteSite(relation, context),
		confirmDecline:
			toDecline && toDecline.entry_id === entry.id && toDecline.status !== 'declined'
				? {
						id: toDecline.id,
						name: toDecline.name,
						status: toDecline.status,
						reportStatus: toDecline.report_status
					}
				: null
	};
};

type Action = 'capacite' | 'accepter' | 'decliner' | 'inviter';

/** The refusal of an action, with what was typed. */
const refused = (
	status: number,
	action: Action,
	message: string,
	more: { errors?: Record<string, string | undefined>; values?: Record<string, string> } = {}
) =>
	fail(status, {
		action,
		message,
		done: null,
		errors: more.errors ?? {},
		values: more.values ?? {}
	});

const done = (action: Action, message: string) => ({
	action,
	message: null,
	done: message,
	errors: {} as Record<string, string | undefined>,
	values: {} as Record<string, string>
});

/** The site named by the form, if it is one of this candidature's (else a French 404). */
async function siteOfEntry(form: FormData, entryId: number) {
	const id = parseId(field(form, 'site'));
	const site = id !== null ? await findSite(db(), id) : undefined;
	if (!site || site.entry_id !== entryId) error(404, SITE_NOT_FOUND);
	return site;
}

export const actions: Actions = {
	capacite: async ({ locals, url, params, request }) => {
		const { user, entry } = await requireEntryReader(locals, url, params.id);
		const form = await request.formData();
		const typed = field(form, 'capacity');
		const read = readCapacity(typed);
		if (!read.ok)
			return refused(400, 'capacite', read.message, {
				errors: { capacity: read.message },
				values: { capacity: typed }
			});
		const result = await setCapacity(db(), entry.id, read.capacity, { userId: user.id });
		if (!result.ok)
			return refused(result.status, 'capacite', result.message, {
				errors: result.errors,
				values: { capacity: typed }
			});
		return done(
			'capacite',
			`La capacité de l’essai est de ${result.capacity} site${result.capacity > 1 ? 's' : ''}.`
		);
	},
	accepter: async ({ locals, url, params, request }) => {
		const { user, entry } = await requireEntryReader(locals, url, params.id);
		const site = await siteOfEntry(await request.formData(), entry.id);
		const result = await decideSite(
			db(),
			site.id,
			'accept',
			{ userId: user.id },
			{
				linkOrigin: url.origin
			}
		);
		if (!result.ok) return refused(result.status, 'accepter', result.message);
		return done(
			'accepter',
			`Le site « ${result.name} » est accepté pour l’essai. Son contact en est informé par courriel.`
		);
	},
	decliner: async ({ locals, url, params, request }) => {
		const { user, entry } = await requireEntryReader(locals, url, params.id);
		const form = await request.formData();
		const site = await siteOfEntry(form, entry.id);
		const reason = field(form, 'reason');
		const result = await decideSite(
			db(),
			site.id,
			'decline',
			{ userId: user.id },
			{
				reason,
				linkOrigin: url.origin
			}
		);
		if (!result.ok)
			return refused(result.status, 'decliner', result.message, {
				errors: result.errors,
				values: { reason, site: String(site.id), name: site.name }
			});
		return done(
			'decliner',
			`Le site « ${result.name} » est décliné. Son contact en est informé par courriel.`
		);
	},
	inviter: async ({ locals, url, params, request }) => {
		const { user, entry } = await requireEntryReader(locals, url, params.id);
		const form = await request.formData();
		const email = field(form, 'email');
		const result = await inviteTrialSite(db(), {
			entryId: entry.id,
			email,
			invitedBy: user,
			origin: url.origin
		});
		if (!result.ok)
			return refused(result.status, 'inviter', result.message, {
				errors: result.errors,
				values: { email }
			});
		return done(
			'inviter',
			`L’invitation a été envoyée à ${result.email}. Elle est valable 14 jours.`
		);
	}
};
