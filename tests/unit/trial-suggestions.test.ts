import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	OWN_ETABLISSEMENT,
	contextDescription,
	suggestSites,
	type SuggestionInput,
	type SuggestionSite
} from '../../src/lib/server/trial/suggestions';

const ACADEMIES = ['Lyon', 'Grenoble', 'Créteil', 'Rennes', 'Guadeloupe'];
/** Valid UAI codes (7 digits and their checksum letter) of a few établissements. */
const UAIS = ['0690001B', '0380002W', '0930003Y', '0350004P', '9710005D'];
const TEAM_UAI = UAIS[0];

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2027, 2, 1);

function site(id: number, fields: Partial<SuggestionSite> = {}): SuggestionSite {
	return {
		id,
		uai: null,
		academie: 'Lyon',
		kind: 'college',
		priorityEducation: false,
		area: 'urbain',
		size: 300,
		createdAt: new Date(T0 + id * DAY),
		...fields
	};
}

const normalise = (uai: string | null) => uai?.replace(/\s+/g, '').toUpperCase() ?? null;

/** A site's UAI: often the team's (written in other ways too), sometimes none. */
const uaiArb = fc.oneof(
	fc.constantFrom(...UAIS),
	fc.constantFrom(TEAM_UAI.toLowerCase(), ` ${TEAM_UAI.slice(0, 4)} ${TEAM_UAI.slice(4)} `),
	fc.constant(null)
);

const siteFields = fc.record({
	uai: uaiArb,
	academie: fc.oneof(
		{ weight: 6, arbitrary: fc.constantFrom(...ACADEMIES) },
		{ weight: 1, arbitrary: fc.constant(null) }
	),
	kind: fc.constantFrom('ecole', 'college', 'lycee', 'service', null),
	priorityEducation: fc.boolean(),
	area: fc.constantFrom('rural', 'urbain', null),
	size: fc.option(fc.integer({ min: 1, max: 2000 })),
	// Few distinct dates: ties on createdAt happen, the id decides them.
	day: fc.integer({ min: 0, max: 5 })
});

/** Generated situations: distinct ids split between accepted sites and candidates. */
const inputArb: fc.Arbitrary<SuggestionInput> = fc
	.record({
		ids: fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 16 }),
		acceptedShare: fc.integer({ min: 0, max: 4 }),
		capacity: fc.integer({ min: 1, max: 8 }),
		teamAcademie: fc.option(fc.constantFrom(...ACADEMIES), { freq: 5 }),
		teamUai: fc.option(fc.constant(TEAM_UAI), { freq: 5 })
	})
	.chain(({ ids, acceptedShare, capacity, teamAcademie, teamUai }) =>
		fc.tuple(...ids.map(() => siteFields)).map((fields) => {
			const sites = ids.map((id, i) => {
				const { day, ...rest } = fields[i];
				return site(id, { ...rest, createdAt: new Date(T0 + day * DAY) } as SuggestionSite);
			});
			const cut = Math.min(acceptedShare, sites.length);
			return {
				team: { uai: teamUai, academie: teamAcademie },
				// The team never accepts its own établissement (the team's pages refuse it).
				accepted: sites
					.slice(0, cut)
					.filter((s) => teamUai === null || normalise(s.uai) !== normalise(teamUai)),
				candidates: sites.slice(cut),
				capacity
			};
		})
	);

const byId = (input: SuggestionInput) => new Map(input.candidates.map((s) => [s.id, s]));
const isTeams = (input: SuggestionInput, s: SuggestionSite) =>
	input.team.uai !== null && normalise(s.uai) === normalise(input.team.uai);
const eligible = (input: SuggestionInput) => input.candidates.filter((s) => !isTeams(input, s));

describe('trial site suggestions: properties on generated situations', () => {
	it('never suggests the team’s own établissement, and lists it as excluded', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				const result = suggestSites(input);
				const sites = byId(input);
				for (const s of result.suggestions)
					expect(isTeams(input, sites.get(s.siteId)!)).toBe(false);
				const own = input.candidates.filter((s) => isTeams(input, s)).map((s) => s.id);
				expect(result.excluded.map((e) => e.siteId).sort((a, b) => a - b)).toEqual(
					own.sort((a, b) => a - b)
				);
				for (const e of result.excluded) expect(e.reason).toBe(OWN_ETABLISSEMENT);
			}),
			{ numRuns: 500 }
		);
	});

	it('suggests as many sites as places remain, never more, and each site once', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				const result = suggestSites(input);
				const remaining = Math.max(0, input.capacity - input.accepted.length);
				expect(result.remaining).toBe(remaining);
				expect(result.suggestions.length).toBe(Math.min(remaining, eligible(input).length));
				const ids = result.suggestions.map((s) => s.siteId);
				expect(new Set(ids).size).toBe(ids.length);
				for (const s of result.suggestions) expect(s.reasons.length).toBeGreaterThan(0);
			}),
			{ numRuns: 500 }
		);
	});

	it('is deterministic: the same sites in any order give the same suggestions', () => {
		fc.assert(
			fc.property(
				inputArb.chain((input) =>
					fc.record({
						input: fc.constant(input),
						candidates: fc.shuffledSubarray([...input.candidates], {
							minLength: input.candidates.length
						}),
						accepted: fc.shuffledSubarray([...input.accepted], { minLength: input.accepted.length })
					})
				),
				({ input, candidates, accepted }) => {
					expect(suggestSites({ ...input, candidates, accepted })).toEqual(suggestSites(input));
				}
			),
			{ numRuns: 500 }
		);
	});

	it('suggests first a site from another académie than the team’s when there is one', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				const result = suggestSites(input);
				const other = eligible(input).some(
					(s) => s.academie !== null && s.academie !== input.team.academie
				);
				fc.pre(other && result.remaining > 0);
				const first = byId(input).get(result.suggestions[0].siteId)!;
				expect(first.academie).not.toBeNull();
				expect(first.academie).not.toBe(input.team.academie);
			}),
			{ numRuns: 500 }
		);
	});

	// What is proved: let O be the académies (known, other than the team's) of the eligible candidates
	// that no accepted site covers, and k the number of suggestions. Then the first min(k, |O|)
	// suggestions come each from a different académie of O: the suggestions cover min(k, |O|)
	// académies of O, the most any choice of k sites could.
	it('covers as many académies not yet represented (other than the team’s) as possible, first', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				const result = suggestSites(input);
				const covered = new Set(input.accepted.map((s) => s.academie));
				const open = new Set(
					eligible(input)
						.map((s) => s.academie)
						.filter((a) => a !== null && a !== input.team.academie && !covered.has(a))
				);
				const k = result.suggestions.length;
				const head = result.suggestions
					.slice(0, Math.min(k, open.size))
					.map((s) => byId(input).get(s.siteId)!.academie);
				expect(head.every((a) => open.has(a))).toBe(true);
				expect(new Set(head).size).toBe(Math.min(k, open.size));
			}),
			{ numRuns: 1000 }
		);
	});

	// When the académie alone decides (no site accepted yet, every candidate's académie known and
	// other than the team's), the suggestions cover min(count, distinct eligible académies).
	it('covers min(suggestions, distinct académies) when académie diversity alone decides', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				const team = { uai: input.team.uai, academie: 'Martinique' };
				const candidates = input.candidates.filter((s) => s.academie !== null);
				const result = suggestSites({ ...input, team, accepted: [], candidates });
				const sites = new Map(candidates.map((s) => [s.id, s]));
				const pool = candidates.filter((s) => !isTeams({ ...input, team }, s));
				const distinct = new Set(pool.map((s) => s.academie)).size;
				const covered = new Set(result.suggestions.map((s) => sites.get(s.siteId)!.academie));
				expect(covered.size).toBe(Math.min(result.suggestions.length, distinct));
			}),
			{ numRuns: 500 }
		);
	});
});

describe('trial site suggestions: examples and their reasons', () => {
	const team = { uai: '0690001B', academie: 'Lyon' };

	it('prefers another académie, then a new one, then a new context, and says why', () => {
		const accepted = [site(1, { academie: 'Grenoble', kind: 'college', area: 'urbain' })];
		const candidates = [
			site(2, { academie: 'Lyon', kind: 'ecole', priorityEducation: true, area: 'rural' }),
			site(3, { academie: 'Grenoble', kind: 'college', area: 'urbain' }),
			site(4, { academie: 'Grenoble', kind: 'college', priorityEducation: true, area: 'rural' }),
			site(5, { academie: 'Rennes', kind: 'lycee', area: 'urbain' })
		];
		const result = suggestSites({ team, accepted, candidates, capacity: 4 });
		expect(result.remaining).toBe(3);
		expect(result.suggestions).toEqual([
			{
				siteId: 5,
				reasons: [
					'autre académie que l’équipe (Rennes)',
					'académie pas encore représentée',
					'contexte nouveau : lycée, hors éducation prioritaire, urbain'
				]
			},
			{
				siteId: 4,
				reasons: [
					'autre académie que l’équipe (Grenoble)',
					'contexte nouveau : collège, éducation prioritaire, rural'
				]
			},
			{ siteId: 3, reasons: ['autre académie que l’équipe (Grenoble)'] }
		]);
	});

	it('excludes the team’s établissement whatever the way its UAI is written', () => {
		const candidates = [
			site(1, { uai: ' 0690001b ', academie: 'Grenoble' }),
			site(2, { uai: '0380002W', academie: 'Lyon' })
		];
		const result = suggestSites({ team, accepted: [], candidates, capacity: 3 });
		expect(result.excluded).toEqual([{ siteId: 1, reason: 'établissement de l’équipe' }]);
		expect(result.suggestions.map((s) => s.siteId)).toEqual([2]);
		// A site of the team's académie: only what is new about it.
		expect(result.suggestions[0].reasons).toEqual([
			'académie pas encore représentée',
			'contexte nouveau : collège, hors éducation prioritaire, urbain'
		]);
	});

	it('suggests nothing when the accepted sites fill the capacity', () => {
		const result = suggestSites({
			team,
			accepted: [site(1), site(2)],
			candidates: [site(3, { academie: 'Rennes' })],
			capacity: 2
		});
		expect(result).toEqual({ suggestions: [], excluded: [], remaining: 0 });
	});

	it('breaks ties by the earliest application, then the smallest id', () => {
		const same = new Date(T0);
		const candidates = [
			site(9, { academie: 'Rennes', createdAt: new Date(T0 + DAY) }),
			site(8, { academie: 'Rennes', createdAt: same }),
			site(7, { academie: 'Rennes', createdAt: same })
		];
		const result = suggestSites({ team, accepted: [], candidates, capacity: 3 });
		expect(result.suggestions.map((s) => s.siteId)).toEqual([7, 8, 9]);
		expect(result.suggestions[2].reasons).toEqual(['autre académie que l’équipe (Rennes)']);
	});

	it('gives a reason even when nothing is new', () => {
		const result = suggestSites({
			team,
			accepted: [site(1)],
			candidates: [site(2)],
			capacity: 2
		});
		expect(result.suggestions).toEqual([
			{ siteId: 2, reasons: ['la plus ancienne des candidatures restantes'] }
		]);
	});

	it('names the académie when the team has none (a central service)', () => {
		const result = suggestSites({
			team: { uai: null, academie: null },
			accepted: [],
			candidates: [site(1, { academie: 'Créteil', kind: 'service', area: null })],
			capacity: 1
		});
		expect(result.suggestions[0].reasons).toEqual([
			'académie de Créteil',
			'académie pas encore représentée',
			'contexte nouveau : service, hors éducation prioritaire'
		]);
	});

	it('describes a context in lower case', () => {
		expect(contextDescription({ kind: 'college', priorityEducation: true, area: 'rural' })).toBe(
			'collège, éducation prioritaire, rural'
		);
		expect(contextDescription({ kind: null, priorityEducation: false, area: null })).toBe(
			'hors éducation prioritaire'
		);
	});
});
