// Conflicts of interest between jurors and candidatures, as the database sees them. A juror is
// conflicted with a candidature when:
//   - a conflict is recorded for the pair (declared by the juror or by the team, or set by hand);
//   - he is a member of its team;
//   - he works in its établissement (same UAI, as stored on edition_jurors and entries, normalised);
//   - he belongs to its académie, when the edition's rule says so (conflict_same_academie).
// The same rules, pure, are in ../jury/conflicts.ts (automaticConflicts) for explanations and tests.
// A conflicted juror never sees the candidature: every jury query filters with `jurorConflicted`.
import { sql, type RawBuilder } from 'kysely';
import type { ConflictSource } from './schema';
import type { Db } from './index';

/**
 * SQL condition, true when the juror (a number, or a column reference such as 'a.juror_id') is
 * conflicted with the candidature whose id is in `entryColumn` (e.g. 'e.id'). For WHERE clauses:
 * `.where(({ not }) => not(jurorConflicted(userId, 'e.id')))`.
 */
export function jurorConflicted(juror: number | string, entryColumn: string): RawBuilder<boolean> {
	const j = typeof juror === 'number' ? sql`${juror}::integer` : sql.ref(juror);
	const entry = sql.ref(entryColumn);
	return sql<boolean>`(
		exists (select 1 from conflicts c where c.entry_id = ${entry} and c.juror_id = ${j})
		or exists (select 1 from entry_members m where m.entry_id = ${entry} and m.user_id = ${j})
		or exists (
			select 1
			from entries x
			join editions ed on ed.id = x.edition_id
			join edition_jurors ej on ej.edition_id = x.edition_id and ej.user_id = ${j}
			where x.id = ${entry}
				and (
					(ej.uai is not null and ej.uai = x.uai)
					or (ed.conflict_same_academie and ej.academie is not null and ej.academie = x.academie)
				)
		)
	)`;
}

export type ConflictKind = 'member' | 'sameEtablissement' | 'sameAcademie' | ConflictSource;

export interface ConflictPair {
	jurorId: number;
	entryId: number;
	kind: ConflictKind;
	/** The French reason: the one declared, or the rule that applies. */
	reason: string;
}

/**
 * Every conflicted (juror, candidature) pair of an edition, with its kind and reason, in one query:
 * the input of the automatic assignment and of the organisers' conflict list. A pair may appear
 * once per kind.
 */
export async function editionConflicts(db: Db, editionId: number): Promise<ConflictPair[]> {
	const result = await sql<{
		juror_id: number;
		entry_id: number;
		kind: ConflictKind;
		reason: string;
	}>`
		select c.juror_id, c.entry_id, c.source as kind, c.reason
		from conflicts c
		join entries e on e.id = c.entry_id
		where e.edition_id = ${editionId}
		union all
		select j.user_id, e.id, 'member', 'Le juré est membre de l’équipe.'
		from edition_jurors j
		join entry_members m on m.user_id = j.user_id
		join entries e on e.id = m.entry_id and e.edition_id = j.edition_id
		where j.edition_id = ${editionId}
		union all
		select j.user_id, e.id, 'sameEtablissement',
			'Le juré travaille dans le même établissement (UAI ' || e.uai || ').'
		from edition_jurors j
		join entries e on e.edition_id = j.edition_id and e.uai = j.uai
		where j.edition_id = ${editionId}
		union all
		select j.user_id, e.id, 'sameAcademie',
			'Le juré et l’équipe relèvent de la même académie (' || e.academie || ').'
		from edition_jurors j
		join editions ed on ed.id = j.edition_id and ed.conflict_same_academie
		join entries e on e.edition_id = j.edition_id and e.academie = j.academie
		where j.edition_id = ${editionId}
		order by 2, 1, 3
	`.execute(db);
	return result.rows.map((r) => ({
		jurorId: r.juror_id,
		entryId: r.entry_id,
		kind: r.kind,
		reason: r.reason
	}));
}

/**
 * Records a conflict declared by the juror (source 'juror') or by the team ('team'), or set by an
 * organiser ('automatic' is not stored: it is computed). Declaring the same pair twice from the same
 * source keeps the first reason. Answers whether a new conflict was recorded.
 */
export async function declareConflict(
	db: Db,
	input: {
		entryId: number;
		jurorId: number;
		source: Exclude<ConflictSource, 'automatic'>;
		reason: string;
		declaredBy: number;
	}
): Promise<boolean> {
	const inserted = await db
		.insertInto('conflicts')
		.values({
			entry_id: input.entryId,
			juror_id: input.jurorId,
			source: input.source,
			reason: input.reason,
			declared_by: input.declaredBy
		})
		.onConflict((oc) => oc.columns(['entry_id', 'juror_id', 'source']).doNothing())
		.returning('id')
		.executeTakeFirst();
	return inserted !== undefined;
}
