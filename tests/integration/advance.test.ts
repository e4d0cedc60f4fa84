import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceEdition, advanceEntry } from '../../src/lib/server/workflow/advance';
import { verifyChain } from '../../src/lib/server/workflow/event-log';
import type {
	EditionEventType,
	EditionPhase,
	EntryState
} from '../../src/lib/server/workflow/rules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { entryShortestPaths, SAMPLE_DATES } from '../helpers/workflow-paths';
import { completeDossier } from '../helpers/dossier';

let t: TestDatabase;
let organiser: number;
let lead: number;
let member: number;
let year = 2100;

beforeAll(async () => {
	t = await createTestDatabase();
	const users = await t.db
		.insertInto('users')
		.values([
			{ email: 'orga@education.gouv.fr', name: 'Orga', password_hash: 'x', is_organiser: true },
			{ email: 'porteur@ac-lyon.fr', name: 'Porteur', password_hash: 'x' },
			{ email: 'membre@ac-lyon.fr', name: 'Membre', password_hash: 'x' }
		])
		.returning('id')
		.execute();
	[organiser, lead, member] = users.map((u) => u.id);
});

afterAll(async () => {
	await t?.close(); // checks the workflow's invariants first
});

const LEAVE: Record<EditionPhase, EditionEventType | null> = {
	draft: 'OPEN',
	open: 'CLOSE_SUBMISSIONS',
	eligibility: 'START_PRESELECTION',
	preselection: 'START_TRIAL',
	trial: 'START_FINAL',
	final: 'START_DELIBERATION',
	deliberation: 'PUBLISH',
	published: 'ARCHIVE',
	archived: null
};

async function newEdition() {
	const { id } = await t.db
		.insertInto('editions')
		.values({
			year: year++,
			title: 'Édition de test',
			submissions_close_at: SAMPLE_DATES.submissionsCloseAt,
			// No trial report needed here: trial-complete.test.ts tests COMPLETE_TRIAL's minimum.
			min_trial_reports: 0
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('categories')
		.values([{ edition_id: id, name: 'Prix de la simplification' }])
		.execute();
	return id;
}

async function newEntry(editionId: number, title = 'Une innovation') {
	const { id } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, title })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('entry_members')
		.values([
			{ entry_id: id, user_id: lead, role: 'lead' },
			{ entry_id: id, user_id: member, role: 'member' }
		])
		.execute();
	await completeDossier(t.db, id);
	return id;
}

async function phaseOf(editionId: number) {
	const row = await t.db
		.selectFrom('editions')
		.select('phase')
		.where('id', '=', editionId)
		.executeTakeFirstOrThrow();
	return row.phase as EditionPhase;
}

/** Moves the edition forward until it is in `phase`. */
async function moveEditionTo(editionId: number, phase: EditionPhase, at: string) {
	for (
		let current = await phaseOf(editionId);
		current !== phase;
		current = await phaseOf(editionId)
	) {
		const type = LEAVE[current]!;
		const result = await advanceEdition(
			t.db,
			editionId,
			{ type, at: new Date(type === 'OPEN' ? SAMPLE_DATES.opening : at) },
			{ userId: organiser }
		);
		expect(result, `${type} from ${current}`).toMatchObject({ ok: true });
	}
}

async function stored(entryId: number) {
	const entry = await t.db
		.selectFrom('entries')
		.selectAll()
		.where('id', '=', entryId)
		.executeTakeFirstOrThrow();
	const events = await t.db
		.selectFrom('events')
		.selectAll()
		.where('entity', '=', 'entry')
		.where('entity_id', '=', entryId)
		.orderBy('id')
		.execute();
	return { entry, events };
}

describe('the shortest path to every candidature state, replayed through advance', () => {
	const paths = entryShortestPaths();
	for (const [target, events] of Object.entries(paths) as [
		EntryState,
		NonNullable<(typeof paths)[EntryState]>
	][])
		it(`reaches « ${target} » with state, version and log in agreement after each step`, async () => {
			const editionId = await newEdition();
			const entryId = await newEntry(editionId);
			for (const [i, event] of events.entries()) {
				await moveEditionTo(editionId, event.phase, event.at);
				const actor = event.role === 'team' ? lead : organiser;
				const result = await advanceEntry(
					t.db,
					entryId,
					{ type: event.type, reason: event.reason, award: event.award, at: new Date(event.at) },
					{ userId: actor }
				);
				expect(result, `${event.type}`).toMatchObject({ ok: true, version: i + 1 });
				const { entry, events: log } = await stored(entryId);
				expect(entry.version).toBe(i + 1);
				expect(log).toHaveLength(i + 1);
				expect(log.at(-1)?.to_state).toBe(entry.state);
				expect(log.at(-1)?.type).toBe(event.type);
				expect(entry.machine_version).toBe(2);
			}
			expect((await stored(entryId)).entry.state).toBe(target);
			expect(await verifyChain(t.db, editionId)).toMatchObject({ ok: true });
		});

	it('takes an edition through every phase to « archived »', async () => {
		const editionId = await newEdition();
		const entryId = await newEntry(editionId);
		for (const event of paths.laureate!) {
			await moveEditionTo(editionId, event.phase, event.at);
			const actor = event.role === 'team' ? lead : organiser;
			await advanceEntry(
				t.db,
				entryId,
				{ type: event.type, award: event.award, at: new Date(event.at) },
				{ userId: actor }
			);
		}
		await moveEditionTo(editionId, 'archived', SAMPLE_DATES.afterDeadline);
		const edition = await t.db
			.selectFrom('editions')
			.selectAll()
			.where('id', '=', editionId)
			.executeTakeFirstOrThrow();
		expect(edition.phase).toBe('archived');
		expect(edition.version).toBe(8);
		const results = await t.db
			.selectFrom('outbox')
			.select('subject')
			.where('subject', 'like', 'Résultats%')
			.execute();
		expect(results.length).toBeGreaterThanOrEqual(2);
	});
});

describe('refusals', () => {
	it('refuses a submission after the deadline, in French, and changes nothing', async () => {
		const editionId = await newEdition();
		const entryId = await newEntry(editionId);
		await moveEditionTo(editionId, 'open', SAMPLE_DATES.opening);
		const result = await advanceEntry(
			t.db,
			entryId,
			{ type: 'SUBMIT', at: new Date(SAMPLE_DATES.afterDeadline) },
			{ userId: lead }
		);
		expect(result).toEqual({
			ok: false,
			status: 409,
			reason: expect.stringMatching(/date limite de dépôt est passée.*31 janvier 2027/)
		});
		const { entry, events } = await stored(entryId);
		expect([entry.state, entry.version, events.length]).toEqual(['draft', 0, 0]);
	});

	it('lets only the lead submit', async () => {
		const editionId = await newEdition();
		const entryId = await newEntry(editionId);
		await moveEditionTo(editionId, 'open', SAMPLE_DATES.opening);
		const result = await advanceEntry(
			t.db,
			entryId,
			{ type: 'SUBMIT', at: new Date(SAMPLE_DATES.beforeDeadline) },
			{ userId: member }
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/^Seul/);
	});

	it('refuses to start preselection while candidatures await an eligibility decision', async () => {
		const editionId = await newEdition();
		await moveEditionTo(editionId, 'open', SAMPLE_DATES.opening);
		for (const title of ['A', 'B'])
			await advanceEntry(
				t.db,
				await newEntry(editionId, title),
				{ type: 'SUBMIT', at: new Date(SAMPLE_DATES.beforeDeadline) },
				{ userId: lead }
			);
		await moveEditionTo(editionId, 'eligibility', SAMPLE_DATES.afterDeadline);
		const result = await advanceEdition(
			t.db,
			editionId,
			{ type: 'START_PRESELECTION' },
			{ userId: organiser }
		);
		expect(result).toMatchObject({ ok: false, status: 409 });
		expect(!result.ok && result.reason).toMatch(
			/2 candidatures n’ont pas encore de décision d’éligibilité/
		);
	});

	it('lets only organisers move an edition', async () => {
		const editionId = await newEdition();
		const result = await advanceEdition(
			t.db,
			editionId,
			{ type: 'OPEN', at: new Date(SAMPLE_DATES.opening) },
			{ userId: lead }
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/^Seuls les organisateurs/);
	});

	it('answers 404 for a candidature that does not exist', async () => {
		expect(await advanceEntry(t.db, 999_999, { type: 'SUBMIT' }, { userId: lead })).toEqual({
			ok: false,
			status: 404,
			reason: 'Cette candidature n’existe pas.'
		});
	});
});

describe('mail written with the change', () => {
	it('tells every team member and the organisers of a submission, in the same transaction', async () => {
		const editionId = await newEdition();
		const entryId = await newEntry(editionId, 'Le potager partagé');
		await moveEditionTo(editionId, 'open', SAMPLE_DATES.opening);
		const before = await t.db
			.selectFrom('outbox')
			.select((eb) => eb.fn.max('id').as('max'))
			.executeTakeFirstOrThrow();
		await advanceEntry(
			t.db,
			entryId,
			{ type: 'SUBMIT', at: new Date(SAMPLE_DATES.beforeDeadline) },
			{ userId: lead }
		);
		const mails = await t.db
			.selectFrom('outbox')
			.select(['recipient', 'subject'])
			.where('id', '>', Number(before.max ?? 0))
			.orderBy('recipient')
			.execute();
		expect(mails.map((m) => m.recipient)).toEqual([
			'membre@ac-lyon.fr',
			'orga@education.gouv.fr',
			'porteur@ac-lyon.fr'
		]);
		expect(mails.find((m) => m.recipient === 'porteur@ac-lyon.fr')?.subject).toBe(
			'Votre candidature : Déposée'
		);
	});
});

describe('concurrency', () => {
	it('applies exactly one of 50 concurrent conflicting decisions; the others are refused cleanly', async () => {
		const editionId = await newEdition();
		const entryId = await newEntry(editionId);
		await moveEditionTo(editionId, 'open', SAMPLE_DATES.opening);
		await advanceEntry(
			t.db,
			entryId,
			{ type: 'SUBMIT', at: new Date(SAMPLE_DATES.beforeDeadline) },
			{ userId: lead }
		);
		await moveEditionTo(editionId, 'eligibility', SAMPLE_DATES.afterDeadline);
		const results = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				advanceEntry(
					t.db,
					entryId,
					i % 2 === 0
						? { type: 'DECLARE_ELIGIBLE' }
						: { type: 'DECLARE_INELIGIBLE', reason: 'Hors du champ du prix.' },
					{ userId: organiser }
				)
			)
		);
		const applied = results.filter((r) => r.ok);
		const refused = results.filter((r) => !r.ok);
		expect(applied).toHaveLength(1);
		expect(refused).toHaveLength(49);
		for (const r of refused)
			expect(r).toMatchObject({
				ok: false,
				status: 409,
				reason: expect.stringMatching(/^La candidature est/)
			});
		const { entry, events } = await stored(entryId);
		expect(events).toHaveLength(2);
		expect(entry.version).toBe(2);
		expect(entry.state).toBe(events[1].to_state);
		expect(await verifyChain(t.db, editionId)).toMatchObject({ ok: true });
	});
});
