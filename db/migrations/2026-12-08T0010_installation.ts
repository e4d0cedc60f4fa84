// Installation: the first organiser of a deployment without demo data, and the account-level log.
// - `installation_links`: single-use, expiring set-up links printed by the server at start-up while no
//   organiser exists (/installation/<token>); only the token's SHA-256 is stored, like other tokens.
// - `account_events`: an append-only log of the organiser role given and withdrawn (who, by whom, how,
//   when); a trigger refuses UPDATE, DELETE and TRUNCATE, as for the editions' event log.
// - `invitations.invited_by` becomes optional: an invitation made by an operator on the command line
//   (`npm run organiser:add`) has no inviting account.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('installation_links')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('used_at', 'timestamptz')
		.addColumn('used_by', 'integer', (c) => c.references('users.id'))
		.execute();

	await db.schema
		.createTable('account_events')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('type', 'text', (c) =>
			c.notNull().check(sql`type in ('organiser_granted', 'organiser_withdrawn')`)
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('actor_id', 'integer', (c) => c.references('users.id'))
		.addColumn('source', 'text', (c) =>
			c.notNull().check(sql`source in ('installation', 'invitation', 'command', 'admin')`)
		)
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('account_events_user_id_idx')
		.on('account_events')
		.columns(['user_id', 'id'])
		.execute();
	await db.schema
		.createIndex('account_events_actor_id_idx')
		.on('account_events')
		.column('actor_id')
		.execute();
	await sql`
		create function account_events_append_only() returns trigger language plpgsql as $$
		begin
			raise exception using
				errcode = 'restrict_violation',
				message = 'Le journal des comptes est en ajout seul : modification et suppression interdites.';
		end;
		$$
	`.execute(db);
	await sql`
		create trigger account_events_append_only before update or delete on account_events
		for each row execute function account_events_append_only()
	`.execute(db);
	await sql`
		create trigger account_events_no_truncate before truncate on account_events
		for each statement execute function account_events_append_only()
	`.execute(db);

	await sql`alter table invitations alter column invited_by drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from invitations where invited_by is null`.execute(db);
	await sql`alter table invitations alter column invited_by set not null`.execute(db);
	await db.schema.dropTable('account_events').execute();
	await sql`drop function account_events_append_only()`.execute(db);
	await db.schema.dropTable('installation_links').execute();
}
