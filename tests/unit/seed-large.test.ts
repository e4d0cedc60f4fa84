// The pure parts of the large seed (db/seed/large-*.ts): the seeded generator, the UAI codes, the text
// composer and the command line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOSSIER_TEXT_FIELDS } from '../../src/lib/domain/dossier';
import { ACADEMIES, academieOfUai, uaiProblem } from '../../src/lib/domain/uai';
import { LARGE_SEED_DEFAULTS, parseLargeSeedArgs } from '../../db/seed/large-options';
import { createRandom, hashString } from '../../db/seed/large-random';
import {
	dossierText,
	entryTitle,
	etablissementPool,
	personName,
	trialProtocol,
	uaiIn
} from '../../db/seed/large-text';

describe('createRandom', () => {
	it('gives the same sequence for the same seed, another for another seed', () => {
		const draw = (seed: number | string) => {
			const r = createRandom(seed);
			return Array.from({ length: 20 }, () => r.next());
		};
		expect(draw(42)).toEqual(draw(42));
		expect(draw('impulsions')).toEqual(draw('impulsions'));
		expect(draw(42)).not.toEqual(draw(43));
	});

	it('is pinned: a change of algorithm would change every seeded edition', () => {
		const r = createRandom(1);
		expect([r.int(0, 1_000_000), r.int(0, 1_000_000), r.int(0, 1_000_000)]).toMatchInlineSnapshot(`
			[
			  425650,
			  790422,
			  691015,
			]
		`);
		expect(hashString('abc')).toBe(0x1a47e90b);
	});

	it('stays in its bounds', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 32 - 1 }),
				fc.integer({ min: -50, max: 50 }),
				(seed, min) => {
					const r = createRandom(seed);
					for (let i = 0; i < 50; i++) {
						const x = r.next();
						expect(x).toBeGreaterThanOrEqual(0);
						expect(x).toBeLessThan(1);
						const n = r.int(min, min + 7);
						expect(n).toBeGreaterThanOrEqual(min);
						expect(n).toBeLessThanOrEqual(min + 7);
					}
				}
			)
		);
	});

	it('samples distinct elements, and forks independent, reproducible streams', () => {
		const r = createRandom(9);
		const sample = r.sample([1, 2, 3, 4, 5, 6], 4);
		expect(new Set(sample).size).toBe(4);
		expect(r.sample([1, 2], 5).sort()).toEqual([1, 2]);
		const a = createRandom(9).fork('jury');
		const b = createRandom(9).fork('jury');
		expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
		expect(createRandom(9).fork('trial').next()).not.toBe(createRandom(9).fork('jury').next());
	});

	it('draws normal deviates with a mean near 0 and a deviation near 1', () => {
		const r = createRandom(3);
		const values = Array.from({ length: 20_000 }, () => r.normal());
		const mean = values.reduce((a, b) => a + b, 0) / values.length;
		const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
		expect(Math.abs(mean)).toBeLessThan(0.05);
		expect(Math.abs(sd - 1)).toBeLessThan(0.05);
	});
});

describe('UAI codes and établissements', () => {
	it('makes valid UAI codes, in the académie asked for', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 32 - 1 }),
				fc.integer({ min: 0, max: 29 }),
				(seed, index) => {
					const academie = ACADEMIES[index];
					const uai = uaiIn(createRandom(seed), academie);
					expect(uaiProblem(uai)).toBeNull();
					expect(academieOfUai(uai)?.academie).toBe(academie.academie);
				}
			)
		);
	});

	it('spreads a pool of distinct établissements over the 30 académies', () => {
		const pool = etablissementPool(createRandom(5), 3000);
		expect(new Set(pool.map((e) => e.uai)).size).toBe(3000);
		expect(new Set(pool.map((e) => e.academie)).size).toBe(30);
		for (const e of pool) {
			expect(uaiProblem(e.uai)).toBeNull();
			expect(academieOfUai(e.uai)?.academie).toBe(e.academie);
			expect(e.name.length).toBeGreaterThan(5);
			expect(e.name.length).toBeLessThanOrEqual(200);
		}
	});
});

describe('text composer', () => {
	it('writes dossiers within the form’s limits, of realistic length', () => {
		const r = createRandom(11);
		const limits = Object.fromEntries(DOSSIER_TEXT_FIELDS.map((f) => [f.name, f.max]));
		let total = 0;
		for (let i = 0; i < 300; i++) {
			const title = entryTitle(r);
			expect(title.length).toBeLessThanOrEqual(limits.title);
			const text = dossierText(r, title);
			for (const [field, value] of Object.entries(text)) {
				expect(value.trim()).not.toBe('');
				expect(value.length).toBeLessThanOrEqual(limits[field]);
				expect(value).not.toMatch(/\{\w+\}/);
				total += value.length;
			}
		}
		// A few thousand characters per dossier, as real ones.
		expect(total / 300).toBeGreaterThan(1500);
		expect(total / 300).toBeLessThan(8000);
	});

	it('agrees the qualifier with the noun', () => {
		const r = createRandom(2);
		for (let i = 0; i < 500; i++) {
			const title = entryTitle(r);
			expect(title).not.toMatch(/^Une \S+ (partagé|coopératif|inclusif|ouvert|itinérant) /);
			expect(title).not.toMatch(/^Un \S+ (partagée|coopérative|inclusive|ouverte|itinérante) /);
		}
	});

	it('names people and trial protocols', () => {
		const r = createRandom(4);
		expect(personName(r)).toMatch(/^\S+ \S.+$/);
		const protocol = trialProtocol(r);
		expect(protocol.tasks.length).toBeGreaterThanOrEqual(3);
		expect(protocol.indicators.length).toBeGreaterThanOrEqual(2);
		expect(protocol.weeks).toBeGreaterThanOrEqual(1);
		expect(protocol.weeks).toBeLessThanOrEqual(52);
	});
});

describe('parseLargeSeedArgs', () => {
	it('reads the options, with the defaults for the rest', () => {
		expect(parseLargeSeedArgs([])).toEqual({
			ok: true,
			options: LARGE_SEED_DEFAULTS,
			reset: false,
			help: false
		});
		expect(
			parseLargeSeedArgs(['--entries', '2000', '--jurors=200', '--seed', '7', '--reset'])
		).toEqual({
			ok: true,
			options: { ...LARGE_SEED_DEFAULTS, entries: 2000, jurors: 200, seed: 7 },
			reset: true,
			help: false
		});
		expect(parseLargeSeedArgs(['--entries', '10_000'])).toMatchObject({
			ok: true,
			options: { entries: 10_000 }
		});
	});

	it('answers each mistake in French', () => {
		const error = (argv: string[]) => {
			const parsed = parseLargeSeedArgs(argv);
			return parsed.ok ? null : parsed.error;
		};
		expect(error(['--entrees', '10'])).toMatch(/^Option inconnue : « --entrees »/);
		expect(error(['--entries'])).toBe(
			'Le nombre de candidatures (--entries) attend une valeur, par exemple --entries 1000.'
		);
		expect(error(['--entries', 'dix'])).toBe(
			'Le nombre de candidatures (--entries) doit être un nombre entier (reçu « dix »).'
		);
		expect(error(['--jurors', '2'])).toMatch(
			/^Le nombre de jurés \(--jurors\) doit être compris entre 6 et/
		);
		expect(error(['--entries', '20', '--jurors', '1000'])).toMatch(
			/^Trop de jurés pour 20 candidatures/
		);
		expect(error(['--year', '1999'])).toBe(
			'L’année (--year) doit être comprise entre 2\u202f000 et 2\u202f100 (reçu 1\u202f999).'
		);
	});
});
