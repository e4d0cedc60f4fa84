// The public revision (migration 0006) tags and keys the public pages' cache: every change the public
// may see bumps it in the same transaction, and a change it cannot see leaves it alone.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRevision } from '../../src/lib/server/http/public-cache';
import { appendEvent } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let editionId: number;
let entryId: number;
let userId: number;

beforeAll(async () => {
	t = await createTestDatabase({ checkInvariants: false });
	({ id: editionId } = await t.db
		.insertInto('editions')
		.values({ year: 2031, title: 'Prix Impulsions 2031', phase: 'open' })
		.returning('id')
		.executeTakeFirstOrThrow());
	({ id: entryId } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, category_id: null, title: 'Un atelier', award: null })
		.returning('id')
		.executeTakeFirstOrThrow());
	({ id: userId } = await t.db
		.insertInto('users')
		.values({ name: 'Alice Martin', email: 'alice.martin@education.gouv.fr', password_hash: 'x' })
		.returning('id')
		.executeTakeFirstOrThrow());
});

afterAll(() => t.close());

/** The revision after `change`, minus the one before. */
async function bumpOf(change: () => Promise<unknown>): Promise<number> {
	const before = Number(await publicRevision(t.db));
	await change();
	return Number(await publicRevision(t.db)) - before;
}

describe('public revision', () => {
	it('moves with a logged event, once per statement', async () => {
		expect(
			await bumpOf(() =>
				t.db.transaction().execute((trx) =>
					appendEvent(trx, {
						editionId,
						entity: 'entry',
						entityId: entryId,
						actorId: null,
						type: 'SUBMIT',
						from: 'draft',
						to: 'submitted',
						payload: {},
						at: new Date(),
						machineVersion: 1
					})
				)
			)
		).toBe(1);
	});

	it('moves with a member, his name consent, or his name', async () => {
		expect(
			await bumpOf(() =>
				t.db
					.insertInto('entry_members')
					.values({ entry_id: entryId, user_id: userId, role: 'lead' })
					.execute()
			)
		).toBe(1);
		expect(
			await bumpOf(() =>
				t.db
					.updateTable('entry_members')
					.set({ publish_name: true })
					.where('user_id', '=', userId)
					.execute()
			)
		).toBe(1);
		expect(
			await bumpOf(() =>
				t.db
					.updateTable('users')
					.set({ name: 'Alice Martin-Roux' })
					.where('id', '=', userId)
					.execute()
			)
		).toBe(1);
	});

	it('moves with the edition, its categories, themes and criteria', async () => {
		expect(
			await bumpOf(() =>
				t.db
					.updateTable('editions')
					.set({ title: 'Prix 2031' })
					.where('id', '=', editionId)
					.execute()
			)
		).toBe(1);
		expect(
			await bumpOf(() =>
				t.db.insertInto('categories').values({ edition_id: editionId, name: 'Projet' }).execute()
			)
		).toBe(1);
		expect(
			await bumpOf(() =>
				t.db
					.insertInto('edition_themes')
					.values({ edition_id: editionId, name: 'Lecture' })
					.execute()
			)
		).toBe(1);
	});

	it('stays when nothing public changes: a password, a draft saved', async () => {
		expect(
			await bumpOf(() =>
				t.db.updateTable('users').set({ password_hash: 'y' }).where('id', '=', userId).execute()
			)
		).toBe(0);
		expect(
			await bumpOf(() =>
				t.db
					.updateTable('entries')
					.set({ problem: 'Un brouillon' })
					.where('id', '=', entryId)
					.execute()
			)
		).toBe(0);
	});

	it('is not seen by others before the change commits, nor after it rolls back', async () => {
		const before = await publicRevision(t.db);
		await expect(
			t.db.transaction().execute(async (trx) => {
				await trx.updateTable('editions').set({ title: 'X' }).where('id', '=', editionId).execute();
				expect(Number(await publicRevision(trx))).toBe(Number(before) + 1);
				throw new Error('rollback');
			})
		).rejects.toThrow('rollback');
		expect(await publicRevision(t.db)).toBe(before);
		const rows = await sql<{ n: string }>`select count(*) as n from public_revision`.execute(t.db);
		expect(Number(rows.rows[0].n)).toBe(1);
	});
});
