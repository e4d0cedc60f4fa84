// The jurors of an edition (/admin/editions/[id]/jury): the list, adding an existing account by its
// e-mail address (people without an account are invited from /admin/invitations), the rounds a juror
// sits in, his categories of expertise (none: every category) and his établissement (UAI, from which
// the académie is derived), and his removal — refused once he has submitted a review.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { academieOfUai, normaliseUai, uaiProblem } from '$lib/domain/uai';
import { emailProblem, type FieldErrors } from '$lib/domain/validation';
import type { Db } from './index';
import { normaliseEmail } from './users';
import { parseId } from '$lib/domain/integer';

export const JURORS_PAGE_SIZE = 50;

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * One page of the edition's jurors, by name, with their rounds, établissement, expertise and the
 * number of their reviews: two queries (count, page).
 */
export async function listEditionJurors(
	db: Db,
	editionId: number,
	options: { page: number; pageSize?: number } = { page: 1 }
) {
	const pageSize = Math.max(1, Math.floor(options.pageSize ?? JURORS_PAGE_SIZE));
	const counted = await db
		.selectFrom('edition_jurors')
		.where('edition_id', '=', editionId)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const total = Number(counted.n);
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);
	const jurors =
		total === 0
			? []
			: await jurorQuery(db, editionId)
					.orderBy('u.name')
					.orderBy('u.id')
					.limit(pageSize)
					.offset((page - 1) * pageSize)
					.execute();
	return { total, page, pageCount, pageSize, jurors: jurors.map(tidyJuror) };
}

function jurorQuery(db: Db, editionId: number) {
	return db
		.selectFrom('edition_jurors as j')
		.innerJoin('users as u', 'u.id', 'j.user_id')
		.where('j.edition_id', '=', editionId)
		.select((eb) => [
			'u.id',
			'u.name',
			'u.email',
			'j.preselection',
			'j.final',
			'j.uai',
			'j.academie',
			'j.added_at',
			jsonArrayFrom(
				eb
					.selectFrom('juror_expertise as x')
					.innerJoin('categories as c', 'c.id', 'x.category_id')
					.whereRef('x.edition_id', '=', 'j.edition_id')
					.whereRef('x.user_id', '=', 'j.user_id')
					.select(['c.id', 'c.name'])
					.orderBy('c.position')
					.orderBy('c.id')
			).as('expertise'),
			eb
				.selectFrom('reviews as r')
				.innerJoin('entries as e', 'e.id', 'r.entry_id')
				.whereRef('r.juror_id', '=', 'j.user_id')
				.whereRef('e.edition_id', '=', 'j.edition_id')
				.where('r.status', '=', 'submitted')
				.select((sub) => sub.fn.countAll<number>().as('n'))
				.as('submitted'),
			eb
				.selectFrom('reviews as r')
				.innerJoin('entries as e', 'e.id', 'r.entry_id')
				.whereRef('r.juror_id', '=', 'j.user_id')
				.whereRef('e.edition_id', '=', 'j.edition_id')
				.where('r.status', '=', 'draft')
				.select((sub) => sub.fn.countAll<number>().as('n'))
				.as('drafts'),
			eb
				.selectFrom('assignments as a')
				.innerJoin('entries as e', 'e.id', 'a.entry_id')
				.whereRef('a.juror_id', '=', 'j.user_id')
				.whereRef('e.edition_id', '=', 'j.edition_id')
				.select((sub) => sub.fn.countAll<number>().as('n'))
				.as('assignments')
		]);
}

type JurorRow = Awaited<ReturnType<ReturnType<typeof jurorQuery>['execute']>>[number];

const tidyJuror = (row: JurorRow) => ({
	...row,
	submitted: Number(row.submitted ?? 0),
	drafts: Number(row.drafts ?? 0),
	assignments: Number(row.assignments ?? 0)
});

/** One juror of the edition, or undefined (one query). */
export async function findEditionJuror(db: Db, editionId: number, userId: number) {
	const row = await jurorQuery(db, editionId).where('j.user_id', '=', userId).executeTakeFirst();
	return row ? tidyJuror(row) : undefined;
}

export type EditionJuror = NonNullable<Awaited<ReturnType<typeof findEditionJuror>>>;

// ---------------------------------------------------------------------------------------------
// The form: rounds, expertise, établissement

export type JurorField = 'email' | 'rounds' | 'expertise' | 'uai';

/** What the form sends, as typed: given back untouched when it is refused. */
export interface JurorFormValues {
	email: string;
	preselection: boolean;
	final: boolean;
	/** Category ids, as sent. */
	expertise: string[];
	uai: string;
}

export type JurorErrors = FieldErrors<JurorField>;

export interface JurorInput {
	preselection: boolean;
	final: boolean;
	categoryIds: number[];
	/** Normalised, or null when none is given. */
	uai: string | null;
	/** Derived from the UAI. */
	academie: string | null;
}

/** Reads the juror form: rounds are checkboxes `tour` (preselection, final), expertise `categorie`. */
export function readJurorForm(form: FormData): JurorFormValues {
	const strings = (name: string) =>
		form.getAll(name).filter((v): v is string => typeof v === 'string');
	const rounds = strings('tour');
	const email = form.get('email');
	const uai = form.get('uai');
	return {
		email: typeof email === 'string' ? email : '',
		preselection: rounds.includes('preselection'),
		final: rounds.includes('final'),
		expertise: strings('categorie').slice(0, 100),
		uai: typeof uai === 'string' ? uai : ''
	};
}

/** The form of an existing juror. */
export function jurorFormValues(juror: EditionJuror): JurorFormValues {
	return {
		email: juror.email,
		preselection: juror.preselection,
		final: juror.final,
		expertise: juror.expertise.map((c) => String(c.id)),
		uai: juror.uai ?? ''
	};
}

/**
 * Checks rounds, expertise and UAI against the edition's categories. Pure. An empty UAI is allowed
 * (no établissement known: no conflict by établissement); a given one must be valid.
 */
export function validateJuror(
	values: JurorFormValues,
	categoryIds: readonly number[]
): { ok: true; input: JurorInput } | { ok: false; errors: JurorErrors } {
	const errors: JurorErrors = {};
	if (!values.preselection && !values.final)
		errors.rounds = 'Cochez au moins un tour : la présélection, le jury final, ou les deux.';
	const known = new Set(categoryIds);
	const chosen = [...new Set(values.expertise)].map((v) => parseId(v) ?? NaN);
	if (chosen.some((id) => !known.has(id)))
		errors.expertise =
			'Une des catégories cochées n’existe plus : rechargez la page et cochez-les à nouveau.';
	let uai: string | null = null;
	let academie: string | null = null;
	if (values.uai.trim()) {
		const problem = uaiProblem(values.uai);
		if (problem) errors.uai = problem;
		else {
			uai = normaliseUai(values.uai);
			academie = academieOfUai(uai)?.academie ?? null;
		}
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		input: {
			preselection: values.preselection,
			final: values.final,
			categoryIds: chosen.sort((a, b) => a - b),
			uai,
			academie
		}
	};
}

async function editionCategoryIds(db: Db, editionId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('categories')
		.select('id')
		.where('edition_id', '=', editionId)
		.execute();
	return rows.map((r) => r.id);
}

async function writeExpertise(db: Db, editionId: number, userId: number, categoryIds: number[]) {
	await db
		.deleteFrom('juror_expertise')
		.where('edition_id', '=', editionId)
		.where('user_id', '=', userId)
		.execute();
	if (categoryIds.length > 0)
		await db
			.insertInto('juror_expertise')
			.values(
				categoryIds.map((category_id) => ({ edition_id: editionId, user_id: userId, category_id }))
			)
			.execute();
}

export const NO_ACCOUNT =
	'Aucun compte n’utilise cette adresse : invitez cette personne depuis la page des invitations, elle rejoindra le jury en acceptant l’invitation.';

/**
 * Adds an existing account to the edition's jury, with its rounds, expertise and établissement.
 * `noAccount` tells the page to point to /admin/invitations.
 */
export async function addJuror(
	db: Db,
	editionId: number,
	values: JurorFormValues
): Promise<
	| { ok: true; userId: number; name: string }
	| { ok: false; errors: JurorErrors; noAccount?: boolean }
	| { ok: false; notFound: true }
> {
	const errors: JurorErrors = {};
	const emailIssue = emailProblem(values.email);
	if (emailIssue)
		errors.email = values.email.trim()
			? emailIssue
			: 'Saisissez l’adresse électronique du compte du juré.';
	const checked = validateJuror(values, await editionCategoryIds(db, editionId));
	if (!checked.ok) Object.assign(errors, checked.errors);
	if (Object.keys(errors).length > 0 || !checked.ok) return { ok: false, errors };
	const input = checked.input;
	return db.transaction().execute(async (trx) => {
		const edition = await trx
			.selectFrom('editions')
			.select('id')
			.where('id', '=', editionId)
			.executeTakeFirst();
		if (!edition) return { ok: false, notFound: true } as const;
		const user = await trx
			.selectFrom('users')
			.select(['id', 'name'])
			.where('email', '=', normaliseEmail(values.email))
			.executeTakeFirst();
		if (!user) return { ok: false, errors: { email: NO_ACCOUNT }, noAccount: true } as const;
		const inserted = await trx
			.insertInto('edition_jurors')
			.values({
				edition_id: editionId,
				user_id: user.id,
				preselection: input.preselection,
				final: input.final,
				uai: input.uai,
				academie: input.academie
			})
			.onConflict((oc) => oc.doNothing())
			.returning('user_id')
			.executeTakeFirst();
		if (!inserted)
			return {
				ok: false,
				errors: { email: `${user.name} fait déjà partie du jury de cette édition.` }
			} as const;
		await writeExpertise(trx, editionId, user.id, input.categoryIds);
		return { ok: true, userId: user.id, name: user.name } as const;
	});
}

/**
 * Saves a juror's rounds, expertise and établissement. Leaving a round removes his assignments of
 * that round; it is refused once he has started (or submitted) a review in it.
 */
export async function updateJuror(
	db: Db,
	editionId: number,
	userId: number,
	values: JurorFormValues
): Promise<{ ok: true } | { ok: false; errors: JurorErrors } | { ok: false; notFound: true }> {
	const checked = validateJuror(values, await editionCategoryIds(db, editionId));
	if (!checked.ok) return checked;
	const input = checked.input;
	return db.transaction().execute(async (trx) => {
		const juror = await trx
			.selectFrom('edition_jurors as j')
			.innerJoin('users as u', 'u.id', 'j.user_id')
			.select(['u.name', 'j.preselection', 'j.final'])
			.where('j.edition_id', '=', editionId)
			.where('j.user_id', '=', userId)
			.forUpdate()
			.executeTakeFirst();
		if (!juror) return { ok: false, notFound: true } as const;
		const left = (['preselection', 'final'] as const).filter((r) => juror[r] && !input[r]);
		if (left.length > 0) {
			const reviewed = await trx
				.selectFrom('reviews as r')
				.innerJoin('entries as e', 'e.id', 'r.entry_id')
				.where('e.edition_id', '=', editionId)
				.where('r.juror_id', '=', userId)
				.where('r.round', 'in', left)
				.select(['r.round', (eb) => eb.fn.countAll<number>().as('n')])
				.groupBy('r.round')
				.execute();
			if (reviewed.length > 0) {
				const { round, n } = reviewed[0];
				const count = Number(n);
				return {
					ok: false,
					errors: {
						rounds: `${juror.name} a déjà commencé ${count > 1 ? `${count} évaluations` : 'une évaluation'} ${round === 'final' ? 'du jury final' : 'de la présélection'} : ce tour ne peut pas lui être retiré.`
					}
				} as const;
			}
			await trx
				.deleteFrom('assignments')
				.where('juror_id', '=', userId)
				.where('round', 'in', left)
				.where('entry_id', 'in', (eb) =>
					eb.selectFrom('entries').select('id').where('edition_id', '=', editionId)
				)
				.execute();
		}
		await trx
			.updateTable('edition_jurors')
			.set({
				preselection: input.preselection,
				final: input.final,
				uai: input.uai,
				academie: input.academie
			})
			.where('edition_id', '=', editionId)
			.where('user_id', '=', userId)
			.execute();
		await writeExpertise(trx, editionId, userId, input.categoryIds);
		return { ok: true } as const;
	});
}

/**
 * Removes a juror from the edition's jury with his assignments and draft reviews. Refused, in French,
 * once he has submitted a review: the jury's work must stay as it was done.
 */
export async function removeJuror(
	db: Db,
	editionId: number,
	userId: number
): Promise<
	{ ok: true; name: string } | { ok: false; reason: string } | { ok: false; notFound: true }
> {
	return db.transaction().execute(async (trx) => {
		const juror = await trx
			.selectFrom('edition_jurors as j')
			.innerJoin('users as u', 'u.id', 'j.user_id')
			.select('u.name')
			.where('j.edition_id', '=', editionId)
			.where('j.user_id', '=', userId)
			.forUpdate()
			.executeTakeFirst();
		if (!juror) return { ok: false, notFound: true } as const;
		const submitted = await trx
			.selectFrom('reviews as r')
			.innerJoin('entries as e', 'e.id', 'r.entry_id')
			.where('e.edition_id', '=', editionId)
			.where('r.juror_id', '=', userId)
			.where('r.status', '=', 'submitted')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const n = Number(submitted.n);
		if (n > 0)
			return {
				ok: false,
				reason: `${juror.name} a déjà remis ${n > 1 ? `${n} évaluations` : 'une évaluation'} : il ne peut plus être retiré du jury de cette édition.`
			} as const;
		const inEdition = sql<boolean>`entry_id in (select id from entries where edition_id = ${editionId})`;
		await trx.deleteFrom('reviews').where('juror_id', '=', userId).where(inEdition).execute();
		await trx.deleteFrom('assignments').where('juror_id', '=', userId).where(inEdition).execute();
		// Expertise goes with the row (foreign key, on delete cascade).
		await trx
			.deleteFrom('edition_jurors')
			.where('edition_id', '=', editionId)
			.where('user_id', '=', userId)
			.execute();
		return { ok: true, name: juror.name } as const;
	});
}
