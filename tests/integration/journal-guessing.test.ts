// Issue 16: the public journal must not let anyone recover a hidden event by guessing its content.
// This is the brute force that, on the plain SHA-256 of the content, recovered 16 of the 48 hidden
// events of the demo's current edition in about 5 seconds: for each hidden link of journal.json, every
// entry id, every actor seen in the published contents (the organisers) or none, every event an entry
// state answers to, every target state, the plausible payloads and versions, at the date and after the
// previous hash exactly as published. With a private random salt per event it must recover nothing —
// and the same search given the salts (a control) recovers what the plain hash let through, so the
// search itself is sound.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPublicEditionId, publicChain } from '../../src/lib/server/db/public-editions';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { publicJournal, type PublicJournal } from '../../src/lib/server/opendata/journal';
import { EDITION_MACHINE_VERSION } from '../../src/lib/server/workflow/edition.machine';
import {
	ENTRY_MACHINE_VERSION,
	entryEventsFrom
} from '../../src/lib/server/workflow/entry.machine';
import { eventHash } from '../../src/lib/server/workflow/event-log';
import { ENTRY_STATES } from '../../src/lib/server/workflow/rules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let journal: PublicJournal;
let editionId: number;
let maxEntryId: number;
let maxUserId: number;
beforeAll(async () => {
	t = await createTestDatabase();
	expect(await seedDemoIfEmpty(t.db, { print: false })).toBe(true);
	const year = new Date().getFullYear();
	const edition = await findPublicEditionId(t.db, year);
	if (!edition) throw new Error(`no public ${year} edition in the demo`);
	editionId = edition.id;
	journal = publicJournal(year, await publicChain(t.db, edition.id));
	const { max } = await t.db
		.selectFrom('entries')
		.select((eb) => eb.fn.max('id').as('max'))
		.executeTakeFirstOrThrow();
	maxEntryId = Number(max);
	const users = await t.db
		.selectFrom('users')
		.select((eb) => eb.fn.max('id').as('max'))
		.executeTakeFirstOrThrow();
	maxUserId = Number(users.max);
}, 120_000);
afterAll(async () => {
	await t?.close();
});

/** The canonical JSON of an event's content, written directly (keys in sorted order) to go fast. */
function contentText(c: {
	actorId: number | null;
	createdAt: string;
	editionId: number;
	entity: string;
	entityId: number;
	from: string;
	machineVersion: number;
	payload: string;
	prevHash: string | null;
	salt?: string;
	to: string;
	type: string;
}): string {
	return (
		`{"actorId":${c.actorId === null ? 'null' : c.actorId},"createdAt":${JSON.stringify(c.createdAt)},` +
		`"editionId":${c.editionId},"entity":${JSON.stringify(c.entity)},"entityId":${c.entityId},` +
		`"from":${JSON.stringify(c.from)},"machineVersion":${c.machineVersion},"payload":${c.payload},` +
		`"prevHash":${c.prevHash === null ? 'null' : JSON.stringify(c.prevHash)},` +
		(c.salt === undefined ? '' : `"salt":${JSON.stringify(c.salt)},`) +
		`"to":${JSON.stringify(c.to)},"type":${JSON.stringify(c.type)}}`
	);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The brute force over every hidden link. `saltOf` is the control: the salts the attacker does not
 * have (undefined: guess without one, as the public can).
 */
function bruteForce(saltOf: (rank: number) => string | undefined): string[] {
	const actors = [
		null,
		...new Set(journal.chaine.flatMap((l) => (l.contenu?.actorId ? [l.contenu.actorId] : [])))
	];
	type Move = { from: string; type: string; to: string };
	const moves: Move[] = ENTRY_STATES.flatMap((from) =>
		entryEventsFrom(from).flatMap((type) => ENTRY_STATES.map((to) => ({ from, type, to })))
	);
	const payloads = ['{}', '{"award":"prize"}', '{"award":"mention"}'];
	// A team's own moves, by any user id: what they lead to is known from the machine.
	const teamMoves: Move[] = ENTRY_STATES.flatMap((from) =>
		entryEventsFrom(from).flatMap((type): Move[] =>
			type === 'SUBMIT' || type === 'RESUBMIT'
				? [{ from, type, to: 'submitted' }]
				: type === 'WITHDRAW'
					? [{ from, type, to: 'withdrawn' }]
					: []
		)
	);
	const guesses = [
		...actors.flatMap((actorId) =>
			moves.flatMap((move) => payloads.map((payload) => ({ actorId, payload, ...move })))
		),
		...Array.from({ length: maxUserId }, (_, i) => i + 1).flatMap((actorId) =>
			teamMoves.map((move) => ({ actorId, payload: '{}', ...move }))
		)
	];
	const recovered: string[] = [];
	for (const link of journal.chaine) {
		if (link.contenu) continue;
		const salt = saltOf(link.rang);
		search: for (let entityId = 1; entityId <= maxEntryId; entityId++)
			for (const guess of guesses) {
				const text = contentText({
					actorId: guess.actorId,
					createdAt: link.date,
					editionId,
					entity: 'entry',
					entityId,
					from: guess.from,
					machineVersion: ENTRY_MACHINE_VERSION,
					payload: guess.payload,
					prevHash: link.empreinte_precedente,
					salt,
					to: guess.to,
					type: guess.type
				});
				if (sha256(text) === link.empreinte) {
					recovered.push(`rang ${link.rang} : candidature ${entityId} ${guess.type}`);
					break search;
				}
			}
	}
	return recovered;
}

describe('the public journal of the demo’s current edition', () => {
	it('writes contents the way eventHash hashes them (the brute force’s own check)', () => {
		const published = journal.chaine.find((l) => l.contenu !== null)?.contenu;
		expect(published).toBeTruthy();
		const c = published!;
		const text = contentText({ ...c, payload: JSON.stringify(c.payload) });
		expect(sha256(text)).toBe(eventHash(c));
		expect(c.machineVersion).toBe(EDITION_MACHINE_VERSION);
	});

	it('lets no hidden event be recovered by guessing its content', () => {
		const hidden = journal.chaine.filter((l) => l.contenu === null).length;
		expect(hidden).toBeGreaterThan(10);
		const started = performance.now();
		const recovered = bruteForce(() => undefined);
		console.info(
			`Brute force: ${recovered.length} of ${hidden} hidden events recovered in ${Math.round(performance.now() - started)} ms` +
				(recovered.length ? ` (${recovered.slice(0, 5).join(' ; ')}…)` : '')
		);
		expect(recovered).toEqual([]);
	}, 120_000);

	it('recovers hidden events given their private salts (the search is sound)', async () => {
		const rows = await t.db
			.selectFrom('events')
			.select(['id', 'salt'])
			.where('edition_id', '=', editionId)
			.orderBy('id')
			.execute();
		const recovered = bruteForce((rank) => rows[rank - 1].salt ?? undefined);
		expect(recovered.length).toBeGreaterThanOrEqual(10);
	}, 120_000);
});
