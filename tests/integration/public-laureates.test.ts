// The public laureate pages' queries (src/lib/server/db/public-laureates.ts), the Atom feed and the
// sitemap: filters, French full-text search as PostgreSQL's `french` configuration really behaves,
// pagination bounds, lookup by address, a bounded number of queries, and — with candidatures in every
// state, editions in several phases, members with and without consent — nothing unpublished, not
// consented or personal beyond the published names ever comes out.
process.env.SECRET_KEY ??= 'clé de test des lauréats publics, trente-deux caractères au moins';

import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS, type LaureateFilters } from '../../src/lib/domain/laureate-filters';
import type { Db } from '../../src/lib/server/db';
import {
	feedLaureates,
	findPublicLaureate,
	laureateFacets,
	publicLaureatePage,
	searchLaureates,
	sitemapLaureates
} from '../../src/lib/server/db/public-laureates';
import { laureatesFeed } from '../../src/lib/server/public/atom';
import { siteMap, sitemapXml } from '../../src/lib/server/public/sitemap';
import { ENTRY_STATES } from '../../src/lib/server/workflow/rules';
import { advanceEdition } from '../../src/lib/server/workflow/advance';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
const ORIGIN = 'https://prix.example.fr';
const PUBLISHED_AT = new Date('2025-07-01T08:00:00.000Z');

/** What the public may see. */
const VISIBLE = {
	writing: 'Des ateliers d’écriture avec les résidents d’EHPAD',
	summons: 'Les convocations aux examens en langage clair',
	paper: 'Zéro formulaire papier',
	notebook: 'Le cahier de liaison numérique'
};
/** Public names: members who agreed. */
const PUBLIC_NAMES = ['Alice Martin', 'Bruno Petit', 'Chloé Durand'];

/** Everything below must never come out of a public query, the feed or the sitemap. */
const HIDDEN_TITLES: string[] = [];
const HIDDEN_NAMES: string[] = [];
const HIDDEN_SLUGS: string[] = [];
const SECRET_WORD = 'confidentialissime';

const ids: Record<string, number> = {};
const users: Record<string, number> = {};

async function user(db: Db, key: string, name: string, organiser = false) {
	users[key] = (
		await db
			.insertInto('users')
			.values({
				name,
				email: `${key.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@ac-secret.fr`,
				password_hash: 'x',
				is_organiser: organiser
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	return users[key];
}

async function edition(db: Db, year: number, phase: string) {
	const { id } = await db
		.insertInto('editions')
		.values({ year, title: `Prix Impulsions ${year}`, phase })
		.returning('id')
		.executeTakeFirstOrThrow();
	const [simplification, innovant] = await db
		.insertInto('categories')
		.values([
			{ edition_id: id, name: 'Prix de la simplification', position: 1 },
			{ edition_id: id, name: 'Prix du projet innovant', position: 2 }
		])
		.returning('id')
		.execute();
	const [simpler, otherwise] = await db
		.insertInto('edition_themes')
		.values([
			{ edition_id: id, name: 'Faire plus simple', position: 1 },
			{ edition_id: id, name: 'Travailler autrement', position: 2 }
		])
		.returning('id')
		.execute();
	return {
		id,
		categories: { simplification: simplification.id, innovant: innovant.id },
		themes: { simpler: simpler.id, otherwise: otherwise.id }
	};
}

interface EntryValues {
	key: string;
	edition: number;
	title: string;
	state: string;
	award?: 'prize' | 'mention' | null;
	consent?: boolean;
	category?: number | null;
	themes?: number[];
	academie?: string | null;
	summary?: string;
	problem?: string;
	etablissement?: string;
	slug?: string | null;
	members?: { user: number; role: 'lead' | 'member'; publish: boolean }[];
}

async function entry(db: Db, v: EntryValues) {
	const { id } = await db
		.insertInto('entries')
		.values({
			edition_id: v.edition,
			title: v.title,
			state: v.state,
			award: v.award ?? null,
			publication_consent: v.consent ?? true,
			category_id: v.category ?? null,
			academie: v.academie ?? null,
			summary: v.summary ?? `Résumé : ${v.title}.`,
			problem: v.problem ?? '',
			etablissement_name: v.etablissement ?? '',
			transferability: `Comment reproduire « ${v.title} ».`,
			resources: 'Deux heures par semaine.',
			slug: v.slug ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	ids[v.key] = id;
	if (v.themes?.length)
		await db
			.insertInto('entry_themes')
			.values(v.themes.map((theme) => ({ entry_id: id, theme_id: theme })))
			.execute();
	for (const m of v.members ?? [])
		await db
			.insertInto('entry_members')
			.values({ entry_id: id, user_id: m.user, role: m.role, publish_name: m.publish })
			.execute();
	return id;
}

/** A hidden candidature: its title, its lead's name (who agreed to be named) and slug are recorded. */
async function hidden(db: Db, v: Omit<EntryValues, 'members' | 'summary'>) {
	const lead = await user(db, `lead-${v.key}`, `Porteur Caché ${v.key}`);
	HIDDEN_TITLES.push(v.title);
	HIDDEN_NAMES.push(`Porteur Caché ${v.key}`);
	if (v.slug) HIDDEN_SLUGS.push(v.slug);
	return entry(db, {
		...v,
		summary: `Une innovation ${SECRET_WORD} sur la simplification des convocations.`,
		members: [{ user: lead, role: 'lead', publish: true }]
	});
}

async function site(
	db: Db,
	entryId: number,
	v: { name: string; academie: string; status: 'accepted' | 'declined' | 'volunteer' },
	report?: { satisfaction: number; willContinue: boolean }
) {
	const { id } = await db
		.insertInto('trial_sites')
		.values({
			entry_id: entryId,
			name: v.name,
			academie: v.academie,
			status: v.status,
			contact_name: `Contact de ${v.name}`,
			contact_email: `contact.${v.academie.toLowerCase()}@ac-secret.fr`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	HIDDEN_NAMES.push(v.name, `Contact de ${v.name}`);
	if (report)
		await db
			.insertInto('trial_reports')
			.values({
				site_id: id,
				status: 'submitted',
				satisfaction: report.satisfaction,
				will_continue: report.willContinue,
				submitted_at: new Date('2025-04-01T10:00:00Z')
			})
			.execute();
}

beforeAll(async () => {
	t = await createTestDatabase();
	const db = t.db;
	const organiser = await user(db, 'organiser', 'Orga Nisatrice', true);
	HIDDEN_NAMES.push('Orga Nisatrice');
	const alice = await user(db, 'alice', 'Alice Martin');
	const bruno = await user(db, 'bruno', 'Bruno Petit');
	const chloe = await user(db, 'chloe', 'Chloé Durand');
	const shy = await user(db, 'shy', 'Sophie Discrète');
	const shyLead = await user(db, 'shyLead', 'Paul Réservé');
	HIDDEN_NAMES.push('Sophie Discrète', 'Paul Réservé');

	// An archived edition, published before the event log knew it: the address the migration gave.
	const e2023 = await edition(db, 2023, 'archived');
	await db
		.updateTable('editions')
		.set({ ceremony_at: new Date('2023-06-15T16:00:00.000Z') })
		.where('id', '=', e2023.id)
		.execute();
	await entry(db, {
		key: 'notebook',
		edition: e2023.id,
		title: VISIBLE.notebook,
		state: 'laureate',
		award: 'prize',
		category: e2023.categories.simplification,
		themes: [e2023.themes.simpler],
		academie: 'Lille',
		etablissement: 'École Jules-Ferry, Lille',
		slug: '2023-1',
		members: [{ user: chloe, role: 'lead', publish: true }]
	});

	// The edition whose results are published in this test, through `advance`.
	const e2025 = await edition(db, 2025, 'deliberation');
	await entry(db, {
		key: 'writing',
		edition: e2025.id,
		title: VISIBLE.writing,
		state: 'laureate',
		award: 'prize',
		category: e2025.categories.innovant,
		themes: [e2025.themes.otherwise],
		academie: 'Bordeaux',
		etablissement: 'Collège Aliénor-d’Aquitaine, Libourne',
		summary: 'Une classe de cinquième écrit avec les résidents d’un EHPAD voisin.',
		members: [
			{ user: bruno, role: 'member', publish: true },
			{ user: alice, role: 'lead', publish: true },
			{ user: shy, role: 'member', publish: false }
		]
	});
	await entry(db, {
		key: 'summons',
		edition: e2025.id,
		title: VISIBLE.summons,
		state: 'laureate',
		award: 'prize',
		category: e2025.categories.simplification,
		themes: [e2025.themes.simpler, e2025.themes.otherwise],
		academie: 'Bordeaux',
		summary: 'Une page, les informations utiles d’abord ; les appels au service divisés par trois.',
		problem: 'Les candidats ne trouvaient pas l’heure de leur épreuve sur un formulaire papier.'
	});
	await entry(db, {
		key: 'paper',
		edition: e2025.id,
		title: VISIBLE.paper,
		state: 'laureate',
		award: 'mention',
		category: e2025.categories.simplification,
		academie: 'Lyon',
		members: [{ user: shyLead, role: 'lead', publish: false }]
	});
	// Trial of the writing workshops: two accepted sites that reported, a declined one, a volunteer.
	await site(
		db,
		ids.writing,
		{ name: 'École Pasteur', academie: 'Lille', status: 'accepted' },
		{ satisfaction: 5, willContinue: true }
	);
	await site(
		db,
		ids.writing,
		{ name: 'Collège Montaigne', academie: 'Bordeaux', status: 'accepted' },
		{ satisfaction: 4, willContinue: false }
	);
	await site(db, ids.writing, { name: 'Lycée Refusé', academie: 'Nice', status: 'declined' });
	await site(db, ids.writing, { name: 'École Candidate', academie: 'Nantes', status: 'volunteer' });

	// The published edition's candidatures in every other state, and a laureate without consent.
	await hidden(db, {
		key: 'noConsent',
		edition: e2025.id,
		title: 'Lauréat secret sans consentement',
		state: 'laureate',
		award: 'prize',
		consent: false,
		category: e2025.categories.simplification,
		themes: [e2025.themes.simpler],
		academie: 'Corse'
	});
	for (const state of ENTRY_STATES.filter((s) => !['laureate', 'finalist'].includes(s)))
		await hidden(db, {
			key: `published-${state}`,
			edition: e2025.id,
			title: `Candidature secrète ${state}`,
			state,
			category: e2025.categories.simplification,
			themes: [e2025.themes.simpler],
			academie: 'Guyane',
			// An address on a candidature without an award (it never gets one): still not public.
			slug: state === 'notAwarded' ? '2025-non-primee' : null
		});

	// Editions whose results are not published, with a laureate (and an address) and a finalist.
	const phases = ['open', 'trial', 'deliberation'] as const;
	for (const [i, phase] of phases.entries()) {
		const e = await edition(db, 2026 + i, phase);
		for (const state of ENTRY_STATES)
			await hidden(db, {
				key: `${phase}-${state}`,
				edition: e.id,
				title: `Innovation secrète ${phase} ${state}`,
				state,
				award: state === 'laureate' ? 'prize' : null,
				category: e.categories.simplification,
				themes: [e.themes.simpler],
				academie: 'Mayotte',
				slug: state === 'laureate' ? `${2026 + i}-secret-${phase}` : null
			});
	}

	const published = await advanceEdition(
		db,
		e2025.id,
		{ type: 'PUBLISH', at: PUBLISHED_AT },
		{ userId: organiser }
	);
	expect(published).toMatchObject({ ok: true, to: 'published' });
	// Publishing gave the laureate without consent an address too: it must lead nowhere.
	const { slug } = await db
		.selectFrom('entries')
		.select('slug')
		.where('id', '=', ids.noConsent)
		.executeTakeFirstOrThrow();
	expect(slug).toBe('2025-laureat-secret-sans-consentement');
	HIDDEN_SLUGS.push(slug!);
});

afterAll(async () => {
	await t?.close();
});

const filters = (f: Partial<LaureateFilters>): LaureateFilters => ({ ...NO_FILTERS, ...f });
const titlesOf = async (f: Partial<LaureateFilters>, page = 1, pageSize = 50) =>
	(await searchLaureates(t.db, filters(f), { page, pageSize })).rows.map((r) => r.title);

/** Counts the queries sent through the returned database. */
function counting(db: Db) {
	const counter = { queries: 0 };
	// transformQuery also sees every sub-query built apart; transformResult runs once per query sent.
	const plugin: KyselyPlugin = {
		transformQuery: (args) => args.node,
		transformResult: async (args) => {
			counter.queries++;
			return args.result;
		}
	};
	return { db: db.withPlugin(plugin), counter };
}

describe(`public laureates (${process.env.TEST_DB})`, () => {
	it('lists the public laureates, latest edition first, prizes before mentions', async () => {
		expect(await titlesOf({})).toEqual([
			VISIBLE.summons, // 2025, prize, « simplification » comes first
			VISIBLE.writing, // 2025, prize, « projet innovant »
			VISIBLE.paper, // 2025, mention
			VISIBLE.notebook // 2023
		]);
	});

	it('gives each row its address, names that may be published (lead first), themes and trial', async () => {
		const { rows, total } = await searchLaureates(t.db, NO_FILTERS, { page: 1 });
		expect(total).toBe(4);
		const writing = rows.find((r) => r.title === VISIBLE.writing)!;
		expect(writing.slug).toBe('2025-des-ateliers-d-ecriture-avec-les-residents-d-ehpad');
		expect(writing.members).toEqual([{ name: 'Alice Martin' }, { name: 'Bruno Petit' }]);
		expect(writing.themes).toEqual([{ name: 'Travailler autrement' }]);
		expect(writing.trial).toBe(
			'Essayée par 2 sites dans 2 académies (Bordeaux, Lille) ; satisfaction moyenne 4,5 sur 5 ; 1 site sur 2 poursuit.'
		);
		expect(rows.find((r) => r.title === VISIBLE.paper)).toMatchObject({
			members: [],
			trial: null,
			award: 'mention'
		});
		expect(rows.find((r) => r.title === VISIBLE.notebook)?.slug).toBe('2023-1');
	});

	it('filters by edition, category name across editions, académie and theme', async () => {
		expect(await titlesOf({ annee: 2023 })).toEqual([VISIBLE.notebook]);
		expect(await titlesOf({ annee: 2026 })).toEqual([]);
		expect(await titlesOf({ categorie: 'Prix de la simplification' })).toEqual([
			VISIBLE.summons,
			VISIBLE.paper,
			VISIBLE.notebook
		]);
		expect(await titlesOf({ academie: 'Bordeaux' })).toEqual([VISIBLE.summons, VISIBLE.writing]);
		expect(await titlesOf({ theme: 'Faire plus simple' })).toEqual([
			VISIBLE.summons,
			VISIBLE.notebook
		]);
		expect(await titlesOf({ annee: 2025, theme: 'Faire plus simple' })).toEqual([VISIBLE.summons]);
		expect(
			await titlesOf({ categorie: 'Prix du projet innovant', academie: 'Bordeaux', annee: 2025 })
		).toEqual([VISIBLE.writing]);
		expect(await titlesOf({ categorie: 'Catégorie inconnue' })).toEqual([]);
		expect(await titlesOf({ academie: 'Corse' })).toEqual([]);
	});

	it('offers as choices only what public laureates have', async () => {
		expect(await laureateFacets(t.db)).toEqual({
			editions: [
				{ year: 2025, title: 'Prix Impulsions 2025' },
				{ year: 2023, title: 'Prix Impulsions 2023' }
			],
			categories: ['Prix de la simplification', 'Prix du projet innovant'],
			academies: ['Bordeaux', 'Lille', 'Lyon'],
			themes: ['Faire plus simple', 'Travailler autrement']
		});
	});

	describe('French full-text search', () => {
		it('finds a plural from the singular and back (French stemming)', async () => {
			expect(await titlesOf({ q: 'convocation' })).toEqual([VISIBLE.summons]);
			expect(await titlesOf({ q: 'atelier' })).toEqual([VISIBLE.writing]);
			expect(await titlesOf({ q: 'résident' })).toEqual([VISIBLE.writing]);
			expect(await titlesOf({ q: 'cahiers' })).toEqual([VISIBLE.notebook]);
		});

		it('ignores case and finds an accented word typed with its accents', async () => {
			expect(await titlesOf({ q: 'ÉCRITURE' })).toEqual([VISIBLE.writing]);
			expect(await titlesOf({ q: 'numérique' })).toEqual([VISIBLE.notebook]);
		});

		it('ignores accents, typed or not, in the text and in the query', async () => {
			expect(await titlesOf({ q: 'ecriture' })).toEqual([VISIBLE.writing]);
			expect(await titlesOf({ q: 'Ecriture' })).toEqual([VISIBLE.writing]);
			expect(await titlesOf({ q: 'RÉSIDENTS' })).toEqual([VISIBLE.writing]);
			expect(await titlesOf({ q: 'numerique' })).toEqual([VISIBLE.notebook]);
			expect(await titlesOf({ q: 'residents' })).toEqual([VISIBLE.writing]);
			// Stems, not meanings: « écrire » (ecrir) is another word than « écriture » (ecritur).
			expect(await titlesOf({ q: 'écrire' })).toEqual([]);
		});

		it('understands the web search syntax: all words, "phrase", -word, or', async () => {
			expect(await titlesOf({ q: 'appels service' })).toEqual([VISIBLE.summons]);
			expect(await titlesOf({ q: 'appels robotique' })).toEqual([]);
			expect(await titlesOf({ q: '"langage clair"' })).toEqual([VISIBLE.summons]);
			expect(await titlesOf({ q: '"clair langage"' })).toEqual([]);
			expect(await titlesOf({ q: 'papier -convocations' })).toEqual([VISIBLE.paper]);
			expect(await titlesOf({ q: 'cahier or EHPAD' })).toEqual([VISIBLE.writing, VISIBLE.notebook]);
		});

		it('ranks a match in the title above a match in the dossier', async () => {
			// « papier » is the mention's title; it is only in the prize's problem field.
			expect(await titlesOf({ q: 'papier' })).toEqual([VISIBLE.paper, VISIBLE.summons]);
		});

		it('searches within the filters, and finds nothing in a text without words', async () => {
			expect(
				await titlesOf({ q: 'papier', categorie: 'Prix de la simplification', annee: 2025 })
			).toEqual([VISIBLE.paper, VISIBLE.summons]);
			expect(await titlesOf({ q: 'papier', academie: 'Lyon' })).toEqual([VISIBLE.paper]);
			expect(await titlesOf({ q: '!!! & |' })).toEqual([]);
		});
	});

	describe('pagination', () => {
		it('cuts the list in pages, in the same order, without overlap', async () => {
			const first = await searchLaureates(t.db, NO_FILTERS, { page: 1, pageSize: 3 });
			const second = await searchLaureates(t.db, NO_FILTERS, { page: 2, pageSize: 3 });
			expect(first).toMatchObject({ total: 4, page: 1, pageCount: 2, pageSize: 3 });
			expect(second).toMatchObject({ total: 4, page: 2, pageCount: 2 });
			expect([...first.rows, ...second.rows].map((r) => r.title)).toEqual(await titlesOf({}));
		});

		it('gives no rows past the last page, and one empty page for an empty list', async () => {
			const past = await searchLaureates(t.db, NO_FILTERS, { page: 3, pageSize: 3 });
			expect(past).toMatchObject({ rows: [], total: 4, page: 3, pageCount: 2 });
			const empty = await searchLaureates(t.db, filters({ q: 'introuvable' }), { page: 1 });
			expect(empty).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
			const emptyPast = await searchLaureates(t.db, filters({ q: 'introuvable' }), { page: 2 });
			expect(emptyPast.page > emptyPast.pageCount).toBe(true);
		});

		it('runs the same number of queries whatever the page size', async () => {
			const small = counting(t.db);
			await searchLaureates(small.db, NO_FILTERS, { page: 1, pageSize: 1 });
			const large = counting(t.db);
			await searchLaureates(large.db, NO_FILTERS, { page: 1, pageSize: 50 });
			// A count, the page's rows, and three for the trial sentences of the whole page.
			expect(small.counter.queries).toBe(5);
			expect(large.counter.queries).toBe(5);
			const facets = counting(t.db);
			await laureateFacets(facets.db);
			expect(facets.counter.queries).toBe(1);
			const page = counting(t.db);
			await publicLaureatePage(page.db, '2023-1');
			expect(page.counter.queries).toBe(4);
		});
	});

	describe('a laureate by its address', () => {
		it('gives the published dossier, names with their role, themes, edition and publication date', async () => {
			const writing = await findPublicLaureate(
				t.db,
				'2025-des-ateliers-d-ecriture-avec-les-residents-d-ehpad'
			);
			expect(writing).toMatchObject({
				title: VISIBLE.writing,
				award: 'prize',
				editionYear: 2025,
				editionTitle: 'Prix Impulsions 2025',
				categoryName: 'Prix du projet innovant',
				academie: 'Bordeaux',
				etablissementName: 'Collège Aliénor-d’Aquitaine, Libourne',
				transferability: `Comment reproduire « ${VISIBLE.writing} ».`,
				resources: 'Deux heures par semaine.',
				members: [
					{ name: 'Alice Martin', role: 'lead' },
					{ name: 'Bruno Petit', role: 'member' }
				],
				themes: [{ name: 'Travailler autrement' }]
			});
			expect(new Date(writing!.publishedAt!).toISOString()).toBe(PUBLISHED_AT.toISOString());
			// Published before the event log: no date.
			expect((await findPublicLaureate(t.db, '2023-1'))?.publishedAt).toBeNull();
		});

		it('gives the trial roll-up by académie, from accepted sites only, without names', async () => {
			const page = await publicLaureatePage(
				t.db,
				'2025-des-ateliers-d-ecriture-avec-les-residents-d-ehpad'
			);
			expect(page?.trial).toMatchObject({
				sitesAccepted: 2,
				reportsSubmitted: 2,
				academies: [
					{ name: 'Bordeaux', count: 1 },
					{ name: 'Lille', count: 1 }
				],
				continuing: { n: 2, yes: 1 }
			});
			expect((await publicLaureatePage(t.db, '2023-1'))?.trial).toBeNull();
		});

		it('finds nothing for an unknown address', async () => {
			expect(await findPublicLaureate(t.db, '2025-inconnu')).toBeUndefined();
			expect(await publicLaureatePage(t.db, '2025-inconnu')).toBeUndefined();
		});
	});

	describe('the feed and the sitemap', () => {
		it('lists the laureates in the feed, latest edition first, dated by their publication', async () => {
			const rows = await feedLaureates(t.db);
			expect(rows.map((r) => [r.title, r.updated.toISOString()])).toEqual([
				[VISIBLE.summons, PUBLISHED_AT.toISOString()],
				[VISIBLE.writing, PUBLISHED_AT.toISOString()],
				[VISIBLE.paper, PUBLISHED_AT.toISOString()],
				// Before the event log: the edition's ceremony.
				[VISIBLE.notebook, '2023-06-15T16:00:00.000Z']
			]);
			expect(await feedLaureates(t.db, 2)).toHaveLength(2);
			const xml = await laureatesFeed(t.db, ORIGIN);
			expect(xml.match(/<entry>/g)).toHaveLength(4);
			expect(xml).toContain('<updated>2025-07-01T08:00:00Z</updated>');
			expect(xml).toContain(
				`<id>${ORIGIN}/laureats/2025-des-ateliers-d-ecriture-avec-les-residents-d-ehpad</id>`
			);
			expect(xml).toContain('<author>\n\t\t\t<name>Alice Martin</name>\n\t\t</author>');
			expect(xml).toContain('<title>Des ateliers d’écriture avec les résidents d’EHPAD</title>');
		});

		it('lists every public page in the sitemap, with laureates dated by their publication', async () => {
			const urls = await siteMap(t.db, ORIGIN);
			const locs = urls.map((u) => u.loc);
			expect(locs).toEqual(
				expect.arrayContaining([
					`${ORIGIN}/`,
					`${ORIGIN}/laureats`,
					`${ORIGIN}/editions`,
					`${ORIGIN}/editions/2023`,
					`${ORIGIN}/editions/2025`,
					`${ORIGIN}/laureats/2023-1`,
					`${ORIGIN}/laureats/2025-des-ateliers-d-ecriture-avec-les-residents-d-ehpad`,
					`${ORIGIN}/laureats/2025-zero-formulaire-papier`,
					`${ORIGIN}/laureats/2025-les-convocations-aux-examens-en-langage-clair`
				])
			);
			expect(locs.filter((l) => l.startsWith(`${ORIGIN}/laureats/`))).toHaveLength(4);
			expect(new Set(locs).size).toBe(locs.length);
			expect(urls.find((u) => u.loc === `${ORIGIN}/laureats`)?.lastmod).toEqual(PUBLISHED_AT);
			expect(
				urls.find((u) => u.loc === `${ORIGIN}/laureats/2025-zero-formulaire-papier`)?.lastmod
			).toEqual(PUBLISHED_AT);
			// Published before the event log: no date rather than a wrong one.
			expect(urls.find((u) => u.loc === `${ORIGIN}/laureats/2023-1`)?.lastmod).toBeNull();
			expect(await sitemapLaureates(t.db)).toHaveLength(4);
		});
	});

	it('never shows what is not published, not consented, or personal', async () => {
		// Every output of the public queries, the feed and the sitemap, as text.
		const outputs: string[] = [];
		const all = await searchLaureates(t.db, NO_FILTERS, { page: 1, pageSize: 1000 });
		outputs.push(JSON.stringify(all));
		for (const q of ['secrète', 'secret', SECRET_WORD, 'convocations', 'innovation', 'candidature'])
			outputs.push(JSON.stringify(await searchLaureates(t.db, filters({ q }), { page: 1 })));
		for (const academie of ['Corse', 'Guyane', 'Mayotte'])
			outputs.push(JSON.stringify(await searchLaureates(t.db, filters({ academie }), { page: 1 })));
		for (const annee of [2026, 2027, 2028])
			outputs.push(JSON.stringify(await searchLaureates(t.db, filters({ annee }), { page: 1 })));
		outputs.push(JSON.stringify(await laureateFacets(t.db)));
		for (const row of all.rows)
			outputs.push(JSON.stringify(await publicLaureatePage(t.db, row.slug)));
		outputs.push(JSON.stringify(await feedLaureates(t.db)));
		outputs.push(await laureatesFeed(t.db, ORIGIN));
		outputs.push(sitemapXml(await siteMap(t.db, ORIGIN)));
		const text = outputs.join('\n');

		expect(all.rows.map((r) => r.title).sort()).toEqual(Object.values(VISIBLE).sort());
		for (const title of HIDDEN_TITLES) expect(text).not.toContain(title);
		for (const name of HIDDEN_NAMES) expect(text).not.toContain(name);
		for (const slug of HIDDEN_SLUGS) expect(text).not.toContain(slug);
		expect(text).not.toContain(SECRET_WORD);
		expect(text).not.toContain('@');
		expect(text).not.toMatch(/Corse|Guyane|Mayotte|Nice|Nantes/);
		for (const name of PUBLIC_NAMES) expect(text).toContain(name);
		// Hidden laureates and candidatures cannot be reached by their address either.
		for (const slug of HIDDEN_SLUGS) {
			expect(await findPublicLaureate(t.db, slug)).toBeUndefined();
			expect(await publicLaureatePage(t.db, slug)).toBeUndefined();
		}
		// Sixty candidatures were written; four are public.
		expect(HIDDEN_TITLES.length).toBeGreaterThanOrEqual(3 * ENTRY_STATES.length + 10);
	});
});
