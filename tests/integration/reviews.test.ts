import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	checkReview,
	declareJurorConflict,
	findJuryAttachment,
	listJurorEditions,
	listJurorEntries,
	loadJuryEntry,
	loadOwnReview,
	readReviewForm,
	saveReview,
	submittedReviews,
	type ReviewValues
} from '../../src/lib/server/db/reviews';
import { REVIEW_COMMENT_MAX } from '../../src/lib/domain/jury-labels';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { completeDossier } from '../helpers/dossier';

let t: TestDatabase;
let edition: number;
let closedEdition: number;
let entry: number;
let piece: number;
let criteria: { id: number; label: string }[];
const users: Record<string, number> = {};
const ROUND = 'preselection' as const;

const JURORS = [
	'alice', // assigned, scores
	'bruno', // assigned, scores
	'chloe', // assigned, scores
	'declared', // assigned, conflict declared by the team
	'member', // assigned, member of the team
	'sameUai', // assigned, works in the candidature's établissement
	'outsider', // juror of the edition, not assigned
	'quitter', // assigned, will declare a conflict on his draft
	'busy' // assigned to many candidatures (pagination)
] as const;

async function newEntry(editionId: number, title: string, uai = '0951099D') {
	const { id } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, title, state: 'eligible' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('entry_members')
		.values({ entry_id: id, user_id: users.lead, role: 'lead' })
		.execute();
	await completeDossier(t.db, id);
	await t.db.updateTable('entries').set({ uai }).where('id', '=', id).execute();
	return id;
}

async function assign(entryId: number, jurorId: number, round: 'preselection' | 'final' = ROUND) {
	await t.db
		.insertInto('assignments')
		.values({ entry_id: entryId, round, juror_id: jurorId })
		.execute();
}

const values = (levels: (number | null)[], commentTeam = '', commentJury = ''): ReviewValues => ({
	levels: Object.fromEntries(criteria.map((c, i) => [c.id, levels[i] ?? null])),
	commentTeam,
	commentJury
});

const save = (
	juror: string,
	version: number,
	v: ReviewValues,
	options: { submit?: boolean; entryId?: number; editionId?: number } = {}
) =>
	saveReview(
		t.db,
		{
			jurorId: users[juror],
			editionId: options.editionId ?? edition,
			entryId: options.entryId ?? entry,
			round: ROUND,
			version,
			values: v
		},
		{ submit: options.submit }
	);

const asJuror = (name: string) => ({ id: users[name], isOrganiser: false });
const where = () => ({ editionId: edition, round: ROUND, entryId: entry });

beforeAll(async () => {
	t = await createTestDatabase();
	for (const name of ['lead', 'organiser', ...JURORS]) {
		const { id } = await t.db
			.insertInto('users')
			.values({
				email: `${name.toLowerCase()}@education.gouv.fr`,
				name: name[0].toUpperCase() + name.slice(1),
				password_hash: 'x',
				is_organiser: name === 'organiser'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		users[name] = id;
	}
	[edition, closedEdition] = (
		await t.db
			.insertInto('editions')
			.values([
				{ year: 2091, title: 'En présélection', phase: 'preselection' },
				{ year: 2092, title: 'En éligibilité', phase: 'eligibility' }
			])
			.returning('id')
			.execute()
	).map((e) => e.id);
	await t.db
		.insertInto('edition_jurors')
		.values([
			...JURORS.map((name) => ({
				edition_id: edition,
				user_id: users[name],
				uai: name === 'sameUai' ? '0951099D' : '0750001A'
			})),
			{ edition_id: closedEdition, user_id: users.alice }
		])
		.execute();
	criteria = await t.db
		.insertInto('criteria')
		.values(
			['Efficience du projet', 'Transférabilité', 'Caractère innovant'].map((label, i) => ({
				edition_id: edition,
				round: ROUND,
				position: i,
				label,
				weight: [40, 30, 30][i],
				scale_min: 1,
				scale_max: 4,
				levels: JSON.stringify(['Insuffisant', 'Moyen', 'Bon', 'Excellent'])
			}))
		)
		.returning(['id', 'label'])
		.execute();
	entry = await newEntry(edition, 'Le cahier de bord partagé');
	piece = (
		await t.db
			.insertInto('attachments')
			.values({
				entry_id: entry,
				file_name: 'bilan.pdf',
				mime: 'application/pdf',
				size: 8,
				sha256: '0'.repeat(64),
				content: new TextEncoder().encode('%PDF-1.4')
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	await t.db
		.insertInto('entry_members')
		.values({ entry_id: entry, user_id: users.member, role: 'member' })
		.execute();
	await t.db
		.insertInto('conflicts')
		.values({
			entry_id: entry,
			juror_id: users.declared,
			source: 'team',
			reason: 'Ancien collègue.',
			declared_by: users.lead
		})
		.execute();
	for (const name of JURORS) if (name !== 'outsider') await assign(entry, users[name]);
});

afterAll(async () => {
	await t?.close();
});

describe('a conflicted juror never sees the candidature', () => {
	for (const name of ['declared', 'member', 'sameUai']) {
		it(`${name}: not in his list, not by id, not its attachments, cannot score it`, async () => {
			const list = await listJurorEntries(t.db, {
				jurorId: users[name],
				editionId: edition,
				round: ROUND
			});
			expect(list.items).toEqual([]);
			expect(list.progress.assigned).toBe(0);
			expect(await loadJuryEntry(t.db, asJuror(name), where())).toBeNull();
			expect(
				await findJuryAttachment(t.db, asJuror(name), { ...where(), attachmentId: piece })
			).toBeNull();
			expect(await save(name, 0, values([1, 1, 1]))).toMatchObject({
				ok: false,
				why: 'notAssigned'
			});
			expect(await submittedReviews(t.db, { jurorId: users[name], ...where() })).toMatchObject({
				visible: false
			});
			const editions = await listJurorEditions(t.db, users[name]);
			expect(editions.find((e) => e.id === edition)?.rounds[0]).toMatchObject({ assigned: 0 });
		});
	}
});

describe('an unassigned juror is refused', () => {
	it('answers null by id and for attachments, and refuses a save', async () => {
		expect(await loadJuryEntry(t.db, asJuror('outsider'), where())).toBeNull();
		expect(
			await findJuryAttachment(t.db, asJuror('outsider'), { ...where(), attachmentId: piece })
		).toBeNull();
		expect(await save('outsider', 0, values([1, 1, 1]))).toMatchObject({
			ok: false,
			why: 'notAssigned'
		});
		expect(
			await declareJurorConflict(t.db, {
				jurorId: users.outsider,
				editionId: edition,
				entryId: entry,
				reason: 'Curiosité.'
			})
		).toMatchObject({ ok: false, why: 'notAssigned' });
	});

	it('answers null for a candidature of another edition or round', async () => {
		expect(
			await loadJuryEntry(t.db, asJuror('alice'), { ...where(), editionId: closedEdition })
		).toBeNull();
		expect(await loadJuryEntry(t.db, asJuror('alice'), { ...where(), round: 'final' })).toBeNull();
	});

	it('lets an organiser read it, without scoring it', async () => {
		const read = await loadJuryEntry(t.db, { id: users.organiser, isOrganiser: true }, where());
		expect(read?.entry.title).toBe('Le cahier de bord partagé');
		expect(read?.whyNotScore).toMatch(/Seuls les jurés/);
		expect(
			await findJuryAttachment(
				t.db,
				{ id: users.organiser, isOrganiser: true },
				{ ...where(), attachmentId: piece }
			)
		).toMatchObject({ file_name: 'bilan.pdf' });
	});
});

describe('an assigned juror', () => {
	it('reads the dossier, its themes and attachments, and may score it', async () => {
		const read = await loadJuryEntry(t.db, asJuror('alice'), where());
		expect(read).not.toBeNull();
		expect(read!.entry).toMatchObject({
			title: 'Le cahier de bord partagé',
			category_name: 'Prix de la simplification',
			problem: 'Le problème traité.'
		});
		expect(read!.entry.themes.map((th) => th.name)).toEqual(['Climat scolaire']);
		expect(read!.entry.attachments).toEqual([
			expect.objectContaining({ id: piece, file_name: 'bilan.pdf' })
		]);
		expect(read!.entry.attachments[0]).not.toHaveProperty('content');
		expect(read!.whyNotScore).toBeNull();
		const file = await findJuryAttachment(t.db, asJuror('alice'), {
			...where(),
			attachmentId: piece
		});
		expect(new TextDecoder().decode(file!.content)).toBe('%PDF-1.4');
		expect(
			await findJuryAttachment(t.db, asJuror('alice'), { ...where(), attachmentId: piece + 999 })
		).toBeUndefined();
	});

	it('saves a draft, then submits it; a submitted review can no longer be saved', async () => {
		const first = await save('alice', 0, values([3, null, 2], 'Bravo.', 'À discuter.'));
		expect(first).toEqual({ ok: true, version: 1, status: 'draft' });
		const draft = await loadOwnReview(t.db, users.alice, entry, ROUND);
		expect(draft).toMatchObject({
			status: 'draft',
			version: 1,
			comment_team: 'Bravo.',
			comment_jury: 'À discuter.'
		});
		expect(draft!.scores).toEqual([
			{ criterion_id: criteria[0].id, level: 3 },
			{ criterion_id: criteria[2].id, level: 2 }
		]);
		const submitted = await save('alice', 1, values([3, 4, 2], 'Bravo.', 'À discuter.'), {
			submit: true
		});
		expect(submitted).toEqual({ ok: true, version: 3, status: 'submitted' });
		const review = await loadOwnReview(t.db, users.alice, entry, ROUND);
		expect(review).toMatchObject({ status: 'submitted', version: 3 });
		expect(review!.submitted_at).toBeInstanceOf(Date);
		expect(review!.scores).toHaveLength(3);
		const again = await save('alice', 3, values([1, 1, 1]));
		expect(again).toMatchObject({ ok: false, why: 'refused' });
		if (!again.ok) expect(again.message).toMatch(/soumise/);
		expect((await loadOwnReview(t.db, users.alice, entry, ROUND))!.scores).toContainEqual({
			criterion_id: criteria[0].id,
			level: 3
		});
		const list = await listJurorEntries(t.db, {
			jurorId: users.alice,
			editionId: edition,
			round: ROUND
		});
		expect(list.items).toEqual([
			expect.objectContaining({ id: entry, status: 'submitted', categoryName: expect.any(String) })
		]);
		expect(list.progress).toEqual({ assigned: 1, draft: 0, submitted: 1 });
	});

	it('refuses a submission with the missing criteria listed, and keeps the draft', async () => {
		const result = await save('bruno', 0, values([2, null, null], 'Piste.'), { submit: true });
		expect(result).toMatchObject({
			ok: false,
			why: 'incomplete',
			missing: ['Transférabilité', 'Caractère innovant'],
			version: 1
		});
		if (!result.ok) {
			expect(result.message).toContain('« Transférabilité »');
			expect(result.message).toContain('« Caractère innovant »');
		}
		const review = await loadOwnReview(t.db, users.bruno, entry, ROUND);
		expect(review).toMatchObject({ status: 'draft', version: 1, comment_team: 'Piste.' });
		expect(review!.scores).toEqual([{ criterion_id: criteria[0].id, level: 2 }]);
	});

	it('refuses a stale version and says why, without losing the saved review', async () => {
		const stale = await save('bruno', 0, values([1, 1, 1], 'Écrasé ?'));
		expect(stale).toMatchObject({ ok: false, why: 'version' });
		if (!stale.ok) expect(stale.message).toMatch(/entre-temps/);
		const review = await loadOwnReview(t.db, users.bruno, entry, ROUND);
		expect(review).toMatchObject({ version: 1, comment_team: 'Piste.' });
		expect(review!.scores).toEqual([{ criterion_id: criteria[0].id, level: 2 }]);
		expect(await save('bruno', Number.NaN, values([1, 1, 1]))).toMatchObject({ why: 'version' });
	});

	it('refuses levels outside the scale and comments too long, field by field', async () => {
		const result = await save(
			'bruno',
			1,
			values([5, 0, 2], 'x'.repeat(REVIEW_COMMENT_MAX + 1), 'ok')
		);
		expect(result).toMatchObject({ ok: false, why: 'invalid' });
		if (!result.ok && result.why === 'invalid') {
			expect(Object.keys(result.errors!).sort()).toEqual(
				[`niveau-${criteria[0].id}`, `niveau-${criteria[1].id}`, 'commentTeam'].sort()
			);
		}
		expect(await loadOwnReview(t.db, users.bruno, entry, ROUND)).toMatchObject({ version: 1 });
	});

	it('cannot score while the edition is not in the round’s phase', async () => {
		const other = await newEntry(closedEdition, 'Hors période', '0750001A');
		await assign(other, users.alice);
		const read = await loadJuryEntry(t.db, asJuror('alice'), {
			editionId: closedEdition,
			round: ROUND,
			entryId: other
		});
		expect(read?.whyNotScore).toMatch(/n’est pas ouverte/);
		expect(
			await save('alice', 0, values([1, 1, 1]), { entryId: other, editionId: closedEdition })
		).toMatchObject({ ok: false, why: 'refused' });
	});
});

describe('jurors saving at the same moment', () => {
	it('two jurors saving their reviews of the same candidature both succeed and lose nothing', async () => {
		const chloe = await loadOwnReview(t.db, users.chloe, entry, ROUND);
		const bruno = await loadOwnReview(t.db, users.bruno, entry, ROUND);
		const [a, b] = await Promise.all([
			save('chloe', chloe?.version ?? 0, values([4, 3, 2], 'Chloé pour l’équipe')),
			save('bruno', bruno!.version, values([2, 2, 3], 'Bruno pour l’équipe', 'Bruno au jury'))
		]);
		expect(a).toMatchObject({ ok: true, status: 'draft' });
		expect(b).toMatchObject({ ok: true, status: 'draft' });
		const [c2, b2] = await Promise.all([
			loadOwnReview(t.db, users.chloe, entry, ROUND),
			loadOwnReview(t.db, users.bruno, entry, ROUND)
		]);
		expect(c2).toMatchObject({ comment_team: 'Chloé pour l’équipe' });
		expect(c2!.scores.map((s) => s.level)).toEqual([4, 3, 2]);
		expect(b2).toMatchObject({
			comment_team: 'Bruno pour l’équipe',
			comment_jury: 'Bruno au jury'
		});
		expect(b2!.scores.map((s) => s.level)).toEqual([2, 2, 3]);
	});

	it('the same juror saving twice from the same version: one wins, the other is told', async () => {
		const current = (await loadOwnReview(t.db, users.chloe, entry, ROUND))!;
		const results = await Promise.all([
			save('chloe', current.version, values([1, 1, 1], 'Onglet 1')),
			save('chloe', current.version, values([4, 4, 4], 'Onglet 2'))
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok && r.why === 'version')).toHaveLength(1);
		const saved = (await loadOwnReview(t.db, users.chloe, entry, ROUND))!;
		expect(saved.version).toBe(current.version + 1);
		const winner = results[0].ok ? 'Onglet 1' : 'Onglet 2';
		expect(saved.comment_team).toBe(winner);
	});
});

describe('the other jurors’ reviews', () => {
	it('are visible only once his own review is submitted', async () => {
		const before = await submittedReviews(t.db, { jurorId: users.bruno, ...where() });
		expect(before.visible).toBe(false);
		if (!before.visible) expect(before.message).toMatch(/une fois la vôtre soumise/);
		const current = (await loadOwnReview(t.db, users.bruno, entry, ROUND))!;
		expect(
			await save('bruno', current.version, values([2, 2, 3], 'Final', 'Jury'), { submit: true })
		).toMatchObject({ ok: true, status: 'submitted' });
		const after = await submittedReviews(t.db, { jurorId: users.bruno, ...where() });
		expect(after.visible).toBe(true);
		if (!after.visible) return;
		// His own first, then Alice's; Chloé's draft is not shown.
		expect(after.reviews.map((r) => [r.jurorName, r.own])).toEqual([
			['Bruno', true],
			['Alice', false]
		]);
		const alice = after.reviews[1];
		expect(alice.levels).toEqual({ [criteria[0].id]: 3, [criteria[1].id]: 4, [criteria[2].id]: 2 });
		// 20 × (40·2/3 + 30·3/3 + 30·1/3) / 100 = 20 × 66.67/100 = 13.33
		expect(alice.score).toBeCloseTo((20 * (40 * (2 / 3) + 30 + 30 * (1 / 3))) / 100, 9);
		expect(alice.commentJury).toBe('À discuter.');
		expect(after.summary.n).toBe(2);
	});

	it('leave out the review of a juror found conflicted after submitting', async () => {
		await t.db
			.insertInto('conflicts')
			.values({
				entry_id: entry,
				juror_id: users.alice,
				source: 'team',
				reason: 'Découvert après coup.',
				declared_by: users.lead
			})
			.execute();
		const seen = await submittedReviews(t.db, { jurorId: users.bruno, ...where() });
		expect(seen.visible && seen.reviews.map((r) => r.jurorName)).toEqual(['Bruno']);
		expect(await loadJuryEntry(t.db, asJuror('alice'), where())).toBeNull();
		await t.db
			.deleteFrom('conflicts')
			.where('juror_id', '=', users.alice)
			.where('entry_id', '=', entry)
			.execute();
	});
});

describe('a juror declaring a conflict of interest', () => {
	it('requires a reason', async () => {
		expect(
			await declareJurorConflict(t.db, {
				jurorId: users.quitter,
				editionId: edition,
				entryId: entry,
				reason: '   '
			})
		).toMatchObject({ ok: false, why: 'invalid' });
	});

	it('answers « not assigned » to anyone else, whatever the reason sent', async () => {
		for (const juror of ['outsider', 'declared', 'member', 'sameUai'])
			for (const reason of ['', 'x'.repeat(5000), 'Une raison.'])
				expect(
					await declareJurorConflict(t.db, {
						jurorId: users[juror],
						editionId: edition,
						entryId: entry,
						reason
					}),
					`${juror}, reason of ${reason.length} characters`
				).toMatchObject({ ok: false, why: 'notAssigned' });
	});

	it('deletes his draft and hides the candidature from him', async () => {
		expect(await save('quitter', 0, values([2, 2, null]))).toMatchObject({ ok: true });
		const result = await declareJurorConflict(t.db, {
			jurorId: users.quitter,
			editionId: edition,
			entryId: entry,
			reason: 'J’ai accompagné ce projet l’an dernier.'
		});
		expect(result).toEqual({ ok: true, deletedDrafts: 1 });
		expect(await loadOwnReview(t.db, users.quitter, entry, ROUND)).toBeNull();
		const conflict = await t.db
			.selectFrom('conflicts')
			.selectAll()
			.where('juror_id', '=', users.quitter)
			.executeTakeFirstOrThrow();
		expect(conflict).toMatchObject({
			source: 'juror',
			declared_by: users.quitter,
			reason: 'J’ai accompagné ce projet l’an dernier.'
		});
		const list = await listJurorEntries(t.db, {
			jurorId: users.quitter,
			editionId: edition,
			round: ROUND
		});
		expect(list.items).toEqual([]);
		expect(await loadJuryEntry(t.db, asJuror('quitter'), where())).toBeNull();
		expect(
			await findJuryAttachment(t.db, asJuror('quitter'), { ...where(), attachmentId: piece })
		).toBeNull();
		expect(await save('quitter', 0, values([1, 1, 1]))).toMatchObject({ why: 'notAssigned' });
		// No longer assigned to him: the organisers' progress and the reminders stop counting him.
		const assigned = await t.db
			.selectFrom('assignments')
			.select('round')
			.where('juror_id', '=', users.quitter)
			.where('entry_id', '=', entry)
			.execute();
		expect(assigned).toEqual([]);
	});

	it('cannot withdraw a submitted review that way', async () => {
		const result = await declareJurorConflict(t.db, {
			jurorId: users.bruno,
			editionId: edition,
			entryId: entry,
			reason: 'Changement d’avis.'
		});
		expect(result).toMatchObject({ ok: false, why: 'refused' });
		if (!result.ok) expect(result.message).toMatch(/contactez les organisateurs/);
		expect(await loadOwnReview(t.db, users.bruno, entry, ROUND)).toMatchObject({
			status: 'submitted'
		});
	});
});

describe('a juror’s list and progress', () => {
	it('is paginated and ordered by title', async () => {
		for (let i = 1; i <= 24; i++) {
			const id = await newEntry(edition, `Projet ${String(i).padStart(2, '0')}`, '0750099B');
			await assign(id, users.busy);
		}
		const first = await listJurorEntries(t.db, {
			jurorId: users.busy,
			editionId: edition,
			round: ROUND
		});
		expect(first).toMatchObject({ page: 1, pageCount: 2, pageSize: 20 });
		expect(first.items).toHaveLength(20);
		expect(first.items[0].title).toBe('Le cahier de bord partagé');
		expect(first.items[1].title).toBe('Projet 01');
		const second = await listJurorEntries(t.db, {
			jurorId: users.busy,
			editionId: edition,
			round: ROUND,
			page: 2
		});
		expect(second.items.map((i) => i.title).at(-1)).toBe('Projet 24');
		expect(second.items).toHaveLength(5);
		const beyond = await listJurorEntries(t.db, {
			jurorId: users.busy,
			editionId: edition,
			round: ROUND,
			page: 99
		});
		expect(beyond.page).toBe(2);
	});

	it('counts his assigned, draft and submitted reviews per edition and round', async () => {
		const editions = await listJurorEditions(t.db, users.alice);
		expect(editions.map((e) => e.year)).toEqual([2092, 2091]);
		const current = editions.find((e) => e.id === edition)!;
		expect(current.rounds).toEqual([
			{ round: 'preselection', open: true, assigned: 1, draft: 0, submitted: 1 },
			{ round: 'final', open: false, assigned: 0, draft: 0, submitted: 0 }
		]);
		const busy = await listJurorEditions(t.db, users.busy);
		expect(busy[0].rounds[0]).toMatchObject({ assigned: 25, draft: 0, submitted: 0 });
	});
});

describe('reading the scoring form (pure)', () => {
	it('reads levels, comments and version', () => {
		const form = new FormData();
		form.set('niveau-12', '3');
		form.set('niveau-13', '');
		form.set('niveau-x', '2');
		form.set('commentaire_equipe', 'Ligne 1\r\nLigne 2');
		form.set('commentaire_jury', 'Interne');
		form.set('version', '4');
		expect(readReviewForm(form)).toEqual({
			values: {
				levels: { 12: 3, 13: null },
				commentTeam: 'Ligne 1\nLigne 2',
				commentJury: 'Interne'
			},
			version: 4
		});
		const tampered = new FormData();
		tampered.set('niveau-12', 'beaucoup');
		tampered.set('version', '-1');
		const read = readReviewForm(tampered);
		expect(read.version).toBeNaN();
		expect(checkReview([{ id: 12, scaleMin: 1, scaleMax: 4 }], read.values)).toMatchObject({
			ok: false,
			errors: { 'niveau-12': 'Choisissez un niveau entre 1 et 4.' }
		});
	});

	it('drops levels of criteria not in the round and trims comments', () => {
		expect(
			checkReview([{ id: 1, scaleMin: 0, scaleMax: 2 }], {
				levels: { 1: 0, 99: 5 },
				commentTeam: '  Bien.  ',
				commentJury: ''
			})
		).toEqual({ ok: true, values: { levels: { 1: 0 }, commentTeam: 'Bien.', commentJury: '' } });
	});
});
