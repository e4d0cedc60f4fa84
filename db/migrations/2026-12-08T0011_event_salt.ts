// Issue 16: a hidden event of the public journal (/editions/<année>/journal.json publishes only its
// hash) could be recovered by hashing guesses of its content — entry ids, actors, event types and
// states are few. Each event now gets a random salt (128 bits, hex) that is part of the hashed
// content: published with the content of the public events, so that anyone still recomputes them,
// and kept private for the others, whose hash can then no longer be recomputed from guesses.
// Rows written before have no salt (null) and keep verifying as before, on their content without it.
// The append-only trigger does not object: adding a column is not an UPDATE of any row.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table events add column salt text`.execute(db);
	await sql`alter table events add constraint events_salt_format
		check (salt is null or salt ~ '^[0-9a-f]{32,128}$')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table events drop column salt`.execute(db);
}
