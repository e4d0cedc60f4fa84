import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	criterionValues,
	ensureDefaultCriteria,
	listCriteria,
	readCriteriaForm,
	relativeWeights,
	ROUND_SCORED,
	saveRoundCriteria,
	scoredRounds,
	validateCriteria,
	type CriterionValues
} from '../../src/lib/server/db/criteria';
import { createEdition, newEditionFormValues } from '../../src/lib/server/db/editions';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;

beforeAll(async () => {
	t = await createTestDatabase();
});

afterAll(async () => {
	await t?.close();
});

async function newEdition(year: number) {
	const created = await createEdition(t.db, {
		...newEditionFormValues(year),
		submissions_close_at: `${year}-01-31T23:59`
	});
	if (!created.ok) throw new Error(JSON.stringify(created.errors));
	return created.id;
}

const criterion = (changes: Partial<CriterionValues> = {}): CriterionValues => ({
	id: '',
	label: 'Clarté du dossier',
	description: 'Le dossier se lit facilement.',
	weight: '20',
	scaleMin: '1',
	scaleMax: '4',
	levels: ['Confus', 'Lisible', 'Clair', 'Limpide'],
	...changes
});

const errorsOf = (values: CriterionValues[]) => {
	const checked = validateCriteria(values);
	return checked.ok ? {} : checked.errors;
};

describe('the historical criteria', () => {
	it('are given to a new edition: four in preselection, the same plus the trial results in the final round', async () => {
		const edition = await newEdition(2080);
		const criteria = await listCriteria(t.db, edition);
		const preselection = criteria.filter((c) => c.round === 'preselection');
		const final = criteria.filter((c) => c.round === 'final');
		expect(preselection.map((c) => c.label)).toEqual([
			'Efficience du projet',
			'Impact pour les usagers et le fonctionnement des services',
			'Transférabilité',
			'Caractère innovant'
		]);
		expect(final.map((c) => c.label)).toEqual([
			...preselection.map((c) => c.label),
			'Résultats de la phase d’essai'
		]);
		for (const c of criteria) {
			expect(c.scaleMin).toBe(1);
			expect(c.scaleMax).toBe(4);
			expect(c.levels).toHaveLength(4);
			expect(c.levels.every((l) => l.length > 10)).toBe(true);
			expect(c.description.length).toBeGreaterThan(20);
		}
		expect(preselection.reduce((s, c) => s + c.weight, 0)).toBe(100);
		expect(final.reduce((s, c) => s + c.weight, 0)).toBe(100);
	});

	it('are given once to an older edition that has none, even when two organisers open the page at once', async () => {
		const { id } = await t.db
			.insertInto('editions')
			.values({ year: 2081, title: 'Ancienne', snapshot: null })
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(await listCriteria(t.db, id)).toEqual([]);
		await Promise.all([ensureDefaultCriteria(t.db, id), ensureDefaultCriteria(t.db, id)]);
		await ensureDefaultCriteria(t.db, id);
		const criteria = await listCriteria(t.db, id);
		expect(criteria.filter((c) => c.round === 'preselection')).toHaveLength(4);
		expect(criteria.filter((c) => c.round === 'final')).toHaveLength(5);
	});

	it('answers false for an edition that does not exist', async () => {
		expect(await ensureDefaultCriteria(t.db, 999_999)).toBe(false);
	});
});

describe('checking a round’s criteria', () => {
	it('accepts a complete grid and gives the relative weights in percent', () => {
		const checked = validateCriteria([criterion(), criterion({ label: 'Autre', weight: '60' })]);
		expect(checked.ok).toBe(true);
		expect(relativeWeights([20, 60])).toEqual([25, 75]);
		expect(relativeWeights(['1', '2', 'x'])).toEqual([33.3, 66.7, 0]);
	});

	it('asks for a label, and refuses two criteria with the same one', () => {
		expect(errorsOf([criterion({ label: '   ' })])).toEqual({
			'0.label': 'Saisissez l’intitulé du critère.'
		});
		expect(errorsOf([criterion(), criterion({ label: ' clarté  du DOSSIER ' })])).toEqual({
			'1.label': 'Le critère 1 porte déjà cet intitulé : donnez-en un autre à celui-ci.'
		});
	});

	it('wants a whole weight between 0 and 100', () => {
		for (const weight of ['101', '-1', '2.5', 'beaucoup'])
			expect(errorsOf([criterion({ weight })])['0.weight']).toBe(
				'Le poids est un nombre entier entre 0 et 100, par exemple 25.'
			);
		expect(errorsOf([criterion({ weight: '' })])['0.weight']).toBe(
			'Saisissez le poids du critère, entre 0 et 100.'
		);
		expect(errorsOf([criterion({ weight: '0' })]).form).toMatch(/poids non nul/);
	});

	it('wants a maximum above the minimum, within 0 to 10', () => {
		expect(errorsOf([criterion({ scaleMin: '4', scaleMax: '4', levels: ['a'] })])).toEqual({
			'0.scale': 'La note maximale doit être supérieure à la note minimale.'
		});
		expect(errorsOf([criterion({ scaleMax: '20' })])['0.scale']).toMatch(/de 0 à 10/);
		expect(errorsOf([criterion({ scaleMin: 'un' })])['0.scale']).toMatch(/nombres entiers/);
	});

	it('wants one descriptor per level, and does not drop a descriptor beyond the scale silently', () => {
		expect(errorsOf([criterion({ scaleMax: '5' })])).toEqual({
			'0.level.4': 'Décrivez le niveau 5 du barème.'
		});
		expect(errorsOf([criterion({ scaleMax: '3' })])['0.levels']).toMatch(
			/3 niveaux : la description du niveau 4 serait perdue/
		);
		expect(validateCriteria([criterion({ scaleMax: '3', levels: ['a', 'b', 'c', ' '] })]).ok).toBe(
			true
		);
	});

	it('wants at least one criterion', () => {
		expect(errorsOf([]).form).toMatch(/au moins un critère/);
	});

	it('reads the repeated fields of the form in order', () => {
		const form = new FormData();
		for (const [id, label] of [
			['7', 'A'],
			['', 'B']
		]) {
			form.append('id', id);
			form.append('label', label);
			form.append('description', '');
			form.append('weight', '10');
			form.append('scaleMin', '1');
			form.append('scaleMax', '2');
		}
		form.append('niveau-0', 'a1');
		form.append('niveau-0', 'a2');
		form.append('niveau-1', 'b1');
		expect(readCriteriaForm(form)).toEqual([
			{
				...criterion(),
				id: '7',
				label: 'A',
				description: '',
				weight: '10',
				scaleMax: '2',
				levels: ['a1', 'a2']
			},
			{
				...criterion(),
				id: '',
				label: 'B',
				description: '',
				weight: '10',
				scaleMax: '2',
				levels: ['b1']
			}
		]);
	});
});

describe('saving a round’s criteria', () => {
	it('updates the kept criteria, adds the new ones and removes the missing ones, in the form’s order', async () => {
		const edition = await newEdition(2082);
		const before = (await listCriteria(t.db, edition, 'preselection')).map(criterionValues);
		const [first, , third] = before;
		const saved = await saveRoundCriteria(t.db, edition, 'preselection', [
			{ ...third, weight: '50' },
			criterion({ label: 'Sobriété numérique' }),
			{ ...first, label: 'Efficience', scaleMax: '5', levels: [...first.levels, 'Exemplaire'] }
		]);
		expect(saved).toEqual({ ok: true });
		const after = await listCriteria(t.db, edition, 'preselection');
		expect(after.map((c) => [c.label, c.weight, c.position])).toEqual([
			['Transférabilité', 50, 0],
			['Sobriété numérique', 20, 1],
			['Efficience', 25, 2]
		]);
		expect(after[0].id).toBe(Number(third.id));
		expect(after[2]).toMatchObject({ id: Number(first.id), scaleMax: 5 });
		expect(after[2].levels).toHaveLength(5);
		// The other round is untouched.
		expect(await listCriteria(t.db, edition, 'final')).toHaveLength(5);
	});

	it('gives the errors back without saving anything', async () => {
		const edition = await newEdition(2083);
		const saved = await saveRoundCriteria(t.db, edition, 'final', [criterion({ label: '' })]);
		expect(saved).toMatchObject({ ok: false, status: 400 });
		expect(await listCriteria(t.db, edition, 'final')).toHaveLength(5);
	});

	it('is refused once a review of the round has a score, while the other round stays editable', async () => {
		const edition = await newEdition(2084);
		const [juror] = await t.db
			.insertInto('users')
			.values({ email: 'jure-criteres@education.gouv.fr', name: 'Juré', password_hash: 'x' })
			.returning('id')
			.execute();
		const { id: entry } = await t.db
			.insertInto('entries')
			.values({ edition_id: edition, title: 'Notée', state: 'eligible' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { id: review } = await t.db
			.insertInto('reviews')
			.values({ entry_id: entry, round: 'preselection', juror_id: juror.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		const criteria = await listCriteria(t.db, edition, 'preselection');
		expect(await scoredRounds(t.db, edition)).toEqual(new Set());
		await t.db
			.insertInto('scores')
			.values({ review_id: review, criterion_id: criteria[0].id, level: 3 })
			.execute();
		expect(await scoredRounds(t.db, edition)).toEqual(new Set(['preselection']));

		const values = criteria.map(criterionValues);
		const refused = await saveRoundCriteria(t.db, edition, 'preselection', [
			{ ...values[0], weight: '90' },
			...values.slice(1)
		]);
		expect(refused).toEqual({ ok: false, status: 409, errors: { form: ROUND_SCORED } });
		expect((await listCriteria(t.db, edition, 'preselection'))[0].weight).toBe(criteria[0].weight);

		const final = (await listCriteria(t.db, edition, 'final')).map(criterionValues);
		expect(
			await saveRoundCriteria(t.db, edition, 'final', [{ ...final[0], weight: '40' }])
		).toEqual({ ok: true });
	});

	it('answers not found for an edition that does not exist', async () => {
		expect(await saveRoundCriteria(t.db, 999_999, 'final', [criterion()])).toEqual({
			ok: false,
			notFound: true
		});
	});
});
