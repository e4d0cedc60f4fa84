// The procès-verbal PDF (src/lib/server/pdf/minutes.ts) for a small final round: two finalists scored
// by two jurors, a recusal, the decisions with their rationale, and the event log's fingerprint.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	minutesBuffer,
	minutesData,
	minutesFileName,
	winAnsi
} from '../../src/lib/server/pdf/minutes';
import { recordDecision } from '../../src/lib/server/workflow/deliberation';
import { editionFingerprint } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let edition: number;
let organiser: number;
const entries: number[] = [];

beforeAll(async () => {
	t = await createTestDatabase();
	edition = (
		await t.db
			.insertInto('editions')
			.values({ year: 2087, title: 'Prix Impulsions 2087', phase: 'deliberation' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	const users = await t.db
		.insertInto('users')
		.values([
			{ email: 'orga@education.gouv.fr', name: 'Orga', password_hash: 'x', is_organiser: true },
			{ email: 'a@jury.fr', name: 'Anne Arnaud', password_hash: 'x' },
			{ email: 'b@jury.fr', name: 'Benoît Bœuf', password_hash: 'x' },
			{ email: 'c@jury.fr', name: 'Chloé Récusée', password_hash: 'x' }
		])
		.returning('id')
		.execute();
	organiser = users[0].id;
	const [a, b, c] = users.slice(1).map((u) => u.id);
	for (const title of ['Œuvres d’élèves en ligne', 'Cour « oasis »'])
		entries.push(
			(
				await t.db
					.insertInto('entries')
					.values({ edition_id: edition, title, state: 'finalist' })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id
		);
	const [impact, results] = await t.db
		.insertInto('criteria')
		.values([
			{
				edition_id: edition,
				round: 'final',
				position: 1,
				label: 'Impact pour les usagers',
				weight: 2
			},
			{
				edition_id: edition,
				round: 'final',
				position: 2,
				label: 'Résultats de la phase d’essai',
				weight: 1
			}
		])
		.returning('id')
		.execute();
	const levels: [number, number, number, number][] = [
		[a, entries[0], 4, 4],
		[b, entries[0], 3, 4],
		[a, entries[1], 2, 3],
		[b, entries[1], 1, 2]
	];
	for (const [juror, entry, l1, l2] of levels) {
		const { id } = await t.db
			.insertInto('reviews')
			.values({ entry_id: entry, round: 'final', juror_id: juror, status: 'submitted' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('scores')
			.values([
				{ review_id: id, criterion_id: impact.id, level: l1 },
				{ review_id: id, criterion_id: results.id, level: l2 }
			])
			.execute();
	}
	await t.db
		.insertInto('conflicts')
		.values({ entry_id: entries[1], juror_id: c, source: 'team', reason: 'Conjointe du porteur.' })
		.execute();
	const actor = { userId: organiser };
	expect(
		await recordDecision(
			t.db,
			edition,
			entries[0],
			'AWARD_PRIZE',
			'Essai concluant dans 12 écoles.',
			actor
		)
	).toMatchObject({ ok: true });
	expect(
		await recordDecision(
			t.db,
			edition,
			entries[1],
			'NOT_AWARDED',
			'Résultats encore trop partiels.',
			actor
		)
	).toMatchObject({ ok: true });
});

afterAll(async () => {
	await t?.close();
});

/** The text shown by an uncompressed PDFKit file: its TJ arrays of hex WinAnsi strings, one a line. */
function pdfText(pdf: Buffer): string {
	const source = pdf.toString('latin1');
	// Windows-1252 above 0x7F: 0x80–0x9F are these characters (� where undefined), the rest is Latin-1.
	const high = '€�‚ƒ„…†‡ˆ‰Š‹Œ�Ž��‘’“”•–—˜™š›œ�žŸ';
	const decode = (bytes: Buffer) =>
		[...bytes]
			.map((b) => (b >= 0x80 && b <= 0x9f ? high[b - 0x80] : String.fromCharCode(b)))
			.join('');
	const lines: string[] = [];
	for (const [, array] of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
		const hex = [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
		lines.push(decode(Buffer.from(hex, 'hex')));
	}
	return lines.join('\n');
}

describe('the procès-verbal', () => {
	it('gathers the round: criteria, scores, decisions with rationale, recusals, fingerprint', async () => {
		const data = await minutesData(t.db, edition, 'final');
		expect(data).not.toBeNull();
		expect(data!.criteria.map((c) => [c.label, c.weight])).toEqual([
			['Impact pour les usagers', 2],
			['Résultats de la phase d’essai', 1]
		]);
		expect(data!.entries.map((e) => [e.title, e.decision?.type, e.decision?.rationale])).toEqual([
			['Œuvres d’élèves en ligne', 'AWARD', 'Essai concluant dans 12 écoles.'],
			['Cour « oasis »', 'NOT_AWARDED', 'Résultats encore trop partiels.']
		]);
		expect(data!.entries[1].recusals).toEqual([
			expect.objectContaining({ jurorName: 'Chloé Récusée', reason: 'Conjointe du porteur.' })
		]);
		expect(data!.entries[0].scores).toMatchObject({ n: 2, rankRaw: 1 });
		expect(data!.chain).toMatchObject({
			ok: true,
			length: 2,
			fingerprint: await editionFingerprint(t.db, edition)
		});
		expect(await minutesData(t.db, 999_999, 'final')).toBeNull();
		expect(minutesFileName(2087, 'final')).toBe('proces-verbal-2087-final.pdf');
	});

	it('writes a PDF with the titles, scores, decisions, recusals and fingerprint', async () => {
		const data = (await minutesData(t.db, edition, 'final', new Date('2087-06-01T10:00:00Z')))!;
		const pdf = await minutesBuffer(data, { compress: false });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const text = pdfText(pdf);
		for (const expected of [
			'Procès-verbal de délibération du jury',
			'Prix Impulsions 2087',
			'jury final',
			'Impact pour les usagers',
			'Œuvres d’élèves en ligne',
			'Cour « oasis »',
			'lauréate — Prix',
			'Essai concluant dans 12 écoles.',
			'Résultats encore trop partiels.',
			'Chloé Récusée',
			data.chain.fingerprint!
		])
			expect(text.replace(/\n/g, ' ')).toContain(expected);
	});

	it('embeds Marianne when given, and replaces what Helvetica cannot show', async () => {
		const data = (await minutesData(t.db, edition, 'final'))!;
		const font = (name: string) =>
			readFileSync(`node_modules/@gouvfr/dsfr/dist/fonts/Marianne-${name}.woff`);
		const pdf = await minutesBuffer(data, {
			compress: false,
			fonts: { regular: font('Regular'), bold: font('Bold') }
		});
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+Marianne/);
		expect(winAnsi('œ « 12\u202f% » ≥ α €')).toBe('œ « 12\u00a0% » >= alpha €');
	});
});
