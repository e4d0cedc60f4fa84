// Workflow: the edition's calendar and settings, its themes, and the event log — append-only (a trigger
// refuses UPDATE, DELETE and TRUNCATE) and hash-chained per edition (see src/lib/server/workflow/event-log.ts).
// Frozen once landed: change the schema in a new migration.
import { sql, type Kysely } from 'kysely';

const calendarColumns = [
	'eligibility_at',
	'preselection_at',
	'trial_starts_at',
	'trial_ends_at',
	'final_at'
] as const;

export async function up(db: Kysely<any>): Promise<void> {
	let editions = db.schema.alterTable('editions').addColumn(calendarColumns[0], 'timestamptz');
	for (const column of calendarColumns.slice(1))
		editions = editions.addColumn(column, 'timestamptz');
	await editions
		.addColumn('min_trial_reports', 'integer', (c) => c.notNull().defaultTo(2))
		.addColumn('conflict_same_academie', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();

	await db.schema
		.createTable('edition_themes')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('edition_id', 'integer', (c) =>
			c.notNull().references('editions.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addUniqueConstraint('edition_themes_edition_name_key', ['edition_id', 'name'])
		.execute();
	await db.schema
		.createIndex('edition_themes_edition_id_idx')
		.on('edition_themes')
		.column('edition_id')
		.execute();

	await db.schema
		.createTable('events')
		.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		// No cascade: an edition with a history cannot be deleted (the trigger would refuse it anyway).
		.addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
		.addColumn('entity', 'text', (c) => c.notNull().check(sql`entity in ('edition', 'entry')`))
		.addColumn('entity_id', 'integer', (c) => c.notNull())
		// No "set null": that would be an UPDATE of the log. Accounts with a history are anonymised instead.
		.addColumn('actor_id', 'integer', (c) => c.references('users.id'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('from_state', 'text', (c) => c.notNull())
		.addColumn('to_state', 'text', (c) => c.notNull())
		.addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		// Set by the application (not now()) so that the hashed value round-trips exactly.
		.addColumn('created_at', 'timestamptz', (c) => c.notNull())
		// Null only for the first row of an edition's chain.
		.addColumn('prev_hash', 'text')
		.addColumn('hash', 'text', (c) => c.notNull().unique())
		.addColumn('machine_version', 'integer', (c) => c.notNull())
		// A hash has at most one successor: two appends that raced past the edition lock fail here
		// instead of forking the chain.
		.addUniqueConstraint('events_prev_hash_key', ['prev_hash'])
		.execute();
	// One first row per edition.
	await sql`create unique index events_edition_genesis_idx on events (edition_id) where prev_hash is null`.execute(
		db
	);
	await db.schema
		.createIndex('events_edition_id_id_idx')
		.on('events')
		.columns(['edition_id', 'id'])
		.execute();
	await db.schema
		.createIndex('events_entity_idx')
		.on('events')
		.columns(['entity', 'entity_id', 'id'])
		.execute();
	await db.schema.createIndex('events_actor_id_idx').on('events').column('actor_id').execute();

	await sql`
		create function events_append_only() returns trigger language plpgsql as $$
		begin
			raise exception using
				errcode = 'restrict_violation',
				message = 'Le journal des événements est en ajout seul : modification et suppression interdites.';
		end;
		$$
	`.execute(db);
	await sql`
		create trigger events_append_only before update or delete on events
		for each row execute function events_append_only()
	`.execute(db);
	await sql`
		create trigger events_no_truncate before truncate on events
		for each statement execute function events_append_only()
	`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('events').execute();
	await sql`drop function events_append_only()`.execute(db);
	await db.schema.dropTable('edition_themes').execute();
	let editions = db.schema.alterTable('editions').dropColumn('conflict_same_academie');
	for (const column of ['min_trial_reports', ...calendarColumns])
		editions = editions.dropColumn(column);
	await editions.execute();
}
