import { describe, expect, it } from 'vitest';
import {
	NOT_ASSIGNED_MESSAGE,
	whyNotDeclareJurorConflict,
	whyNotReadJuryEntry,
	whyNotScore,
	whyNotSeeOtherReviews,
	whyNotSubmitReview,
	whyNotViewJuryRound,
	type JuryEntryRelation
} from '../../src/lib/server/auth/permissions';
import {
	formatScore,
	isJuryRound,
	REVIEW_STATUS_LABELS,
	ROUND_LABELS
} from '../../src/lib/domain/jury-labels';

const juror = { isOrganiser: false };
const organiser = { isOrganiser: true };
const assigned: JuryEntryRelation = { assigned: true, conflicted: false };
const conflicted: JuryEntryRelation = { assigned: true, conflicted: true };
const unassigned: JuryEntryRelation = { assigned: false, conflicted: false };
const open = {
	round: 'preselection' as const,
	editionPhase: 'preselection',
	entryState: 'eligible',
	reviewStatus: 'none' as const
};

describe('whyNotViewJuryRound', () => {
	it('lets a juror sitting in the round and organisers in', () => {
		expect(whyNotViewJuryRound(juror, { preselection: true, final: false }, 'preselection')).toBe(
			null
		);
		expect(whyNotViewJuryRound(organiser, null, 'final')).toBe(null);
		expect(whyNotViewJuryRound(organiser, { preselection: true, final: false }, 'final')).toBe(
			null
		);
	});

	it('refuses a juror of another round or edition, and a visitor, in French', () => {
		expect(whyNotViewJuryRound(juror, { preselection: true, final: false }, 'final')).toMatch(
			/ce tour/
		);
		expect(whyNotViewJuryRound(juror, null, 'preselection')).toMatch(/cette édition/);
		expect(whyNotViewJuryRound(null, null, 'preselection')).toMatch(/Connectez-vous/);
	});
});

describe('whyNotReadJuryEntry', () => {
	// (person × relation) → allowed?
	const table: [string, { isOrganiser: boolean } | null, JuryEntryRelation | null, boolean][] = [
		['assigned juror', juror, assigned, true],
		['conflicted juror', juror, conflicted, false],
		['unassigned juror', juror, unassigned, false],
		['juror, no such candidature', juror, null, false],
		['organiser, not assigned', organiser, unassigned, true],
		['organiser, conflicted as a juror', organiser, conflicted, true],
		['visitor', null, assigned, false]
	];
	for (const [who, user, relation, allowed] of table) {
		it(`${who}: ${allowed ? 'allowed' : 'refused'}`, () => {
			const why = whyNotReadJuryEntry(user, relation);
			if (allowed) expect(why).toBeNull();
			else expect(why).toEqual(expect.any(String));
		});
	}

	it('answers a conflicted and an unassigned juror alike (the route turns it into a 404)', () => {
		expect(whyNotReadJuryEntry(juror, conflicted)).toBe(NOT_ASSIGNED_MESSAGE);
		expect(whyNotReadJuryEntry(juror, unassigned)).toBe(NOT_ASSIGNED_MESSAGE);
		expect(whyNotReadJuryEntry(juror, null)).toBe(NOT_ASSIGNED_MESSAGE);
	});
});

describe('whyNotScore', () => {
	it('lets an assigned juror score a draft while the round is open', () => {
		expect(whyNotScore(assigned, open)).toBeNull();
		expect(whyNotScore(assigned, { ...open, reviewStatus: 'draft' })).toBeNull();
		expect(
			whyNotScore(assigned, {
				...open,
				round: 'final',
				editionPhase: 'final',
				entryState: 'finalist'
			})
		).toBeNull();
	});

	it('refuses, with the reason, everyone and everything else', () => {
		expect(whyNotScore(conflicted, open)).toMatch(/sans conflit d’intérêts/);
		expect(whyNotScore(unassigned, open)).toMatch(/Seuls les jurés/);
		expect(whyNotScore(null, open)).toMatch(/Seuls les jurés/);
		expect(whyNotScore(assigned, { ...open, reviewStatus: 'submitted' })).toMatch(
			/soumise : elle ne peut plus être modifiée/
		);
		expect(whyNotScore(assigned, { ...open, entryState: 'withdrawn' })).toMatch(/retirée/);
		expect(whyNotScore(assigned, { ...open, editionPhase: 'eligibility' })).toMatch(
			/présélection n’est pas ouverte/
		);
		expect(whyNotScore(assigned, { ...open, round: 'final' })).toMatch(
			/jury final n’est pas ouverte/
		);
	});
});

describe('whyNotSubmitReview', () => {
	it('needs every criterion scored, and names the missing ones', () => {
		expect(whyNotSubmitReview(3, [])).toBeNull();
		expect(whyNotSubmitReview(0, [])).toMatch(/pas encore définis/);
		expect(whyNotSubmitReview(3, ['Transférabilité'])).toBe(
			'Choisissez un niveau pour le critère « Transférabilité » avant de soumettre l’évaluation.'
		);
		expect(whyNotSubmitReview(3, ['Transférabilité', 'Caractère innovant'])).toBe(
			'Choisissez un niveau pour chaque critère avant de soumettre l’évaluation. Critères sans niveau : « Transférabilité », « Caractère innovant ».'
		);
	});
});

describe('whyNotSeeOtherReviews', () => {
	it('shows the others’ reviews only once his own is submitted', () => {
		expect(whyNotSeeOtherReviews(assigned, 'submitted')).toBeNull();
		expect(whyNotSeeOtherReviews(assigned, 'draft')).toMatch(/une fois la vôtre soumise/);
		expect(whyNotSeeOtherReviews(assigned, 'none')).toMatch(/une fois la vôtre soumise/);
	});

	it('never to a conflicted or unassigned juror, even with a submitted review', () => {
		expect(whyNotSeeOtherReviews(conflicted, 'submitted')).toBe(NOT_ASSIGNED_MESSAGE);
		expect(whyNotSeeOtherReviews(unassigned, 'submitted')).toBe(NOT_ASSIGNED_MESSAGE);
		expect(whyNotSeeOtherReviews(null, 'submitted')).toBe(NOT_ASSIGNED_MESSAGE);
	});
});

describe('whyNotDeclareJurorConflict', () => {
	it('lets an assigned juror declare one until his review is submitted', () => {
		expect(whyNotDeclareJurorConflict(assigned, false)).toBeNull();
		expect(whyNotDeclareJurorConflict(assigned, true)).toMatch(/contactez les organisateurs/);
	});

	it('refuses a conflicted or unassigned juror as not assigned', () => {
		expect(whyNotDeclareJurorConflict(conflicted, false)).toBe(NOT_ASSIGNED_MESSAGE);
		expect(whyNotDeclareJurorConflict(unassigned, false)).toBe(NOT_ASSIGNED_MESSAGE);
		expect(whyNotDeclareJurorConflict(null, false)).toBe(NOT_ASSIGNED_MESSAGE);
	});
});

describe('jury labels', () => {
	it('names rounds and statuses in French', () => {
		expect(ROUND_LABELS).toEqual({ preselection: 'Présélection', final: 'Jury final' });
		expect(REVIEW_STATUS_LABELS.submitted).toBe('Évaluation soumise');
		expect(isJuryRound('final')).toBe(true);
		expect(isJuryRound('deliberation')).toBe(false);
		expect(isJuryRound('toString')).toBe(false);
	});

	it('formats scores out of 20 the French way', () => {
		expect(formatScore(null)).toBe('—');
		expect(formatScore(13.3333)).toBe('13,33 / 20');
		expect(formatScore(20)).toBe('20 / 20');
	});
});
