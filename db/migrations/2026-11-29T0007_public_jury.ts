// The edition transparency page and the open data show two things that change without a logged event,
// so the public revision (migration 0006) must move with them too:
// - the jury's composition (edition_jurors: who sits, in which round, his académie), edited by the
//   organisers at any phase, published with the results;
// - a candidature's académie (derived from its UAI when the team saves the dossier): the numbers by
//   académie count submitted candidatures, and a candidature sent back for changes may change its UAI.
//   Only a real change outside a draft bumps the revision (drafts are never counted), so the autosave
//   of drafts does not empty the public pages' cache.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await sql`create trigger edition_jurors_public_revision
		after insert or update or delete on edition_jurors
		for each statement execute function bump_public_revision()`.execute(db);
	await sql`create trigger entries_academie_public_revision
		after update of academie on entries
		for each row when (old.academie is distinct from new.academie and old.state <> 'draft')
		execute function bump_public_revision()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger entries_academie_public_revision on entries`.execute(db);
	await sql`drop trigger edition_jurors_public_revision on edition_jurors`.execute(db);
}
