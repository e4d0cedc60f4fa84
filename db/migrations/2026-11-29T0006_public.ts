// Awards made public: the certificates issued for an edition (laureates, jurors, trial sites) with their
// signed code and revocation, the laureates' public address (slug, frozen when results are published),
// and French full-text search over what a laureate publishes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('certificates')
		.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
		// Canonical code (Crockford base32, 26 characters): random id + HMAC under the server key.
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('edition_id', 'integer', (c) =>
			c.notNull().references('editions.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('laureateMember', 'laureateTeam', 'juror', 'trialSite')`)
		)
		.addColumn('entry_id', 'integer', (c) => c.references('entries.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('trial_site_id', 'integer', (c) =>
			c.references('trial_sites.id').onDelete('cascade')
		)
		// What the certificate attests, as it was printed: later edits do not change an issued certificate.
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('entry_title', 'text')
		.addColumn('award', 'text', (c) => c.check(sql`award in ('prize', 'mention')`))
		.addColumn('category_name', 'text')
		.addColumn('issued_at', 'timestamptz', (c) => c.notNull())
		.addColumn('revoked_at', 'timestamptz')
		.addColumn('revoked_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('revoked_reason', 'text')
		.addCheckConstraint(
			'certificates_subject',
			sql`(kind = 'laureateTeam' and entry_id is not null)
				or (kind = 'laureateMember' and entry_id is not null and user_id is not null)
				or (kind = 'juror' and user_id is not null)
				or (kind = 'trialSite' and trial_site_id is not null)`
		)
		.addCheckConstraint(
			'certificates_revocation',
			sql`(revoked_at is null) = (revoked_reason is null)`
		)
		.execute();
	// One certificate per subject and edition: issuing again is idempotent.
	await sql`create unique index certificates_subject_key on certificates
		(edition_id, kind, coalesce(entry_id, 0), coalesce(user_id, 0), coalesce(trial_site_id, 0))`.execute(
		db
	);
	await db.schema
		.createIndex('certificates_entry_idx')
		.on('certificates')
		.column('entry_id')
		.execute();
	await db.schema
		.createIndex('certificates_user_idx')
		.on('certificates')
		.column('user_id')
		.execute();
	await db.schema
		.createIndex('certificates_trial_site_idx')
		.on('certificates')
		.column('trial_site_id')
		.execute();
	await db.schema
		.createIndex('certificates_revoked_by_idx')
		.on('certificates')
		.column('revoked_by')
		.execute();

	// A laureate's public address, /laureats/<slug>, set once when the results are published.
	await db.schema.alterTable('entries').addColumn('slug', 'text').execute();
	await sql`create unique index entries_slug_key on entries (slug) where slug is not null`.execute(
		db
	);

	// Laureates published before this migration get a plain address, <year>-<id>; new ones get their
	// title's words (src/lib/server/workflow/publication.ts).
	await sql`update entries e set slug = ed.year || '-' || e.id from editions ed
		where ed.id = e.edition_id and e.award is not null
		and ed.phase in ('published', 'archived')`.execute(db);

	// French full-text search over the published fields (weights: title A, summary B, the rest C).
	await sql`alter table entries add column search tsvector generated always as (
		setweight(to_tsvector('french', coalesce(title, '')), 'A') ||
		setweight(to_tsvector('french', coalesce(summary, '')), 'B') ||
		setweight(to_tsvector('french',
			coalesce(etablissement_name, '') || ' ' || coalesce(problem, '') || ' ' ||
			coalesce(solution, '') || ' ' || coalesce(audience, '') || ' ' ||
			coalesce(results, '') || ' ' || coalesce(transferability, '')), 'C')
	) stored`.execute(db);
	await sql`create index entries_search_idx on entries using gin (search)`.execute(db);
	// The laureates of an edition (the académie filter has its index since migration 0003).
	await sql`create index entries_award_idx on entries (edition_id, award) where award is not null`.execute(
		db
	);

	// The public pages' revision: bumped, in the same transaction, by any change the public may see (a
	// logged event — phase, decision, award, trial note, revocation —, a member's name consent, a name,
	// the edition's calendar, categories, themes and criteria). Public pages are cached in the process
	// and tagged (ETag) by it, so a cache is never stale once the change is committed.
	await sql`create table public_revision (
		id boolean primary key default true check (id),
		revision bigint not null default 0
	)`.execute(db);
	await sql`insert into public_revision default values`.execute(db);
	await sql`create function bump_public_revision() returns trigger language plpgsql as $$
		begin
			update public_revision set revision = revision + 1;
			return null;
		end $$`.execute(db);
	for (const [table, when] of PUBLIC_TRIGGERS)
		await sql`create trigger ${sql.raw(`${table}_public_revision`)} after ${sql.raw(when)}
			on ${sql.table(table)} for each statement execute function bump_public_revision()`.execute(db);
}

/** Tables whose changes the public pages show, and the statements that change them. */
const PUBLIC_TRIGGERS: [string, string][] = [
	['events', 'insert'],
	['entry_members', 'insert or update or delete'],
	['users', 'update of name'],
	['editions', 'insert or update or delete'],
	['categories', 'insert or update or delete'],
	['edition_themes', 'insert or update or delete'],
	['criteria', 'insert or update or delete']
];

export async function down(db: Kysely<any>): Promise<void> {
	for (const [table] of PUBLIC_TRIGGERS)
		await sql`drop trigger ${sql.raw(`${table}_public_revision`)} on ${sql.table(table)}`.execute(
			db
		);
	await sql`drop function bump_public_revision()`.execute(db);
	await sql`drop table public_revision`.execute(db);
	await db.schema.dropIndex('entries_award_idx').execute();
	await db.schema.dropIndex('entries_search_idx').execute();
	await db.schema.alterTable('entries').dropColumn('search').execute();
	await db.schema.dropIndex('entries_slug_key').execute();
	await db.schema.alterTable('entries').dropColumn('slug').execute();
	await db.schema.dropTable('certificates').execute();
}
