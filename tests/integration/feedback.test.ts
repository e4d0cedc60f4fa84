// The jury's feedback to teams (src/lib/server/db/feedback.ts): nothing before the organisers release
// it; then the comments for the team of submitted reviews, anonymous, never the comments for the jury;
// scores only when the edition makes them public; the release logged in the edition's chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weightedScore } from '../../src/lib/domain/scoring';
import { releaseFeedback, teamFeedback } from '../../src/lib/server/db/feedback';
import { entityEvents, verifyChain } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let organiser: number;
let edition: number;
let entry: number;
let criteria: { id: number; weight: number; scaleMin: number; scaleMax: number }[];
const jurors: number[] = [];

async function review(
	juror: number,
	status: 'draft' | 'submitted',
	comments: { team: string; jury: string },
	levels: number[],
	submittedAt: Date | null
) {
	const { id } = await t.db
		.insertInto('reviews')
		.values({
			entry_id: entry,
			round: 'preselection',
			juror_id: juror,
			status,
			comment_team: comments.team,
			comment_jury: comments.jury,
			submitted_at: submittedAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('scores')
		.values(levels.map((level, i) => ({ review_id: id, criterion_id: criteria[i].id, level })))
		.execute();
}

beforeAll(async () => {
	t = await createTestDatabase();
	organiser = (
		await t.db
			.insertInto('users')
			.values({
				email: 'orga@education.gouv.fr',
				name: 'Orga',
				password_hash: 'x',
				is_organiser: true
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	for (const name of ['Alice', 'Bruno', 'Carla', 'Denis'])
		jurors.push(
			(
				await t.db
					.insertInto('users')
					.values({ email: `${name.toLowerCase()}@jury.fr`, name, password_hash: 'x' })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id
		);
	edition = (
		await t.db
			.insertInto('editions')
			.values({ year: 2083, title: 'Avis', phase: 'open' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	entry = (
		await t.db
			.insertInto('entries')
			.values({ edition_id: edition, title: 'Atelier philo', state: 'eligible' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	criteria = (
		await t.db
			.insertInto('criteria')
			.values([
				{ edition_id: edition, round: 'preselection', label: 'Impact', weight: 3 },
				{ edition_id: edition, round: 'preselection', label: 'Innovation', weight: 1 }
			])
			.returning(['id', 'weight', 'scale_min', 'scale_max'])
			.execute()
	).map((c) => ({ id: c.id, weight: c.weight, scaleMin: c.scale_min, scaleMax: c.scale_max }));
	const past = new Date(Date.now() - 3_600_000);
	await review(
		jurors[0],
		'submitted',
		{ team: 'Projet clair, précisez les indicateurs.', jury: 'SECRET-JURY-A' },
		[4, 3],
		past
	);
	await review(
		jurors[1],
		'submitted',
		{ team: 'Belle dynamique d’équipe.', jury: 'SECRET-JURY-B' },
		[2, 2],
		new Date(past.getTime() + 1000)
	);
	await review(jurors[2], 'draft', { team: 'BROUILLON', jury: 'SECRET-JURY-C' }, [1, 1], null);
});

afterAll(async () => {
	await t?.close();
});

describe('the jury’s feedback to teams', () => {
	it('shows nothing before the release, and is not released before the jury has worked', async () => {
		expect(await teamFeedback(t.db, entry)).toBeNull();
		expect(await releaseFeedback(t.db, edition, { userId: organiser })).toEqual({
			ok: false,
			status: 409,
			reason: 'Les avis du jury ne peuvent être communiqués qu’une fois la présélection commencée.'
		});
		expect(await releaseFeedback(t.db, 999_999, { userId: organiser })).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('releases the comments and logs it in the edition’s chain', async () => {
		await t.db.updateTable('editions').set({ phase: 'trial' }).where('id', '=', edition).execute();
		const result = await releaseFeedback(t.db, edition, { userId: organiser });
		expect(result).toMatchObject({ ok: true, reviews: 2 });
		const events = await entityEvents(t.db, 'edition', edition);
		expect(events).toEqual([
			expect.objectContaining({
				type: 'RELEASE_FEEDBACK',
				from_state: 'trial',
				to_state: 'trial',
				actor_name: 'Orga',
				payload: { reviews: 2 }
			})
		]);
		expect(await verifyChain(t.db, edition)).toMatchObject({ ok: true, length: 1 });
		const row = await t.db
			.selectFrom('editions')
			.select(['feedback_released_at', 'version'])
			.where('id', '=', edition)
			.executeTakeFirstOrThrow();
		expect(row.feedback_released_at).not.toBeNull();
		expect(row.version).toBe(1);
	});

	it('gives the team the comments for the team, anonymous, never those for the jury, without scores', async () => {
		const feedback = await teamFeedback(t.db, entry);
		expect(feedback).toMatchObject({ scoresPublic: false });
		expect(feedback!.reviews).toEqual([
			{
				label: 'Juré 1',
				round: 'preselection',
				comment: 'Projet clair, précisez les indicateurs.',
				score: null
			},
			{ label: 'Juré 2', round: 'preselection', comment: 'Belle dynamique d’équipe.', score: null }
		]);
		const text = JSON.stringify(feedback);
		for (const hidden of ['SECRET-JURY', 'BROUILLON', 'Alice', 'Bruno'])
			expect(text).not.toContain(hidden);
	});

	it('shows the scores only when the edition makes them public', async () => {
		await t.db
			.updateTable('editions')
			.set({ scores_public: true })
			.where('id', '=', edition)
			.execute();
		const feedback = await teamFeedback(t.db, entry);
		const score = (levels: number[]) =>
			weightedScore(
				levels.map((level, i) => ({ criterionId: criteria[i].id, level })),
				criteria
			);
		expect(feedback!.reviews.map((r) => r.score)).toEqual([score([4, 3]), score([2, 2])]);
		await t.db
			.updateTable('editions')
			.set({ scores_public: false })
			.where('id', '=', edition)
			.execute();
	});

	it('waits for a new release to show reviews submitted after it, and refuses an empty one', async () => {
		expect(await releaseFeedback(t.db, edition, { userId: organiser })).toEqual({
			ok: false,
			status: 409,
			reason:
				'Les avis du jury ont déjà été communiqués et aucune évaluation n’a été soumise depuis.'
		});
		await review(
			jurors[3],
			'submitted',
			{ team: 'Arrivé après.', jury: 'SECRET-JURY-D' },
			[3, 3],
			new Date(Date.now() + 1000)
		);
		expect((await teamFeedback(t.db, entry))!.reviews).toHaveLength(2);
		expect(
			await releaseFeedback(t.db, edition, { userId: organiser }, new Date(Date.now() + 2000))
		).toMatchObject({ ok: true, reviews: 3 });
		const feedback = await teamFeedback(t.db, entry);
		expect(feedback!.reviews.map((r) => [r.label, r.comment])).toEqual([
			['Juré 1', 'Projet clair, précisez les indicateurs.'],
			['Juré 2', 'Belle dynamique d’équipe.'],
			['Juré 3', 'Arrivé après.']
		]);
		expect(JSON.stringify(feedback)).not.toContain('SECRET-JURY');
	});
});
