// What a person does on the platform, for his account page: organiser, juror of which editions,
// member of which candidatures, contact of which trial sites. One query per kind of role.
import type { Db } from './index';

export async function listRolesOf(db: Db, userId: number) {
	const [user, juries, entries, sites] = await Promise.all([
		db.selectFrom('users').select('is_organiser').where('id', '=', userId).executeTakeFirst(),
		db
			.selectFrom('edition_jurors as j')
			.innerJoin('editions as e', 'e.id', 'j.edition_id')
			.where('j.user_id', '=', userId)
			.select(['e.id', 'e.year', 'e.title'])
			.orderBy('e.year', 'desc')
			.execute(),
		db
			.selectFrom('entry_members as m')
			.innerJoin('entries as en', 'en.id', 'm.entry_id')
			.innerJoin('editions as e', 'e.id', 'en.edition_id')
			.where('m.user_id', '=', userId)
			.select(['en.id', 'en.title', 'en.state', 'm.role', 'e.year'])
			.orderBy('e.year', 'desc')
			.orderBy('en.title')
			.execute(),
		db
			.selectFrom('trial_sites as t')
			.innerJoin('entries as en', 'en.id', 't.entry_id')
			.where('t.contact_user_id', '=', userId)
			.select(['t.id', 't.name', 't.status', 'en.title as entry_title'])
			.orderBy('t.id')
			.execute()
	]);
	return { organiser: user?.is_organiser ?? false, juries, entries, sites };
}
