// Suggestions of trial sites for the organisers: among the sites that volunteered (or were invited) to
// try a short-listed innovation, those that would make its trial most diverse, each with its reasons
// in French. The team decides; this only advises. Pure: no I/O, no clock.
//
// Rules, in order:
//   1. never the team's own établissement (same UAI): listed apart, « établissement de l’équipe »;
//   2. at most the remaining capacity (capacity − accepted sites);
//   3. greedy, one site at a time, the best by (a) an académie other than the team's, (b) an académie
//      not yet covered by the accepted sites or the sites already suggested, (c) a context (kind of
//      site × éducation prioritaire × rural or urbain) not yet covered, (d) how many of these three
//      traits are new on their own; ties go to the earliest application (createdAt, then id);
//   4. deterministic: the same sites in any order give the same suggestions.
import { normaliseUai } from '$lib/domain/uai';

export type SuggestionSiteKind = 'ecole' | 'college' | 'lycee' | 'service';
export type SuggestionSiteArea = 'rural' | 'urbain';

/** A trial site as the suggestions see it. */
export interface SuggestionSite {
	id: number;
	uai: string | null;
	academie: string | null;
	kind: SuggestionSiteKind | null;
	priorityEducation: boolean;
	area: SuggestionSiteArea | null;
	/** Pupils (or agents) concerned; not used by the ranking, kept for the caller's display. */
	size: number | null;
	createdAt: Date;
}

export interface SuggestionInput {
	/** The candidature's établissement: its UAI and académie (either may be unknown). */
	team: { uai: string | null; academie: string | null };
	/** The sites the team has accepted. */
	accepted: readonly SuggestionSite[];
	/** The sites it may still accept (volunteers, invited sites): accepted ones are ignored here. */
	candidates: readonly SuggestionSite[];
	/** How many sites the team takes at most. */
	capacity: number;
}

export interface SiteSuggestion {
	siteId: number;
	/** Why this site, in French (at least one). */
	reasons: string[];
}

export interface SuggestionResult {
	/** Best first, at most `remaining`. */
	suggestions: SiteSuggestion[];
	/** Candidates never suggested, with why: the team's own établissement. */
	excluded: { siteId: number; reason: string }[];
	/** Places left: capacity − accepted sites (never below 0). */
	remaining: number;
}

export const OWN_ETABLISSEMENT = 'établissement de l’équipe';

const KIND_NAMES: Record<SuggestionSiteKind, string> = {
	ecole: 'école',
	college: 'collège',
	lycee: 'lycée',
	service: 'service'
};

/** « collège, éducation prioritaire, rural »: the site's context, lower case. */
export function contextDescription(
	site: Pick<SuggestionSite, 'kind' | 'priorityEducation' | 'area'>
) {
	return [
		site.kind ? KIND_NAMES[site.kind] : null,
		site.priorityEducation ? 'éducation prioritaire' : 'hors éducation prioritaire',
		site.area
	]
		.filter((part): part is string => part !== null)
		.join(', ');
}

const contextKey = (site: SuggestionSite) =>
	`${site.kind ?? '?'}|${site.priorityEducation ? 'ep' : 'hors-ep'}|${site.area ?? '?'}`;

/** Earliest application first, then the smallest id: the tie-break of every choice. */
const byArrival = (a: SuggestionSite, b: SuggestionSite) =>
	a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;

const sameUai = (a: string | null, b: string | null) =>
	a !== null && b !== null && normaliseUai(a) !== '' && normaliseUai(a) === normaliseUai(b);

/** What is already covered: by the accepted sites, then by each suggestion as it is made. */
class Coverage {
	readonly academies = new Set<string>();
	readonly contexts = new Set<string>();
	readonly kinds = new Set<string>();
	readonly priority = new Set<boolean>();
	readonly areas = new Set<string>();

	add(site: SuggestionSite) {
		if (site.academie) this.academies.add(site.academie);
		this.contexts.add(contextKey(site));
		if (site.kind) this.kinds.add(site.kind);
		this.priority.add(site.priorityEducation);
		if (site.area) this.areas.add(site.area);
	}
}

interface Merits {
	otherAcademie: boolean;
	newAcademie: boolean;
	newContext: boolean;
	newTraits: number;
}

function meritsOf(site: SuggestionSite, teamAcademie: string | null, covered: Coverage): Merits {
	const known = site.academie !== null && site.academie !== '';
	return {
		otherAcademie: known && site.academie !== teamAcademie,
		newAcademie: known && !covered.academies.has(site.academie!),
		newContext: !covered.contexts.has(contextKey(site)),
		newTraits:
			Number(site.kind !== null && !covered.kinds.has(site.kind)) +
			Number(!covered.priority.has(site.priorityEducation)) +
			Number(site.area !== null && !covered.areas.has(site.area))
	};
}

/** Positive when `a` is the better choice (ties: neither). */
function compareMerits(a: Merits, b: Merits): number {
	return (
		Number(a.otherAcademie) - Number(b.otherAcademie) ||
		Number(a.newAcademie) - Number(b.newAcademie) ||
		Number(a.newContext) - Number(b.newContext) ||
		a.newTraits - b.newTraits
	);
}

function reasonsOf(site: SuggestionSite, merits: Merits, team: SuggestionInput['team']): string[] {
	const reasons: string[] = [];
	if (merits.otherAcademie)
		reasons.push(
			team.academie
				? `autre académie que l’équipe (${site.academie})`
				: `académie de ${site.academie}`
		);
	if (merits.newAcademie) reasons.push('académie pas encore représentée');
	if (merits.newContext) reasons.push(`contexte nouveau : ${contextDescription(site)}`);
	if (reasons.length === 0) reasons.push('la plus ancienne des candidatures restantes');
	return reasons;
}

/** The sites to suggest to the team, best first, with their reasons; see the rules above. */
export function suggestSites(input: SuggestionInput): SuggestionResult {
	const acceptedIds = new Set(input.accepted.map((s) => s.id));
	const unique = new Map<number, SuggestionSite>();
	for (const site of [...input.candidates].sort(byArrival))
		if (!acceptedIds.has(site.id) && !unique.has(site.id)) unique.set(site.id, site);
	const candidates = [...unique.values()];
	const excluded = candidates
		.filter((s) => sameUai(s.uai, input.team.uai))
		.map((s) => ({ siteId: s.id, reason: OWN_ETABLISSEMENT }));
	const pool = candidates.filter((s) => !sameUai(s.uai, input.team.uai));

	const capacity = Number.isFinite(input.capacity) ? Math.floor(input.capacity) : 0;
	const remaining = Math.max(0, capacity - input.accepted.length);
	const covered = new Coverage();
	for (const site of input.accepted) covered.add(site);

	const suggestions: SiteSuggestion[] = [];
	while (suggestions.length < remaining && pool.length > 0) {
		let best = 0;
		let bestMerits = meritsOf(pool[0], input.team.academie, covered);
		for (let i = 1; i < pool.length; i++) {
			const merits = meritsOf(pool[i], input.team.academie, covered);
			// Strictly better only: on a tie the earlier application (earlier in `pool`) stays.
			if (compareMerits(merits, bestMerits) > 0) {
				best = i;
				bestMerits = merits;
			}
		}
		const [site] = pool.splice(best, 1);
		suggestions.push({ siteId: site.id, reasons: reasonsOf(site, bestMerits, input.team) });
		covered.add(site);
	}
	return { suggestions, excluded, remaining };
}
