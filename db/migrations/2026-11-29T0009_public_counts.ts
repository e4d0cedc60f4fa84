// The public counts (the edition page, the open data: countsByAcademie in public-editions.ts) read,
// of every candidature of an edition, only its state, académie and award, and for a withdrawn one the
// state it was withdrawn in (its last WITHDRAW event). The `entries` rows are wide (the dossier's
// texts and its stored search vector: about 40 MB of table for 10,000 candidatures), so counting from
// the table read all of it. Now:
// - the (edition_id, state) index also carries the académie, the award and the id: the count is an
//   index-only scan of a few hundred kB, the withdrawn candidatures included. Same key, same name:
//   every plan that used the index still can;
// - the WITHDRAW events have their own small index, with the state left, for the withdrawn ones.
// Index-only scans skip the table only where the visibility map says so: it is kept up to date by
// VACUUM — autovacuum on PostgreSQL; on PGlite, which has none, the hourly maintenance
// (src/lib/server/maintenance.ts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await sql`drop index entries_edition_state_idx`.execute(db);
	await sql`create index entries_edition_state_idx on entries (edition_id, state)
		include (academie, award, id)`.execute(db);
	await sql`create index events_withdrawals_idx on events (entity_id, id) include (from_state)
		where entity = 'entry' and type = 'WITHDRAW'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index events_withdrawals_idx`.execute(db);
	await sql`drop index entries_edition_state_idx`.execute(db);
	await sql`create index entries_edition_state_idx on entries (edition_id, state)`.execute(db);
}
