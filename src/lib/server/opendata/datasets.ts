// The open data of the prize (/donnees): three datasets, each published as CSV, as JSON and with its
// Table Schema, and a Frictionless data package describing them, under the Licence Ouverte 2.0.
//
// - laureats: the laureates of published editions whose team agreed to publication (laureates.ts);
// - editions: every public edition (not in preparation), with the number of candidatures that reached
//   each stage — empty until the edition has passed the stage (stages.ts) — and its log's fingerprint;
// - academies: the same counts by académie (submitted, shortlisted, laureates), for editions whose
//   submissions are closed; an académie appears once a candidature from it has been submitted.
//
// CSV: RFC 4180 (comma, CRLF, double quotes), UTF-8 WITHOUT a byte order mark, a header row; an empty
// field is a missing value. JSON: an array of objects with the same fields, numbers as numbers and
// missing values as null. The builders below are pure; `loadDataset` runs at most two queries.
import type { Db } from '../db';
import {
	countsByAcademie,
	publicEditionsWithJournal,
	type AcademieCounts
} from '../db/public-editions';
import { EDITION_PHASES } from '../workflow/rules';
import { EDITION_PHASE_LABELS } from '../../domain/labels';
import { toCsv, type CsvValue } from './csv';
import { openDataLaureates, type OpenDataLaureate } from './laureates';
import { STAGES, publicCounts, stageIsPublic, sumCounts, type StageCounts } from './stages';
import type { SchemaField, TableSchema } from './table-schema';

export const LICENCE = {
	name: 'etalab-2.0',
	title: 'Licence Ouverte / Open Licence version 2.0',
	path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/'
} as const;

export const PRODUCER = 'Ministère de l’Éducation nationale — Prix Impulsions';

export const UPDATE_FREQUENCY =
	'En continu : les fichiers sont produits à chaque demande à partir de la base du prix. Ils changent quand une édition franchit une étape et quand ses résultats sont publiés.';

export type Row = Record<string, CsvValue>;

/** A Table Schema as published (/donnees/<nom>.schema.json). */
export interface PublishedSchema extends TableSchema {
	fields: readonly SchemaField[];
	missingValues: readonly string[];
}

export const DATASET_NAMES = ['laureats', 'editions', 'academies'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export interface DatasetInfo {
	name: DatasetName;
	title: string;
	description: string;
	schema: PublishedSchema;
}

/** « 2027-01-31T22:59:00Z »: the Table Schema's default datetime form (UTC, no fraction). */
export function isoSeconds(date: Date | null): string | null {
	return date === null ? null : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const PUBLIC_PHASES = EDITION_PHASES.filter((p) => p !== 'draft');

const count = (name: string, title: string, description: string): SchemaField => ({
	name,
	title,
	description,
	type: 'integer',
	constraints: { minimum: 0 }
});

const stageFields: SchemaField[] = STAGES.map((s) =>
	count(
		s.field,
		s.label,
		`Nombre de candidatures ${s.description}, y compris celles qui sont allées plus loin ou ont été retirées ensuite. Vide tant que l’édition n’a pas dépassé cette étape.`
	)
);

export const DATASETS: Record<DatasetName, DatasetInfo> = {
	laureats: {
		name: 'laureats',
		title: 'Lauréats du Prix Impulsions',
		description:
			'Les innovations distinguées (prix et mentions) des éditions dont les résultats sont publiés, quand leur équipe a accepté leur publication. Les membres de l’équipe ne sont nommés que s’ils ont accepté que leur nom soit publié.',
		schema: {
			fields: [
				{
					name: 'identifiant',
					title: 'Identifiant',
					description:
						'Identifiant stable du lauréat, celui de l’adresse de sa page (/laureats/<identifiant>).',
					type: 'string',
					constraints: { required: true }
				},
				{
					name: 'annee',
					title: 'Édition',
					description: 'Année de l’édition du prix.',
					type: 'integer',
					constraints: { required: true, minimum: 2000 }
				},
				{
					name: 'titre',
					title: 'Titre',
					description: 'Titre de l’innovation.',
					type: 'string',
					constraints: { required: true }
				},
				{
					name: 'distinction',
					title: 'Distinction',
					description: 'prix ou mention.',
					type: 'string',
					constraints: { required: true, enum: ['prix', 'mention'] }
				},
				{
					name: 'categorie',
					title: 'Catégorie',
					description: 'Catégorie du prix dans laquelle l’innovation a concouru.',
					type: 'string'
				},
				{
					name: 'thematiques',
					title: 'Thématiques',
					description: 'Thématiques de l’innovation, séparées par « ; ».',
					type: 'string'
				},
				{
					name: 'resume',
					title: 'Résumé',
					description: 'Résumé de l’innovation rédigé par l’équipe.',
					type: 'string'
				},
				{
					name: 'etablissement',
					title: 'Établissement ou service',
					description: 'Nom de l’établissement ou du service de l’équipe.',
					type: 'string'
				},
				{
					name: 'uai',
					title: 'Code UAI',
					description: 'Code UAI (ex-RNE) de l’établissement ou du service.',
					type: 'string'
				},
				{
					name: 'academie',
					title: 'Académie',
					description: 'Académie de l’établissement, déduite du code UAI.',
					type: 'string'
				},
				{
					name: 'membres',
					title: 'Membres de l’équipe',
					description:
						'Noms des membres de l’équipe qui ont accepté leur publication, séparés par « ; » (le ou la responsable d’abord).',
					type: 'string'
				},
				{
					name: 'page',
					title: 'Page du lauréat',
					description: 'Adresse de la page publique du lauréat.',
					type: 'string'
				}
			],
			primaryKey: 'identifiant',
			missingValues: ['']
		}
	},
	editions: {
		name: 'editions',
		title: 'Éditions du Prix Impulsions et candidatures à chaque étape',
		description:
			'Chaque édition ouverte au public, sa phase, ses dates, le nombre de candidatures parvenues à chaque étape (publié une fois l’étape passée) et l’empreinte de son journal des événements.',
		schema: {
			fields: [
				{
					name: 'annee',
					title: 'Édition',
					description: 'Année de l’édition.',
					type: 'integer',
					constraints: { required: true, minimum: 2000 }
				},
				{
					name: 'titre',
					title: 'Titre',
					description: 'Titre de l’édition.',
					type: 'string',
					constraints: { required: true }
				},
				{
					name: 'phase',
					title: 'Phase (code)',
					description: `Phase de l’édition : ${PUBLIC_PHASES.join(', ')}.`,
					type: 'string',
					constraints: { required: true, enum: PUBLIC_PHASES }
				},
				{
					name: 'phase_libelle',
					title: 'Phase',
					description: 'Phase de l’édition, en français.',
					type: 'string',
					constraints: { required: true }
				},
				{
					name: 'ouverture',
					title: 'Ouverture des candidatures',
					description: 'Date et heure (UTC) d’ouverture des candidatures.',
					type: 'datetime'
				},
				{
					name: 'date_limite_depot',
					title: 'Date limite de dépôt',
					description: 'Date et heure (UTC) de clôture des dépôts.',
					type: 'datetime'
				},
				{
					name: 'ceremonie',
					title: 'Cérémonie',
					description: 'Date et heure (UTC) de la cérémonie de remise des prix.',
					type: 'datetime'
				},
				...stageFields,
				count(
					'prix',
					'Prix',
					'Nombre de lauréates distinguées par un prix. Vide tant que les résultats ne sont pas publiés.'
				),
				count(
					'mentions',
					'Mentions',
					'Nombre de lauréates distinguées par une mention. Vide tant que les résultats ne sont pas publiés.'
				),
				count(
					'evenements_journal',
					'Événements du journal',
					'Nombre d’événements enregistrés dans le journal chaîné de l’édition.'
				),
				{
					name: 'empreinte_journal',
					title: 'Empreinte du journal',
					description:
						'Empreinte SHA-256 (hexadécimal) du dernier événement du journal chaîné de l’édition ; vide s’il n’en a aucun.',
					type: 'string'
				}
			],
			primaryKey: 'annee',
			missingValues: ['']
		}
	},
	academies: {
		name: 'academies',
		title: 'Candidatures au Prix Impulsions par académie',
		description:
			'Pour chaque édition dont les dépôts sont clos, et chaque académie d’où au moins une candidature a été déposée : les candidatures déposées, présélectionnées et lauréates (chaque nombre publié une fois l’étape passée).',
		schema: {
			fields: [
				{
					name: 'annee',
					title: 'Édition',
					description: 'Année de l’édition.',
					type: 'integer',
					constraints: { required: true, minimum: 2000 }
				},
				{
					name: 'academie',
					title: 'Académie',
					description:
						'Académie de l’établissement, déduite du code UAI ; vide quand le code UAI ne correspond à aucune académie (vice-rectorats, par exemple).',
					type: 'string'
				},
				...stageFields.filter((f) =>
					['candidatures_deposees', 'preselectionnees', 'laureates'].includes(f.name)
				)
			],
			missingValues: ['']
		}
	}
};

/** The académie columns: the stages counted by académie. */
const ACADEMIE_STAGES = STAGES.filter((s) =>
	['submitted', 'shortlisted', 'laureate'].includes(s.key)
);

// ---------------------------------------------------------------------------------------------
// Pure builders

const AWARD_WORDS = { prize: 'prix', mention: 'mention' } as const;

export function laureateRows(laureates: readonly OpenDataLaureate[], origin: string): Row[] {
	return laureates.map((l) => ({
		identifiant: l.slug ?? `${l.year}-${l.id}`,
		annee: l.year,
		titre: l.title,
		distinction: l.award ? AWARD_WORDS[l.award] : null,
		categorie: l.category,
		thematiques: l.themes.map((t) => t.name).join(' ; ') || null,
		resume: l.summary || null,
		etablissement: l.etablissement_name || null,
		uai: l.uai,
		academie: l.academie,
		membres: l.members.map((m) => m.name).join(' ; ') || null,
		page: l.slug ? `${origin}/laureats/${encodeURIComponent(l.slug)}` : null
	}));
}

export interface EditionForData {
	id: number;
	year: number;
	title: string;
	phase: string;
	opens_at: Date | null;
	submissions_close_at: Date | null;
	ceremony_at: Date | null;
	events: number | string | null;
	fingerprint: string | null;
}

/** The counts of one edition: the sum of its académies' rows. */
export function editionTotals(editionId: number, counts: readonly AcademieCounts[]): StageCounts {
	return sumCounts(counts.filter((c) => c.editionId === editionId));
}

export function editionRows(
	editions: readonly EditionForData[],
	counts: readonly AcademieCounts[]
): Row[] {
	return editions.map((ed) => {
		const shown = publicCounts(editionTotals(ed.id, counts), ed.phase);
		const row: Row = {
			annee: ed.year,
			titre: ed.title,
			phase: ed.phase,
			phase_libelle: EDITION_PHASE_LABELS[ed.phase] ?? ed.phase,
			ouverture: isoSeconds(ed.opens_at),
			date_limite_depot: isoSeconds(ed.submissions_close_at),
			ceremonie: isoSeconds(ed.ceremony_at)
		};
		for (const stage of STAGES) row[stage.field] = shown[stage.key];
		row.prix = shown.prizes;
		row.mentions = shown.mentions;
		row.evenements_journal = Number(ed.events ?? 0);
		row.empreinte_journal = ed.fingerprint;
		return row;
	});
}

export interface AcademieLine {
	/** Null: the UAI gives no académie. */
	academie: string | null;
	/** Per stage of ACADEMIE_STAGES: the count, or null while the stage is not passed. */
	counts: (number | null)[];
}

/**
 * The académie lines of an edition in this phase: none before its submissions are closed; then one
 * per académie with a submitted candidature, by name (the unknown académie last), and the total.
 */
export function academieTable(
	phase: string,
	counts: readonly AcademieCounts[]
): { stages: typeof ACADEMIE_STAGES; lines: AcademieLine[]; total: AcademieLine } | null {
	if (!stageIsPublic(ACADEMIE_STAGES[0], phase)) return null;
	const line = (academie: string | null, c: StageCounts): AcademieLine => ({
		academie,
		counts: ACADEMIE_STAGES.map((s) => (stageIsPublic(s, phase) ? c[s.key] : null))
	});
	const lines = [...counts]
		.sort((a, b) =>
			a.academie === null
				? 1
				: b.academie === null
					? -1
					: a.academie.localeCompare(b.academie, 'fr')
		)
		.map((c) => line(c.academie, c));
	return { stages: ACADEMIE_STAGES, lines, total: line(null, sumCounts(counts)) };
}

export function academieRows(
	editions: readonly Pick<EditionForData, 'id' | 'year' | 'phase'>[],
	counts: readonly AcademieCounts[]
): Row[] {
	const rows: Row[] = [];
	for (const ed of editions) {
		const table = academieTable(
			ed.phase,
			counts.filter((c) => c.editionId === ed.id)
		);
		if (!table) continue;
		for (const l of table.lines) {
			const row: Row = { annee: ed.year, academie: l.academie };
			table.stages.forEach((s, i) => (row[s.field] = l.counts[i]));
			rows.push(row);
		}
	}
	return rows;
}

// ---------------------------------------------------------------------------------------------
// Loading and serialising

/** The rows of a dataset, read from the database (two queries at most). */
export async function loadDataset(db: Db, name: DatasetName, origin: string): Promise<Row[]> {
	if (name === 'laureats') return laureateRows(await openDataLaureates(db), origin);
	const [editions, counts] = await Promise.all([
		publicEditionsWithJournal(db),
		countsByAcademie(db)
	]);
	return name === 'editions' ? editionRows(editions, counts) : academieRows(editions, counts);
}

/** Every dataset's rows at once (three queries), for the page that lists them. */
export async function loadAllDatasets(db: Db, origin: string): Promise<Record<DatasetName, Row[]>> {
	const [laureates, editions, counts] = await Promise.all([
		openDataLaureates(db),
		publicEditionsWithJournal(db),
		countsByAcademie(db)
	]);
	return {
		laureats: laureateRows(laureates, origin),
		editions: editionRows(editions, counts),
		academies: academieRows(editions, counts)
	};
}

/** French names of the Table Schema types, for the fields' table. */
export const FIELD_TYPE_LABELS: Record<string, string> = {
	string: 'texte',
	integer: 'entier',
	number: 'nombre',
	boolean: 'booléen (true ou false)',
	date: 'date (AAAA-MM-JJ)',
	datetime: 'date et heure UTC (AAAA-MM-JJThh:mm:ssZ)'
};

export function datasetCsv(name: DatasetName, rows: readonly Row[]): string {
	return toCsv(DATASETS[name].schema.fields, rows);
}

/** JSON: an array of objects, keys in the schema's order, missing values as null. */
export function datasetJson(name: DatasetName, rows: readonly Row[]): string {
	const fields = DATASETS[name].schema.fields;
	const ordered = rows.map((row) =>
		Object.fromEntries(fields.map((f) => [f.name, row[f.name] ?? null]))
	);
	return JSON.stringify(ordered, null, '\t') + '\n';
}

export function schemaJson(name: DatasetName): string {
	return JSON.stringify(DATASETS[name].schema, null, '\t') + '\n';
}

/** The Frictionless data package descriptor (/donnees/datapackage.json); paths are relative to it. */
export function dataPackage(origin: string) {
	return {
		profile: 'tabular-data-package',
		name: 'prix-impulsions',
		title: 'Prix Impulsions — lauréats et statistiques des éditions',
		description:
			'Données ouvertes du Prix Impulsions du ministère de l’Éducation nationale : lauréats publiés, candidatures à chaque étape de chaque édition, et par académie.',
		homepage: `${origin}/donnees`,
		licenses: [LICENCE],
		contributors: [{ title: PRODUCER, role: 'publisher' }],
		resources: DATASET_NAMES.flatMap((name) => {
			const d = DATASETS[name];
			const common = {
				title: d.title,
				description: d.description,
				encoding: 'utf-8',
				schema: `${name}.schema.json`,
				licenses: [LICENCE]
			};
			return [
				{
					profile: 'tabular-data-resource',
					name: `${name}-csv`,
					path: `${name}.csv`,
					format: 'csv',
					mediatype: 'text/csv',
					dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', header: true },
					...common
				},
				{
					profile: 'tabular-data-resource',
					name: `${name}-json`,
					path: `${name}.json`,
					format: 'json',
					mediatype: 'application/json',
					...common
				}
			];
		})
	};
}
