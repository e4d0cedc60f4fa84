// The pure parts of the transparency page and the open data: which stage counts are public in which
// phase, the académie table, the rows of each dataset against their schema, and the public journal
// with the script that checks it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AcademieCounts } from '../../src/lib/server/db/public-editions';
import {
	DATASETS,
	DATASET_NAMES,
	academieRows,
	academieTable,
	datasetJson,
	editionRows,
	isoSeconds,
	laureateRows,
	type EditionForData
} from '../../src/lib/server/opendata/datasets';
import type { OpenDataLaureate } from '../../src/lib/server/opendata/laureates';
import {
	JOURNAL_CHECK_SCRIPT,
	publicJournal,
	type ChainRow
} from '../../src/lib/server/opendata/journal';
import {
	STAGES,
	ZERO_COUNTS,
	nextStage,
	publicCounts,
	stageIsPublic,
	sumCounts,
	type StageCounts
} from '../../src/lib/server/opendata/stages';
import { validateRows } from '../../src/lib/server/opendata/table-schema';
import {
	eventHash,
	newEventSalt,
	saltMember,
	type EventContent
} from '../../src/lib/server/workflow/event-log';
import { EDITION_PHASES } from '../../src/lib/server/workflow/rules';

const counts = (values: Partial<StageCounts>): StageCounts => ({ ...ZERO_COUNTS, ...values });

const FULL = counts({
	submitted: 10,
	eligible: 8,
	shortlisted: 5,
	inTrial: 4,
	finalist: 3,
	laureate: 2,
	prizes: 1,
	mentions: 1
});

describe('stages', () => {
	it('publishes each count once the edition has passed its stage', () => {
		const publicIn = Object.fromEntries(
			EDITION_PHASES.map((phase) => [
				phase,
				STAGES.filter((s) => stageIsPublic(s, phase)).map((s) => s.key)
			])
		);
		expect(publicIn).toEqual({
			draft: [],
			open: [],
			eligibility: ['submitted'],
			preselection: ['submitted', 'eligible'],
			trial: ['submitted', 'eligible', 'shortlisted'],
			final: ['submitted', 'eligible', 'shortlisted', 'inTrial', 'finalist'],
			deliberation: ['submitted', 'eligible', 'shortlisted', 'inTrial', 'finalist'],
			published: ['submitted', 'eligible', 'shortlisted', 'inTrial', 'finalist', 'laureate'],
			archived: ['submitted', 'eligible', 'shortlisted', 'inTrial', 'finalist', 'laureate']
		});
		expect(stageIsPublic(STAGES[0], 'unknown')).toBe(false);
		expect(nextStage('trial')?.key).toBe('inTrial');
		expect(nextStage('published')).toBeUndefined();
	});

	it('hides the counts and the awards of the stages not passed', () => {
		expect(publicCounts(FULL, 'deliberation')).toEqual({
			submitted: 10,
			eligible: 8,
			shortlisted: 5,
			inTrial: 4,
			finalist: 3,
			laureate: null,
			prizes: null,
			mentions: null
		});
		expect(publicCounts(FULL, 'published')).toEqual(FULL);
		expect(Object.values(publicCounts(FULL, 'open')).every((v) => v === null)).toBe(true);
	});

	it('adds counts', () => {
		expect(sumCounts([FULL, counts({ submitted: 1, prizes: 2 })])).toEqual({
			...FULL,
			submitted: 11,
			prizes: 3
		});
		expect(sumCounts([])).toEqual(ZERO_COUNTS);
	});
});

const row = (academie: string | null, values: Partial<StageCounts>): AcademieCounts => ({
	editionId: 1,
	year: 2026,
	academie,
	...counts(values)
});

describe('académie table', () => {
	const rows = [
		row('Lyon', { submitted: 3, shortlisted: 1 }),
		row(null, { submitted: 1 }),
		row('Île-de-France', { submitted: 2, shortlisted: 2, laureate: 1 }),
		row('Amiens', { submitted: 1 })
	];

	it('has no line before the submissions are closed', () => {
		expect(academieTable('open', rows)).toBeNull();
	});

	it('orders académies by their French name, the unknown one last, and hides stages not passed', () => {
		const table = academieTable('trial', rows)!;
		expect(table.stages.map((s) => s.key)).toEqual(['submitted', 'shortlisted', 'laureate']);
		expect(table.lines).toEqual([
			{ academie: 'Amiens', counts: [1, 0, null] },
			{ academie: 'Île-de-France', counts: [2, 2, null] },
			{ academie: 'Lyon', counts: [3, 1, null] },
			{ academie: null, counts: [1, 0, null] }
		]);
		expect(table.total).toEqual({ academie: null, counts: [7, 3, null] });
	});

	it('gives the académie rows of each edition past its submissions', () => {
		const editions = [
			{ id: 1, year: 2026, phase: 'eligibility' },
			{ id: 2, year: 2027, phase: 'open' }
		];
		const out = academieRows(editions, [
			...rows,
			{ ...row('Lyon', { submitted: 4 }), editionId: 2 }
		]);
		expect(
			out.map((r) => [r.annee, r.academie, r.candidatures_deposees, r.preselectionnees])
		).toEqual([
			[2026, 'Amiens', 1, null],
			[2026, 'Île-de-France', 2, null],
			[2026, 'Lyon', 3, null],
			[2026, null, 1, null]
		]);
		expect(validateRows(DATASETS.academies.schema, out)).toEqual([]);
	});
});

const laureate = (values: Partial<OpenDataLaureate>): OpenDataLaureate => ({
	id: 7,
	slug: null,
	title: 'Un atelier, « partagé »',
	summary: '',
	award: 'prize',
	etablissement_name: '',
	uai: null,
	academie: null,
	year: 2025,
	category: null,
	members: [],
	themes: [],
	...values
});

describe('dataset rows', () => {
	it('writes a laureate with its identifier, names and page', () => {
		const [a, b] = laureateRows(
			[
				laureate({
					slug: '2025-un-atelier',
					award: 'mention',
					members: [{ name: 'Alice Martin' }, { name: 'Chloé Durand' }],
					themes: [{ name: 'Numérique' }, { name: 'Lecture' }]
				}),
				laureate({})
			],
			'https://prix.example.fr'
		);
		expect(a).toMatchObject({
			identifiant: '2025-un-atelier',
			distinction: 'mention',
			membres: 'Alice Martin ; Chloé Durand',
			thematiques: 'Numérique ; Lecture',
			page: 'https://prix.example.fr/laureats/2025-un-atelier'
		});
		expect(b).toMatchObject({
			identifiant: '2025-7',
			membres: null,
			thematiques: null,
			resume: null,
			page: null
		});
		expect(validateRows(DATASETS.laureats.schema, [a, b])).toEqual([]);
	});

	it('writes an edition with its public counts and UTC dates without fraction', () => {
		const edition: EditionForData = {
			id: 1,
			year: 2026,
			title: 'Prix Impulsions 2026',
			phase: 'trial',
			opens_at: new Date('2025-12-01T09:00:00.123Z'),
			submissions_close_at: null,
			ceremony_at: null,
			events: '12',
			fingerprint: 'a'.repeat(64)
		};
		const [r] = editionRows([edition], [row('Lyon', FULL), { ...row('Lyon', FULL), editionId: 9 }]);
		expect(r).toMatchObject({
			annee: 2026,
			phase: 'trial',
			phase_libelle: 'Phase d’essai',
			ouverture: '2025-12-01T09:00:00Z',
			date_limite_depot: null,
			candidatures_deposees: 10,
			eligibles: 8,
			preselectionnees: 5,
			entrees_en_essai: null,
			finalistes: null,
			laureates: null,
			prix: null,
			evenements_journal: 12
		});
		expect(validateRows(DATASETS.editions.schema, [r])).toEqual([]);
		// The schema refuses what the files must never hold.
		expect(validateRows(DATASETS.editions.schema, [{ ...r, phase: 'draft' }])[0].kind).toBe('enum');
		expect(
			validateRows(DATASETS.editions.schema, [{ ...r, candidatures_deposees: -1 }])[0].kind
		).toBe('minimum');
	});

	it('writes JSON as an array of objects in the schema’s order, missing values as null', () => {
		const json = JSON.parse(datasetJson('academies', [{ academie: 'Lyon', annee: 2026 }]));
		expect(json).toEqual([
			{
				annee: 2026,
				academie: 'Lyon',
				candidatures_deposees: null,
				preselectionnees: null,
				laureates: null
			}
		]);
		expect(Object.keys(json[0])).toEqual(DATASETS.academies.schema.fields.map((f) => f.name));
	});

	it('documents every field in French', () => {
		for (const name of DATASET_NAMES)
			for (const field of DATASETS[name].schema.fields) {
				expect(field.title, `${name}.${field.name}`).toBeTruthy();
				expect(field.description, `${name}.${field.name}`).toBeTruthy();
			}
		expect(isoSeconds(null)).toBeNull();
	});
});

describe('public journal', () => {
	/**
	 * A chain of three events: a phase change written before events had a salt, a private one, a phase
	 * change with a nested payload (both salted).
	 */
	function chain(): ChainRow[] {
		const rows: ChainRow[] = [];
		let prev: string | null = null;
		const contents: [boolean, Omit<EventContent, 'prevHash' | 'createdAt'>][] = [
			[
				true,
				{
					editionId: 3,
					entity: 'edition',
					entityId: 3,
					actorId: 12,
					type: 'OPEN',
					from: 'draft',
					to: 'open',
					payload: { counts: {} },
					machineVersion: 1
				}
			],
			[
				false,
				{
					editionId: 3,
					entity: 'entry',
					entityId: 40,
					actorId: 13,
					type: 'DECLARE_INELIGIBLE',
					from: 'submitted',
					to: 'ineligible',
					payload: { reason: 'Motif adressé à l’équipe' },
					machineVersion: 2
				}
			],
			[
				true,
				{
					editionId: 3,
					entity: 'edition',
					entityId: 3,
					actorId: null,
					type: 'CLOSE_SUBMISSIONS',
					from: 'open',
					to: 'eligibility',
					payload: { counts: { submitted: 2, draft: 1 }, zéro: [1, { b: null, a: 'é"' }] },
					machineVersion: 1
				}
			]
		];
		contents.forEach(([published, c], i) => {
			const createdAt = new Date(Date.UTC(2026, 0, 1 + i, 8, 0, 0, 5)).toISOString();
			const salt = i === 0 ? null : newEventSalt();
			const hash = eventHash({ ...c, createdAt, prevHash: prev, ...saltMember(salt) });
			rows.push({
				id: 100 + i,
				edition_id: c.editionId,
				prev_hash: prev,
				hash,
				created_at: new Date(createdAt),
				public: published,
				entity: published ? c.entity : null,
				entity_id: published ? c.entityId : null,
				actor_id: published ? c.actorId : null,
				type: published ? c.type : null,
				from_state: published ? c.from : null,
				to_state: published ? c.to : null,
				payload: published ? c.payload : null,
				machine_version: published ? c.machineVersion : null,
				salt: published ? salt : null
			});
			prev = hash;
		});
		return rows;
	}

	it('gives each link and the content of public events as hashed', () => {
		const rows = chain();
		const journal = publicJournal(2026, rows);
		expect(journal.evenements).toBe(3);
		expect(journal.contenus_publies).toBe(2);
		expect(journal.empreinte).toBe(rows[2].hash);
		expect(journal.chaine[1]).toEqual({
			rang: 2,
			date: '2026-01-02T08:00:00.005Z',
			empreinte_precedente: rows[0].hash,
			empreinte: rows[1].hash,
			contenu: null
		});
		for (const link of journal.chaine)
			if (link.contenu) expect(eventHash(link.contenu)).toBe(link.empreinte);
		expect(journal.chaine[0].contenu).not.toHaveProperty('salt');
		expect(journal.chaine[2].contenu?.salt).toMatch(/^[0-9a-f]{32}$/);
		expect(JSON.stringify(journal)).not.toContain('Motif');
		expect(publicJournal(2026, [])).toMatchObject({ evenements: 0, empreinte: null, chaine: [] });
	});

	it('is checked by the published script, whose canonical JSON is the log’s', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'journal-unit-'));
		try {
			const script = join(dir, 'verifier-journal.mjs');
			await writeFile(script, JOURNAL_CHECK_SCRIPT);
			const file = join(dir, 'journal.json');
			await writeFile(file, JSON.stringify(publicJournal(2026, chain())));
			const { stdout } = await promisify(execFile)(process.execPath, [script, file]);
			expect(stdout).toContain('Chaîne intègre : 3 événements, 2 contenus recalculés.');
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
