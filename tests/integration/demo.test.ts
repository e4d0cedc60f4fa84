import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfDocument, pngPicture } from '../../db/seed/demo';
import { DEMO_DOSSIERS, DEMO_ETABLISSEMENTS } from '../../db/seed/demo-dossiers';
import { DOSSIER_TEXT_FIELDS, missingForSubmission } from '../../src/lib/domain/dossier';
import { academieOfUai, uaiProblem } from '../../src/lib/domain/uai';
import { lastChangeRequest, savedDossierOf } from '../../src/lib/server/db/dossiers';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { attachmentProblem, sniffFileType } from '../../src/lib/server/files/sniff';
import { ENTRY_STATES } from '../../src/lib/server/workflow/rules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { workflowInvariantViolations } from '../helpers/invariants';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	expect(await seedDemoIfEmpty(t.db, { print: false })).toBe(true);
});
afterAll(async () => {
	await t?.close();
});

describe('the demo', () => {
	it('holds editions in several phases', async () => {
		const editions = await t.db.selectFrom('editions').select('phase').orderBy('year').execute();
		expect(editions.map((e) => e.phase)).toEqual(['published', 'trial', 'eligibility']);
	});

	it('holds candidatures in every state', async () => {
		const states = await t.db.selectFrom('entries').select('state').distinct().execute();
		expect(states.map((s) => s.state).sort()).toEqual([...ENTRY_STATES].sort());
	});

	it('reached every state through the workflow: logs, versions and chains agree', async () => {
		expect(await workflowInvariantViolations(t.db)).toEqual([]);
		const events = await t.db
			.selectFrom('events')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(events.n)).toBeGreaterThan(50);
	});

	it('has laureates with their awards in the published edition', async () => {
		const laureates = await t.db
			.selectFrom('entries')
			.select(['award'])
			.where('state', '=', 'laureate')
			.execute();
		expect(laureates.map((l) => l.award).sort()).toEqual(['mention', 'prize', 'prize', 'prize']);
	});

	it('is not filled twice', async () => {
		expect(await seedDemoIfEmpty(t.db, { print: false })).toBe(false);
	});
});

/** Problems of a PDF's structure: header, cross-reference table, trailer. */
function pdfProblems(bytes: Uint8Array): string[] {
	const text = Buffer.from(bytes).toString('latin1');
	const problems: string[] = [];
	if (!text.startsWith('%PDF-1.')) problems.push('no header');
	if (!text.endsWith('%%EOF\n')) problems.push('no end marker');
	const startxref = Number(text.match(/startxref\n(\d+)\n%%EOF\n$/)?.[1]);
	if (!text.startsWith('xref\n', startxref)) return [...problems, `no xref at ${startxref}`];
	const [, first, count] = text.slice(startxref).match(/^xref\n(\d+) (\d+)\n/) ?? [];
	if (first !== '0') problems.push('xref does not start at object 0');
	const entries = text
		.slice(startxref)
		.split('\n')
		.slice(2, 2 + Number(count));
	entries.forEach((entry, i) => {
		if (entry.length !== 19) problems.push(`xref entry ${i} is not 20 bytes`);
		if (i === 0) return;
		const offset = Number(entry.slice(0, 10));
		if (!text.startsWith(`${i} 0 obj\n`, offset)) problems.push(`object ${i} not at ${offset}`);
	});
	const size = Number(text.match(/trailer\n<< \/Size (\d+) \/Root 1 0 R/)?.[1]);
	if (size !== Number(count)) problems.push(`trailer size ${size}, xref ${count}`);
	for (const match of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
		const end = match.index + match[0].length + Number(match[1]);
		if (!text.startsWith('\nendstream', end)) problems.push('stream length wrong');
	}
	return problems;
}

/** Problems of a PNG: signature, chunk checksums, image data of the declared size. */
function pngProblems(bytes: Uint8Array): string[] {
	const buffer = Buffer.from(bytes);
	const problems: string[] = [];
	if (!buffer.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
		problems.push('no signature');
	const types: string[] = [];
	const data: Buffer[] = [];
	let width = 0;
	let height = 0;
	for (let at = 8; at < buffer.length;) {
		const length = buffer.readUInt32BE(at);
		const type = buffer.toString('ascii', at + 4, at + 8);
		const body = buffer.subarray(at + 8, at + 8 + length);
		if (crc32(buffer.subarray(at + 4, at + 8 + length)) !== buffer.readUInt32BE(at + 8 + length))
			problems.push(`bad CRC in ${type}`);
		if (type === 'IHDR') [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
		if (type === 'IDAT') data.push(body);
		types.push(type);
		at += 12 + length;
	}
	if (types[0] !== 'IHDR' || types.at(-1) !== 'IEND') problems.push(`chunks ${types.join(',')}`);
	const pixels = inflateSync(Buffer.concat(data));
	if (pixels.length !== height * (1 + width * 3)) problems.push('image data of the wrong size');
	return problems;
}

/** CRC-32 as PNG computes it, written out here rather than taken from the seed's zlib. */
function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

describe('the demo dossiers', () => {
	const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

	it('uses valid UAI codes only', () => {
		for (const etablissement of DEMO_ETABLISSEMENTS)
			expect(uaiProblem(etablissement.uai), etablissement.name).toBeNull();
	});

	it('gives every submitted candidature a complete dossier within the limits', async () => {
		const entries = await t.db
			.selectFrom('entries')
			.selectAll()
			.where('state', '!=', 'draft')
			.orderBy('id')
			.execute();
		expect(entries.length).toBeGreaterThan(15);
		for (const entry of entries) {
			const dossier = await savedDossierOf(t.db, entry.id);
			expect(missingForSubmission(dossier!), entry.title).toEqual([]);
			expect(entry.academie, entry.title).toBe(academieOfUai(entry.uai!)?.academie);
			for (const field of DOSSIER_TEXT_FIELDS)
				expect(entry[field.name].length, `${entry.title}: ${field.name}`).toBeLessThanOrEqual(
					field.max
				);
			const members = await t.db
				.selectFrom('entry_members')
				.select('publish_name')
				.where('entry_id', '=', entry.id)
				.execute();
			// Every member of a team decides the same way in the demo.
			expect(new Set(members.map((m) => m.publish_name)).size, entry.title).toBe(1);
		}
		// The texts are each candidature's own.
		expect(new Set(entries.map((e) => e.problem)).size).toBe(entries.length);
		expect(new Set(entries.map((e) => e.results)).size).toBe(entries.length);
	});

	it('gives every submitted candidature one to three real files, stored with their SHA-256', async () => {
		const entries = await t.db
			.selectFrom('entries')
			.select(['id', 'title'])
			.where('state', '!=', 'draft')
			.execute();
		const attachments = await t.db
			.selectFrom('attachments')
			.select(['entry_id', 'file_name', 'mime', 'size', 'sha256', 'content', 'uploaded_by'])
			.execute();
		for (const entry of entries) {
			const files = attachments.filter((a) => a.entry_id === entry.id);
			expect(files.length, entry.title).toBeGreaterThanOrEqual(1);
			expect(files.length, entry.title).toBeLessThanOrEqual(3);
		}
		const mimes = new Set<string>();
		for (const file of attachments) {
			const where = file.file_name;
			const content = new Uint8Array(file.content);
			expect(file.sha256, where).toBe(sha256(content));
			expect(file.size, where).toBe(content.length);
			expect(file.size, where).toBeLessThan(5_000);
			expect(sniffFileType(content)?.mime, where).toBe(file.mime);
			expect(file.file_name.endsWith(`.${sniffFileType(content)?.extension}`), where).toBe(true);
			expect(attachmentProblem(file.file_name, content, 0), where).toBeNull();
			expect(file.mime === 'application/pdf' ? pdfProblems(content) : pngProblems(content)).toEqual(
				[]
			);
			const member = await t.db
				.selectFrom('entry_members')
				.select('role')
				.where('entry_id', '=', file.entry_id)
				.where('user_id', '=', file.uploaded_by!)
				.executeTakeFirst();
			expect(member, `${where} was uploaded by a team member`).toBeDefined();
			mimes.add(file.mime);
		}
		expect([...mimes].sort()).toEqual(['application/pdf', 'image/png']);
	});

	it('writes PDF and PNG files that readers accept', () => {
		const pdf = pdfDocument('Un titre (avec parenthèses) \\ et œuvre', 'Sous-titre — test', [
			{ text: 'Libellé', bold: true },
			{ text: 'Un paragraphe. '.repeat(30) }
		]);
		expect(pdfProblems(pdf)).toEqual([]);
		expect(sniffFileType(pdf)?.mime).toBe('application/pdf');
		const png = pngPicture({ bars: [3, 1, 2] });
		expect(pngProblems(png)).toEqual([]);
		expect(sniffFileType(png)?.mime).toBe('image/png');
	});

	it('has drafts in the next edition, one nearly complete and one barely started', async () => {
		const drafts = await t.db
			.selectFrom('entries as e')
			.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
			.select(['e.id', 'e.title', 'ed.phase'])
			.where('e.state', '=', 'draft')
			.execute();
		expect(drafts.length).toBeGreaterThanOrEqual(2);
		const missing: number[] = [];
		for (const draft of drafts) {
			expect(draft.phase).toBe('eligibility');
			const lacking = missingForSubmission((await savedDossierOf(t.db, draft.id))!);
			expect(lacking.length, draft.title).toBeGreaterThan(0);
			missing.push(lacking.length);
		}
		expect(Math.min(...missing)).toBeLessThanOrEqual(3);
		expect(Math.max(...missing)).toBeGreaterThanOrEqual(8);
		// Every demo candidature has its dossier, drafts included.
		const titles = await t.db.selectFrom('entries').select('title').execute();
		expect(titles.map((e) => e.title).sort()).toEqual(Object.keys(DEMO_DOSSIERS).sort());
	});

	it('has a request for changes with its message and due date in the event log', async () => {
		const waiting = await t.db
			.selectFrom('entries as e')
			.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
			.select(['e.id', 'ed.phase'])
			.where('e.state', '=', 'changesRequested')
			.execute();
		expect(waiting.length).toBeGreaterThanOrEqual(1);
		for (const entry of waiting) {
			expect(entry.phase).toBe('eligibility');
			const request = await lastChangeRequest(t.db, entry.id);
			expect(request?.reason).toMatch(/^Merci de .{20,}/);
			expect(new Date(request!.dueAt!).getTime()).toBeGreaterThan(Date.now());
			const event = await t.db
				.selectFrom('events')
				.select(['payload', 'to_state'])
				.where('entity', '=', 'entry')
				.where('entity_id', '=', entry.id)
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
			expect(event.to_state).toBe('changesRequested');
			expect(event.payload).toEqual({ reason: request!.reason, dueAt: request!.dueAt });
		}
	});

	it('answers a request for changes with a file, before resubmitting', async () => {
		const events = await t.db
			.selectFrom('events')
			.select(['entity_id', 'type', 'created_at'])
			.where('entity', '=', 'entry')
			.where('type', 'in', ['REQUEST_CHANGES', 'RESUBMIT'])
			.orderBy('id')
			.execute();
		const resubmitted = events.filter((e) => e.type === 'RESUBMIT');
		expect(resubmitted.length).toBeGreaterThanOrEqual(1);
		for (const resubmit of resubmitted) {
			const request = events.findLast(
				(e) => e.entity_id === resubmit.entity_id && e.type === 'REQUEST_CHANGES'
			)!;
			const answers = await t.db
				.selectFrom('attachments')
				.select('file_name')
				.where('entry_id', '=', resubmit.entity_id)
				.where('created_at', '>', request.created_at)
				.where('created_at', '<', resubmit.created_at)
				.execute();
			expect(answers.map((a) => a.file_name)).toEqual(['Bilan-de-la-première-rentrée.pdf']);
		}
	});
});

describe('the invariants check', () => {
	it('notices a state written around the workflow', async () => {
		const other = await createTestDatabase({ checkInvariants: false });
		try {
			await seedDemoIfEmpty(other.db, { print: false });
			const entry = await other.db
				.selectFrom('entries')
				.select('id')
				.where('state', '=', 'submitted')
				.executeTakeFirstOrThrow();
			await other.db
				.updateTable('entries')
				.set({ state: 'eligible' })
				.where('id', '=', entry.id)
				.execute();
			expect(await workflowInvariantViolations(other.db)).toEqual([
				`entry ${entry.id}: state eligible but last event to submitted`
			]);
		} finally {
			await other.close();
		}
	});
});
