import { describe, expect, it } from 'vitest';
import { automaticConflicts } from '../../src/lib/server/jury/conflicts';

const juror = { userId: 7, uai: '0951099D', academie: 'Versailles' };
const entry = { id: 12, memberUserIds: [3, 4], uai: '0750001A', academie: 'Paris' };
const lenient = { sameAcademie: false };
const strict = { sameAcademie: true };

describe('automaticConflicts', () => {
	it('finds none between a juror and a team that share nothing', () => {
		expect(automaticConflicts(juror, entry, strict)).toEqual([]);
	});

	it('bars a juror who is a member of the team', () => {
		expect(automaticConflicts(juror, { ...entry, memberUserIds: [3, 7] }, lenient)).toEqual([
			{ code: 'member', text: 'Le juré est membre de l’équipe.' }
		]);
	});

	it('bars a juror of the same établissement, comparing UAI codes without case or spaces', () => {
		expect(automaticConflicts(juror, { ...entry, uai: ' 0951099d ' }, lenient)).toEqual([
			{
				code: 'sameEtablissement',
				text: 'Le juré travaille dans le même établissement (UAI 0951099D).'
			}
		]);
	});

	it('bars a juror of the same académie only when the edition’s rule says so', () => {
		const sameAcademie = { ...entry, academie: 'Versailles' };
		expect(automaticConflicts(juror, sameAcademie, lenient)).toEqual([]);
		expect(automaticConflicts(juror, sameAcademie, strict)).toEqual([
			{
				code: 'sameAcademie',
				text: 'Le juré et l’équipe relèvent de la même académie (Versailles).'
			}
		]);
	});

	it('lists every reason that applies, in a fixed order', () => {
		const all = { id: 12, memberUserIds: [7], uai: '0951099D', academie: 'Versailles' };
		expect(automaticConflicts(juror, all, strict).map((c) => c.code)).toEqual([
			'member',
			'sameEtablissement',
			'sameAcademie'
		]);
	});

	it('never makes a conflict out of an unknown UAI or académie', () => {
		const unknown = { userId: 7, uai: null, academie: null };
		const unknownEntry = { ...entry, uai: null, academie: null };
		expect(automaticConflicts(unknown, unknownEntry, strict)).toEqual([]);
		const blank = { userId: 7, uai: '  ', academie: ' ' };
		expect(automaticConflicts(blank, { ...entry, uai: '', academie: '' }, strict)).toEqual([]);
	});
});
