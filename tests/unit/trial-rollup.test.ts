import { describe, expect, it } from 'vitest';
import { whyNotSetTrialEvidenceWeight } from '../../src/lib/server/auth/permissions';
import {
	buildTrialRollup,
	combinedRanking,
	combinedScore,
	emptyTrialRollup,
	movedAsExpected,
	ordinal,
	podiumSensitivity,
	trialEvidence,
	trialSummarySentence,
	type EvidenceCandidate,
	type RollupReport,
	type RollupSite
} from '../../src/lib/domain/trial-rollup';

const site = (id: number, over: Partial<RollupSite> = {}): RollupSite => ({
	id,
	academie: null,
	kind: null,
	priorityEducation: false,
	area: null,
	...over
});

const report = (siteId: number, over: Partial<RollupReport> = {}): RollupReport => ({
	siteId,
	satisfaction: null,
	willContinue: null,
	fidelity: [],
	values: [],
	...over
});

describe('movedAsExpected', () => {
	it('reads increase and decrease strictly', () => {
		expect(movedAsExpected('increase', 10, 11)).toBe(true);
		expect(movedAsExpected('increase', 10, 10)).toBe(false);
		expect(movedAsExpected('decrease', 10, 9)).toBe(true);
		expect(movedAsExpected('decrease', 10, 10)).toBe(false);
	});

	it('takes « stable » as within 5 % of the value before, or equal when it was 0', () => {
		// |105 − 100| = 5 ≤ 5 % × 100 = 5: stable; |94 − 100| = 6 > 5: not.
		expect(movedAsExpected('stable', 100, 105)).toBe(true);
		expect(movedAsExpected('stable', 100, 94)).toBe(false);
		// Before −20: 5 % of |−20| = 1; −21 is 1 away: stable.
		expect(movedAsExpected('stable', -20, -21)).toBe(true);
		// 0.315 − 0.3 is 0.015000000000000013 in floating point: still within 5 % of 0.3.
		expect(movedAsExpected('stable', 0.3, 0.315)).toBe(true);
		expect(movedAsExpected('stable', 0, 0)).toBe(true);
		expect(movedAsExpected('stable', 0, 0.01)).toBe(false);
	});
});

describe('buildTrialRollup', () => {
	const sites = [
		site(1, { academie: 'Lyon', kind: 'college', priorityEducation: true, area: 'urbain' }),
		site(2, { academie: 'Créteil', kind: 'ecole', area: 'urbain' }),
		site(3, { academie: 'Lyon', kind: 'lycee', area: 'rural' }),
		site(4, { academie: null, kind: null, area: null })
	];
	const indicators = [
		{ id: 10, name: 'Taux d’absentéisme', unit: '%', direction: 'decrease' as const },
		{ id: 11, name: 'Score de lecture', unit: 'points', direction: 'increase' as const },
		{ id: 12, name: 'Temps de préparation', unit: 'h', direction: 'stable' as const },
		{ id: 13, name: 'Indicateur sans mesure', unit: '', direction: 'increase' as const }
	];
	const reports = [
		report(1, {
			satisfaction: 5,
			willContinue: true,
			fidelity: ['full', 'full', 'partial'],
			values: [
				{ indicatorId: 10, before: 12, after: 8 },
				{ indicatorId: 11, before: 40, after: 50 },
				{ indicatorId: 12, before: 10, after: 10.4 }
			]
		}),
		report(2, {
			satisfaction: 3,
			willContinue: false,
			fidelity: ['full', 'no', 'partial'],
			values: [
				{ indicatorId: 10, before: 10, after: 11 },
				{ indicatorId: 11, before: 60, after: 58 },
				{ indicatorId: 12, before: 10, after: 12 }
			]
		}),
		report(3, {
			satisfaction: 4,
			willContinue: null,
			values: [
				// Half a pair: does not count.
				{ indicatorId: 10, before: 9, after: null },
				{ indicatorId: 11, before: 0, after: 5 },
				// An indicator of another protocol: ignored.
				{ indicatorId: 99, before: 1, after: 2 }
			]
		}),
		// A report of a site that is not accepted: ignored.
		report(7, { satisfaction: 1, willContinue: false })
	];
	const rollup = buildTrialRollup(42, { sites, indicators, reports });

	it('counts the accepted sites, the submitted reports, and the académies in French order', () => {
		expect(rollup.entryId).toBe(42);
		expect(rollup.sitesAccepted).toBe(4);
		expect(rollup.reportsSubmitted).toBe(3);
		// « Créteil » sorts before « Lyon »; the site without académie is not listed.
		expect(rollup.academies).toEqual([
			{ name: 'Créteil', count: 1 },
			{ name: 'Lyon', count: 2 }
		]);
	});

	it('rolls up each indicator from the complete pairs, in the protocol’s order', () => {
		const [absence, reading, preparation, none] = rollup.indicators;
		// Absence (decrease): pairs (12 → 8), (10 → 11); site 3 gave no value after.
		// mean before (12 + 10)/2 = 11, after (8 + 11)/2 = 9.5, change −1.5, relative −1.5/11.
		// Expected direction: 8 < 12 yes, 11 < 10 no → 1 of 2.
		expect(absence).toMatchObject({ name: 'Taux d’absentéisme', unit: '%', direction: 'decrease' });
		expect(absence.n).toBe(2);
		expect(absence.meanBefore).toBeCloseTo(11, 12);
		expect(absence.meanAfter).toBeCloseTo(9.5, 12);
		expect(absence.meanChange).toBeCloseTo(-1.5, 12);
		expect(absence.relativeChange).toBeCloseTo(-1.5 / 11, 12);
		expect(absence.expected).toBe(1);
		expect(absence.expectedShare).toBeCloseTo(0.5, 12);
		// Reading (increase): (40 → 50), (60 → 58), (0 → 5).
		// before (40 + 60 + 0)/3 = 33.333…, after (50 + 58 + 5)/3 = 37.666…, change 13/3 = 4.333…
		// relative (13/3)/(100/3) = 0.13; expected: yes, no, yes → 2 of 3.
		expect(reading.n).toBe(3);
		expect(reading.meanBefore).toBeCloseTo(100 / 3, 12);
		expect(reading.meanAfter).toBeCloseTo(113 / 3, 12);
		expect(reading.meanChange).toBeCloseTo(13 / 3, 12);
		expect(reading.relativeChange).toBeCloseTo(0.13, 12);
		expect(reading.expected).toBe(2);
		// Preparation (stable): |10.4 − 10| = 0.4 ≤ 0.5 yes; |12 − 10| = 2 > 0.5 no → 1 of 2.
		expect(preparation.n).toBe(2);
		expect(preparation.meanChange).toBeCloseTo(1.2, 12);
		expect(preparation.expected).toBe(1);
		// No value at all: every mean is missing.
		expect(none).toMatchObject({
			n: 0,
			meanBefore: null,
			meanAfter: null,
			meanChange: null,
			relativeChange: null,
			expected: 0,
			expectedShare: null
		});
	});

	it('gives the satisfaction, the share continuing, the fidelity and the contexts', () => {
		// Satisfaction 5, 3, 4 → mean 4; one report at each of levels 3, 4, 5.
		expect(rollup.satisfaction).toEqual({ n: 3, mean: 4, distribution: [0, 0, 1, 1, 1] });
		// Continuing: yes (site 1), no (site 2); site 3 did not answer → 1 of 2.
		expect(rollup.continuing).toEqual({ n: 2, yes: 1, share: 0.5 });
		// Steps: full, full, partial + full, no, partial.
		expect(rollup.fidelity).toEqual({ full: 3, partial: 2, no: 1 });
		expect(rollup.contexts).toEqual({
			kinds: { ecole: 1, college: 1, lycee: 1, service: 0, unknown: 1 },
			priorityEducation: 1,
			areas: { rural: 1, urbain: 2, unknown: 1 }
		});
	});

	it('scores the evidence as 20 × the mean of the three components', () => {
		// Satisfaction (4 − 1)/4 = 0.75; continuing 0.5;
		// pairs moving as expected: 1 + 2 + 1 + 0 = 4 of 2 + 3 + 2 + 0 = 7 → 4/7.
		// Evidence 20 × (0.75 + 0.5 + 4/7)/3 = 20 × (51/28)/3 = 20 × 17/28 = 85/7 ≈ 12.142857.
		expect(rollup.evidence).toBeCloseTo(85 / 7, 12);
	});

	it('uses the components available only, and has no evidence without a submitted report', () => {
		// Only a satisfaction of 2: (2 − 1)/4 = 0.25 → 20 × 0.25 = 5.
		const partial = buildTrialRollup(1, {
			sites: [site(1)],
			indicators: [],
			reports: [report(1, { satisfaction: 2 })]
		});
		expect(partial.evidence).toBeCloseTo(5, 12);
		// A report with nothing to count (no satisfaction, no answer, no values): no evidence.
		const blank = buildTrialRollup(1, { sites: [site(1)], indicators: [], reports: [report(1)] });
		expect(blank.reportsSubmitted).toBe(1);
		expect(blank.evidence).toBeNull();
		// Accepted sites but no report yet.
		const waiting = buildTrialRollup(1, { sites: [site(1), site(2)], indicators: [], reports: [] });
		expect(waiting).toMatchObject({ sitesAccepted: 2, reportsSubmitted: 0, evidence: null });
		expect(emptyTrialRollup(5)).toMatchObject({
			entryId: 5,
			sitesAccepted: 0,
			reportsSubmitted: 0,
			academies: [],
			evidence: null,
			satisfaction: { n: 0, mean: null, distribution: [0, 0, 0, 0, 0] },
			continuing: { n: 0, yes: 0, share: null }
		});
	});

	it('scores 20 when every site is delighted, goes on and every indicator moved as expected', () => {
		const best = buildTrialRollup(1, {
			sites: [site(1)],
			indicators: [{ id: 1, name: 'x', unit: '', direction: 'increase' }],
			reports: [
				report(1, {
					satisfaction: 5,
					willContinue: true,
					values: [{ indicatorId: 1, before: 1, after: 2 }]
				})
			]
		});
		expect(trialEvidence(best)).toBe(20);
	});
});

describe('combinedScore', () => {
	it('weighs the jury score and the evidence', () => {
		// w = 0.3: 0.7 × 14 + 0.3 × 10 = 9.8 + 3 = 12.8.
		expect(combinedScore(14, 10, 30)).toBeCloseTo(12.8, 12);
		// No evidence counts 0: 0.7 × 14 = 9.8.
		expect(combinedScore(14, null, 30)).toBeCloseTo(9.8, 12);
		// Weight 0: the jury score alone, evidence or not.
		expect(combinedScore(14, null, 0)).toBe(14);
		expect(combinedScore(14, 20, 100)).toBe(20);
	});
});

describe('podiumSensitivity', () => {
	// Combined at w (normalised): A 0.9·16 + 0.1·8 … computed below for each weight.
	const candidates: EvidenceCandidate[] = [
		{ entryId: 1, title: 'A', raw: 15, normalised: 16, evidence: 8 },
		{ entryId: 2, title: 'B', raw: 16, normalised: 15, evidence: 14 },
		{ entryId: 3, title: 'C', raw: 14, normalised: 14, evidence: 18 },
		{ entryId: 4, title: 'D', raw: 15.5, normalised: 13, evidence: null }
	];

	it('ranks by combined score and says when the podium holds', () => {
		// Weight 10 (normalised): A 0.9·16 + 0.1·8 = 15.2; B 13.5 + 1.4 = 14.9; C 12.6 + 1.8 = 14.4;
		// D 11.7 + 0 = 11.7 → A, B, C, D.
		const s = podiumSensitivity(candidates, 10);
		expect(s.ranking.map((r) => [r.title, r.rank])).toEqual([
			['A', 1],
			['B', 2],
			['C', 3],
			['D', 4]
		]);
		expect(s.ranking[0].combined).toBeCloseTo(15.2, 12);
		expect(s.withoutEvidence).toEqual([4]);
		// Weight 0: A 16, B 15, C 14, D 13 → same podium.
		const down = s.variants.find((v) => v.kind === 'weightDown')!;
		expect(down).toMatchObject({ weight: 0, orderChanged: false, setChanged: false, moves: [] });
		expect(down.sentence).toBe(
			'Le podium ne change pas si le poids de l’essai passe de 10 % à 0 %.'
		);
		// Weight 20: A 0.8·16 + 0.2·8 = 14.4; B 12 + 2.8 = 14.8; C 11.2 + 3.6 = 14.8; D 10.4.
		// B and C tie at 14.8 (rank 1, listed by id), A third → the same three, another order.
		const up = s.variants.find((v) => v.kind === 'weightUp')!;
		expect(up.podium).toEqual([
			{ entryId: 2, rank: 1 },
			{ entryId: 3, rank: 1 },
			{ entryId: 1, rank: 3 }
		]);
		expect(up).toMatchObject({ weight: 20, orderChanged: true, setChanged: false });
		expect(up.moves).toEqual([
			{ entryId: 1, title: 'A', from: 1, to: 3 },
			{ entryId: 2, title: 'B', from: 2, to: 1 },
			{ entryId: 3, title: 'C', from: 3, to: 1 }
		]);
		expect(up.sentence).toBe(
			'Si le poids de l’essai passe de 10 % à 20 %, les mêmes candidatures restent sur le podium mais leur ordre change : « A » passe de la 1re à la 3e place ; « B » passe de la 2e à la 1re place ; « C » passe de la 3e à la 1re place.'
		);
	});

	it('says how the podium changes with raw scores', () => {
		// Weight 10, raw: A 0.9·15 + 0.8 = 14.3; B 14.4 + 1.4 = 15.8; C 12.6 + 1.8 = 14.4;
		// D 0.9·15.5 = 13.95 → B 1, C 2, A 3, D 4: same set, new order.
		const raw = podiumSensitivity(candidates, 10).variants.find((v) => v.kind === 'raw')!;
		expect(raw.podium.map((p) => p.entryId)).toEqual([2, 3, 1]);
		expect(raw).toMatchObject({ orderChanged: true, setChanged: false });
		// Weight 0, raw: B 16, D 15.5, A 15, C 14 → D enters the podium at 2nd, C leaves to 4th.
		const s = podiumSensitivity(candidates, 0);
		expect(s.variants.map((v) => v.kind)).toEqual(['weightUp', 'raw']);
		const raw0 = s.variants.find((v) => v.kind === 'raw')!;
		expect(raw0).toMatchObject({ orderChanged: true, setChanged: true });
		expect(raw0.moves).toEqual([
			{ entryId: 1, title: 'A', from: 1, to: 3 },
			{ entryId: 2, title: 'B', from: 2, to: 1 },
			{ entryId: 3, title: 'C', from: 3, to: 4 },
			{ entryId: 4, title: 'D', from: 4, to: 2 }
		]);
		expect(raw0.sentence).toBe(
			'Avec les notes brutes au lieu des notes normalisées, le podium change : « A » passe de la 1re à la 3e place ; « B » passe de la 2e à la 1re place ; « C » passe de la 3e à la 4e place ; « D » passe de la 4e à la 2e place.'
		);
		// No evidence is mentioned at weight 0.
		expect(s.withoutEvidence).toEqual([]);
	});

	it('clamps the weights to 0..100 and leaves out a variant equal to the set weight', () => {
		const s = podiumSensitivity(candidates, 100);
		expect(s.variants.map((v) => [v.kind, v.weight])).toEqual([
			['weightDown', 90],
			['raw', 100]
		]);
		// Weight 100: evidence alone. C 18, B 14, A 8, D 0; raw scores do not matter.
		expect(s.ranking.map((r) => r.title)).toEqual(['C', 'B', 'A', 'D']);
		expect(s.variants[1].sentence).toBe(
			'Avec les notes brutes au lieu des notes normalisées, le podium ne change pas.'
		);
	});

	it('keeps ties together on the podium and handles fewer than three finalists', () => {
		// Two finalists tied at 12: both 1st, listed by id.
		const tied = combinedRanking(
			[
				{ entryId: 9, title: 'Z', raw: 12, normalised: 12, evidence: null },
				{ entryId: 5, title: 'Y', raw: 12, normalised: 12, evidence: null }
			],
			0
		);
		expect(tied.map((r) => [r.entryId, r.rank])).toEqual([
			[5, 1],
			[9, 1]
		]);
		const s = podiumSensitivity([], 30);
		expect(s.podium).toEqual([]);
		expect(s.variants.every((v) => !v.orderChanged)).toBe(true);
	});

	it('writes places in French', () => {
		expect([1, 2, 4].map(ordinal)).toEqual(['1re', '2e', '4e']);
	});
});

describe('whyNotSetTrialEvidenceWeight', () => {
	const user = (isOrganiser: boolean) => ({
		id: 1,
		email: 'a@b.fr',
		name: 'A',
		emailVerified: true,
		isOrganiser,
		isJuror: !isOrganiser,
		isTeamMember: false,
		isTrialContact: false
	});

	it('lets an organiser set the weight until the results are published', () => {
		for (const phase of ['draft', 'trial', 'final', 'deliberation'])
			expect(whyNotSetTrialEvidenceWeight(user(true), phase)).toBeNull();
		for (const phase of ['published', 'archived'])
			expect(whyNotSetTrialEvidenceWeight(user(true), phase)).toBe(
				'Les résultats de cette édition sont publiés : le poids de l’essai dans le classement final ne peut plus changer.'
			);
	});

	it('refuses anyone else', () => {
		expect(whyNotSetTrialEvidenceWeight(user(false), 'final')).toBe(
			'Cet espace est réservé aux organisateurs du prix.'
		);
		expect(whyNotSetTrialEvidenceWeight(null, 'final')).toBe(
			'Connectez-vous pour accéder à cet espace.'
		);
	});
});

describe('the public sentence of a trial', () => {
	it('says nothing when no site was accepted', () => {
		expect(trialSummarySentence(emptyTrialRollup(1))).toBeNull();
	});

	it('names the sites, académies, mean satisfaction and the sites going on, in French', () => {
		const rollup = {
			...emptyTrialRollup(1),
			sitesAccepted: 3,
			reportsSubmitted: 3,
			academies: [
				{ name: 'Lille', count: 2 },
				{ name: 'Poitiers', count: 1 }
			],
			// (5 + 4 + 4) / 3 = 4.333… → « 4,3 »
			satisfaction: {
				n: 3,
				mean: 13 / 3,
				distribution: [0, 0, 0, 2, 1] as [number, number, number, number, number]
			},
			continuing: { n: 3, yes: 2, share: 2 / 3 }
		};
		expect(trialSummarySentence(rollup)).toBe(
			'Essayée par 3 sites dans 2 académies (Lille, Poitiers) ; satisfaction moyenne 4,3 sur 5 ; 2 sites sur 3 poursuivent.'
		);
		expect(
			trialSummarySentence({
				...rollup,
				sitesAccepted: 1,
				reportsSubmitted: 0,
				academies: [{ name: 'Lille', count: 1 }],
				satisfaction: { n: 0, mean: null, distribution: [0, 0, 0, 0, 0] },
				continuing: { n: 0, yes: 0, share: null }
			})
		).toBe('Essayée par 1 site dans 1 académie (Lille) ; aucun rapport d’essai transmis.');
		const going = (yes: number, n: number) =>
			trialSummarySentence({ ...rollup, continuing: { n, yes, share: yes / n } });
		expect(going(1, 2)).toMatch(/ ; 1 site sur 2 poursuit\.$/);
		expect(going(0, 2)).toMatch(/ ; aucun des 2 sites ne poursuit\.$/);
		expect(going(1, 1)).toMatch(/ ; 1 site sur 1 poursuit\.$/);
		expect(going(0, 1)).toMatch(/ ; le site ne poursuit pas\.$/);
	});
});
