// Reminders to the trial sites whose report is due soon: each accepted site of an innovation in
// trial, without a transmitted report, whose edition's trial ends within the next 7 days (and has not
// ended), gets one mail through the outbox — and not another within 6 days. Run by the server's
// maintenance (maintenance.ts) every hour, so reminders go without anyone clicking.
import { sql } from 'kysely';
import type { Db } from '../db';
import { enqueueMail } from '../mail/outbox';
import { trialReportReminderMail } from '../mail/trial-report-templates';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long before the due date reminders start. */
export const REMINDER_WINDOW_DAYS = 7;
/** The least time between two reminders to the same site. */
export const REMINDER_INTERVAL_DAYS = 6;

const dueDateFormat = new Intl.DateTimeFormat('fr-FR', {
	dateStyle: 'full',
	timeZone: 'Europe/Paris'
});

/** A due date in French: « lundi 15 mars 2027 ». */
export function frenchDueDate(at: Date): string {
	return dueDateFormat.format(at);
}

/**
 * Sends the reminders due at `now` (of one edition, or of all) and answers how many were sent. The
 * sites are claimed by one UPDATE of `reminded_at` in the same transaction as the mails, so that two
 * runs at once do not remind a site twice. `origin` is the public address for the links (or a
 * function giving it, called only when there is a reminder to send).
 */
export async function remindTrialSites(
	db: Db,
	options: { now?: Date; origin: string | (() => string); editionId?: number }
): Promise<number> {
	const now = options.now ?? new Date();
	const windowEnd = new Date(now.getTime() + REMINDER_WINDOW_DAYS * DAY_MS);
	const remindedBefore = new Date(now.getTime() - REMINDER_INTERVAL_DAYS * DAY_MS);
	return db.transaction().execute(async (trx) => {
		const claimed = await trx
			.updateTable('trial_sites as s')
			.set({ reminded_at: now })
			.where('s.status', '=', 'accepted')
			.where('s.contact_user_id', 'is not', null)
			.where((eb) =>
				eb.or([eb('s.reminded_at', 'is', null), eb('s.reminded_at', '<=', remindedBefore)])
			)
			.where((eb) =>
				eb.exists(
					eb
						.selectFrom('entries as e')
						.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
						.whereRef('e.id', '=', 's.entry_id')
						.where('e.state', '=', 'inTrial')
						.where('ed.trial_ends_at', '>', now)
						.where('ed.trial_ends_at', '<=', windowEnd)
						.$if(options.editionId !== undefined, (q) => q.where('ed.id', '=', options.editionId!))
						.select(sql`1`.as('x'))
				)
			)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('trial_reports as r')
							.whereRef('r.site_id', '=', 's.id')
							.where('r.status', '=', 'submitted')
							.select(sql`1`.as('x'))
					)
				)
			)
			.returning('s.id')
			.execute();
		if (claimed.length === 0) return 0;
		const sites = await trx
			.selectFrom('trial_sites as s')
			.innerJoin('users as u', 'u.id', 's.contact_user_id')
			.innerJoin('entries as e', 'e.id', 's.entry_id')
			.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
			.leftJoin('trial_reports as r', 'r.site_id', 's.id')
			.where(
				's.id',
				'in',
				claimed.map((c) => c.id)
			)
			.select([
				's.id',
				's.name',
				's.contact_name',
				's.contact_email',
				'u.name as user_name',
				'u.email as user_email',
				'e.title as entry_title',
				'ed.trial_ends_at',
				'r.id as report_id'
			])
			.orderBy('s.id')
			.execute();
		const origin = typeof options.origin === 'function' ? options.origin() : options.origin;
		for (const site of sites) {
			const to = site.contact_email.trim() || site.user_email;
			await enqueueMail(
				trx,
				to,
				trialReportReminderMail({
					name: site.contact_name.trim() || site.user_name,
					siteName: site.name,
					entryTitle: site.entry_title,
					dueDate: frenchDueDate(site.trial_ends_at!),
					hasDraft: site.report_id !== null,
					link: `${origin}/essai/${site.id}`
				})
			);
		}
		return sites.length;
	});
}
