import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../src/lib/server/db';
import {
	appendEvent,
	editionFingerprint,
	entityEvents,
	eventHash,
	lockEdition,
	verifyChain,
	type EventContent,
	type NewEvent
} from '../../src/lib/server/workflow/event-log';
import { canonicalJson } from '../../src/lib/server/workflow/canonical';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const APPEND_ONLY =
	'Le journal des événements est en ajout seul : modification et suppression interdites.';

let t: TestDatabase;
let actorId: number;
let nextYear = 2030;
let clock = Date.parse('2026-11-28T09:00:00.000Z');

beforeAll(async () => {
	t = await createTestDatabase({ checkInvariants: false });
	const user = await t.db
		.insertInto('users')
		.values({ email: 'organisatrice@education.gouv.fr', name: 'Claire Martin', password_hash: 'x' })
		.returning('id')
		.executeTakeFirstOrThrow();
	actorId = user.id;
});
afterAll(async () => {
	await t?.close();
});

async function newEdition(): Promise<number> {
	const year = nextYear++;
	const row = await t.db
		.insertInto('editions')
		.values({ year, title: `Prix Impulsions ${year}` })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** A distinct instant with milliseconds, one step after the previous one. */
function tick(): Date {
	clock += 1_234;
	return new Date(clock);
}

/** One durable append: lock the edition, append, commit. */
async function append(editionId: number, event: Partial<NewEvent> = {}) {
	return t.db.transaction().execute(async (trx) => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) throw new Error('édition absente');
		return appendEvent(trx, {
			editionId,
			entity: 'edition',
			entityId: editionId,
			actorId,
			type: 'OPEN',
			from: 'draft',
			to: 'open',
			at: tick(),
			machineVersion: 1,
			...event
		});
	});
}

async function chainOf(editionId: number) {
	return t.db
		.selectFrom('events')
		.selectAll()
		.where('edition_id', '=', editionId)
		.orderBy('id')
		.execute();
}

/** Runs `statement` with the append-only trigger off, in one transaction (no window for anyone else). */
async function withoutTrigger(statement: (trx: Db) => Promise<unknown>) {
	await t.db.transaction().execute(async (trx) => {
		await sql`alter table events disable trigger events_append_only`.execute(trx);
		await statement(trx);
		await sql`alter table events enable trigger events_append_only`.execute(trx);
	});
}

describe(`event log (${process.env.TEST_DB})`, () => {
	it('chains each edition on its own when appends to two editions interleave', async () => {
		const a = await newEdition();
		const b = await newEdition();
		const appended: Record<number, string[]> = { [a]: [], [b]: [] };
		for (let i = 0; i < 4; i++)
			for (const edition of [a, b])
				appended[edition].push(
					(await append(edition, { type: `STEP_${i}`, payload: { step: i } })).hash
				);

		for (const edition of [a, b]) {
			const rows = await chainOf(edition);
			expect(rows.map((r) => r.hash)).toEqual(appended[edition]);
			expect(rows[0].prev_hash).toBeNull();
			for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
			expect(await verifyChain(t.db, edition)).toEqual({
				ok: true,
				length: 4,
				fingerprint: appended[edition][3]
			});
			expect(await editionFingerprint(t.db, edition)).toBe(appended[edition][3]);
		}
		// Independent: no row of one chain points into the other.
		const hashesOfA = new Set(appended[a]);
		for (const row of await chainOf(b)) expect(hashesOfA.has(row.prev_hash ?? '')).toBe(false);
	});

	it('has no fingerprint and an empty valid chain for an edition without events', async () => {
		const edition = await newEdition();
		expect(await editionFingerprint(t.db, edition)).toBeNull();
		expect(await verifyChain(t.db, edition)).toEqual({ ok: true, length: 0, fingerprint: null });
	});

	it('stores the hashed content exactly: the time to the millisecond, the payload, the versions', async () => {
		const edition = await newEdition();
		const at = new Date('2027-03-14T15:09:26.535Z');
		const payload = { motif: 'Dossier complet', note: 12.5, pièces: ['a.pdf', 'b.pdf'], vide: {} };
		const { id, hash } = await append(edition, { at, payload, machineVersion: 3 });
		const row = await t.db
			.selectFrom('events')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.created_at.toISOString()).toBe('2027-03-14T15:09:26.535Z');
		expect(row.payload).toEqual(payload);
		expect(row.machine_version).toBe(3);
		expect(row.hash).toBe(hash);
		const content: EventContent = {
			editionId: edition,
			entity: 'edition',
			entityId: edition,
			actorId,
			type: 'OPEN',
			from: 'draft',
			to: 'open',
			payload,
			createdAt: '2027-03-14T15:09:26.535Z',
			machineVersion: 3,
			prevHash: null,
			salt: row.salt ?? undefined
		};
		expect(row.salt).toMatch(/^[0-9a-f]{32}$/);
		expect(eventHash(content)).toBe(hash);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		// Without its private salt, the content alone no longer gives the hash.
		expect(eventHash({ ...content, salt: undefined })).not.toBe(hash);
	});

	it('draws a new salt for every event', async () => {
		const edition = await newEdition();
		await append(edition);
		await append(edition);
		const salts = (await chainOf(edition)).map((row) => row.salt);
		expect(salts).toHaveLength(2);
		expect(salts[0]).not.toBe(salts[1]);
	});

	it('verifies events written before salts existed (no salt) followed by salted ones', async () => {
		const edition = await newEdition();
		const content: EventContent = {
			editionId: edition,
			entity: 'edition',
			entityId: edition,
			actorId: null,
			type: 'OPEN',
			from: 'draft',
			to: 'open',
			payload: {},
			createdAt: '2026-11-30T10:00:00.000Z',
			machineVersion: 1,
			prevHash: null
		};
		await t.db
			.insertInto('events')
			.values({
				edition_id: edition,
				entity: 'edition',
				entity_id: edition,
				actor_id: null,
				type: 'OPEN',
				from_state: 'draft',
				to_state: 'open',
				payload: '{}',
				created_at: content.createdAt,
				prev_hash: null,
				hash: eventHash(content),
				machine_version: 1
			})
			.execute();
		const { hash } = await append(edition);
		const rows = await chainOf(edition);
		expect(rows.map((row) => row.salt === null)).toEqual([true, false]);
		expect(await verifyChain(t.db, edition)).toEqual({ ok: true, length: 2, fingerprint: hash });
	});

	it('defaults the payload to an empty object and accepts a system event without actor', async () => {
		const edition = await newEdition();
		const { id } = await append(edition, { actorId: null, payload: undefined });
		const row = await t.db
			.selectFrom('events')
			.select(['payload', 'actor_id'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ payload: {}, actor_id: null });
		expect((await verifyChain(t.db, edition)).ok).toBe(true);
	});

	it("lists one entity's history in order, with the actor's name, apart from the other entities", async () => {
		const edition = await newEdition();
		const entry = await t.db
			.insertInto('entries')
			.values({ edition_id: edition, title: 'Robotique au collège' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await append(edition, {
			entity: 'entry',
			entityId: entry.id,
			type: 'SUBMIT',
			from: 'draft',
			to: 'submitted'
		});
		await append(edition, { type: 'CLOSE', from: 'open', to: 'eligibility' });
		await append(edition, {
			entity: 'entry',
			entityId: entry.id,
			actorId: null,
			type: 'DECLARE_ELIGIBLE',
			from: 'submitted',
			to: 'eligible',
			payload: { motif: 'Conforme au règlement' }
		});

		const history = await entityEvents(t.db, 'entry', entry.id);
		expect(history.map((e) => [e.type, e.from_state, e.to_state, e.actor_name])).toEqual([
			['SUBMIT', 'draft', 'submitted', 'Claire Martin'],
			['DECLARE_ELIGIBLE', 'submitted', 'eligible', null]
		]);
		expect(history[1].payload).toEqual({ motif: 'Conforme au règlement' });
		expect((await entityEvents(t.db, 'edition', edition)).map((e) => e.type)).toEqual(['CLOSE']);
	});

	it('locks and returns the edition with its calendar, or undefined when it does not exist', async () => {
		const edition = await newEdition();
		const row = await t.db.transaction().execute((trx) => lockEdition(trx, edition));
		expect(row).toMatchObject({
			id: edition,
			phase: 'draft',
			version: 0,
			machine_version: 1,
			snapshot: null,
			eligibility_at: null,
			final_at: null,
			min_trial_reports: 2,
			conflict_same_academie: false
		});
		expect(await t.db.transaction().execute((trx) => lockEdition(trx, 999_999))).toBeUndefined();
	});

	it('refuses to append outside a transaction, or to an edition that does not exist', async () => {
		const edition = await newEdition();
		const event: NewEvent = {
			editionId: edition,
			entity: 'edition',
			entityId: edition,
			actorId,
			type: 'OPEN',
			from: 'draft',
			to: 'open',
			at: tick(),
			machineVersion: 1
		};
		await expect(appendEvent(t.db, event)).rejects.toThrow('dans une transaction');
		await expect(
			t.db.transaction().execute((trx) => appendEvent(trx, { ...event, editionId: 999_999 }))
		).rejects.toThrow("L'édition 999999 n'existe pas.");
		expect(await editionFingerprint(t.db, edition)).toBeNull();
	});

	it('is refused an UPDATE by the database, with the French message', async () => {
		const edition = await newEdition();
		const { id } = await append(edition);
		await expect(
			sql`update events set to_state = 'archived' where id = ${id}`.execute(t.db)
		).rejects.toThrow(APPEND_ONLY);
		await expect(
			sql`update events set payload = '{"x":1}' where edition_id = ${edition}`.execute(t.db)
		).rejects.toThrow(APPEND_ONLY);
		expect((await chainOf(edition))[0].to_state).toBe('open');
	});

	it('is refused a DELETE by the database, with the French message', async () => {
		const edition = await newEdition();
		const { id } = await append(edition);
		await expect(sql`delete from events where id = ${id}`.execute(t.db)).rejects.toThrow(
			APPEND_ONLY
		);
		// Nor through its edition: the foreign key has no cascade.
		await expect(t.db.deleteFrom('editions').where('id', '=', edition).execute()).rejects.toThrow();
		expect(await chainOf(edition)).toHaveLength(1);
	});

	it('is refused a TRUNCATE by the database, with the French message', async () => {
		const edition = await newEdition();
		await append(edition);
		await expect(sql`truncate events`.execute(t.db)).rejects.toThrow(APPEND_ONLY);
		expect(await chainOf(edition)).toHaveLength(1);
	});

	it('detects a payload changed behind the trigger, naming that row', async () => {
		const edition = await newEdition();
		for (let i = 0; i < 3; i++) await append(edition, { payload: { note: 10 + i } });
		const target = (await chainOf(edition))[1];
		await withoutTrigger((trx) =>
			sql`update events set payload = '{"note": 20}' where id = ${target.id}`.execute(trx)
		);
		expect(await verifyChain(t.db, edition)).toEqual({
			ok: false,
			brokenAt: {
				id: target.id,
				reason: "Contenu modifié : l'événement ne correspond plus à son empreinte."
			}
		});
	});

	it('detects a changed to_state, and a row rehashed to match, at the next link', async () => {
		const edition = await newEdition();
		for (let i = 0; i < 3; i++) await append(edition, { type: `STEP_${i}` });
		const [first, second, third] = await chainOf(edition);
		await withoutTrigger((trx) =>
			sql`update events set to_state = 'published' where id = ${second.id}`.execute(trx)
		);
		const check = await verifyChain(t.db, edition);
		expect(check).toMatchObject({ ok: false, brokenAt: { id: second.id } });

		// A forger who also recomputes the row's hash moves the break to the next row's link.
		const rehashed = eventHash({
			editionId: edition,
			entity: 'edition',
			entityId: edition,
			actorId,
			type: second.type,
			from: second.from_state,
			to: 'published',
			payload: second.payload,
			createdAt: second.created_at.toISOString(),
			machineVersion: second.machine_version,
			prevHash: first.hash,
			salt: second.salt ?? undefined
		});
		await withoutTrigger((trx) =>
			sql`update events set hash = ${rehashed} where id = ${second.id}`.execute(trx)
		);
		const after = await verifyChain(t.db, edition);
		expect(after).toMatchObject({ ok: false, brokenAt: { id: third.id } });
		if (!after.ok) expect(after.brokenAt.reason).toContain(`n° ${second.id}`);
	});

	it('detects a deleted middle row as a broken prev_hash link on the next row', async () => {
		const edition = await newEdition();
		for (let i = 0; i < 4; i++) await append(edition, { type: `STEP_${i}` });
		const rows = await chainOf(edition);
		await withoutTrigger((trx) => sql`delete from events where id = ${rows[1].id}`.execute(trx));
		const check = await verifyChain(t.db, edition);
		expect(check).toEqual({
			ok: false,
			brokenAt: {
				id: rows[2].id,
				reason: `Chaîne rompue : l'empreinte du prédécesseur enregistrée ne correspond pas à celle de l'événement n° ${rows[0].id}, qui le précède.`
			}
		});
	});

	it('detects a deleted first row: the new first row names a missing predecessor', async () => {
		const edition = await newEdition();
		for (let i = 0; i < 2; i++) await append(edition, { type: `STEP_${i}` });
		const rows = await chainOf(edition);
		await withoutTrigger((trx) => sql`delete from events where id = ${rows[0].id}`.execute(trx));
		const check = await verifyChain(t.db, edition);
		expect(check).toMatchObject({ ok: false, brokenAt: { id: rows[1].id } });
		if (!check.ok) expect(check.brokenAt.reason).toContain('prédécesseur absent');
	});

	it('refuses a fork: two rows after the same hash, or two first rows, cannot both be stored', async () => {
		const edition = await newEdition();
		const first = await append(edition);
		const row = (await chainOf(edition))[0];
		const insertCopy = (prevHash: string | null, hash: string) =>
			t.db
				.insertInto('events')
				.values({
					edition_id: edition,
					entity: 'edition',
					entity_id: edition,
					actor_id: actorId,
					type: 'OPEN',
					from_state: 'draft',
					to_state: 'open',
					payload: '{}',
					created_at: row.created_at,
					prev_hash: prevHash,
					hash,
					machine_version: 1
				})
				.execute();
		await append(edition, { type: 'CLOSE' });
		await expect(insertCopy(first.hash, 'f'.repeat(64))).rejects.toThrow();
		await expect(insertCopy(null, 'e'.repeat(64))).rejects.toThrow();
		expect((await verifyChain(t.db, edition)).ok).toBe(true);
	});

	it('hashes the same content the same whatever the order of its keys, nested objects included', async () => {
		const base: Omit<EventContent, 'payload'> = {
			editionId: 1,
			entity: 'entry',
			entityId: 7,
			actorId: 3,
			type: 'SUBMIT',
			from: 'draft',
			to: 'submitted',
			createdAt: '2027-01-02T03:04:05.678Z',
			machineVersion: 1,
			prevHash: null
		};
		const one = { b: 1, a: { z: [{ y: 2, x: 1 }], c: 'é' } };
		const other = { a: { c: 'é', z: [{ x: 1, y: 2 }] }, b: 1 };
		expect(eventHash({ ...base, payload: one })).toBe(eventHash({ ...base, payload: other }));
		expect(eventHash({ ...base, payload: one })).not.toBe(
			eventHash({ ...base, payload: { ...one, b: 2 } })
		);
		// The content's own keys are sorted too: the object literal's order does not matter.
		const reversed = Object.fromEntries(Object.entries({ ...base, payload: one }).reverse());
		expect(eventHash(reversed as unknown as EventContent)).toBe(
			eventHash({ ...base, payload: one })
		);
		expect(canonicalJson(other)).toBe('{"a":{"c":"é","z":[{"x":1,"y":2}]},"b":1}');
	});

	it('verifies a payload that jsonb stores in another key order and number form', async () => {
		const edition = await newEdition();
		// jsonb sorts keys by length first and rewrites numbers: the hash must not depend on either.
		const payload = { zzz: 1e-7, a: { bb: 2, c: [3, { yy: 0.1, x: 1e21 }] }, ab: 'ü', '': true };
		await append(edition, { payload });
		const [row] = await chainOf(edition);
		expect(row.payload).toEqual(payload);
		expect(await verifyChain(t.db, edition)).toMatchObject({ ok: true, length: 1 });
	});

	it('keeps the chain valid under 20 concurrent appends to the same edition', async () => {
		const edition = await newEdition();
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => append(edition, { type: `CONCURRENT_${i}` }))
		);
		expect(new Set(results.map((r) => r.hash)).size).toBe(20);
		const check = await verifyChain(t.db, edition);
		expect(check).toMatchObject({ ok: true, length: 20 });
		const last = results.reduce((a, b) => (a.id > b.id ? a : b));
		expect(check.ok && check.fingerprint).toBe(last.hash);
	});

	it('verifies a chain longer than one batch, and finds a change in a later batch', async () => {
		const edition = await newEdition();
		const start = Date.parse('2027-06-01T00:00:00.000Z');
		const rows = [];
		let prevHash: string | null = null;
		for (let i = 0; i < 2_345; i++) {
			const content: EventContent = {
				editionId: edition,
				entity: 'edition',
				entityId: edition,
				actorId: null,
				type: 'NOTE',
				from: 'open',
				to: 'open',
				payload: { i },
				createdAt: new Date(start + i).toISOString(),
				machineVersion: 1,
				prevHash
			};
			const hash = eventHash(content);
			rows.push({
				edition_id: edition,
				entity: 'edition' as const,
				entity_id: edition,
				actor_id: null,
				type: 'NOTE',
				from_state: 'open',
				to_state: 'open',
				payload: JSON.stringify({ i }),
				created_at: content.createdAt,
				prev_hash: prevHash,
				hash,
				machine_version: 1
			});
			prevHash = hash;
		}
		for (let i = 0; i < rows.length; i += 500)
			await t.db
				.insertInto('events')
				.values(rows.slice(i, i + 500))
				.execute();
		expect(await verifyChain(t.db, edition)).toEqual({
			ok: true,
			length: 2_345,
			fingerprint: prevHash
		});
		const target = (await chainOf(edition))[1_500];
		await withoutTrigger((trx) =>
			sql`update events set payload = '{"i": -1}' where id = ${target.id}`.execute(trx)
		);
		expect(await verifyChain(t.db, edition)).toMatchObject({
			ok: false,
			brokenAt: { id: target.id }
		});
	});
});
