// A team declares a conflict of interest with a juror of its edition: the juror no longer sees the
// candidature, his draft and assignment go, the declaration is logged without his name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJurorEntries, loadJuryEntry } from '../../src/lib/server/db/reviews';
import {
	declareTeamConflict,
	jurorsToDeclare,
	teamConflicts
} from '../../src/lib/server/db/team-conflicts';
import { whyNotDeclareTeamConflict } from '../../src/lib/server/auth/permissions';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let edition: number;
let entry: number;
const users: Record<string, number> = {};

beforeAll(async () => {
	t = await createTestDatabase();
	for (const name of ['lead', 'alice', 'bruno', 'stranger']) {
		const { id } = await t.db
			.insertInto('users')
			.values({ email: `${name}@education.gouv.fr`, name: `Nom ${name}`, password_hash: 'x' })
			.returning('id')
			.executeTakeFirstOrThrow();
		users[name] = id;
	}
	({ id: edition } = await t.db
		.insertInto('editions')
		.values({ year: 2093, title: 'En présélection', phase: 'preselection' })
		.returning('id')
		.executeTakeFirstOrThrow());
	({ id: entry } = await t.db
		.insertInto('entries')
		.values({ edition_id: edition, title: 'Un projet', state: 'eligible' })
		.returning('id')
		.executeTakeFirstOrThrow());
	await t.db
		.insertInto('entry_members')
		.values({ entry_id: entry, user_id: users.lead, role: 'lead' })
		.execute();
	await t.db
		.insertInto('edition_jurors')
		.values([
			{ edition_id: edition, user_id: users.alice },
			{ edition_id: edition, user_id: users.bruno }
		])
		.execute();
	await t.db
		.insertInto('assignments')
		.values({ entry_id: entry, round: 'preselection', juror_id: users.alice })
		.execute();
	await t.db
		.insertInto('reviews')
		.values({ entry_id: entry, round: 'preselection', juror_id: users.alice })
		.execute();
});

/** How many candidatures the juror's list of the preselection shows. */
async function listed(juror: string): Promise<number> {
	const page = await listJurorEntries(t.db, {
		jurorId: users[juror],
		editionId: edition,
		round: 'preselection'
	});
	return page.items.length;
}

afterAll(async () => {
	await t?.close();
});

describe('a team declares a conflict of interest', () => {
	it('offers the jurors of the edition, by name', async () => {
		const choices = await jurorsToDeclare(t.db, entry);
		expect(choices.map((c) => c.name)).toEqual(['Nom alice', 'Nom bruno']);
	});

	it('refuses without a juror or a reason, in French, and records nothing', async () => {
		const noJuror = await declareTeamConflict(
			t.db,
			entry,
			{ jurorId: null, reason: 'Ma sœur' },
			{ userId: users.lead }
		);
		expect(noJuror).toMatchObject({
			ok: false,
			field: 'juror',
			message: 'Choisissez le juré concerné.'
		});
		const noReason = await declareTeamConflict(
			t.db,
			entry,
			{ jurorId: users.alice, reason: '  ' },
			{ userId: users.lead }
		);
		expect(noReason).toMatchObject({ ok: false, field: 'reason' });
		const notAJuror = await declareTeamConflict(
			t.db,
			entry,
			{ jurorId: users.stranger, reason: 'Un collègue' },
			{ userId: users.lead }
		);
		expect(notAJuror).toMatchObject({
			ok: false,
			message: 'Cette personne ne fait pas partie du jury de l’édition.'
		});
		expect(await teamConflicts(t.db, entry)).toEqual([]);
	});

	it('hides the candidature from the juror, removes his draft and assignment, logs it without his name', async () => {
		expect(await listed('alice')).toBe(1);
		const result = await declareTeamConflict(
			t.db,
			entry,
			{ jurorId: users.alice, reason: 'Ancienne collègue du porteur' },
			{ userId: users.lead }
		);
		expect(result).toEqual({ ok: true, recorded: true });
		expect(await listed('alice')).toBe(0);
		expect(
			await loadJuryEntry(
				t.db,
				{ id: users.alice, isOrganiser: false },
				{
					editionId: edition,
					round: 'preselection',
					entryId: entry
				}
			)
		).toBeNull();
		const left = await t.db
			.selectFrom('reviews')
			.select('id')
			.where('juror_id', '=', users.alice)
			.execute();
		expect(left).toEqual([]);
		const declared = await teamConflicts(t.db, entry);
		expect(declared).toMatchObject([
			{
				juror_name: 'Nom alice',
				reason: 'Ancienne collègue du porteur',
				declared_by_name: 'Nom lead'
			}
		]);
		const logged = await t.db
			.selectFrom('events')
			.select(['type', 'from_state', 'to_state', 'payload'])
			.where('entity_id', '=', entry)
			.where('type', '=', 'DECLARE_CONFLICT')
			.execute();
		expect(logged).toEqual([
			{
				type: 'DECLARE_CONFLICT',
				from_state: 'eligible',
				to_state: 'eligible',
				payload: { source: 'team' }
			}
		]);
		expect((await jurorsToDeclare(t.db, entry)).map((c) => c.name)).toEqual(['Nom bruno']);
	});

	it('declaring the same juror twice keeps the first reason and logs once', async () => {
		const again = await declareTeamConflict(
			t.db,
			entry,
			{ jurorId: users.alice, reason: 'Autre raison' },
			{ userId: users.lead }
		);
		expect(again).toEqual({ ok: true, recorded: false });
		expect((await teamConflicts(t.db, entry)).map((c) => c.reason)).toEqual([
			'Ancienne collègue du porteur'
		]);
	});

	it('is for the team members, until a final decision', () => {
		const member = { isLead: false, isMember: true, isOrganiser: false };
		const organiser = { isLead: false, isMember: false, isOrganiser: true };
		expect(whyNotDeclareTeamConflict(member, 'eligible')).toBeNull();
		expect(whyNotDeclareTeamConflict(organiser, 'eligible')).toMatch(/membres de l’équipe/);
		expect(whyNotDeclareTeamConflict(null, 'eligible')).toMatch(/membres de l’équipe/);
		expect(whyNotDeclareTeamConflict(member, 'laureate')).toMatch(/décision finale/);
	});
});
