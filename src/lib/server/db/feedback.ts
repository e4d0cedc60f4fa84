// The jury's feedback to teams. Organisers release it (editions.feedback_released_at, logged in the
// edition's event chain); teams then read, on their status page, the comments « pour l'équipe » of the
// SUBMITTED reviews of their candidature — anonymous (« Juré 1 », « Juré 2 »… numbered per round),
// never the comments for the jury — and their weighted scores only when the edition makes scores
// public (editions.scores_public).
//
// Only the reviews submitted when the feedback was (last) released are shown: a final-round comment
// submitted after a release made at the end of the preselection waits for the next release.
// A review by a juror conflicted with the candidature is never shown (the same rule as the rankings).
import { sql } from 'kysely';
import { weightedScore } from '$lib/domain/scoring';
import { EDITION_MACHINE_VERSION } from '../workflow/edition.machine';
import { appendEvent, lockEdition } from '../workflow/event-log';
import { jurorConflicted } from './conflicts';
import type { JuryRound } from './schema';
import type { Db } from './index';

/** The event type logged in the edition's chain when the feedback is released. */
export const RELEASE_FEEDBACK = 'RELEASE_FEEDBACK';

/** The phases in which the jury's comments may be released (once the jury has worked). */
export const FEEDBACK_PHASES = [
	'preselection',
	'trial',
	'final',
	'deliberation',
	'published',
	'archived'
] as const;

export type ReleaseResult =
	| { ok: true; releasedAt: Date; reviews: number; eventId: number }
	| { ok: false; status: 404 | 409; reason: string };

/**
 * Releases the comments for the teams of every review submitted so far: sets feedback_released_at,
 * bumps the edition's version and appends a RELEASE_FEEDBACK event (from = to = the current phase) to
 * its chain, in one transaction under the edition's lock. Releasing again later shows the reviews
 * submitted since; it is refused when there is nothing new to release.
 */
export async function releaseFeedback(
	db: Db,
	editionId: number,
	actor: { userId: number | null },
	at = new Date()
): Promise<ReleaseResult> {
	return db.transaction().execute(async (trx) => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) return { ok: false, status: 404, reason: 'Cette édition n’existe pas.' };
		if (!(FEEDBACK_PHASES as readonly string[]).includes(edition.phase))
			return {
				ok: false,
				status: 409,
				reason:
					'Les avis du jury ne peuvent être communiqués qu’une fois la présélection commencée.'
			};
		const current = await trx
			.selectFrom('editions')
			.select(['feedback_released_at', 'version'])
			.where('id', '=', editionId)
			.executeTakeFirstOrThrow();
		const counted = await trx
			.selectFrom('reviews as r')
			.innerJoin('entries as e', 'e.id', 'r.entry_id')
			.where('e.edition_id', '=', editionId)
			.where('r.status', '=', 'submitted')
			.select((eb) => [
				eb.fn.countAll<number>().as('total'),
				eb.fn
					.count<number>('r.id')
					.filterWhere(
						sql<boolean>`r.submitted_at is null or r.submitted_at > ${current.feedback_released_at ?? new Date(0)}`
					)
					.as('new')
			])
			.executeTakeFirstOrThrow();
		const total = Number(counted.total);
		if (total === 0)
			return {
				ok: false,
				status: 409,
				reason:
					'Aucune évaluation n’a encore été soumise par le jury : il n’y a rien à communiquer.'
			};
		if (current.feedback_released_at && Number(counted.new) === 0)
			return {
				ok: false,
				status: 409,
				reason:
					'Les avis du jury ont déjà été communiqués et aucune évaluation n’a été soumise depuis.'
			};
		await trx
			.updateTable('editions')
			.set({ feedback_released_at: at, version: current.version + 1 })
			.where('id', '=', editionId)
			.execute();
		const logged = await appendEvent(trx, {
			editionId,
			entity: 'edition',
			entityId: editionId,
			actorId: actor.userId,
			type: RELEASE_FEEDBACK,
			from: edition.phase,
			to: edition.phase,
			payload: { reviews: total },
			at,
			machineVersion: EDITION_MACHINE_VERSION
		});
		return { ok: true, releasedAt: at, reviews: total, eventId: logged.id };
	});
}

/** The release state of an edition, for the organisers' page. */
export async function feedbackStatus(db: Db, editionId: number) {
	const row = await db
		.selectFrom('editions as ed')
		.where('ed.id', '=', editionId)
		.select((eb) => [
			'ed.feedback_released_at',
			'ed.scores_public',
			eb
				.selectFrom('reviews as r')
				.innerJoin('entries as e', 'e.id', 'r.entry_id')
				.whereRef('e.edition_id', '=', 'ed.id')
				.where('r.status', '=', 'submitted')
				.select((sub) => sub.fn.countAll<number>().as('n'))
				.as('submitted')
		])
		.executeTakeFirst();
	if (!row) return null;
	return {
		releasedAt: row.feedback_released_at,
		scoresPublic: row.scores_public,
		submitted: Number(row.submitted ?? 0)
	};
}

export interface TeamReview {
	/** « Juré 1 », « Juré 2 »… per round, in the order the reviews were submitted. */
	label: string;
	round: JuryRound;
	comment: string;
	/** Out of 20; null unless the edition makes scores public (or when it cannot be computed). */
	score: number | null;
}

export interface TeamFeedback {
	releasedAt: Date;
	scoresPublic: boolean;
	reviews: TeamReview[];
}

/**
 * What the team of a candidature may read of the jury's reviews, or null before the release: two
 * queries (the reviews with their levels as JSON, and the criteria when scores are public).
 * Never reads comment_jury.
 */
export async function teamFeedback(db: Db, entryId: number): Promise<TeamFeedback | null> {
	const edition = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.where('e.id', '=', entryId)
		.select(['ed.id', 'ed.feedback_released_at', 'ed.scores_public'])
		.executeTakeFirst();
	if (!edition?.feedback_released_at) return null;
	const releasedAt = edition.feedback_released_at;
	const [reviews, criteria] = await Promise.all([
		db
			.selectFrom('reviews as r')
			.where('r.entry_id', '=', entryId)
			.where('r.status', '=', 'submitted')
			.where(sql<boolean>`coalesce(r.submitted_at, r.updated_at) <= ${releasedAt}`)
			.where(({ not }) => not(jurorConflicted('r.juror_id', 'r.entry_id')))
			.select([
				'r.id',
				'r.round',
				'r.comment_team',
				sql<
					{ criterionId: number; level: number }[]
				>`coalesce((select json_agg(json_build_object('criterionId', s.criterion_id, 'level', s.level)) from scores s where s.review_id = r.id), '[]'::json)`.as(
					'levels'
				)
			])
			.orderBy('r.round', 'desc')
			.orderBy(sql`coalesce(r.submitted_at, r.updated_at)`)
			.orderBy('r.id')
			.execute(),
		edition.scores_public
			? db
					.selectFrom('criteria')
					.where('edition_id', '=', edition.id)
					.select(['id', 'round', 'weight', 'scale_min', 'scale_max'])
					.execute()
			: Promise.resolve([])
	]);
	const counters: Record<string, number> = {};
	const out: TeamReview[] = [];
	for (const r of reviews) {
		let score: number | null = null;
		if (edition.scores_public) {
			const grid = criteria
				.filter((c) => c.round === r.round)
				.map((c) => ({
					id: c.id,
					weight: c.weight,
					scaleMin: c.scale_min,
					scaleMax: c.scale_max
				}));
			try {
				score = weightedScore(r.levels, grid);
			} catch {
				score = null;
			}
		}
		const comment = r.comment_team.trim();
		// A review with nothing to tell the team (no comment, scores private) is not listed.
		if (comment === '' && score === null) continue;
		counters[r.round] = (counters[r.round] ?? 0) + 1;
		out.push({ label: `Juré ${counters[r.round]}`, round: r.round, comment, score });
	}
	return { releasedAt, scoresPublic: edition.scores_public, reviews: out };
}
