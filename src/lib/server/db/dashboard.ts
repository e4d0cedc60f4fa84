// Figures for the organisers' home page, in one query.
import { sql } from 'kysely';
import type { Db } from './index';

export async function adminDashboard(db: Db) {
	const figures = await db
		.selectNoFrom((eb) => [
			eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).as('users'),
			eb.selectFrom('editions').select(eb.fn.countAll<number>().as('n')).as('editions'),
			eb
				.selectFrom('users')
				.where('is_organiser', '=', true)
				.select(eb.fn.countAll<number>().as('n'))
				.as('organisers'),
			eb
				.selectFrom('outbox')
				.where('status', '=', 'pending')
				.select(eb.fn.countAll<number>().as('n'))
				.as('pending_mail'),
			eb
				.selectFrom('outbox')
				.where('status', '=', 'failed')
				.select(eb.fn.countAll<number>().as('n'))
				.as('failed_mail'),
			eb
				.selectFrom('invitations')
				.where('accepted_at', 'is', null)
				.where('expires_at', '>', sql<Date>`now()`)
				.select(eb.fn.countAll<number>().as('n'))
				.as('open_invitations')
		])
		.executeTakeFirstOrThrow();
	const editions = await db
		.selectFrom('editions as e')
		.select((eb) => [
			'e.id',
			'e.year',
			'e.title',
			'e.phase',
			eb
				.selectFrom('entries')
				.whereRef('entries.edition_id', '=', 'e.id')
				.select(eb.fn.countAll<number>().as('n'))
				.as('entries'),
			eb
				.selectFrom('edition_jurors')
				.whereRef('edition_jurors.edition_id', '=', 'e.id')
				.select(eb.fn.countAll<number>().as('n'))
				.as('jurors')
		])
		.orderBy('e.year', 'desc')
		.execute();
	return {
		figures: Object.fromEntries(
			Object.entries(figures).map(([k, v]) => [k, Number(v ?? 0)])
		) as Record<keyof typeof figures, number>,
		editions: editions.map((e) => ({
			...e,
			entries: Number(e.entries ?? 0),
			jurors: Number(e.jurors ?? 0)
		}))
	};
}
