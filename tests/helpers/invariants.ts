// Invariants of the workflow, checked against the database after integration tests: every state agrees
// with the event log, every version counts its events, every edition's chain verifies, every laureate
// has an award.
import { sql } from 'kysely';
import type { Db } from '../../src/lib/server/db';
import { verifyChain } from '../../src/lib/server/workflow/event-log';

export async function workflowInvariantViolations(db: Db): Promise<string[]> {
	const problems: string[] = [];
	for (const entity of ['entry', 'edition'] as const) {
		const table = entity === 'entry' ? 'entries' : 'editions';
		const column = entity === 'entry' ? 'state' : 'phase';
		const rows = await sql<{
			id: number;
			current: string;
			version: number;
			events: number;
			last_to: string | null;
		}>`
			select t.id, t.${sql.ref(column)} as current, t.version,
				(select count(*) from events e where e.entity = ${entity} and e.entity_id = t.id)::int as events,
				(select e.to_state from events e where e.entity = ${entity} and e.entity_id = t.id order by e.id desc limit 1) as last_to
			from ${sql.table(table)} t order by t.id`.execute(db);
		for (const row of rows.rows) {
			if (row.version !== row.events)
				problems.push(`${entity} ${row.id}: version ${row.version} but ${row.events} events`);
			if (row.last_to !== null && row.last_to !== row.current)
				problems.push(`${entity} ${row.id}: state ${row.current} but last event to ${row.last_to}`);
		}
	}
	const unawarded = await db
		.selectFrom('entries')
		.select('id')
		.where('state', '=', 'laureate')
		.where('award', 'is', null)
		.execute();
	for (const { id } of unawarded) problems.push(`entry ${id}: laureate without an award`);
	const editions = await db.selectFrom('editions').select('id').execute();
	for (const { id } of editions) {
		const chain = await verifyChain(db, id);
		if (!chain.ok)
			problems.push(`edition ${id}: ${chain.brokenAt.reason} (event ${chain.brokenAt.id})`);
	}
	return problems;
}
