// Who someone is to one candidature, read in one query, for the permission rules in
// auth/permissions.ts (whyNotReadEntry, whyNotEditDossier, whyNotManageTeam).
import type { EntryRelation } from '../auth/permissions';
import type { Db } from './index';

export async function loadEntryAccess(
	db: Db,
	userId: number | null,
	entryId: number
): Promise<{
	entry: { id: number; edition_id: number; state: string; title: string };
	relation: EntryRelation | null;
} | null> {
	const row = await db
		.selectFrom('entries as e')
		.leftJoin('entry_members as m', (join) =>
			join.onRef('m.entry_id', '=', 'e.id').on('m.user_id', '=', userId ?? -1)
		)
		.leftJoin('users as u', (join) => join.on('u.id', '=', userId ?? -1))
		.where('e.id', '=', entryId)
		.select([
			'e.id',
			'e.edition_id',
			'e.state',
			'e.title',
			'm.role as member_role',
			'u.is_organiser'
		])
		.executeTakeFirst();
	if (!row) return null;
	const entry = { id: row.id, edition_id: row.edition_id, state: row.state, title: row.title };
	if (userId === null) return { entry, relation: null };
	return {
		entry,
		relation: {
			isLead: row.member_role === 'lead',
			isMember: row.member_role === 'member',
			isOrganiser: Boolean(row.is_organiser)
		}
	};
}
