import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { ENTRY_STATES } from '../../src/lib/server/workflow/rules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { workflowInvariantViolations } from '../helpers/invariants';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	expect(await seedDemoIfEmpty(t.db, { print: false })).toBe(true);
});
afterAll(async () => {
	await t?.close();
});

describe('the demo', () => {
	it('holds editions in several phases', async () => {
		const editions = await t.db.selectFrom('editions').select('phase').orderBy('year').execute();
		expect(editions.map((e) => e.phase)).toEqual(['published', 'trial', 'eligibility']);
	});

	it('holds candidatures in every state', async () => {
		const states = await t.db.selectFrom('entries').select('state').distinct().execute();
		expect(states.map((s) => s.state).sort()).toEqual([...ENTRY_STATES].sort());
	});

	it('reached every state through the workflow: logs, versions and chains agree', async () => {
		expect(await workflowInvariantViolations(t.db)).toEqual([]);
		const events = await t.db
			.selectFrom('events')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(events.n)).toBeGreaterThan(50);
	});

	it('has laureates with their awards in the published edition', async () => {
		const laureates = await t.db
			.selectFrom('entries')
			.select(['award'])
			.where('state', '=', 'laureate')
			.execute();
		expect(laureates.map((l) => l.award).sort()).toEqual(['mention', 'prize', 'prize', 'prize']);
	});

	it('is not filled twice', async () => {
		expect(await seedDemoIfEmpty(t.db, { print: false })).toBe(false);
	});
});

describe('the invariants check', () => {
	it('notices a state written around the workflow', async () => {
		const other = await createTestDatabase({ checkInvariants: false });
		try {
			await seedDemoIfEmpty(other.db, { print: false });
			const entry = await other.db
				.selectFrom('entries')
				.select('id')
				.where('state', '=', 'submitted')
				.executeTakeFirstOrThrow();
			await other.db
				.updateTable('entries')
				.set({ state: 'eligible' })
				.where('id', '=', entry.id)
				.execute();
			expect(await workflowInvariantViolations(other.db)).toEqual([
				`entry ${entry.id}: state eligible but last event to submitted`
			]);
		} finally {
			await other.close();
		}
	});
});
