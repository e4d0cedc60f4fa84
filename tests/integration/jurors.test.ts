import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addJuror,
	findEditionJuror,
	jurorFormValues,
	listEditionJurors,
	NO_ACCOUNT,
	readJurorForm,
	removeJuror,
	updateJuror,
	type JurorFormValues
} from '../../src/lib/server/db/jurors';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let edition: number;
let other: number;
let categories: { id: number; name: string }[];
const users: Record<string, number> = {};

beforeAll(async () => {
	t = await createTestDatabase();
	[edition, other] = (
		await t.db
			.insertInto('editions')
			.values([
				{ year: 2070, title: 'Prix Impulsions 2070', snapshot: null },
				{ year: 2071, title: 'Prix Impulsions 2071', snapshot: null }
			])
			.returning('id')
			.execute()
	).map((e) => e.id);
	categories = await t.db
		.insertInto('categories')
		.values([
			{ edition_id: edition, name: 'Simplification', position: 0 },
			{ edition_id: edition, name: 'Projet innovant', position: 1 },
			{ edition_id: other, name: 'Ailleurs', position: 0 }
		])
		.returning(['id', 'name'])
		.execute();
	for (const [key, name] of [
		['alice', 'Alice Martin'],
		['bruno', 'Bruno Petit'],
		['chloe', 'Chloé Durand'],
		['david', 'David Leroy']
	])
		users[key] = (
			await t.db
				.insertInto('users')
				.values({ email: `${key}@ac-paris.fr`, name, password_hash: 'x' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
});

afterAll(async () => {
	await t?.close();
});

const values = (changes: Partial<JurorFormValues> = {}): JurorFormValues => ({
	email: '',
	preselection: true,
	final: true,
	expertise: [],
	uai: '',
	...changes
});

async function entry(title: string) {
	return (
		await t.db
			.insertInto('entries')
			.values({ edition_id: edition, title, state: 'eligible', category_id: categories[0].id })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}

describe('adding a juror', () => {
	it('adds an existing account by its address, with its rounds, expertise, normalised UAI and derived académie', async () => {
		const added = await addJuror(
			t.db,
			edition,
			values({
				email: '  Alice@AC-Paris.fr ',
				final: false,
				expertise: [String(categories[1].id)],
				uai: ' 0750001u '
			})
		);
		expect(added).toEqual({ ok: true, userId: users.alice, name: 'Alice Martin' });
		expect(await findEditionJuror(t.db, edition, users.alice)).toMatchObject({
			name: 'Alice Martin',
			email: 'alice@ac-paris.fr',
			preselection: true,
			final: false,
			uai: '0750001U',
			academie: 'Paris',
			expertise: [{ id: categories[1].id, name: 'Projet innovant' }],
			submitted: 0,
			drafts: 0,
			assignments: 0
		});
	});

	it('points to the invitations when no account uses the address', async () => {
		const refused = await addJuror(t.db, edition, values({ email: 'inconnu@ac-lyon.fr' }));
		expect(refused).toEqual({ ok: false, errors: { email: NO_ACCOUNT }, noAccount: true });
	});

	it('refuses a juror already in the jury', async () => {
		expect(await addJuror(t.db, edition, values({ email: 'alice@ac-paris.fr' }))).toEqual({
			ok: false,
			errors: { email: 'Alice Martin fait déjà partie du jury de cette édition.' }
		});
	});

	it('gives a French message per field and saves nothing when the form is wrong', async () => {
		const refused = await addJuror(
			t.db,
			edition,
			values({
				email: 'bruno',
				preselection: false,
				final: false,
				uai: '0750001A',
				expertise: [String(categories[2].id)]
			})
		);
		expect(refused).toEqual({
			ok: false,
			errors: {
				email: 'Saisissez une adresse électronique valide, au format nom@domaine.fr.',
				rounds: 'Cochez au moins un tour : la présélection, le jury final, ou les deux.',
				expertise:
					'Une des catégories cochées n’existe plus : rechargez la page et cochez-les à nouveau.',
				uai: 'La lettre finale du code UAI ne correspond pas à ses chiffres : vérifiez le code (la lettre attendue pour 0750001 est U).'
			}
		});
		expect(await findEditionJuror(t.db, edition, users.bruno)).toBeUndefined();
		expect((await addJuror(t.db, edition, values({ email: '' }))).ok).toBe(false);
	});

	it('reads rounds and categories from checkboxes', () => {
		const form = new FormData();
		form.set('email', 'x@y.fr');
		form.append('tour', 'final');
		form.append('categorie', '3');
		form.append('categorie', '4');
		form.set('uai', '0750001U');
		expect(readJurorForm(form)).toEqual({
			email: 'x@y.fr',
			preselection: false,
			final: true,
			expertise: ['3', '4'],
			uai: '0750001U'
		});
	});
});

describe('the list of jurors', () => {
	it('lists the edition’s jurors by name, one page at a time', async () => {
		for (const key of ['chloe', 'bruno'])
			expect((await addJuror(t.db, edition, values({ email: `${key}@ac-paris.fr` }))).ok).toBe(
				true
			);
		expect((await addJuror(t.db, other, values({ email: 'david@ac-paris.fr' }))).ok).toBe(true);
		const all = await listEditionJurors(t.db, edition, { page: 1 });
		expect(all.total).toBe(3);
		expect(all.jurors.map((j) => j.name)).toEqual(['Alice Martin', 'Bruno Petit', 'Chloé Durand']);
		const second = await listEditionJurors(t.db, edition, { page: 2, pageSize: 2 });
		expect(second).toMatchObject({ page: 2, pageCount: 2 });
		expect(second.jurors.map((j) => j.name)).toEqual(['Chloé Durand']);
		// Past the last page: the last page.
		expect((await listEditionJurors(t.db, edition, { page: 9, pageSize: 2 })).page).toBe(2);
	});
});

describe('editing a juror', () => {
	it('saves his rounds, expertise and établissement', async () => {
		const juror = (await findEditionJuror(t.db, edition, users.bruno))!;
		expect(
			await updateJuror(t.db, edition, users.bruno, {
				...jurorFormValues(juror),
				expertise: categories.slice(0, 2).map((c) => String(c.id)),
				uai: '0690001B'
			})
		).toEqual({ ok: true });
		expect(await findEditionJuror(t.db, edition, users.bruno)).toMatchObject({
			uai: '0690001B',
			academie: 'Lyon',
			expertise: [{ name: 'Simplification' }, { name: 'Projet innovant' }]
		});
		// Emptying the UAI forgets the académie too.
		expect(
			await updateJuror(t.db, edition, users.bruno, {
				...jurorFormValues((await findEditionJuror(t.db, edition, users.bruno))!),
				uai: ' ',
				expertise: []
			})
		).toEqual({ ok: true });
		expect(await findEditionJuror(t.db, edition, users.bruno)).toMatchObject({
			uai: null,
			academie: null,
			expertise: []
		});
	});

	it('refuses an invalid UAI with the reason in French', async () => {
		const refused = await updateJuror(t.db, edition, users.bruno, values({ uai: '12345' }));
		expect(refused).toEqual({
			ok: false,
			errors: { uai: 'Le code UAI compte 7 chiffres suivis d’une lettre, par exemple 0951099D.' }
		});
	});

	it('takes a round away with its assignments, unless he has started a review in it', async () => {
		const a = await entry('Dossier A');
		const b = await entry('Dossier B');
		await t.db
			.insertInto('assignments')
			.values([
				{ entry_id: a, round: 'preselection', juror_id: users.chloe },
				{ entry_id: a, round: 'final', juror_id: users.chloe },
				{ entry_id: b, round: 'preselection', juror_id: users.bruno }
			])
			.execute();
		await t.db
			.insertInto('reviews')
			.values({ entry_id: b, round: 'preselection', juror_id: users.bruno })
			.execute();

		expect(await updateJuror(t.db, edition, users.bruno, values({ preselection: false }))).toEqual({
			ok: false,
			errors: {
				rounds:
					'Bruno Petit a déjà commencé une évaluation de la présélection : ce tour ne peut pas lui être retiré.'
			}
		});
		expect(await updateJuror(t.db, edition, users.chloe, values({ preselection: false }))).toEqual({
			ok: true
		});
		const left = await t.db
			.selectFrom('assignments')
			.select(['round', 'juror_id'])
			.where('juror_id', '=', users.chloe)
			.execute();
		expect(left).toEqual([{ round: 'final', juror_id: users.chloe }]);
	});
});

describe('removing a juror', () => {
	it('is refused once he has submitted a review', async () => {
		const c = await entry('Dossier C');
		await t.db
			.insertInto('assignments')
			.values({ entry_id: c, round: 'preselection', juror_id: users.alice })
			.execute();
		await t.db
			.insertInto('reviews')
			.values({
				entry_id: c,
				round: 'preselection',
				juror_id: users.alice,
				status: 'submitted',
				submitted_at: new Date()
			})
			.execute();
		expect(await removeJuror(t.db, edition, users.alice)).toEqual({
			ok: false,
			reason:
				'Alice Martin a déjà remis une évaluation : il ne peut plus être retiré du jury de cette édition.'
		});
		expect(await findEditionJuror(t.db, edition, users.alice)).toBeDefined();
	});

	it('removes him with his assignments, drafts and expertise otherwise, in this edition only', async () => {
		await updateJuror(
			t.db,
			edition,
			users.bruno,
			values({ expertise: [String(categories[0].id)] })
		);
		expect((await addJuror(t.db, other, values({ email: 'bruno@ac-paris.fr' }))).ok).toBe(true);
		expect(await removeJuror(t.db, edition, users.bruno)).toEqual({
			ok: true,
			name: 'Bruno Petit'
		});
		expect(await findEditionJuror(t.db, edition, users.bruno)).toBeUndefined();
		const leftovers = await Promise.all([
			t.db
				.selectFrom('assignments')
				.select('entry_id')
				.where('juror_id', '=', users.bruno)
				.execute(),
			t.db.selectFrom('reviews').select('id').where('juror_id', '=', users.bruno).execute(),
			t.db
				.selectFrom('juror_expertise')
				.select('category_id')
				.where('user_id', '=', users.bruno)
				.execute()
		]);
		expect(leftovers).toEqual([[], [], []]);
		expect(await removeJuror(t.db, edition, users.bruno)).toEqual({ ok: false, notFound: true });
		// His place in another edition's jury is not touched.
		expect(await findEditionJuror(t.db, other, users.bruno)).toBeDefined();
	});
});
