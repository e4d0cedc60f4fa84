// The organisers' eligibility review: the candidatures of an edition that await a decision
// (submitted, or sent back to their team for changes), one page at a time, in two queries.
// Decisions themselves go through workflow/advance.ts.
import { sql } from 'kysely';
import type { Db } from './index';

export const ELIGIBILITY_PAGE_SIZE = 50;
/** The states the review lists: to decide now, and waiting for the team's changes. */
export const UNDER_REVIEW = ['submitted', 'changesRequested'] as const;

export async function eligibilityQueue(
	db: Db,
	editionId: number,
	options: { page: number; pageSize?: number }
) {
	const pageSize = Math.max(1, Math.floor(options.pageSize ?? ELIGIBILITY_PAGE_SIZE));
	const counted = await db
		.selectFrom('entries')
		.where('edition_id', '=', editionId)
		.where('state', 'in', UNDER_REVIEW)
		.groupBy('state')
		.select((eb) => ['state', eb.fn.countAll<number>().as('n')])
		.execute();
	const count = (state: string) => Number(counted.find((r) => r.state === state)?.n ?? 0);
	const total = count('submitted') + count('changesRequested');
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
	const entries =
		total === 0
			? []
			: await db
					.selectFrom('entries as e')
					.leftJoin('categories as c', 'c.id', 'e.category_id')
					.leftJoin('entry_members as m', (join) =>
						join.onRef('m.entry_id', '=', 'e.id').on('m.role', '=', 'lead')
					)
					.leftJoin('users as u', 'u.id', 'm.user_id')
					.where('e.edition_id', '=', editionId)
					.where('e.state', 'in', UNDER_REVIEW)
					.select((eb) => [
						'e.id',
						'e.title',
						'e.state',
						'e.updated_at',
						'e.academie',
						'c.name as category_name',
						'u.name as lead_name',
						eb
							.selectFrom('attachments as a')
							.whereRef('a.entry_id', '=', 'e.id')
							.select((sub) => sub.fn.countAll<number>().as('n'))
							.as('attachments')
					])
					// To decide first, oldest change first (first come, first reviewed).
					.orderBy(sql`e.state = 'submitted'`, 'desc')
					.orderBy('e.updated_at', 'asc')
					.orderBy('e.id', 'asc')
					.limit(pageSize)
					.offset((page - 1) * pageSize)
					.execute();
	return {
		submitted: count('submitted'),
		changesRequested: count('changesRequested'),
		total,
		page,
		pageCount,
		entries: entries.map((e) => ({ ...e, attachments: Number(e.attachments ?? 0) }))
	};
}
