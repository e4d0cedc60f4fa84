// The organisers' view of an edition's trial phase: the short-listed innovations with their sites'
// counts, reports and académies (a page in two queries), and one innovation's sites with their
// context and report (one query). Changes go through workflow/advance.ts and the team's pages.
import { sql } from 'kysely';
import { DEFAULT_CAPACITY } from '$lib/domain/trial-site-labels';
import type { Db } from './index';

/** The states of a candidature the trial concerns: to start, under way, done. */
export const TRIAL_STATES = ['shortlisted', 'inTrial', 'finalist'] as const;
export type TrialEntryState = (typeof TRIAL_STATES)[number];

export const TRIAL_OVERVIEW_PAGE_SIZE = 30;

/**
 * The edition's candidatures in TRIAL_STATES (to start first, then under way, then done; by title),
 * `limit` from `offset`, each with its capacity, its sites by status, the submitted reports of its
 * accepted sites and their académies; plus the count in each state. Two queries, whatever the page.
 */
export async function editionTrialOverview(
	db: Db,
	editionId: number,
	options: { limit: number; offset: number }
) {
	const limit = Math.max(1, Math.floor(options.limit) || 1);
	const offset = Math.max(0, Math.floor(options.offset) || 0);
	const [counted, entries] = await Promise.all([
		db
			.selectFrom('entries')
			.where('edition_id', '=', editionId)
			.where('state', 'in', TRIAL_STATES)
			.groupBy('state')
			.select((eb) => ['state', eb.fn.countAll<number>().as('n')])
			.execute(),
		db
			.selectFrom('entries as e')
			.leftJoin('categories as c', 'c.id', 'e.category_id')
			.leftJoin('trial_protocols as p', 'p.entry_id', 'e.id')
			.leftJoin(
				(eb) =>
					eb
						.selectFrom('trial_sites as s')
						.innerJoin('entries as se', 'se.id', 's.entry_id')
						.leftJoin('trial_reports as r', 'r.site_id', 's.id')
						.where('se.edition_id', '=', editionId)
						.groupBy('s.entry_id')
						.select([
							's.entry_id',
							sql<number>`(count(*) filter (where s.status = 'volunteer'))::int`.as('volunteers'),
							sql<number>`(count(*) filter (where s.status = 'accepted'))::int`.as('accepted'),
							sql<number>`(count(*) filter (where s.status = 'declined'))::int`.as('declined'),
							sql<number>`(count(*) filter (
								where s.status = 'accepted' and r.status = 'submitted'))::int`.as('reports'),
							sql<string[] | null>`array_agg(distinct s.academie order by s.academie)
								filter (where s.status = 'accepted' and s.academie is not null)`.as('academies')
						])
						.as('t'),
				(join) => join.onRef('t.entry_id', '=', 'e.id')
			)
			.where('e.edition_id', '=', editionId)
			.where('e.state', 'in', TRIAL_STATES)
			.select([
				'e.id',
				'e.title',
				'e.state',
				'e.academie',
				'c.name as category_name',
				'p.capacity',
				't.volunteers',
				't.accepted',
				't.declined',
				't.reports',
				't.academies'
			])
			.orderBy(sql`case e.state when 'shortlisted' then 0 when 'inTrial' then 1 else 2 end`)
			.orderBy('e.title')
			.orderBy('e.id')
			.limit(limit)
			.offset(offset)
			.execute()
	]);
	const counts = Object.fromEntries(
		TRIAL_STATES.map((state) => [state, Number(counted.find((row) => row.state === state)?.n ?? 0)])
	) as Record<TrialEntryState, number>;
	return {
		counts,
		total: counts.shortlisted + counts.inTrial + counts.finalist,
		entries: entries.map((e) => ({
			id: e.id,
			title: e.title,
			state: e.state as TrialEntryState,
			academie: e.academie,
			categoryName: e.category_name,
			capacity: e.capacity ?? DEFAULT_CAPACITY,
			volunteers: e.volunteers ?? 0,
			accepted: e.accepted ?? 0,
			declined: e.declined ?? 0,
			reports: e.reports ?? 0,
			academies: e.academies ?? []
		}))
	};
}

/**
 * Every site of a candidature's trial — accepted first, then volunteers, then declined; earliest
 * first — with its context, contact and the status of its report (null: none begun). One query.
 */
export async function entryTrialSites(db: Db, entryId: number) {
	return db
		.selectFrom('trial_sites as s')
		.leftJoin('trial_reports as r', 'r.site_id', 's.id')
		.where('s.entry_id', '=', entryId)
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
			's.head_agreement',
			's.origin',
			's.status',
			's.decided_at',
			's.decline_reason',
			's.reminded_at',
			's.created_at',
			'r.status as report_status',
			'r.submitted_at as report_submitted_at'
		])
		.orderBy(sql`case s.status when 'accepted' then 0 when 'volunteer' then 1 else 2 end`)
		.orderBy('s.created_at')
		.orderBy('s.id')
		.execute();
}

export type TrialSiteRow = Awaited<ReturnType<typeof entryTrialSites>>[number];
