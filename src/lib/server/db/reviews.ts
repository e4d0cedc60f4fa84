// The juror's space: the candidatures assigned to a juror in a round, one candidature as he may read
// it, his review (save with an optimistic `version`, submit), the other jurors' reviews once his own is
// submitted, his progress, and the conflicts of interest he declares.
//
// A conflicted juror never sees a candidature: every query here filters with `jurorConflicted`, and
// the functions answer null (the routes answer 404, NOT_ASSIGNED_MESSAGE) for a candidature that is
// not assigned to him or that he is conflicted with, exactly as for one that does not exist.
// The rules themselves are in ../auth/permissions.ts (jury section).
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import {
	CONFLICT_REASON_MAX,
	REVIEW_COMMENT_MAX,
	type JuryRoundName,
	type ReviewStatus
} from '$lib/domain/jury-labels';
import { summarise, weightedScore } from '$lib/domain/scoring';
import {
	NOT_ASSIGNED_MESSAGE,
	whyNotDeclareJurorConflict,
	whyNotReadJuryEntry,
	whyNotScore,
	whyNotSeeOtherReviews,
	whyNotSubmitReview,
	type JuryEntryRelation,
	type JurySeat
} from '../auth/permissions';
import { jurorConflicted, declareConflict } from './conflicts';
import type { Db } from './index';
import { INT4_MIN, parseId, parseInteger } from '$lib/domain/integer';

/** Candidatures per page of a juror's list. */
export const JUROR_PAGE_SIZE = 20;

export const STALE_REVIEW_MESSAGE =
	'Votre évaluation a été enregistrée entre-temps depuis une autre page : ce que vous venez de saisir n’a pas été enregistré, mais est conservé ci-dessous. Rechargez la page pour voir la version enregistrée, puis reportez-y vos changements.';

// ---------------------------------------------------------------------------------------------
// Editions, seats and progress

/** An edition and the person's seat in its jury (null when he is not a juror of it); null if no such edition. */
export async function findJurySeat(db: Db, userId: number, editionId: number) {
	const row = await db
		.selectFrom('editions as ed')
		.leftJoin('edition_jurors as j', (join) =>
			join.onRef('j.edition_id', '=', 'ed.id').on('j.user_id', '=', userId)
		)
		.where('ed.id', '=', editionId)
		.select([
			'ed.id',
			'ed.year',
			'ed.title',
			'ed.phase',
			'j.user_id as juror_id',
			'j.preselection',
			'j.final'
		])
		.executeTakeFirst();
	if (!row) return null;
	const seat: JurySeat | null =
		row.juror_id === null
			? null
			: { preselection: row.preselection === true, final: row.final === true };
	return { edition: { id: row.id, year: row.year, title: row.title, phase: row.phase }, seat };
}

export interface RoundProgress {
	/** Candidatures assigned to him in the round, not counting those he is conflicted with. */
	assigned: number;
	draft: number;
	submitted: number;
}

/** A juror's progress per edition and round, in one query: {editionId → {round → counts}}. */
async function progressOf(db: Db, jurorId: number, editionId?: number) {
	let query = db
		.selectFrom('assignments as a')
		.innerJoin('entries as e', 'e.id', 'a.entry_id')
		.leftJoin('reviews as r', (join) =>
			join
				.onRef('r.entry_id', '=', 'a.entry_id')
				.onRef('r.round', '=', 'a.round')
				.onRef('r.juror_id', '=', 'a.juror_id')
		)
		.where('a.juror_id', '=', jurorId)
		.where(({ not }) => not(jurorConflicted(jurorId, 'e.id')))
		.select((eb) => [
			'e.edition_id',
			'a.round',
			eb.fn.countAll<number>().as('assigned'),
			eb.fn.count<number>('r.id').filterWhere('r.status', '=', 'draft').as('draft'),
			eb.fn.count<number>('r.id').filterWhere('r.status', '=', 'submitted').as('submitted')
		])
		.groupBy(['e.edition_id', 'a.round']);
	if (editionId !== undefined) query = query.where('e.edition_id', '=', editionId);
	const rows = await query.execute();
	const byEdition = new Map<number, Partial<Record<JuryRoundName, RoundProgress>>>();
	for (const row of rows) {
		const rounds = byEdition.get(row.edition_id) ?? {};
		rounds[row.round] = {
			assigned: Number(row.assigned),
			draft: Number(row.draft),
			submitted: Number(row.submitted)
		};
		byEdition.set(row.edition_id, rounds);
	}
	return byEdition;
}

const NO_PROGRESS: RoundProgress = { assigned: 0, draft: 0, submitted: 0 };

/** The juror's progress in one edition and round. */
export async function jurorRoundProgress(
	db: Db,
	jurorId: number,
	editionId: number,
	round: JuryRoundName
): Promise<RoundProgress> {
	const progress = await progressOf(db, jurorId, editionId);
	return progress.get(editionId)?.[round] ?? NO_PROGRESS;
}

/**
 * The editions whose jury he sits in, latest first, each with the rounds he sits in and his progress
 * in them. Two queries.
 */
export async function listJurorEditions(db: Db, jurorId: number) {
	const [seats, progress] = await Promise.all([
		db
			.selectFrom('edition_jurors as j')
			.innerJoin('editions as ed', 'ed.id', 'j.edition_id')
			.where('j.user_id', '=', jurorId)
			.select(['ed.id', 'ed.year', 'ed.title', 'ed.phase', 'j.preselection', 'j.final'])
			.orderBy('ed.year', 'desc')
			.execute(),
		progressOf(db, jurorId)
	]);
	return seats.map((s) => ({
		id: s.id,
		year: s.year,
		title: s.title,
		phase: s.phase,
		rounds: (['preselection', 'final'] as const)
			.filter((round) => s[round])
			.map((round) => ({
				round,
				open: s.phase === round,
				...(progress.get(s.id)?.[round] ?? NO_PROGRESS)
			}))
	}));
}

// ---------------------------------------------------------------------------------------------
// The juror's list

/**
 * One page of the candidatures assigned to the juror in a round, without those he is conflicted
 * with, each with the status of his review. Ordered by title; `page` is clamped to the pages there are.
 */
export async function listJurorEntries(
	db: Db,
	input: {
		jurorId: number;
		editionId: number;
		round: JuryRoundName;
		page?: number;
		pageSize?: number;
	}
) {
	const { jurorId, editionId, round } = input;
	const pageSize = Math.min(Math.max(input.pageSize ?? JUROR_PAGE_SIZE, 1), 100);
	const progress = await jurorRoundProgress(db, jurorId, editionId, round);
	const pageCount = Math.max(1, Math.ceil(progress.assigned / pageSize));
	const page = Math.min(Math.max(Math.trunc(input.page ?? 1) || 1, 1), pageCount);
	const rows =
		progress.assigned === 0
			? []
			: await db
					.selectFrom('assignments as a')
					.innerJoin('entries as e', 'e.id', 'a.entry_id')
					.leftJoin('categories as c', 'c.id', 'e.category_id')
					.leftJoin('reviews as r', (join) =>
						join
							.onRef('r.entry_id', '=', 'a.entry_id')
							.onRef('r.round', '=', 'a.round')
							.onRef('r.juror_id', '=', 'a.juror_id')
					)
					.where('a.juror_id', '=', jurorId)
					.where('a.round', '=', round)
					.where('e.edition_id', '=', editionId)
					.where(({ not }) => not(jurorConflicted(jurorId, 'e.id')))
					.select([
						'e.id',
						'e.title',
						'e.state',
						'c.name as category_name',
						'r.status',
						'r.updated_at',
						'r.submitted_at'
					])
					.orderBy('e.title')
					.orderBy('e.id')
					.limit(pageSize)
					.offset((page - 1) * pageSize)
					.execute();
	return {
		items: rows.map((r) => ({
			id: r.id,
			title: r.title,
			state: r.state,
			categoryName: r.category_name,
			status: (r.status ?? 'none') as ReviewStatus,
			updatedAt: r.updated_at,
			submittedAt: r.submitted_at
		})),
		progress,
		page,
		pageCount,
		pageSize
	};
}

// ---------------------------------------------------------------------------------------------
// One candidature, as the jury reads it

/** The juror's relation to a candidature of the edition in a round; null when there is no such candidature. */
async function relationOf(
	db: Db,
	jurorId: number,
	editionId: number,
	round: JuryRoundName,
	entryId: number
) {
	const row = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.where('e.id', '=', entryId)
		.where('e.edition_id', '=', editionId)
		.select((eb) => [
			'e.state',
			'ed.phase',
			eb
				.exists(
					eb
						.selectFrom('assignments as a')
						.whereRef('a.entry_id', '=', 'e.id')
						.where('a.round', '=', round)
						.where('a.juror_id', '=', jurorId)
						.select(sql`1`.as('x'))
				)
				.as('assigned'),
			jurorConflicted(jurorId, 'e.id').as('conflicted'),
			eb
				.selectFrom('reviews as r')
				.whereRef('r.entry_id', '=', 'e.id')
				.where('r.round', '=', round)
				.where('r.juror_id', '=', jurorId)
				.select('r.status')
				.as('review_status')
		])
		.executeTakeFirst();
	if (!row) return null;
	return {
		relation: { assigned: Boolean(row.assigned), conflicted: Boolean(row.conflicted) },
		entryState: row.state,
		editionPhase: row.phase,
		reviewStatus: (row.review_status ?? 'none') as ReviewStatus
	};
}

/**
 * A candidature as the jury reads it (dossier, category, themes, attachments without their content)
 * with the user's relation to it and why he may not score it (null when he may). Null when it does
 * not exist in the edition, or when he may not read it (not assigned, or conflicted, and not an
 * organiser): the caller answers 404 with NOT_ASSIGNED_MESSAGE. Two queries.
 */
export async function loadJuryEntry(
	db: Db,
	user: { id: number; isOrganiser: boolean },
	input: { editionId: number; round: JuryRoundName; entryId: number }
) {
	const found = await relationOf(db, user.id, input.editionId, input.round, input.entryId);
	if (!found || whyNotReadJuryEntry(user, found.relation) !== null) return null;
	const entry = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.where('e.id', '=', input.entryId)
		.select((eb) => [
			'e.id',
			'e.title',
			'e.state',
			'e.summary',
			'e.etablissement_name',
			'e.uai',
			'e.academie',
			'e.problem',
			'e.solution',
			'e.audience',
			'e.results',
			'e.transferability',
			'e.resources',
			'c.name as category_name',
			'ed.id as edition_id',
			'ed.year as edition_year',
			'ed.title as edition_title',
			'ed.phase as edition_phase',
			jsonArrayFrom(
				eb
					.selectFrom('entry_themes as t')
					.innerJoin('edition_themes as th', 'th.id', 't.theme_id')
					.whereRef('t.entry_id', '=', 'e.id')
					.select(['th.id', 'th.name'])
					.orderBy('th.position')
					.orderBy('th.id')
			).as('themes'),
			jsonArrayFrom(
				eb
					.selectFrom('attachments as p')
					.whereRef('p.entry_id', '=', 'e.id')
					.select(['p.id', 'p.file_name', 'p.mime', 'p.size'])
					.orderBy('p.created_at')
					.orderBy('p.id')
			).as('attachments')
		])
		.executeTakeFirst();
	if (!entry) return null;
	return {
		entry,
		relation: found.relation,
		reviewStatus: found.reviewStatus,
		whyNotScore: whyNotScore(found.relation, {
			round: input.round,
			editionPhase: found.editionPhase,
			entryState: found.entryState,
			reviewStatus: found.reviewStatus
		})
	};
}

/**
 * One attachment with its content, for a juror who may read the candidature in that round (or an
 * organiser); null otherwise, exactly as for an attachment that does not exist.
 */
export async function findJuryAttachment(
	db: Db,
	user: { id: number; isOrganiser: boolean },
	input: { editionId: number; round: JuryRoundName; entryId: number; attachmentId: number }
) {
	const found = await relationOf(db, user.id, input.editionId, input.round, input.entryId);
	if (!found || whyNotReadJuryEntry(user, found.relation) !== null) return null;
	return db
		.selectFrom('attachments')
		.where('entry_id', '=', input.entryId)
		.where('id', '=', input.attachmentId)
		.select(['id', 'file_name', 'mime', 'size', 'content'])
		.executeTakeFirst();
}

/** The criteria of an edition's round, in their order, with their scale and level descriptors. */
export async function listRoundCriteria(db: Db, editionId: number, round: JuryRoundName) {
	const rows = await db
		.selectFrom('criteria')
		.where('edition_id', '=', editionId)
		.where('round', '=', round)
		.select([
			'id',
			'label',
			'description',
			'weight',
			'scale_min',
			'scale_max',
			'levels',
			'position'
		])
		.orderBy('position')
		.orderBy('id')
		.execute();
	return rows.map((c) => ({
		id: c.id,
		label: c.label,
		description: c.description,
		weight: c.weight,
		scaleMin: c.scale_min,
		scaleMax: c.scale_max,
		/** One entry per level from scaleMin to scaleMax: the level and its descriptor ('' if none). */
		levels: Array.from({ length: c.scale_max - c.scale_min + 1 }, (_, i) => ({
			level: c.scale_min + i,
			descriptor: Array.isArray(c.levels) && typeof c.levels[i] === 'string' ? c.levels[i] : ''
		}))
	}));
}

export type RoundCriterion = Awaited<ReturnType<typeof listRoundCriteria>>[number];

/** The juror's own review of a candidature in a round, with its levels; null when not started. */
export async function loadOwnReview(
	db: Db,
	jurorId: number,
	entryId: number,
	round: JuryRoundName
) {
	const review = await db
		.selectFrom('reviews as r')
		.where('r.entry_id', '=', entryId)
		.where('r.round', '=', round)
		.where('r.juror_id', '=', jurorId)
		.select((eb) => [
			'r.id',
			'r.status',
			'r.comment_team',
			'r.comment_jury',
			'r.version',
			'r.updated_at',
			'r.submitted_at',
			jsonArrayFrom(
				eb
					.selectFrom('scores as s')
					.whereRef('s.review_id', '=', 'r.id')
					.select(['s.criterion_id', 's.level'])
					.orderBy('s.criterion_id')
			).as('scores')
		])
		.executeTakeFirst();
	return review ?? null;
}

// ---------------------------------------------------------------------------------------------
// Saving and submitting

/** What the juror typed: a level (or null) per criterion id, and his two comments. */
export interface ReviewValues {
	levels: Record<number, number | null>;
	commentTeam: string;
	commentJury: string;
}

/** Errors by field: `niveau-<criterion id>`, `commentTeam`, `commentJury`. */
export type ReviewErrors = Record<string, string>;

/** The field name of a criterion's radio group. */
export const levelField = (criterionId: number) => `niveau-${criterionId}`;

/**
 * Reads the scoring form: `niveau-<id>` radios (absent or empty: no level; not a number: NaN, which
 * `checkReview` refuses), `commentaire_equipe`, `commentaire_jury` and `version`.
 */
export function readReviewForm(form: FormData): { values: ReviewValues; version: number } {
	const levels: Record<number, number | null> = {};
	for (const [key, value] of form.entries()) {
		const match = /^niveau-(\d{1,9})$/.exec(key);
		if (!match || typeof value !== 'string') continue;
		const id = parseId(match[1]);
		if (id === null) continue;
		levels[id] = value.trim() === '' ? null : (parseInteger(value, { min: INT4_MIN }) ?? NaN);
	}
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
	};
	const version = parseInteger(form.get('version')) ?? NaN;
	return {
		values: {
			levels,
			commentTeam: text('commentaire_equipe'),
			commentJury: text('commentaire_jury')
		},
		version
	};
}

/**
 * Checks a review against the round's criteria: each level an integer within its criterion's scale,
 * each comment at most REVIEW_COMMENT_MAX characters. Levels of criteria not in the round are dropped.
 * Pure.
 */
export function checkReview(
	criteria: readonly { id: number; scaleMin: number; scaleMax: number }[],
	values: ReviewValues
): { ok: true; values: ReviewValues } | { ok: false; errors: ReviewErrors } {
	const errors: ReviewErrors = {};
	const levels: Record<number, number | null> = {};
	for (const c of criteria) {
		const level = values.levels[c.id];
		if (level === undefined || level === null) {
			levels[c.id] = null;
			continue;
		}
		if (!Number.isInteger(level) || level < c.scaleMin || level > c.scaleMax) {
			errors[levelField(c.id)] = `Choisissez un niveau entre ${c.scaleMin} et ${c.scaleMax}.`;
			continue;
		}
		levels[c.id] = level;
	}
	const commentTeam = values.commentTeam.trim();
	const commentJury = values.commentJury.trim();
	for (const [field, text] of [
		['commentTeam', commentTeam],
		['commentJury', commentJury]
	] as const) {
		if (text.length > REVIEW_COMMENT_MAX)
			errors[field] =
				`Le commentaire compte ${text.length} caractères : raccourcissez-le à ${REVIEW_COMMENT_MAX} caractères au plus.`;
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, values: { levels, commentTeam, commentJury } };
}

export type SaveReviewResult =
	| { ok: true; version: number; status: 'draft' | 'submitted' }
	| {
			ok: false;
			/**
			 * notAssigned: not assigned or conflicted (404); refused: may not score now (submitted,
			 * round closed…); version: saved meanwhile elsewhere; invalid: see `errors`.
			 */
			why: 'notAssigned' | 'refused' | 'version' | 'invalid';
			message: string;
			errors?: ReviewErrors;
	  }
	| {
			ok: false;
			/** Submission refused for want of levels: the draft is saved (at `version`), `missing` lists the criteria. */
			why: 'incomplete';
			message: string;
			missing: string[];
			version: number;
	  };

/**
 * Saves the juror's review (creating it at version 1) if nobody saved it since `version` was read
 * (0 when there was no review yet) and he may score it, and submits it when `submit` is set and every
 * criterion of the round has a level. One transaction; the assignment row is locked first, so that
 * a save, a submission and a declaration of conflict by the same juror on the same candidature are
 * ordered, while other jurors' reviews of it are not held up. When a submission is refused for want
 * of levels, the draft is still saved: nothing typed is lost.
 */
export async function saveReview(
	db: Db,
	input: {
		jurorId: number;
		editionId: number;
		entryId: number;
		round: JuryRoundName;
		version: number;
		values: ReviewValues;
	},
	options: { submit?: boolean; now?: Date } = {}
): Promise<SaveReviewResult> {
	const { jurorId, editionId, entryId, round } = input;
	const now = options.now ?? new Date();
	return db.transaction().execute(async (trx): Promise<SaveReviewResult> => {
		const locked = await trx
			.selectFrom('assignments')
			.where('entry_id', '=', entryId)
			.where('round', '=', round)
			.where('juror_id', '=', jurorId)
			.select('entry_id')
			.forUpdate()
			.executeTakeFirst();
		// Read after the lock, in a new statement: it sees a conflict declared by the transaction
		// that held the lock before us.
		const context =
			locked &&
			(await trx
				.selectFrom('entries as e')
				.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
				.where('e.id', '=', entryId)
				.where('e.edition_id', '=', editionId)
				.select(['e.state', 'ed.phase', jurorConflicted(jurorId, 'e.id').as('conflicted')])
				.executeTakeFirst());
		if (!context || context.conflicted)
			return { ok: false, why: 'notAssigned', message: NOT_ASSIGNED_MESSAGE };
		const review = await trx
			.selectFrom('reviews')
			.where('entry_id', '=', entryId)
			.where('round', '=', round)
			.where('juror_id', '=', jurorId)
			.select(['id', 'status', 'version'])
			.forUpdate()
			.executeTakeFirst();
		const refusal = whyNotScore(
			{ assigned: true, conflicted: false },
			{
				round,
				editionPhase: context.phase,
				entryState: context.state,
				reviewStatus: review?.status ?? 'none'
			}
		);
		if (refusal) return { ok: false, why: 'refused', message: refusal };
		if (!Number.isInteger(input.version) || (review?.version ?? 0) !== input.version)
			return { ok: false, why: 'version', message: STALE_REVIEW_MESSAGE };
		const criteria = await listRoundCriteria(trx, editionId, round);
		const checked = checkReview(criteria, input.values);
		if (!checked.ok)
			return {
				ok: false,
				why: 'invalid',
				message: 'L’évaluation n’a pas été enregistrée : corrigez les champs signalés.',
				errors: checked.errors
			};
		const { levels, commentTeam, commentJury } = checked.values;
		let saved: { id: number; version: number } | undefined;
		if (!review) {
			saved = await trx
				.insertInto('reviews')
				.values({
					entry_id: entryId,
					round,
					juror_id: jurorId,
					comment_team: commentTeam,
					comment_jury: commentJury,
					version: 1,
					updated_at: now
				})
				.onConflict((oc) => oc.columns(['entry_id', 'round', 'juror_id']).doNothing())
				.returning(['id', 'version'])
				.executeTakeFirst();
		} else {
			saved = await trx
				.updateTable('reviews')
				.set({
					comment_team: commentTeam,
					comment_jury: commentJury,
					version: sql<number>`version + 1`,
					updated_at: now
				})
				.where('id', '=', review.id)
				.where('version', '=', input.version)
				.where('status', '=', 'draft')
				.returning(['id', 'version'])
				.executeTakeFirst();
		}
		if (!saved) return { ok: false, why: 'version', message: STALE_REVIEW_MESSAGE };
		const reviewId = saved.id;
		await trx.deleteFrom('scores').where('review_id', '=', reviewId).execute();
		const rows = criteria
			.filter((c) => levels[c.id] !== null)
			.map((c) => ({ review_id: reviewId, criterion_id: c.id, level: levels[c.id]! }));
		if (rows.length > 0) await trx.insertInto('scores').values(rows).execute();
		if (!options.submit) return { ok: true, version: saved.version, status: 'draft' };
		const missing = criteria.filter((c) => levels[c.id] === null).map((c) => c.label);
		const incomplete = whyNotSubmitReview(criteria.length, missing);
		if (incomplete)
			return { ok: false, why: 'incomplete', message: incomplete, missing, version: saved.version };
		const submitted = await trx
			.updateTable('reviews')
			.set({
				status: 'submitted',
				submitted_at: now,
				version: sql<number>`version + 1`,
				updated_at: now
			})
			.where('id', '=', reviewId)
			.returning('version')
			.executeTakeFirstOrThrow();
		return { ok: true, version: submitted.version, status: 'submitted' };
	});
}

// ---------------------------------------------------------------------------------------------
// The other jurors' reviews

const scoreOf = (
	scores: readonly { criterion_id: number; level: number }[],
	criteria: readonly RoundCriterion[]
) => {
	try {
		return weightedScore(
			scores.map((s) => ({ criterionId: s.criterion_id, level: s.level })),
			criteria
		);
	} catch {
		// A level outside a scale changed since: no score rather than a wrong one.
		return null;
	}
};

/**
 * The submitted reviews of a candidature in a round — the juror's own first, then the others' by
 * submission — with their levels, comments and weighted scores out of 20, and the summary of those
 * scores; only once his own review is submitted (else `visible: false` and the reason). Reviews by
 * jurors conflicted with the candidature are left out. Three queries.
 */
export async function submittedReviews(
	db: Db,
	input: { jurorId: number; editionId: number; round: JuryRoundName; entryId: number }
) {
	const { jurorId, editionId, round, entryId } = input;
	const found = await relationOf(db, jurorId, editionId, round, entryId);
	const refusal = whyNotSeeOtherReviews(found?.relation ?? null, found?.reviewStatus ?? 'none');
	if (refusal) return { visible: false as const, message: refusal };
	const [criteria, rows] = await Promise.all([
		listRoundCriteria(db, editionId, round),
		db
			.selectFrom('reviews as r')
			.innerJoin('users as u', 'u.id', 'r.juror_id')
			.where('r.entry_id', '=', entryId)
			.where('r.round', '=', round)
			.where('r.status', '=', 'submitted')
			.where(({ not }) => not(jurorConflicted('r.juror_id', 'r.entry_id')))
			.select((eb) => [
				'r.id',
				'r.juror_id',
				'u.name as juror_name',
				'r.comment_team',
				'r.comment_jury',
				'r.submitted_at',
				jsonArrayFrom(
					eb
						.selectFrom('scores as s')
						.whereRef('s.review_id', '=', 'r.id')
						.select(['s.criterion_id', 's.level'])
						.orderBy('s.criterion_id')
				).as('scores')
			])
			.orderBy(sql`r.juror_id = ${jurorId}`, 'desc')
			.orderBy('r.submitted_at')
			.orderBy('r.id')
			.execute()
	]);
	const reviews = rows.map((r) => ({
		id: r.id,
		own: r.juror_id === jurorId,
		jurorName: r.juror_name,
		commentTeam: r.comment_team,
		commentJury: r.comment_jury,
		submittedAt: r.submitted_at,
		levels: Object.fromEntries(r.scores.map((s) => [s.criterion_id, s.level])) as Record<
			number,
			number
		>,
		score: scoreOf(r.scores, criteria)
	}));
	const scores = reviews.map((r) => r.score).filter((s): s is number => s !== null);
	return { visible: true as const, criteria, reviews, summary: summarise(scores) };
}

// ---------------------------------------------------------------------------------------------
// Conflicts declared by the juror

export type DeclareConflictResult =
	| { ok: true; deletedDrafts: number }
	| { ok: false; why: 'notAssigned' | 'refused' | 'invalid'; message: string };

/**
 * The juror declares a conflict of interest on a candidature assigned to him (in any round of the
 * edition), with a reason. In one transaction, with his assignment rows locked: the conflict is
 * recorded (source 'juror'), his draft reviews of the candidature and his assignments to it are
 * deleted; from then on it disappears from his lists and its pages answer as not assigned. Refused when one of his reviews of
 * it is submitted (the organisers decide then).
 */
export async function declareJurorConflict(
	db: Db,
	input: { jurorId: number; editionId: number; entryId: number; reason: string }
): Promise<DeclareConflictResult> {
	const reason = input.reason.replace(/\r\n?/g, '\n').trim();
	const { jurorId, editionId, entryId } = input;
	return db.transaction().execute(async (trx): Promise<DeclareConflictResult> => {
		const assignments = await trx
			.selectFrom('assignments as a')
			.innerJoin('entries as e', 'e.id', 'a.entry_id')
			.where('a.entry_id', '=', entryId)
			.where('a.juror_id', '=', jurorId)
			.where('e.edition_id', '=', editionId)
			.select('a.round')
			.forUpdate('a')
			.execute();
		// Read after the lock, in a new statement (see saveReview).
		const conflicted =
			assignments.length > 0 &&
			(
				await trx
					.selectFrom('entries as e')
					.where('e.id', '=', entryId)
					.select(jurorConflicted(jurorId, 'e.id').as('conflicted'))
					.executeTakeFirstOrThrow()
			).conflicted;
		const relation: JuryEntryRelation = {
			assigned: assignments.length > 0,
			conflicted: Boolean(conflicted)
		};
		const submitted = await trx
			.selectFrom('reviews')
			.where('entry_id', '=', entryId)
			.where('juror_id', '=', jurorId)
			.where('status', '=', 'submitted')
			.select('id')
			.executeTakeFirst();
		const refusal = whyNotDeclareJurorConflict(relation, submitted !== undefined);
		if (refusal)
			return {
				ok: false,
				why: refusal === NOT_ASSIGNED_MESSAGE ? 'notAssigned' : 'refused',
				message: refusal
			};
		// The reason is read once he may declare: anyone else gets the same answer whatever he sent.
		if (reason === '')
			return {
				ok: false,
				why: 'invalid',
				message: 'Indiquez la raison du conflit d’intérêts : elle est transmise aux organisateurs.'
			};
		if (reason.length > CONFLICT_REASON_MAX)
			return {
				ok: false,
				why: 'invalid',
				message: `La raison compte ${reason.length} caractères : raccourcissez-la à ${CONFLICT_REASON_MAX} caractères au plus.`
			};
		await declareConflict(trx, {
			entryId,
			jurorId,
			source: 'juror',
			reason,
			declaredBy: jurorId
		});
		const deleted = await trx
			.deleteFrom('reviews')
			.where('entry_id', '=', entryId)
			.where('juror_id', '=', jurorId)
			.where('status', '=', 'draft')
			.returning('id')
			.execute();
		// No longer his: the organisers' progress, the reminders and the count of jurors per
		// candidature stop counting him, and the next automatic assignment gives it another juror.
		await trx
			.deleteFrom('assignments')
			.where('entry_id', '=', entryId)
			.where('juror_id', '=', jurorId)
			.execute();
		return { ok: true, deletedDrafts: deleted.length };
	});
}
