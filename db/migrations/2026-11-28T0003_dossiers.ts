// Candidature dossiers: the dossier's fields, its themes, its attachments (stored in the database with
// their SHA-256), and invitations of co-authors (the `invitations` table gains the role 'member').
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('entries')
		.addColumn('uai', 'text')
		.addColumn('etablissement_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('academie', 'text')
		.addColumn('problem', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('solution', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('audience', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('results', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('transferability', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('resources', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('publication_consent', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('dossier_version', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createIndex('entries_uai_idx').on('entries').column('uai').execute();
	await db.schema.createIndex('entries_academie_idx').on('entries').column('academie').execute();

	await db.schema
		.createTable('entry_themes')
		.addColumn('entry_id', 'integer', (c) =>
			c.notNull().references('entries.id').onDelete('cascade')
		)
		.addColumn('theme_id', 'integer', (c) =>
			c.notNull().references('edition_themes.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('entry_themes_pkey', ['entry_id', 'theme_id'])
		.execute();
	await db.schema
		.createIndex('entry_themes_theme_id_idx')
		.on('entry_themes')
		.column('theme_id')
		.execute();

	await db.schema
		.createTable('attachments')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		.addColumn('entry_id', 'integer', (c) =>
			c.notNull().references('entries.id').onDelete('cascade')
		)
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0 and size <= 10485760`))
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('content', 'bytea', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('attachments_entry_id_idx')
		.on('attachments')
		.column('entry_id')
		.execute();
	await db.schema
		.createIndex('attachments_uploaded_by_idx')
		.on('attachments')
		.column('uploaded_by')
		.execute();

	await db.schema
		.alterTable('invitations')
		.addColumn('entry_id', 'integer', (c) => c.references('entries.id').onDelete('cascade'))
		.execute();
	await db.schema
		.createIndex('invitations_entry_id_idx')
		.on('invitations')
		.column('entry_id')
		.execute();
	await sql`alter table invitations drop constraint invitations_role_check`.execute(db);
	await sql`alter table invitations add constraint invitations_role_check
		check (role in ('organiser', 'juror', 'member'))`.execute(db);
	await sql`alter table invitations add constraint invitations_member_has_entry
		check (role <> 'member' or entry_id is not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from invitations where role = 'member'`.execute(db);
	await sql`alter table invitations drop constraint invitations_member_has_entry`.execute(db);
	await sql`alter table invitations drop constraint invitations_role_check`.execute(db);
	await sql`alter table invitations add constraint invitations_role_check
		check (role in ('organiser', 'juror'))`.execute(db);
	await db.schema.alterTable('invitations').dropColumn('entry_id').execute();
	await db.schema.dropTable('attachments').execute();
	await db.schema.dropTable('entry_themes').execute();
	for (const column of [
		'uai',
		'etablissement_name',
		'academie',
		'problem',
		'solution',
		'audience',
		'results',
		'transferability',
		'resources',
		'publication_consent',
		'dossier_version'
	])
		await db.schema.alterTable('entries').dropColumn(column).execute();
}
