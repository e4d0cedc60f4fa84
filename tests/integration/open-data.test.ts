// The open data files (/donnees): with candidatures in every state across editions in seven phases,
// every file validates against its Table Schema, holds exactly what is published and consented, and
// nothing else (titles of non-laureates, unconsented laureates and names, e-mails, private payloads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DATASETS,
	DATASET_NAMES,
	dataPackage,
	datasetCsv,
	datasetJson,
	loadAllDatasets,
	loadDataset,
	schemaJson,
	type DatasetName
} from '../../src/lib/server/opendata/datasets';
import { validateRows, type Cell } from '../../src/lib/server/opendata/table-schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import {
	EXPECTED,
	EXPECTED_ACADEMIES,
	PUBLISHED_NAMES,
	PUBLISHED_TITLES,
	SECRETS,
	YEARS,
	readCsv,
	seedPublicData
} from '../helpers/public-data';

const ORIGIN = 'https://prix.example.fr';

let t: TestDatabase;
/** Every file served, by its name under /donnees. */
const files = new Map<string, string>();

beforeAll(async () => {
	t = await createTestDatabase();
	await seedPublicData(t.db);
	for (const name of DATASET_NAMES) {
		const rows = await loadDataset(t.db, name, ORIGIN);
		files.set(`${name}.csv`, datasetCsv(name, rows));
		files.set(`${name}.json`, datasetJson(name, rows));
		files.set(`${name}.schema.json`, schemaJson(name));
	}
	files.set('datapackage.json', JSON.stringify(dataPackage(ORIGIN)));
});

afterAll(async () => {
	await t?.close();
});

const csvRows = (name: DatasetName) => readCsv(files.get(`${name}.csv`)!).rows;
const jsonRows = (name: DatasetName) =>
	JSON.parse(files.get(`${name}.json`)!) as Record<string, Cell>[];

describe(`open data (${process.env.TEST_DB})`, () => {
	it('validates every CSV and JSON file against the schema it is published with', () => {
		for (const name of DATASET_NAMES) {
			const schema = JSON.parse(files.get(`${name}.schema.json`)!);
			const csv = readCsv(files.get(`${name}.csv`)!);
			expect(csv.header).toEqual(schema.fields.map((f: { name: string }) => f.name));
			expect(csv.rows.length, name).toBeGreaterThan(0);
			expect(validateRows(schema, csv.rows), `${name}.csv`).toEqual([]);
			const json = jsonRows(name);
			expect(json.length).toBe(csv.rows.length);
			expect(validateRows(schema, json), `${name}.json`).toEqual([]);
			for (const row of json) expect(Object.keys(row)).toEqual(csv.header);
		}
	});

	it('writes RFC 4180 CSV in UTF-8 without a byte order mark', () => {
		for (const name of DATASET_NAMES) {
			const text = files.get(`${name}.csv`)!;
			expect(text.charCodeAt(0)).not.toBe(0xfeff);
			expect(text.endsWith('\r\n')).toBe(true);
			expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
		}
	});

	it('lists the consented laureates of published editions only, with consented names', () => {
		const rows = csvRows('laureats');
		expect(rows.map((r) => [r.annee, r.titre, r.distinction])).toEqual([
			[String(YEARS.published), PUBLISHED_TITLES.prize, 'prix'],
			[String(YEARS.published), PUBLISHED_TITLES.mention, 'mention'],
			[String(YEARS.archived), PUBLISHED_TITLES.archived, 'prix']
		]);
		const prize = rows[0];
		expect(prize.membres).toBe('Alice Martin');
		expect(prize.identifiant).toBe('2024-laureat-publie');
		expect(prize.page).toBe(`${ORIGIN}/laureats/2024-laureat-publie`);
		expect(prize.academie).toBe('Lyon');
		expect(prize.categorie).toBe('Prix du projet innovant');
		expect(prize.thematiques).toBe('Numérique');
		// Without a public address yet, a stable identifier and no page.
		expect(rows[1].identifiant).toMatch(/^2024-\d+$/);
		expect(rows[1].page).toBe('');
		expect(rows[1].membres).toBe('Chloé Durand');
		const json = jsonRows('laureats');
		expect(json[0].annee).toBe(YEARS.published);
		expect(json[1].page).toBeNull();
	});

	it('never shows what is not published or not consented, in any file', () => {
		const all = [...files.values()].join('\n');
		for (const secret of Object.values(SECRETS)) expect(all, secret).not.toContain(secret);
		expect(all).not.toContain('@');
		expect(all).not.toContain('David Moreau'); // consented name, but of an unconsented laureate
		for (const name of PUBLISHED_NAMES) expect(all).toContain(name);
	});

	it('gives each public edition its counts, empty for the stages it has not passed', () => {
		const rows = jsonRows('editions');
		expect(rows.map((r) => r.annee)).toEqual([
			YEARS.open,
			YEARS.eligibility,
			YEARS.trial,
			YEARS.deliberation,
			YEARS.published,
			YEARS.archived
		]);
		const fields = {
			submitted: 'candidatures_deposees',
			eligible: 'eligibles',
			shortlisted: 'preselectionnees',
			inTrial: 'entrees_en_essai',
			finalist: 'finalistes',
			laureate: 'laureates',
			prizes: 'prix',
			mentions: 'mentions'
		} as const;
		for (const phase of [
			'archived',
			'published',
			'deliberation',
			'trial',
			'eligibility',
			'open'
		] as const) {
			const row = rows.find((r) => r.annee === YEARS[phase])!;
			expect(row.phase).toBe(phase);
			const expected = EXPECTED[phase];
			for (const [key, field] of Object.entries(fields))
				expect(row[field], `${phase} ${field}`).toBe(expected[key as keyof typeof expected]);
		}
		const published = rows.find((r) => r.annee === YEARS.published)!;
		expect(published.evenements_journal).toBe(10);
		expect(published.empreinte_journal).toMatch(/^[0-9a-f]{64}$/);
		expect(published.date_limite_depot).toBe('2024-01-31T22:59:00Z');
		const open = rows.find((r) => r.annee === YEARS.open)!;
		expect(open.empreinte_journal).toBeNull();
		// In the CSV, a hidden count is an empty field.
		const csvOpen = csvRows('editions').find((r) => r.annee === String(YEARS.open))!;
		expect(csvOpen.candidatures_deposees).toBe('');
	});

	it('gives the numbers by académie of editions whose submissions are closed', () => {
		const rows = jsonRows('academies');
		const byYear = (year: number) =>
			rows
				.filter((r) => r.annee === year)
				.map((r) => [r.academie, r.candidatures_deposees, r.preselectionnees, r.laureates]);
		for (const phase of ['archived', 'published', 'deliberation', 'trial', 'eligibility'] as const)
			expect(byYear(YEARS[phase]), phase).toEqual(EXPECTED_ACADEMIES[phase]);
		expect(byYear(YEARS.open)).toEqual([]);
		expect(byYear(YEARS.draft)).toEqual([]);
		expect(rows.some((r) => r.academie === 'Guyane')).toBe(false);
	});

	it('describes the files in a data package under the Licence Ouverte', () => {
		const descriptor = dataPackage(ORIGIN);
		expect(descriptor.licenses).toEqual([
			{
				name: 'etalab-2.0',
				title: 'Licence Ouverte / Open Licence version 2.0',
				path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/'
			}
		]);
		const paths = descriptor.resources.flatMap((r) => [r.path, r.schema]);
		for (const path of paths) expect(files.has(path), path).toBe(true);
		expect(descriptor.resources).toHaveLength(DATASET_NAMES.length * 2);
		for (const name of DATASET_NAMES) {
			const schema = DATASETS[name].schema;
			const key = schema.primaryKey;
			if (key)
				for (const k of [key].flat()) expect(schema.fields.some((f) => f.name === k)).toBe(true);
		}
	});

	it('loads the page’s row counts from the same rows as the files', async () => {
		const all = await loadAllDatasets(t.db, ORIGIN);
		for (const name of DATASET_NAMES) expect(all[name].length).toBe(csvRows(name).length);
	});
});
