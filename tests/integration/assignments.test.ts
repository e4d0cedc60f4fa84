import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addManualAssignment,
	entryAssignments,
	entryProgress,
	jurorProgress,
	removeAssignment,
	roundSummary,
	runAssignment,
	sendReminders,
	setJurorsPerEntry
} from '../../src/lib/server/db/assignments';
import { editionConflicts } from '../../src/lib/server/db/conflicts';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let edition: number;
let simplification: number;
let innovant: number;
const jurors: Record<string, number> = {};
/** Eligible candidatures, in scope of the preselection. */
let eligible: number[];
/** The candidature whose team includes the juror « membre ». */
let withMember: number;
/** The candidature of the établissement where the juror « voisin » works. */
let sameUai: number;
let shortlisted: number;
let submitted: number;

const UAI_PARIS = '0750001U';
const UAI_PARIS_2 = '0750002V';
const UAI_LYON = '0690001B';

beforeAll(async () => {
	t = await createTestDatabase();
	({ id: edition } = await t.db
		.insertInto('editions')
		.values({ year: 2060, title: 'Prix Impulsions 2060', snapshot: null, phase: 'preselection' })
		.returning('id')
		.executeTakeFirstOrThrow());
	[simplification, innovant] = (
		await t.db
			.insertInto('categories')
			.values([
				{ edition_id: edition, name: 'Simplification', position: 0 },
				{ edition_id: edition, name: 'Projet innovant', position: 1 }
			])
			.returning('id')
			.execute()
	).map((c) => c.id);
	for (const key of ['membre', 'voisin', 'expert', 'jure4', 'jure5', 'jure6', 'porteur']) {
		jurors[key] = (
			await t.db
				.insertInto('users')
				.values({ email: `${key}@education.gouv.fr`, name: `Juré ${key}`, password_hash: 'x' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	}
	await t.db
		.insertInto('edition_jurors')
		.values(
			['membre', 'voisin', 'expert', 'jure4', 'jure5', 'jure6'].map((key) => ({
				edition_id: edition,
				user_id: jurors[key],
				uai: key === 'voisin' ? UAI_PARIS : null,
				academie: key === 'voisin' ? 'Paris' : null
			}))
		)
		.execute();
	// « expert » only reviews the « Projet innovant » category.
	await t.db
		.insertInto('juror_expertise')
		.values({ edition_id: edition, user_id: jurors.expert, category_id: innovant })
		.execute();

	const insert = (title: string, state: string, category: number, uai: string) =>
		t.db
			.insertInto('entries')
			.values({
				edition_id: edition,
				title,
				state,
				category_id: category,
				uai,
				academie: uai.startsWith('075') ? 'Paris' : 'Lyon'
			})
			.returning('id')
			.executeTakeFirstOrThrow()
			.then((r) => r.id);
	eligible = [];
	for (let i = 0; i < 8; i++)
		eligible.push(
			await insert(
				`Candidature ${i + 1}`,
				'eligible',
				i % 2 ? innovant : simplification,
				i === 1 ? UAI_PARIS : i === 2 ? UAI_PARIS_2 : UAI_LYON
			)
		);
	withMember = eligible[0];
	sameUai = eligible[1];
	await t.db
		.insertInto('entry_members')
		.values([
			{ entry_id: withMember, user_id: jurors.porteur, role: 'lead' },
			{ entry_id: withMember, user_id: jurors.membre, role: 'member' }
		])
		.execute();
	shortlisted = await insert('Déjà présélectionnée', 'shortlisted', simplification, UAI_LYON);
	submitted = await insert('Pas encore éligible', 'submitted', simplification, UAI_LYON);
	// A decided candidature keeps its preselection jurors: they are not the run's business.
	await t.db
		.insertInto('assignments')
		.values({ entry_id: shortlisted, round: 'preselection', juror_id: jurors.jure6 })
		.execute();
});

afterAll(async () => {
	await t?.close();
});

async function preselection() {
	return t.db
		.selectFrom('assignments')
		.select(['entry_id', 'juror_id', 'manual'])
		.where('round', '=', 'preselection')
		.orderBy('entry_id')
		.orderBy('juror_id')
		.execute();
}

describe('the automatic assignment', () => {
	it('gives K jurors to every eligible candidature and none to the others', async () => {
		const run = await runAssignment(t.db, edition, 'preselection');
		expect(run).toMatchObject({ ok: true, k: 3, entries: 8, jurors: 6, removed: 0, problems: [] });
		const rows = await preselection();
		for (const id of eligible) expect(rows.filter((r) => r.entry_id === id)).toHaveLength(3);
		expect(rows.filter((r) => r.entry_id === submitted)).toEqual([]);
		expect(rows.filter((r) => r.entry_id === shortlisted)).toEqual([
			{ entry_id: shortlisted, juror_id: jurors.jure6, manual: false }
		]);
	});

	it('never assigns a conflicted pair: a team member, the same établissement', async () => {
		const conflicts = await editionConflicts(t.db, edition);
		expect(conflicts).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ jurorId: jurors.membre, entryId: withMember, kind: 'member' }),
				expect.objectContaining({
					jurorId: jurors.voisin,
					entryId: sameUai,
					kind: 'sameEtablissement'
				})
			])
		);
		const barred = new Set(conflicts.map((c) => `${c.jurorId}:${c.entryId}`));
		const rows = await preselection();
		expect(rows.filter((r) => barred.has(`${r.juror_id}:${r.entry_id}`))).toEqual([]);
	});

	it('respects expertise and balances the load', async () => {
		const rows = await preselection();
		const categoryOf = new Map(eligible.map((id, i) => [id, i % 2 ? innovant : simplification]));
		expect(
			rows.filter((r) => r.juror_id === jurors.expert && categoryOf.get(r.entry_id) !== innovant)
		).toEqual([]);
		const loads = ['membre', 'voisin', 'expert', 'jure4', 'jure5', 'jure6'].map(
			(key) => rows.filter((r) => r.juror_id === jurors[key] && r.entry_id !== shortlisted).length
		);
		// 24 assignments over 6 jurors: 4 each.
		expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
	});

	it('is deterministic: running it again changes nothing', async () => {
		const before = await preselection();
		const again = await runAssignment(t.db, edition, 'preselection');
		expect(again).toMatchObject({ ok: true, added: 0, removed: 0, kept: 24 });
		expect(await preselection()).toEqual(before);
	});

	it('says in French why K cannot be reached', async () => {
		expect(await setJurorsPerEntry(t.db, edition, '11')).toEqual({
			ok: false,
			error: 'Saisissez un nombre entier de jurés par candidature, entre 1 et 10.'
		});
		expect(await setJurorsPerEntry(t.db, edition, '6')).toEqual({ ok: true, k: 6 });
		const run = await runAssignment(t.db, edition, 'preselection');
		if (!run.ok) throw new Error('not run');
		expect(run.problems.map((p) => p.message)).toContain(
			`La catégorie « Simplification » n’a que 4 jurés sans conflit pour la candidature n° ${withMember} : il en faut 6.`
		);
		expect(await setJurorsPerEntry(t.db, edition, '3')).toEqual({ ok: true, k: 3 });
		expect(await runAssignment(t.db, edition, 'preselection')).toMatchObject({
			added: 0,
			kept: 24
		});
	});
});

describe('assignments by hand', () => {
	it('refuses a conflicted juror, with the reason', async () => {
		expect(
			await addManualAssignment(t.db, edition, 'preselection', withMember, jurors.membre)
		).toEqual({
			ok: false,
			reason: `Juré membre a un conflit d’intérêts avec la candidature « Candidature 1 » : Le juré est membre de l’équipe. Il ne peut pas l’évaluer.`
		});
		expect(
			(await addManualAssignment(t.db, edition, 'preselection', sameUai, jurors.voisin)).ok
		).toBe(false);
		expect(
			await addManualAssignment(t.db, edition, 'preselection', submitted, jurors.jure4)
		).toMatchObject({ ok: false, reason: expect.stringMatching(/n’est pas évaluée au tour/) });
	});

	it('keeps a manual assignment when the automatic one runs again, and counts it toward K', async () => {
		const target = eligible[2]; // Simplification
		const rows = await preselection();
		const on = rows.filter((r) => r.entry_id === target).map((r) => r.juror_id);
		const extra = ['jure4', 'jure5', 'jure6', 'voisin']
			.map((k) => jurors[k])
			.find((j) => !on.includes(j))!;
		expect(await addManualAssignment(t.db, edition, 'preselection', target, extra)).toEqual({
			ok: true,
			pinned: false
		});
		await runAssignment(t.db, edition, 'preselection');
		const after = (await preselection()).filter((r) => r.entry_id === target);
		expect(after).toHaveLength(3);
		expect(after).toContainEqual({ entry_id: target, juror_id: extra, manual: true });
		// Pinning an automatic assignment makes it manual.
		const automatic = after.find((r) => !r.manual)!;
		expect(
			await addManualAssignment(t.db, edition, 'preselection', target, automatic.juror_id)
		).toEqual({ ok: true, pinned: true });
	});

	it('keeps an assignment with a review on re-run, and refuses to remove it', async () => {
		const target = eligible[3];
		const [reviewed] = (await preselection()).filter((r) => r.entry_id === target);
		await t.db
			.insertInto('reviews')
			.values({ entry_id: target, round: 'preselection', juror_id: reviewed.juror_id })
			.execute();
		await setJurorsPerEntry(t.db, edition, '1');
		await runAssignment(t.db, edition, 'preselection');
		await setJurorsPerEntry(t.db, edition, '3');
		expect((await preselection()).filter((r) => r.entry_id === target)).toEqual([
			{ entry_id: target, juror_id: reviewed.juror_id, manual: false }
		]);
		expect(
			await removeAssignment(t.db, edition, 'preselection', target, reviewed.juror_id)
		).toMatchObject({ ok: false, reason: expect.stringMatching(/brouillon enregistré/) });
		await runAssignment(t.db, edition, 'preselection');
		expect((await preselection()).filter((r) => r.entry_id === target)).toHaveLength(3);
	});

	it('removes an assignment without a review', async () => {
		const target = eligible[4];
		const [row] = (await preselection()).filter((r) => r.entry_id === target);
		expect(await removeAssignment(t.db, edition, 'preselection', target, row.juror_id)).toEqual({
			ok: true
		});
		expect(await removeAssignment(t.db, edition, 'preselection', target, row.juror_id)).toEqual({
			ok: false,
			reason: 'Cette affectation n’existe plus.'
		});
		await runAssignment(t.db, edition, 'preselection');
	});

	it('offers only the jurors without a conflict, and says why the others are barred', async () => {
		const found = await entryAssignments(t.db, edition, 'preselection', withMember);
		expect(found?.candidates.map((c) => c.id)).not.toContain(jurors.membre);
		expect(found?.conflicted).toEqual([
			{ id: jurors.membre, name: 'Juré membre', reasons: ['Le juré est membre de l’équipe.'] }
		]);
		expect(found?.entry.jurors).toHaveLength(3);
	});
});

describe('progress and reminders', () => {
	it('counts per juror and per candidature what is assigned, submitted and in draft', async () => {
		const target = eligible[5];
		const [done, draft] = (await preselection()).filter((r) => r.entry_id === target);
		await t.db
			.insertInto('reviews')
			.values([
				{
					entry_id: target,
					round: 'preselection',
					juror_id: done.juror_id,
					status: 'submitted',
					submitted_at: new Date()
				},
				{ entry_id: target, round: 'preselection', juror_id: draft.juror_id }
			])
			.execute();
		const byJuror = await jurorProgress(t.db, edition, 'preselection', { page: 1 });
		expect(byJuror.total).toBe(6);
		const row = byJuror.jurors.find((j) => j.id === done.juror_id)!;
		expect(row.submitted).toBe(1);
		expect(row.assigned).toBeGreaterThanOrEqual(4);
		expect(byJuror.jurors.reduce((s, j) => s + j.assigned, 0)).toBe(25); // 24 + the shortlisted one
		const byEntry = await entryProgress(t.db, edition, 'preselection', { page: 1 });
		expect(byEntry.total).toBe(9); // 8 eligible + the shortlisted one with an assignment
		expect(byEntry.entries.find((e) => e.id === target)).toMatchObject({ submitted: 1 });
		expect(byEntry.entries.find((e) => e.id === shortlisted)).toMatchObject({ inScope: false });
		const paged = await entryProgress(t.db, edition, 'preselection', { page: 2, pageSize: 4 });
		expect(paged.entries.map((e) => e.id)).toEqual(eligible.slice(4, 8));
		expect(await roundSummary(t.db, edition, 'preselection', 3)).toMatchObject({
			assigned: 25,
			submitted: 1,
			drafts: 2,
			inScope: 8,
			short: 0
		});
	});

	it('writes one reminder per late juror to the outbox, and not twice in a day', async () => {
		const first = await sendReminders(t.db, edition, 'preselection', 'https://prix.example');
		// Every juror has candidatures in scope still to submit.
		expect(first).toEqual({ ok: true, sent: 6, skipped: 0 });
		const mails = await t.db
			.selectFrom('outbox')
			.select(['recipient', 'subject', 'body_text'])
			.orderBy('id')
			.execute();
		expect(mails).toHaveLength(6);
		expect(new Set(mails.map((m) => m.recipient)).size).toBe(6);
		expect(mails[0].subject).toBe(
			'Prix Impulsions 2060 — Présélection : vos évaluations à terminer'
		);
		expect(mails[0].body_text).toContain('https://prix.example/jury');
		expect(await sendReminders(t.db, edition, 'preselection', 'https://prix.example')).toEqual({
			ok: true,
			sent: 0,
			skipped: 6
		});
		// The next day, the late ones are reminded again.
		const tomorrow = new Date(Date.now() + 25 * 3_600_000);
		expect(
			await sendReminders(t.db, edition, 'preselection', 'https://prix.example', tomorrow)
		).toMatchObject({ sent: 6 });
	});

	it('does not remind a juror whose reviews are all submitted', async () => {
		const { id: lone } = await t.db
			.insertInto('users')
			.values({ email: 'ponctuel@education.gouv.fr', name: 'Ponctuel', password_hash: 'x' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('edition_jurors')
			.values({ edition_id: edition, user_id: lone })
			.execute();
		await t.db
			.insertInto('assignments')
			.values({ entry_id: eligible[7], round: 'preselection', juror_id: lone, manual: true })
			.execute();
		await t.db
			.insertInto('reviews')
			.values({
				entry_id: eligible[7],
				round: 'preselection',
				juror_id: lone,
				status: 'submitted',
				submitted_at: new Date()
			})
			.execute();
		await sendReminders(t.db, edition, 'preselection', 'https://prix.example');
		const to = await t.db
			.selectFrom('outbox')
			.select('id')
			.where('recipient', '=', 'ponctuel@education.gouv.fr')
			.execute();
		expect(to).toEqual([]);
	});

	it('neither reminds nor counts a juror on a candidature he has become conflicted with', async () => {
		const { id: late } = await t.db
			.insertInto('users')
			.values({ email: 'tardif@education.gouv.fr', name: 'Tardif', password_hash: 'x' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('edition_jurors')
			.values({ edition_id: edition, user_id: late })
			.execute();
		await t.db
			.insertInto('assignments')
			.values({ entry_id: eligible[6], round: 'preselection', juror_id: late, manual: true })
			.execute();
		const before = await jurorProgress(t.db, edition, 'preselection', { page: 1, pageSize: 100 });
		expect(before.jurors.find((j) => j.id === late)).toMatchObject({ assigned: 1 });
		// After the assignment, he joins the team: a conflict the assignment did not know.
		await t.db
			.insertInto('entry_members')
			.values({ entry_id: eligible[6], user_id: late, role: 'member' })
			.execute();
		const after = await jurorProgress(t.db, edition, 'preselection', { page: 1, pageSize: 100 });
		expect(after.jurors.find((j) => j.id === late)).toMatchObject({ assigned: 0 });
		await sendReminders(
			t.db,
			edition,
			'preselection',
			'https://prix.example',
			new Date(Date.now() + 72 * 3_600_000)
		);
		const mailed = await t.db
			.selectFrom('outbox')
			.select('id')
			.where('recipient', '=', 'tardif@education.gouv.fr')
			.execute();
		expect(mailed).toEqual([]);
		await t.db.deleteFrom('entry_members').where('user_id', '=', late).execute();
		await t.db.deleteFrom('assignments').where('juror_id', '=', late).execute();
	});
});

describe('the final round', () => {
	it('assigns the candidatures still competing for the final and only the final round’s jurors', async () => {
		await t.db
			.updateTable('edition_jurors')
			.set({ final: false })
			.where('edition_id', '=', edition)
			.where('user_id', 'in', [jurors.jure5, jurors.jure6])
			.execute();
		const run = await runAssignment(t.db, edition, 'final');
		expect(run).toMatchObject({ ok: true, entries: 1, added: 3 });
		const rows = await t.db
			.selectFrom('assignments')
			.select(['entry_id', 'juror_id'])
			.where('round', '=', 'final')
			.execute();
		expect(rows.every((r) => r.entry_id === shortlisted)).toBe(true);
		expect(rows.map((r) => r.juror_id)).not.toContain(jurors.jure5);
		expect(rows.map((r) => r.juror_id)).not.toContain(jurors.jure6);
		expect(await runAssignment(t.db, 999_999, 'final')).toEqual({ ok: false, notFound: true });
	});
});
