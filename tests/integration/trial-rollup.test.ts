// The trial roll-ups read from the database (src/lib/server/db/trial-rollup.ts), the final ranking
// with trial evidence, and the organisers' weight of that evidence (src/lib/server/db/trial-weights.ts).
// The trial rows are inserted directly: only the submitted reports of accepted sites may count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateEntries, type RoundReview } from '../../src/lib/domain/scoring';
import { podiumSensitivity } from '../../src/lib/domain/trial-rollup';
import { editionEventPast } from '../../src/lib/domain/workflow-labels';
import type { SessionUser } from '../../src/lib/server/auth/session';
import {
	finalRankingWithEvidence,
	trialRollupOf,
	trialRollups
} from '../../src/lib/server/db/trial-rollup';
import { setTrialEvidenceWeight } from '../../src/lib/server/db/trial-weights';
import { readTrialWeight } from '../../src/lib/server/trial/weight-form';
import { entityEvents } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let edition: number;
let other: number;
let published: number;
let organiser: SessionUser;
let juror: SessionUser;
const e: Record<'A' | 'B' | 'C' | 'D' | 'W' | 'X', number> = { A: 0, B: 0, C: 0, D: 0, W: 0, X: 0 };
const ind: Record<string, number> = {};

const sessionUser = (id: number, name: string, isOrganiser: boolean): SessionUser => ({
	id,
	email: `${name}@education.gouv.fr`,
	name,
	emailVerified: true,
	isOrganiser,
	isJuror: !isOrganiser,
	isTeamMember: false,
	isTrialContact: false
});

async function entry(editionId: number, title: string, state: string) {
	return (
		await t.db
			.insertInto('entries')
			.values({ edition_id: editionId, title, state })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}

async function site(
	entryId: number,
	status: 'volunteer' | 'accepted' | 'declined',
	over: {
		academie?: string;
		kind?: 'ecole' | 'college' | 'lycee' | 'service';
		area?: 'rural' | 'urbain';
		priority?: boolean;
	} = {}
) {
	return (
		await t.db
			.insertInto('trial_sites')
			.values({
				entry_id: entryId,
				name: `Site ${Math.random()}`,
				status,
				academie: over.academie ?? null,
				kind: over.kind ?? null,
				area: over.area ?? null,
				priority_education: over.priority ?? false
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}

async function report(
	siteId: number,
	status: 'draft' | 'submitted',
	r: {
		satisfaction?: number;
		willContinue?: boolean;
		fidelity?: string[];
		values?: [number, number | null, number | null][];
	}
) {
	const { id } = await t.db
		.insertInto('trial_reports')
		.values({
			site_id: siteId,
			status,
			satisfaction: r.satisfaction ?? null,
			will_continue: r.willContinue ?? null,
			fidelity: JSON.stringify(r.fidelity ?? []),
			submitted_at: status === 'submitted' ? new Date() : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	if (r.values?.length)
		await t.db
			.insertInto('trial_report_values')
			.values(
				r.values.map(([indicator_id, before, after]) => ({
					report_id: id,
					indicator_id,
					before,
					after
				}))
			)
			.execute();
}

// Final-round scores (criterion on 0..20, so a level is the score), by juror, for A, B, C, D, W.
const SCORES: Record<string, Record<'A' | 'B' | 'C' | 'D' | 'W', number>> = {
	j1: { A: 16, B: 15, C: 12, D: 14, W: 18 },
	j2: { A: 14, B: 13, C: 14, D: 10, W: 18 }
};
const reviews: RoundReview[] = [];

beforeAll(async () => {
	t = await createTestDatabase();
	const [orga, j1, j2] = (
		await t.db
			.insertInto('users')
			.values([
				{ email: 'orga@education.gouv.fr', name: 'Orga', password_hash: 'x', is_organiser: true },
				{ email: 'j1@ac-lyon.fr', name: 'Juré Un', password_hash: 'x' },
				{ email: 'j2@ac-lyon.fr', name: 'Juré Deux', password_hash: 'x' }
			])
			.returning('id')
			.execute()
	).map((u) => u.id);
	organiser = sessionUser(orga, 'Orga', true);
	juror = sessionUser(j1, 'Juré Un', false);
	[edition, other, published] = (
		await t.db
			.insertInto('editions')
			.values([
				{ year: 2071, title: 'En délibération', phase: 'deliberation' },
				{ year: 2072, title: 'Autre édition', phase: 'trial' },
				{ year: 2073, title: 'Publiée', phase: 'published', trial_evidence_weight: 20 }
			])
			.returning('id')
			.execute()
	).map((x) => x.id);
	for (const name of ['A', 'B', 'C', 'D'] as const)
		e[name] = await entry(edition, name, 'finalist');
	e.W = await entry(edition, 'W', 'withdrawn');
	e.X = await entry(other, 'X', 'inTrial');

	// A: indicators absence (decrease) and lecture (increase).
	for (const [key, entryId, position, name, direction] of [
		['absence', e.A, 1, 'Absentéisme', 'decrease'],
		['lecture', e.A, 2, 'Lecture', 'increase'],
		['climat', e.C, 1, 'Climat scolaire', 'stable'],
		['x', e.X, 1, 'Autre', 'increase']
	] as const)
		ind[key] = (
			await t.db
				.insertInto('trial_indicators')
				.values({ entry_id: entryId, position, name, unit: '%', direction })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;

	const a1 = await site(e.A, 'accepted', {
		academie: 'Lyon',
		kind: 'college',
		area: 'urbain',
		priority: true
	});
	const a2 = await site(e.A, 'accepted', { academie: 'Créteil', kind: 'ecole', area: 'rural' });
	const a3 = await site(e.A, 'accepted', { academie: 'Lyon', kind: 'lycee' });
	const a4 = await site(e.A, 'declined', { academie: 'Nice' });
	const a5 = await site(e.A, 'volunteer', { academie: 'Lille' });
	await report(a1, 'submitted', {
		satisfaction: 4,
		willContinue: true,
		fidelity: ['full', 'partial'],
		values: [
			[ind.absence, 20, 15],
			[ind.lecture, 10, 12]
		]
	});
	await report(a2, 'submitted', {
		satisfaction: 2,
		willContinue: false,
		fidelity: ['no', 'full'],
		values: [
			[ind.absence, 10, 12],
			[ind.lecture, 8, null]
		]
	});
	// Must not count: a draft, a declined site's report, a volunteer's report.
	await report(a3, 'draft', {
		satisfaction: 1,
		willContinue: false,
		values: [[ind.absence, 0, 100]]
	});
	for (const s of [a4, a5])
		await report(s, 'submitted', {
			satisfaction: 1,
			willContinue: false,
			values: [[ind.lecture, 50, 0]]
		});
	// B: an accepted site without a report yet.
	await site(e.B, 'accepted', { academie: 'Rennes' });
	// C: one delighted site that goes on; climate stayed within 5 %.
	const c1 = await site(e.C, 'accepted', { academie: 'Amiens', kind: 'service' });
	await report(c1, 'submitted', {
		satisfaction: 5,
		willContinue: true,
		fidelity: ['full'],
		values: [[ind.climat, 50, 52]]
	});
	// D: no site. X: another edition.
	const x1 = await site(e.X, 'accepted', { academie: 'Lyon' });
	await report(x1, 'submitted', { satisfaction: 5, values: [[ind.x, 1, 2]] });

	// The final round's scores.
	const [criterion] = await t.db
		.insertInto('criteria')
		.values({
			edition_id: edition,
			round: 'final',
			label: 'Résultats',
			weight: 1,
			scale_min: 0,
			scale_max: 20
		})
		.returning('id')
		.execute();
	for (const [name, id] of [
		['j1', j1],
		['j2', j2]
	] as const) {
		await t.db.insertInto('edition_jurors').values({ edition_id: edition, user_id: id }).execute();
		for (const [title, score] of Object.entries(SCORES[name])) {
			const entryId = e[title as keyof typeof e];
			const { id: reviewId } = await t.db
				.insertInto('reviews')
				.values({ entry_id: entryId, round: 'final', juror_id: id, status: 'submitted' })
				.returning('id')
				.executeTakeFirstOrThrow();
			await t.db
				.insertInto('scores')
				.values({ review_id: reviewId, criterion_id: criterion.id, level: score })
				.execute();
			reviews.push({ jurorId: id, entryId, score });
		}
	}
});

afterAll(async () => {
	await t?.close();
});

describe('trialRollups', () => {
	it('rolls up the submitted reports of accepted sites only', async () => {
		const rollups = await trialRollups(t.db, edition);
		// D has no site; X belongs to another edition.
		expect([...rollups.keys()].sort((a, b) => a - b)).toEqual([e.A, e.B, e.C]);
		const a = rollups.get(e.A)!;
		// Accepted: a1, a2, a3 (its report is a draft); a4 declined and a5 volunteer are left out.
		expect(a.sitesAccepted).toBe(3);
		expect(a.reportsSubmitted).toBe(2);
		expect(a.academies).toEqual([
			{ name: 'Créteil', count: 1 },
			{ name: 'Lyon', count: 2 }
		]);
		expect(a.contexts).toEqual({
			kinds: { ecole: 1, college: 1, lycee: 1, service: 0, unknown: 0 },
			priorityEducation: 1,
			areas: { rural: 1, urbain: 1, unknown: 1 }
		});
		// Satisfaction 4 and 2 → mean 3; continuing yes, no → 1/2; steps full, partial, no, full.
		expect(a.satisfaction).toEqual({ n: 2, mean: 3, distribution: [0, 1, 0, 1, 0] });
		expect(a.continuing).toEqual({ n: 2, yes: 1, share: 0.5 });
		expect(a.fidelity).toEqual({ full: 2, partial: 1, no: 1 });
	});

	it('gives each indicator’s means and changes, and the evidence score', async () => {
		const a = (await trialRollupOf(t.db, edition, e.A))!;
		const [absence, lecture] = a.indicators;
		// Absence (decrease): 20 → 15 and 10 → 12. Before (20 + 10)/2 = 15, after (15 + 12)/2 = 13.5,
		// change −1.5, relative −1.5/15 = −0.1; expected: yes, no → 1 of 2.
		expect(absence).toMatchObject({
			name: 'Absentéisme',
			direction: 'decrease',
			n: 2,
			expected: 1
		});
		expect(absence.meanBefore).toBeCloseTo(15, 12);
		expect(absence.meanAfter).toBeCloseTo(13.5, 12);
		expect(absence.meanChange).toBeCloseTo(-1.5, 12);
		expect(absence.relativeChange).toBeCloseTo(-0.1, 12);
		// Lecture (increase): 10 → 12 (a2 gave no value after) → n 1, +2, +20 %, 1 of 1.
		expect(lecture).toMatchObject({
			n: 1,
			meanBefore: 10,
			meanAfter: 12,
			meanChange: 2,
			expected: 1
		});
		expect(lecture.relativeChange).toBeCloseTo(0.2, 12);
		// Evidence: satisfaction (3 − 1)/4 = 0.5; continuing 0.5; pairs 2 of 3.
		// 20 × (0.5 + 0.5 + 2/3)/3 = 20 × (5/3)/3 = 100/9 ≈ 11.11.
		expect(a.evidence).toBeCloseTo(100 / 9, 12);
		// B: accepted site, no report → no evidence. C: 20 × mean(1, 1, 1) = 20 (52 is within 5 % of 50).
		const rollups = await trialRollups(t.db, edition, [e.B, e.C, e.D]);
		expect(rollups.get(e.B)).toMatchObject({
			sitesAccepted: 1,
			reportsSubmitted: 0,
			evidence: null
		});
		expect(rollups.get(e.C)!.evidence).toBe(20);
		expect(rollups.has(e.D)).toBe(false);
	});

	it('answers for the requested innovations of the edition only', async () => {
		expect((await trialRollups(t.db, edition, [])).size).toBe(0);
		expect([...(await trialRollups(t.db, edition, [e.A, e.X])).keys()]).toEqual([e.A]);
		expect(await trialRollupOf(t.db, edition, e.D)).toBeNull();
		expect((await trialRollupOf(t.db, other, e.X))!.evidence).toBe(20);
	});
});

describe('the trial-evidence weight', () => {
	it('reads a whole percentage and answers in French otherwise', () => {
		const form = (v: string) => {
			const f = new FormData();
			f.set('poids', v);
			return f;
		};
		expect(readTrialWeight(form(' 30 % '))).toMatchObject({ ok: true, weight: 30, value: '30 %' });
		expect(readTrialWeight(form('0'))).toMatchObject({ ok: true, weight: 0 });
		expect(readTrialWeight(form(''))).toMatchObject({
			ok: false,
			error: 'Indiquez le poids de l’essai, en pourcentage de 0 à 100.'
		});
		expect(readTrialWeight(form('12,5'))).toMatchObject({
			ok: false,
			value: '12,5',
			error: 'Le poids de l’essai est un nombre entier de 0 à 100 (sans décimale).'
		});
		expect(readTrialWeight(form('-4'))).toMatchObject({ ok: false });
		expect(readTrialWeight(form('150'))).toMatchObject({
			ok: false,
			error: 'Le poids de l’essai ne peut pas dépasser 100 %.'
		});
	});

	it('is set by an organiser and logged in the edition’s chain; the same value logs nothing', async () => {
		expect(await setTrialEvidenceWeight(t.db, edition, 30, organiser)).toMatchObject({
			ok: true,
			changed: true,
			weight: 30
		});
		expect(await setTrialEvidenceWeight(t.db, edition, 30, organiser)).toEqual({
			ok: true,
			changed: false,
			weight: 30,
			eventId: null
		});
		const events = await entityEvents(t.db, 'edition', edition);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'SET_TRIAL_WEIGHT',
			from_state: 'deliberation',
			to_state: 'deliberation',
			payload: { from: 0, to: 30 }
		});
		expect(editionEventPast('SET_TRIAL_WEIGHT')).toBe(
			'Poids de l’essai dans le classement final modifié'
		);
	});

	it('is refused to a juror, after publication, out of 0..100 and for an unknown edition', async () => {
		expect(await setTrialEvidenceWeight(t.db, edition, 50, juror)).toMatchObject({
			ok: false,
			status: 403,
			reason: 'Cet espace est réservé aux organisateurs du prix.'
		});
		expect(await setTrialEvidenceWeight(t.db, published, 50, organiser)).toMatchObject({
			ok: false,
			status: 409,
			reason: expect.stringContaining('résultats de cette édition sont publiés')
		});
		expect(await setTrialEvidenceWeight(t.db, edition, 101, organiser)).toMatchObject({
			ok: false,
			status: 400
		});
		expect(await setTrialEvidenceWeight(t.db, 999999, 10, organiser)).toMatchObject({
			ok: false,
			status: 404
		});
		const weights = await t.db
			.selectFrom('editions')
			.select(['id', 'trial_evidence_weight'])
			.where('id', 'in', [edition, published])
			.orderBy('id')
			.execute();
		expect(weights.map((w) => w.trial_evidence_weight)).toEqual([30, 20]);
	});
});

describe('finalRankingWithEvidence', () => {
	it('combines the final jury’s scores with the evidence at the edition’s weight', async () => {
		const ranking = (await finalRankingWithEvidence(t.db, edition))!;
		expect(ranking.weight).toBe(30);
		// The withdrawn W is left out, though its reviews count in the round's normalisation.
		expect(ranking.ranking.map((r) => r.entryId).sort((a, b) => a - b)).toEqual([
			e.A,
			e.B,
			e.C,
			e.D
		]);
		const aggregate = aggregateEntries(reviews);
		const normalised = new Map(aggregate.entries.map((x) => [x.entryId, x.normalisedMean]));
		const evidence = { [e.A]: 100 / 9, [e.B]: null, [e.C]: 20, [e.D]: null };
		for (const row of ranking.ranking) {
			// Raw means: A (16 + 14)/2 = 15, B 14, C 13, D 12.
			expect(row.raw).toBeCloseTo({ [e.A]: 15, [e.B]: 14, [e.C]: 13, [e.D]: 12 }[row.entryId]!, 9);
			expect(row.normalised).toBeCloseTo(normalised.get(row.entryId)!, 9);
			expect(row.evidence === null ? null : row.evidence).toEqual(
				evidence[row.entryId] === null ? null : expect.closeTo(evidence[row.entryId]!, 9)
			);
			// 0.7 × normalised + 0.3 × evidence (0 without a report).
			expect(row.combined).toBeCloseTo(
				0.7 * normalised.get(row.entryId)! + 0.3 * (evidence[row.entryId] ?? 0),
				9
			);
		}
		expect(ranking.withoutEvidence.sort((a, b) => a - b)).toEqual([e.B, e.D]);
		expect(ranking.rollups.get(e.A)).toEqual({ sitesAccepted: 3, reportsSubmitted: 2 });
		// The same ranking and sentences as the pure function on the same figures.
		const expected = podiumSensitivity(
			ranking.ranking.map(({ entryId, title, raw, normalised, evidence }) => ({
				entryId,
				title,
				raw,
				normalised,
				evidence
			})),
			30
		);
		expect(ranking.variants.map((v) => v.sentence)).toEqual(
			expected.variants.map((v) => v.sentence)
		);
		// Raw scores at 30 %: A 0.7 × 15 + 0.3 × 100/9 = 10.5 + 3.33 = 13.83; B 0.7 × 14 = 9.8;
		// C 0.7 × 13 + 0.3 × 20 = 9.1 + 6 = 15.1; D 0.7 × 12 = 8.4 → C, A, B.
		const raw = ranking.variants.find((v) => v.kind === 'raw')!;
		expect(raw.podium.map((p) => p.entryId)).toEqual([e.C, e.A, e.B]);
	});

	it('is null for an unknown edition and empty without final scores', async () => {
		expect(await finalRankingWithEvidence(t.db, 999999)).toBeNull();
		const empty = (await finalRankingWithEvidence(t.db, other))!;
		expect(empty.ranking).toEqual([]);
		expect(empty.podium).toEqual([]);
	});
});
