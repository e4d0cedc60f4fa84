import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { groupLaureates, listLaureates } from '../../src/lib/server/db/laureates';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;

async function edition(db: Db, year: number, phase: string) {
	const { id } = await db
		.insertInto('editions')
		.values({ year, title: `Prix Impulsions ${year}`, phase })
		.returning('id')
		.executeTakeFirstOrThrow();
	const categories = await db
		.insertInto('categories')
		.values([
			{ edition_id: id, name: 'Prix de la simplification', position: 1 },
			{ edition_id: id, name: 'Prix du projet innovant', position: 2 }
		])
		.returning(['id', 'name'])
		.execute();
	return { id, simplification: categories[0].id, innovant: categories[1].id };
}

async function user(db: Db, name: string) {
	const email = `${name.toLowerCase().replace(/\W+/g, '.')}@education.gouv.fr`;
	const row = await db
		.insertInto('users')
		.values({ name, email, password_hash: 'x' })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function entry(
	db: Db,
	values: {
		edition: number;
		category: number | null;
		title: string;
		award: 'prize' | 'mention' | null;
		members?: { user: number; role: 'lead' | 'member'; publish: boolean }[];
		/** The team's consent to publication (every team gives it to submit; true unless said). */
		consent?: boolean;
	}
) {
	const { id } = await db
		.insertInto('entries')
		.values({
			edition_id: values.edition,
			category_id: values.category,
			title: values.title,
			summary: `Résumé de ${values.title}`,
			state: values.award ? 'laureate' : 'notAwarded',
			award: values.award,
			publication_consent: values.consent ?? true
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	// Laureates get their public address when results are published (publication.ts).
	if (values.award)
		await db
			.updateTable('entries')
			.set({ slug: `laureat-${id}` })
			.where('id', '=', id)
			.execute();
	for (const m of values.members ?? [])
		await db
			.insertInto('entry_members')
			.values({ entry_id: id, user_id: m.user, role: m.role, publish_name: m.publish })
			.execute();
	return id;
}

beforeAll(async () => {
	t = await createTestDatabase();
	const db = t.db;
	const [alice, bruno, chloe, david] = [
		await user(db, 'Alice Martin'),
		await user(db, 'Bruno Petit'),
		await user(db, 'Chloé Durand'),
		await user(db, 'David Moreau')
	];

	const e2024 = await edition(db, 2024, 'archived');
	const e2025 = await edition(db, 2025, 'published');
	const e2026 = await edition(db, 2026, 'deliberation');

	// 2025, inserted out of order on purpose.
	await entry(db, {
		edition: e2025.id,
		category: e2025.innovant,
		title: 'Mention innovante',
		award: 'mention'
	});
	await entry(db, {
		edition: e2025.id,
		category: e2025.innovant,
		title: 'Atelier de robotique partagé',
		award: 'prize',
		members: [
			{ user: bruno, role: 'member', publish: true },
			{ user: alice, role: 'lead', publish: true },
			{ user: chloe, role: 'member', publish: false }
		]
	});
	await entry(db, {
		edition: e2025.id,
		category: e2025.simplification,
		title: 'Zéro formulaire papier',
		award: 'prize',
		members: [{ user: david, role: 'lead', publish: false }]
	});
	await entry(db, {
		edition: e2025.id,
		category: e2025.simplification,
		title: 'Finaliste non primé',
		award: null
	});
	// A laureate whose team did not consent to publication (belt and braces: consent is required to
	// submit): never shown, nor its members.
	await entry(db, {
		edition: e2025.id,
		category: e2025.innovant,
		title: 'Lauréat sans consentement',
		award: 'prize',
		consent: false,
		members: [{ user: david, role: 'member', publish: true }]
	});
	// 2024 (archived).
	await entry(db, {
		edition: e2024.id,
		category: e2024.simplification,
		title: 'Le cahier de liaison numérique',
		award: 'prize',
		members: [{ user: chloe, role: 'lead', publish: true }]
	});
	// 2026, still in deliberation: not public yet.
	await entry(db, {
		edition: e2026.id,
		category: e2026.simplification,
		title: 'Secret des délibérations',
		award: 'prize',
		members: [{ user: alice, role: 'lead', publish: true }]
	});
});

afterAll(async () => {
	await t?.close();
});

describe(`laureates (${process.env.TEST_DB})`, () => {
	it('lists the laureates of published and archived editions only, in order', async () => {
		const rows = await listLaureates(t.db);
		expect(rows.map((r) => [r.editionYear, r.award, r.title])).toEqual([
			[2025, 'prize', 'Zéro formulaire papier'],
			[2025, 'prize', 'Atelier de robotique partagé'],
			[2025, 'mention', 'Mention innovante'],
			[2024, 'prize', 'Le cahier de liaison numérique']
		]);
	});

	it('does not show an edition still in progress, nor entries without an award', async () => {
		const titles = (await listLaureates(t.db)).map((r) => r.title);
		expect(titles).not.toContain('Secret des délibérations');
		expect(titles).not.toContain('Finaliste non primé');
	});

	it('does not show a laureate whose team did not consent to publication', async () => {
		const rows = await listLaureates(t.db);
		expect(rows.map((r) => r.title)).not.toContain('Lauréat sans consentement');
		expect(JSON.stringify(rows)).not.toContain('David Moreau');
	});

	it('gives each laureate its public address', async () => {
		const rows = await listLaureates(t.db);
		expect(rows.every((r) => /^laureat-\d+$/.test(r.slug))).toBe(true);
	});

	it('gives the category, the summary and the edition', async () => {
		const rows = await listLaureates(t.db);
		const robotics = rows.find((r) => r.title === 'Atelier de robotique partagé');
		expect(robotics).toMatchObject({
			categoryName: 'Prix du projet innovant',
			summary: 'Résumé de Atelier de robotique partagé',
			editionTitle: 'Prix Impulsions 2025'
		});
	});

	it('returns only the names members agreed to publish, lead first, and nothing else', async () => {
		const rows = await listLaureates(t.db);
		const byTitle = new Map(rows.map((r) => [r.title, r.members]));
		expect(byTitle.get('Atelier de robotique partagé')).toEqual([
			{ name: 'Alice Martin' },
			{ name: 'Bruno Petit' }
		]);
		expect(byTitle.get('Zéro formulaire papier')).toEqual([]);
		expect(byTitle.get('Mention innovante')).toEqual([]);
		expect(JSON.stringify(rows)).not.toContain('@');
	});

	it('groups the rows by edition, then by award', async () => {
		const groups = groupLaureates(await listLaureates(t.db));
		expect(
			groups.map((g) => ({
				year: g.year,
				awards: g.awards.map((a) => [a.award, a.laureates.length])
			}))
		).toEqual([
			{
				year: 2025,
				awards: [
					['prize', 2],
					['mention', 1]
				]
			},
			{ year: 2024, awards: [['prize', 1]] }
		]);
	});

	it('is empty when no edition is published', async () => {
		await t.db
			.transaction()
			.execute(async (trx) => {
				await trx.updateTable('editions').set({ phase: 'trial' }).execute();
				expect(await listLaureates(trx)).toEqual([]);
				expect(groupLaureates([])).toEqual([]);
				throw new Rollback();
			})
			.catch((error) => {
				if (!(error instanceof Rollback)) throw error;
			});
		expect(await listLaureates(t.db)).toHaveLength(4);
	});
});

class Rollback extends Error {}
