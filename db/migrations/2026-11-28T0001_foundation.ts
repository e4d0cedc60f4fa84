// Foundation: accounts, sessions, single-use tokens, invitations, rate limiting, the mail outbox, and the
// editions and candidatures that roles hang on. Frozen once landed: change the schema in a new migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('users')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('email', 'text', (c) =>
			c
				.notNull()
				.unique()
				.check(sql`email = lower(email)`)
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('email_verified_at', 'timestamptz')
		.addColumn('is_organiser', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();
	await db.schema
		.createIndex('sessions_expires_at_idx')
		.on('sessions')
		.column('expires_at')
		.execute();

	await db.schema
		.createTable('auth_tokens')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('purpose', 'text', (c) =>
			c.notNull().check(sql`purpose in ('verify_email', 'reset_password')`)
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('used_at', 'timestamptz')
		.execute();
	await db.schema
		.createIndex('auth_tokens_user_id_idx')
		.on('auth_tokens')
		.column('user_id')
		.execute();

	await db.schema
		.createTable('auth_failures')
		.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('auth_failures_scope_key_at_idx')
		.on('auth_failures')
		.columns(['scope', 'key', 'at'])
		.execute();

	await db.schema
		.createTable('outbox')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body_text', 'text', (c) => c.notNull())
		.addColumn('body_html', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('pending')
				.check(sql`status in ('pending', 'sent', 'failed')`)
		)
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('sent_at', 'timestamptz')
		.execute();
	await db.schema
		.createIndex('outbox_status_next_attempt_idx')
		.on('outbox')
		.columns(['status', 'next_attempt_at'])
		.execute();
	await db.schema.createIndex('outbox_recipient_idx').on('outbox').column('recipient').execute();

	await db.schema
		.createTable('editions')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('year', 'integer', (c) => c.notNull().unique())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('phase', 'text', (c) => c.notNull().defaultTo('draft'))
		.addColumn('snapshot', 'jsonb')
		.addColumn('machine_version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('opens_at', 'timestamptz')
		.addColumn('submissions_close_at', 'timestamptz')
		.addColumn('ceremony_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('categories')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('edition_id', 'integer', (c) =>
			c.notNull().references('editions.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addUniqueConstraint('categories_edition_name_key', ['edition_id', 'name'])
		.execute();

	await db.schema
		.createTable('entries')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id'))
		.addColumn('category_id', 'integer', (c) => c.references('categories.id'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
		.addColumn('snapshot', 'jsonb')
		.addColumn('machine_version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('award', 'text', (c) => c.check(sql`award in ('prize', 'mention')`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('entries_edition_state_idx')
		.on('entries')
		.columns(['edition_id', 'state'])
		.execute();
	await db.schema
		.createIndex('entries_category_id_idx')
		.on('entries')
		.column('category_id')
		.execute();

	await db.schema
		.createTable('entry_members')
		.addColumn('entry_id', 'integer', (c) =>
			c.notNull().references('entries.id').onDelete('cascade')
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'member')`))
		.addColumn('publish_name', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('entry_members_pkey', ['entry_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('entry_members_user_id_idx')
		.on('entry_members')
		.column('user_id')
		.execute();
	await sql`create unique index entry_members_one_lead_idx on entry_members (entry_id) where role = 'lead'`.execute(
		db
	);

	await db.schema
		.createTable('edition_jurors')
		.addColumn('edition_id', 'integer', (c) =>
			c.notNull().references('editions.id').onDelete('cascade')
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('edition_jurors_pkey', ['edition_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('edition_jurors_user_id_idx')
		.on('edition_jurors')
		.column('user_id')
		.execute();

	await db.schema
		.createTable('trial_sites')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('entry_id', 'integer', (c) =>
			c.notNull().references('entries.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('uai', 'text')
		.addColumn('contact_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('volunteer')
				.check(sql`status in ('volunteer', 'accepted', 'declined')`)
		)
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('trial_sites_entry_id_idx')
		.on('trial_sites')
		.column('entry_id')
		.execute();
	await db.schema
		.createIndex('trial_sites_contact_user_id_idx')
		.on('trial_sites')
		.column('contact_user_id')
		.execute();

	await db.schema
		.createTable('invitations')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('organiser', 'juror')`))
		.addColumn('edition_id', 'integer', (c) => c.references('editions.id').onDelete('cascade'))
		.addColumn('invited_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('accepted_at', 'timestamptz')
		.addColumn('accepted_by', 'integer', (c) => c.references('users.id'))
		.addCheckConstraint(
			'invitations_juror_has_edition',
			sql`role <> 'juror' or edition_id is not null`
		)
		.execute();
	await db.schema.createIndex('invitations_email_idx').on('invitations').column('email').execute();
	await db.schema
		.createIndex('invitations_edition_id_idx')
		.on('invitations')
		.column('edition_id')
		.execute();
	await db.schema
		.createIndex('invitations_invited_by_idx')
		.on('invitations')
		.column('invited_by')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'invitations',
		'trial_sites',
		'edition_jurors',
		'entry_members',
		'entries',
		'categories',
		'editions',
		'outbox',
		'auth_failures',
		'auth_tokens',
		'sessions',
		'users'
	])
		await db.schema.dropTable(table).execute();
}
