import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	whyNotEditDossier,
	whyNotManageTeam,
	whyNotReadEntry
} from '../../src/lib/server/auth/permissions';
import { loadEntryAccess } from '../../src/lib/server/db/entry-access';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
const ids: Record<string, number> = {};
let entryId: number;

beforeAll(async () => {
	t = await createTestDatabase();
	for (const [key, organiser] of [
		['lead', false],
		['member', false],
		['other', false],
		['organiser', true]
	] as const)
		ids[key] = (
			await t.db
				.insertInto('users')
				.values({
					email: `${key}@ac-lyon.fr`,
					name: key,
					password_hash: 'x',
					is_organiser: organiser
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	const edition = await t.db
		.insertInto('editions')
		.values({ year: 2040, title: 'E' })
		.returning('id')
		.executeTakeFirstOrThrow();
	entryId = (
		await t.db
			.insertInto('entries')
			.values({ edition_id: edition.id, title: 'Projet' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	await t.db
		.insertInto('entry_members')
		.values([
			{ entry_id: entryId, user_id: ids.lead, role: 'lead' },
			{ entry_id: entryId, user_id: ids.member, role: 'member' }
		])
		.execute();
});
afterAll(async () => {
	await t?.close();
});

// Expected answers: may read, may edit a draft, may edit once submitted, may manage the team.
const TABLE: Record<string, [boolean, boolean, boolean, boolean]> = {
	anonymous: [false, false, false, false],
	other: [false, false, false, false],
	member: [true, true, false, false],
	lead: [true, true, false, true],
	organiser: [true, false, false, false]
};

describe('who may do what with a candidature', () => {
	for (const [who, [read, editDraft, editSubmitted, manage]] of Object.entries(TABLE))
		it(`${who}: read ${read}, edit a draft ${editDraft}, edit once submitted ${editSubmitted}, manage the team ${manage}`, async () => {
			const access = await loadEntryAccess(t.db, who === 'anonymous' ? null : ids[who], entryId);
			expect(access?.entry.title).toBe('Projet');
			const relation = access!.relation;
			expect(whyNotReadEntry(relation) === null).toBe(read);
			expect(whyNotEditDossier(relation, 'draft') === null).toBe(editDraft);
			expect(whyNotEditDossier(relation, 'submitted') === null).toBe(editSubmitted);
			expect(whyNotManageTeam(relation, 'draft') === null).toBe(manage);
		});

	it('answers null for a candidature that does not exist', async () => {
		expect(await loadEntryAccess(t.db, ids.lead, 999_999)).toBeNull();
	});

	it('lets the team edit again when changes are requested, and freezes the team after a final decision', () => {
		const lead = { isLead: true, isMember: false, isOrganiser: false };
		expect(whyNotEditDossier(lead, 'changesRequested')).toBeNull();
		expect(whyNotManageTeam(lead, 'withdrawn')).toMatch(/décision finale/);
	});
});
