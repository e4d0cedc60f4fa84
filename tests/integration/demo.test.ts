import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, pdfDocument, pngPicture } from '../../db/seed/demo';
import { DEMO_DOSSIERS, DEMO_ETABLISSEMENTS } from '../../db/seed/demo-dossiers';
import { DOSSIER_TEXT_FIELDS, missingForSubmission } from '../../src/lib/domain/dossier';
import { academieOfUai, uaiProblem } from '../../src/lib/domain/uai';
import { ROUND_STATES } from '../../src/lib/server/db/assignments';
import { editionConflicts, jurorConflicted } from '../../src/lib/server/db/conflicts';
import { ROUNDS, listCriteria } from '../../src/lib/server/db/criteria';
import { lastChangeRequest, savedDossierOf } from '../../src/lib/server/db/dossiers';
import { teamFeedback } from '../../src/lib/server/db/feedback';
import { roundDecisions, roundEntries, roundRanking } from '../../src/lib/server/db/rankings';
import type { JuryRound } from '../../src/lib/server/db/schema';
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

describe('the demo jury', () => {
	const editions = () =>
		t.db
			.selectFrom('editions')
			.select([
				'id',
				'year',
				'phase',
				'jurors_per_entry',
				'preselection_at',
				'trial_starts_at',
				'final_at',
				'ceremony_at',
				'feedback_released_at'
			])
			.orderBy('year')
			.execute();
	/** The candidatures that went through the round: in its scope then, decided since. */
	const WENT_THROUGH: Record<JuryRound, string[]> = {
		preselection: [
			'shortlisted',
			'notShortlisted',
			'inTrial',
			'finalist',
			'laureate',
			'notAwarded'
		],
		final: ['laureate', 'notAwarded']
	};

	/**
	 * Per candidature of the edition in `states`: the jurors who could review it in the round (seated
	 * in it, within their expertise, not conflicted), and its reviews, with their number of scores.
	 */
	async function roundCoverage(editionId: number, round: JuryRound, states: string[]) {
		const entries = await t.db
			.selectFrom('entries as e')
			.where('e.edition_id', '=', editionId)
			.where('e.state', 'in', states)
			.select((eb) => [
				'e.id',
				'e.title',
				'e.state',
				eb
					.selectFrom('edition_jurors as j')
					.whereRef('j.edition_id', '=', 'e.edition_id')
					.where(round === 'final' ? 'j.final' : 'j.preselection', '=', true)
					.where(({ not }) => not(jurorConflicted('j.user_id', 'e.id')))
					.where(({ or, exists, not, selectFrom }) =>
						or([
							not(
								exists(
									selectFrom('juror_expertise as x')
										.whereRef('x.edition_id', '=', 'j.edition_id')
										.whereRef('x.user_id', '=', 'j.user_id')
										.select('x.category_id')
								)
							),
							exists(
								selectFrom('juror_expertise as x')
									.whereRef('x.edition_id', '=', 'j.edition_id')
									.whereRef('x.user_id', '=', 'j.user_id')
									.whereRef('x.category_id', '=', 'e.category_id')
									.select('x.category_id')
							)
						])
					)
					.select((sub) => sub.fn.countAll<number>().as('n'))
					.as('available')
			])
			.orderBy('e.id')
			.execute();
		const reviews = await t.db
			.selectFrom('reviews as r')
			.innerJoin('entries as e', 'e.id', 'r.entry_id')
			.where('e.edition_id', '=', editionId)
			.where('r.round', '=', round)
			.select((eb) => [
				'r.entry_id',
				'r.juror_id',
				'r.status',
				'r.submitted_at',
				'r.updated_at',
				'r.comment_team',
				'r.comment_jury',
				eb
					.selectFrom('scores as s')
					.whereRef('s.review_id', '=', 'r.id')
					.select((sub) => sub.fn.countAll<number>().as('n'))
					.as('scores')
			])
			.execute();
		const assignments = await t.db
			.selectFrom('assignments as a')
			.innerJoin('entries as e', 'e.id', 'a.entry_id')
			.where('e.edition_id', '=', editionId)
			.where('a.round', '=', round)
			.select(['a.entry_id', 'a.juror_id', 'a.manual'])
			.execute();
		return entries.map((e) => ({
			...e,
			available: Number(e.available),
			assignments: assignments.filter((a) => a.entry_id === e.id),
			reviews: reviews
				.filter((r) => r.entry_id === e.id)
				.map((r) => ({ ...r, scores: Number(r.scores) }))
		}));
	}

	it('gives every edition the criteria of both rounds', async () => {
		for (const edition of await editions()) {
			const criteria = await listCriteria(t.db, edition.id);
			for (const round of ROUNDS) {
				const inRound = criteria.filter((c) => c.round === round);
				expect(inRound.length, `${edition.year} ${round}`).toBe(round === 'final' ? 5 : 4);
				expect(inRound.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
				for (const c of inRound) expect(c.levels.length).toBe(c.scaleMax - c.scaleMin + 1);
			}
		}
	});

	it('seats the three demo jurors in every edition, with their établissement and expertise', async () => {
		for (const edition of await editions()) {
			const seats = await t.db
				.selectFrom('edition_jurors as j')
				.innerJoin('users as u', 'u.id', 'j.user_id')
				.where('j.edition_id', '=', edition.id)
				.select((eb) => [
					'u.email',
					'j.preselection',
					'j.final',
					'j.uai',
					'j.academie',
					eb
						.selectFrom('juror_expertise as x')
						.whereRef('x.edition_id', '=', 'j.edition_id')
						.whereRef('x.user_id', '=', 'j.user_id')
						.select((sub) => sub.fn.countAll<number>().as('n'))
						.as('expertise')
				])
				.orderBy('u.email')
				.execute();
			expect(seats.map((s) => s.email)).toEqual(DEMO_ACCOUNTS.jurors.map((j) => j.email).sort());
			for (const seat of seats) {
				expect(seat.preselection || seat.final, seat.email).toBe(true);
				expect(uaiProblem(seat.uai!), seat.email).toBeNull();
				expect(seat.academie, seat.email).toBe(academieOfUai(seat.uai!)?.academie);
			}
			const experts = seats.filter((s) => Number(s.expertise) > 0);
			expect(experts.length, String(edition.year)).toBe(1);
			expect(Number(experts[0].expertise)).toBeLessThanOrEqual(2);
		}
	});

	it('never assigns a juror to a candidature he is conflicted with, nor counts his review', async () => {
		const total = await t.db
			.selectFrom('assignments')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(total.n)).toBeGreaterThan(40);
		const conflicted = await t.db
			.selectFrom('assignments as a')
			.where(jurorConflicted('a.juror_id', 'a.entry_id'))
			.select(['a.entry_id', 'a.juror_id', 'a.round'])
			.execute();
		expect(conflicted).toEqual([]);
		const reviewed = await t.db
			.selectFrom('reviews as r')
			.where(jurorConflicted('r.juror_id', 'r.entry_id'))
			.select(['r.entry_id', 'r.juror_id'])
			.execute();
		expect(reviewed).toEqual([]);
		// Every review is on an assignment.
		const orphans = await t.db
			.selectFrom('reviews as r')
			.leftJoin('assignments as a', (join) =>
				join
					.onRef('a.entry_id', '=', 'r.entry_id')
					.onRef('a.round', '=', 'r.round')
					.onRef('a.juror_id', '=', 'r.juror_id')
			)
			.where('a.entry_id', 'is', null)
			.select('r.id')
			.execute();
		expect(orphans).toEqual([]);
	});

	it('has a conflict declared by a juror in every edition, and one for the same établissement', async () => {
		const all = await editions();
		const jurors = await t.db
			.selectFrom('users')
			.select('id')
			.where(
				'email',
				'in',
				DEMO_ACCOUNTS.jurors.map((j) => j.email)
			)
			.execute();
		const kinds = new Set<string>();
		for (const edition of all) {
			const conflicts = await editionConflicts(t.db, edition.id);
			const declared = conflicts.filter((c) => c.kind === 'juror');
			expect(declared.length, String(edition.year)).toBe(1);
			expect(jurors.map((j) => j.id)).toContain(declared[0].jurorId);
			expect(declared[0].reason).toMatch(/^[A-ZÀ-Ý].{40,}\.$/);
			for (const c of conflicts) kinds.add(c.kind);
		}
		expect(kinds).toContain('sameEtablissement');
		const rows = await t.db
			.selectFrom('conflicts')
			.select(['juror_id', 'declared_by', 'source'])
			.execute();
		for (const row of rows)
			expect(row).toEqual({ ...row, source: 'juror', declared_by: row.juror_id });
		// The same-établissement conflict is in the current edition, on a preselected candidature.
		const current = all.find((e) => e.phase === 'trial')!;
		const same = (await editionConflicts(t.db, current.id)).filter(
			(c) => c.kind === 'sameEtablissement'
		);
		expect(same.length).toBe(1);
		expect(same[0].reason).toContain('même établissement');
	});

	it('scored every preselected candidature with K submitted reviews, or every juror it could have, before the decisions', async () => {
		const all = await editions();
		for (const edition of all.filter((e) => e.phase !== 'eligibility')) {
			const coverage = await roundCoverage(edition.id, 'preselection', WENT_THROUGH.preselection);
			expect(coverage.length, String(edition.year)).toBeGreaterThanOrEqual(4);
			const decisions = await roundDecisions(t.db, edition.id, 'preselection');
			for (const entry of coverage) {
				const expected = Math.min(edition.jurors_per_entry, entry.available);
				expect(expected, entry.title).toBeGreaterThanOrEqual(2);
				expect(entry.assignments.length, entry.title).toBe(expected);
				expect(entry.reviews.length, entry.title).toBe(expected);
				const decided = decisions.get(entry.id)!.at.getTime();
				for (const review of entry.reviews) {
					expect(review.status, entry.title).toBe('submitted');
					expect(review.scores, entry.title).toBe(4);
					expect(review.comment_team.length, entry.title).toBeGreaterThan(20);
					expect(review.comment_jury.length, entry.title).toBeGreaterThan(0);
					const at = review.submitted_at!.getTime();
					expect(at, entry.title).toBeGreaterThan(edition.preselection_at!.getTime());
					expect(at, entry.title).toBeLessThan(decided);
				}
				expect(decided).toBeLessThan(edition.trial_starts_at!.getTime());
			}
			// Some candidatures have fewer jurors than K: conflicts and expertise.
			expect(coverage.some((e) => e.reviews.length < edition.jurors_per_entry)).toBe(true);
		}
		const past = all.find((e) => e.phase === 'published')!;
		const finals = await roundCoverage(past.id, 'final', WENT_THROUGH.final);
		expect(finals.length).toBe(5);
		for (const entry of finals) {
			expect(entry.reviews.length, entry.title).toBe(
				Math.min(past.jurors_per_entry, entry.available)
			);
			for (const review of entry.reviews) {
				expect(review.status).toBe('submitted');
				expect(review.scores).toBe(5);
				expect(review.submitted_at!.getTime()).toBeGreaterThan(past.final_at!.getTime());
				expect(review.submitted_at!.getTime()).toBeLessThan(past.ceremony_at!.getTime());
			}
		}
	});

	it('has the final round of the current edition assigned, with scores in progress', async () => {
		const current = (await editions()).find((e) => e.phase === 'trial')!;
		const coverage = await roundCoverage(current.id, 'final', [...ROUND_STATES.final]);
		expect(coverage.map((e) => e.state).sort()).toEqual(['finalist', 'inTrial', 'shortlisted']);
		for (const entry of coverage)
			expect(entry.assignments.length, entry.title).toBe(
				Math.min(current.jurors_per_entry, entry.available)
			);
		const reviews = coverage.flatMap((e) => e.reviews);
		expect(reviews.length).toBeGreaterThanOrEqual(2);
		expect(reviews.every((r) => r.status === 'draft' && r.submitted_at === null)).toBe(true);
		expect(reviews.every((r) => r.scores > 0 && r.scores < 5)).toBe(true);
		expect(reviews.some((r) => r.scores < 4)).toBe(true);
		// Nothing counts in the ranking yet.
		expect((await roundEntries(t.db, current.id, 'final')).rows).toEqual([]);
	});

	it('prepares the next edition: its eligible candidature is assigned, nobody has scored', async () => {
		const next = (await editions()).find((e) => e.phase === 'eligibility')!;
		const coverage = await roundCoverage(next.id, 'preselection', ['eligible']);
		expect(coverage.length).toBeGreaterThanOrEqual(1);
		for (const entry of coverage) {
			expect(entry.assignments.length, entry.title).toBe(
				Math.min(next.jurors_per_entry, entry.available)
			);
			expect(entry.reviews).toEqual([]);
		}
	});

	it('ranks the candidatures as the decisions went', async () => {
		const all = await editions();
		const past = all.find((e) => e.phase === 'published')!;
		const current = all.find((e) => e.phase === 'trial')!;
		const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
		for (const edition of [past, current]) {
			const { rows, total } = await roundEntries(t.db, edition.id, 'preselection');
			expect(total, String(edition.year)).toBe(
				(await roundCoverage(edition.id, 'preselection', WENT_THROUGH.preselection)).length
			);
			const kept = rows.filter((r) => r.state !== 'notShortlisted');
			const rejected = rows.filter((r) => r.state === 'notShortlisted');
			expect(rejected.length).toBeGreaterThanOrEqual(1);
			expect(mean(kept.map((r) => r.mean))).toBeGreaterThan(mean(rejected.map((r) => r.mean)) + 4);
			// Every candidature kept ranks above every one rejected.
			expect(Math.max(...kept.map((r) => r.rankRaw))).toBeLessThan(
				Math.min(...rejected.map((r) => r.rankRaw))
			);
			for (const row of rows) expect(row.disagreement, row.title).toBe(false);
			const ranking = await roundRanking(t.db, edition.id, 'preselection');
			expect(ranking.jurorCount).toBe(3);
			expect(ranking.alpha).not.toBeNull();
			expect(ranking.alpha!).toBeGreaterThan(0.667);
		}
		const { rows } = await roundEntries(t.db, past.id, 'final');
		expect(rows.map((r) => r.award ?? r.state)).toEqual([
			'prize',
			'prize',
			'prize',
			'mention',
			'notAwarded'
		]);
		expect((await roundRanking(t.db, past.id, 'final')).alpha!).toBeGreaterThan(0.667);
	});

	it('released the jury’s comments to the past edition’s teams, not to the current one', async () => {
		const all = await editions();
		const past = all.find((e) => e.phase === 'published')!;
		expect(past.feedback_released_at!.getTime()).toBeGreaterThan(past.ceremony_at!.getTime());
		expect(all.filter((e) => e.feedback_released_at !== null)).toEqual([past]);
		const laureate = await t.db
			.selectFrom('entries')
			.select('id')
			.where('edition_id', '=', past.id)
			.where('state', '=', 'laureate')
			.orderBy('id')
			.executeTakeFirstOrThrow();
		const feedback = await teamFeedback(t.db, laureate.id);
		expect(feedback?.reviews.map((r) => r.round)).toEqual([
			'preselection',
			'preselection',
			'preselection',
			'final',
			'final',
			'final'
		]);
		const release = await t.db
			.selectFrom('events')
			.select(['type', 'from_state', 'to_state', 'payload'])
			.where('entity', '=', 'edition')
			.where('entity_id', '=', past.id)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(release).toEqual({
			type: 'RELEASE_FEEDBACK',
			from_state: 'published',
			to_state: 'published',
			payload: { reviews: 28 }
		});
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

describe('the demo trials', () => {
	const sitesOf = (year: 'past' | 'current') =>
		t.db
			.selectFrom('trial_sites as s')
			.innerJoin('entries as e', 'e.id', 's.entry_id')
			.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
			.leftJoin('trial_reports as r', 'r.site_id', 's.id')
			.where('ed.phase', '=', year === 'past' ? 'published' : 'trial')
			.select([
				'e.title',
				'e.state',
				'e.uai as team_uai',
				's.uai',
				's.academie',
				's.status',
				'r.status as report'
			])
			.execute();

	it('completed every past finalist’s trial with at least the minimum of submitted reports', async () => {
		const sites = await sitesOf('past');
		const finalists = await t.db
			.selectFrom('entries as e')
			.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
			.where('ed.phase', '=', 'published')
			.where('e.state', 'in', ['laureate', 'notAwarded'])
			.select(['e.title', 'ed.min_trial_reports'])
			.execute();
		expect(finalists.length).toBeGreaterThan(0);
		for (const f of finalists) {
			const reports = sites.filter((s) => s.title === f.title && s.report === 'submitted');
			expect(reports.length, f.title).toBeGreaterThanOrEqual(f.min_trial_reports);
		}
		const completed = await t.db
			.selectFrom('events')
			.select('payload')
			.where('type', '=', 'COMPLETE_TRIAL')
			.execute();
		expect(completed.length).toBeGreaterThan(0);
	});

	it('shows the current trial at every step: volunteers waiting, accepted, declined, a draft and submitted reports', async () => {
		const sites = await sitesOf('current');
		expect(new Set(sites.map((s) => s.status))).toEqual(
			new Set(['volunteer', 'accepted', 'declined'])
		);
		expect(sites.some((s) => s.report === 'draft')).toBe(true);
		expect(sites.some((s) => s.report === 'submitted' && s.state === 'inTrial')).toBe(true);
		const protocols = await t.db.selectFrom('trial_protocols').select('entry_id').execute();
		expect(protocols.length).toBeGreaterThanOrEqual(3);
	});

	it('never takes a team’s own établissement as a trial site, and derives each site’s académie', async () => {
		const sites = [...(await sitesOf('past')), ...(await sitesOf('current'))];
		for (const s of sites) {
			expect(s.uai, s.title).not.toBe(s.team_uai);
			expect(s.academie).toBe(academieOfUai(s.uai!)?.academie);
		}
	});

	it('logs each trial step in the candidature’s history', async () => {
		const notes = await t.db
			.selectFrom('events')
			.select(['type', 'from_state', 'to_state'])
			.where('type', 'in', [
				'SAVE_PROTOCOL',
				'VOLUNTEER_SITE',
				'ACCEPT_SITE',
				'DECLINE_SITE',
				'SUBMIT_TRIAL_REPORT'
			])
			.execute();
		expect(new Set(notes.map((n) => n.type)).size).toBe(5);
		for (const n of notes) expect(n.from_state).toBe(n.to_state);
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
