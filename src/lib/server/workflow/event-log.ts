// The event log: every state change of an edition or an entry, append-only (a database trigger refuses
// UPDATE, DELETE and TRUNCATE) and hash-chained PER EDITION, so that an edition's history can be
// published and checked by anyone.
//
// Each row's `hash` is the SHA-256 (hex) of the canonical JSON of its content — see `EventContent` —
// which includes `prevHash`, the `hash` of the previous row (by id) of the same edition (null for the
// first one), and `salt`, 128 random bits drawn for each event (`newEventSalt`). The salt is what makes
// the public journal safe: it publishes only the hash of a candidature's event, and without the salt,
// kept private, that hash cannot be recomputed from guesses of the content (entry ids, actors, types
// and states are few). Rows written before the salt existed have none (null) and are hashed without it. Changing, removing or inserting a row in the middle breaks the chain at that row or the
// next; removing the LAST rows is only visible against a fingerprint published before (that is what
// `editionFingerprint` is for).
//
// Concurrency: appends to one edition's chain are serialised by the edition's row lock. The caller must
// hold it — `lockEdition(trx, editionId)` in the same transaction, before anything else it locks (lock
// order: edition, then entry), so that it reads the state it transitions under the same lock.
// `appendEvent` takes the lock again (free when already held) so that a forgotten lock cannot fork the
// chain, and the database backs it up: `prev_hash` is unique, and only one row per edition may have none.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import type { EventEntity } from '../db/schema';
import { canonicalHash, canonicalJson } from './canonical';

/** Rows read per query by `verifyChain`. */
const VERIFY_BATCH = 1000;

export type EventPayload = Record<string, unknown>;

export interface NewEvent {
	editionId: number;
	entity: EventEntity;
	entityId: number;
	/** Null for a change made by the system (a deadline, a migration). */
	actorId: number | null;
	/** The machine event, e.g. 'SUBMIT'. */
	type: string;
	from: string;
	to: string;
	payload?: EventPayload;
	/** When it happened; stored as given (millisecond precision) because it is hashed. */
	at: Date;
	machineVersion: number;
}

/** What a row's hash covers: every column but `id` and `hash`. */
export interface EventContent {
	editionId: number;
	entity: EventEntity;
	entityId: number;
	actorId: number | null;
	type: string;
	from: string;
	to: string;
	payload: unknown;
	/** ISO 8601 with milliseconds, in UTC (`Date.prototype.toISOString`). */
	createdAt: string;
	machineVersion: number;
	prevHash: string | null;
	/**
	 * 32 hexadecimal digits drawn at random for the event; absent from events written before it
	 * existed (the `salt` column is null), whose content is hashed without it.
	 */
	salt?: string;
}

export type ChainCheck =
	| { ok: true; length: number; fingerprint: string | null }
	| { ok: false; brokenAt: { id: number; reason: string } };

/** SHA-256 (hex) of the canonical JSON of an event's content. */
export function eventHash(content: EventContent): string {
	return canonicalHash(content);
}

/** A new event's salt: 128 random bits, in hexadecimal. */
export function newEventSalt(): string {
	return randomBytes(16).toString('hex');
}

/** The `salt` member of an event's content from its column: left out when the row has none. */
export function saltMember(salt: string | null): { salt?: string } {
	return salt === null ? {} : { salt };
}

/**
 * Locks the edition's row (`select … for update`) until the end of the transaction and returns it, or
 * undefined when there is no such edition. Take it first in any transaction that changes an edition's or
 * one of its entries' state: it serialises the appends to the edition's event chain.
 */
export async function lockEdition(trx: Db, editionId: number) {
	return trx
		.selectFrom('editions')
		.select([
			'id',
			'year',
			'phase',
			'version',
			'snapshot',
			'machine_version',
			'opens_at',
			'submissions_close_at',
			'eligibility_at',
			'preselection_at',
			'trial_starts_at',
			'trial_ends_at',
			'final_at',
			'ceremony_at',
			'min_trial_reports',
			'conflict_same_academie'
		])
		.where('id', '=', editionId)
		.forUpdate()
		.executeTakeFirst();
}

/**
 * Appends an event to its edition's chain and returns its id and hash. Must run in a transaction that
 * holds the edition's lock (`lockEdition`), so that no other append reads the same previous hash.
 */
export async function appendEvent(trx: Db, e: NewEvent): Promise<{ id: number; hash: string }> {
	if (!trx.isTransaction)
		throw new Error("Un événement s'ajoute au journal dans une transaction (appendEvent).");
	const edition = await trx
		.selectFrom('editions')
		.select('id')
		.where('id', '=', e.editionId)
		.forUpdate()
		.executeTakeFirst();
	if (!edition) throw new Error(`L'édition ${e.editionId} n'existe pas.`);

	const prevHash = await editionFingerprint(trx, e.editionId);
	// Stored as canonical JSON, so that what is stored is exactly what was hashed (toJSON applied,
	// undefined members left out) and reads back to the same canonical form.
	const payload = canonicalJson(e.payload ?? {});
	const salt = newEventSalt();
	const hash = eventHash({
		editionId: e.editionId,
		entity: e.entity,
		entityId: e.entityId,
		actorId: e.actorId,
		type: e.type,
		from: e.from,
		to: e.to,
		payload: JSON.parse(payload),
		createdAt: e.at.toISOString(),
		machineVersion: e.machineVersion,
		prevHash,
		salt
	});
	const row = await trx
		.insertInto('events')
		.values({
			edition_id: e.editionId,
			entity: e.entity,
			entity_id: e.entityId,
			actor_id: e.actorId,
			type: e.type,
			from_state: e.from,
			to_state: e.to,
			payload,
			created_at: e.at,
			prev_hash: prevHash,
			hash,
			machine_version: e.machineVersion,
			salt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: row.id, hash };
}

/** The hash of the edition's latest event — the fingerprint of its history — or null if it has none. */
export async function editionFingerprint(db: Db, editionId: number): Promise<string | null> {
	const row = await db
		.selectFrom('events')
		.select('hash')
		.where('edition_id', '=', editionId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.hash ?? null;
}

/**
 * Recomputes the edition's chain from its first event, reading it in batches, and names the first
 * broken link: a `prev_hash` that is not the previous row's hash, or a row whose content no longer
 * matches its hash.
 */
export async function verifyChain(db: Db, editionId: number): Promise<ChainCheck> {
	let previous: { id: number; hash: string } | null = null;
	let length = 0;
	let after: number | null = null;
	for (;;) {
		const rows = await readChainBatch(db, editionId, after);
		for (const row of rows) {
			const id = Number(row.id);
			if (row.prev_hash !== (previous?.hash ?? null)) {
				const reason = previous
					? `Chaîne rompue : l'empreinte du prédécesseur enregistrée ne correspond pas à celle de l'événement n° ${previous.id}, qui le précède.`
					: "Chaîne rompue : le premier événement de l'édition désigne un prédécesseur absent du journal.";
				return { ok: false, brokenAt: { id, reason } };
			}
			const computed = eventHash({
				editionId: row.edition_id,
				entity: row.entity,
				entityId: row.entity_id,
				actorId: row.actor_id,
				type: row.type,
				from: row.from_state,
				to: row.to_state,
				payload: row.payload,
				createdAt: row.created_at.toISOString(),
				machineVersion: row.machine_version,
				prevHash: row.prev_hash,
				...saltMember(row.salt)
			});
			if (computed !== row.hash)
				return {
					ok: false,
					brokenAt: {
						id,
						reason: "Contenu modifié : l'événement ne correspond plus à son empreinte."
					}
				};
			previous = { id, hash: row.hash };
			length += 1;
		}
		if (rows.length < VERIFY_BATCH) break;
		after = previous?.id ?? null;
	}
	return { ok: true, length, fingerprint: previous?.hash ?? null };
}

/** Up to VERIFY_BATCH rows of the edition's chain, in order, after the row `after` (from the start if null). */
function readChainBatch(db: Db, editionId: number, after: number | null) {
	return db
		.selectFrom('events')
		.select([
			'id',
			'edition_id',
			'entity',
			'entity_id',
			'actor_id',
			'type',
			'from_state',
			'to_state',
			'payload',
			'created_at',
			'prev_hash',
			'hash',
			'machine_version',
			'salt'
		])
		.where('edition_id', '=', editionId)
		.$if(after !== null, (q) => q.where('id', '>', after as number))
		.orderBy('id')
		.limit(VERIFY_BATCH)
		.execute();
}

/** The history of one edition or entry, oldest first, with the actor's name (null for the system). */
export async function entityEvents(db: Db, entity: EventEntity, entityId: number) {
	return db
		.selectFrom('events')
		.leftJoin('users', 'users.id', 'events.actor_id')
		.select([
			'events.id',
			'events.edition_id',
			'events.entity',
			'events.entity_id',
			'events.actor_id',
			'users.name as actor_name',
			'events.type',
			'events.from_state',
			'events.to_state',
			'events.payload',
			'events.created_at',
			'events.hash'
		])
		.where('events.entity', '=', entity)
		.where('events.entity_id', '=', entityId)
		.orderBy('events.id')
		.execute();
}
