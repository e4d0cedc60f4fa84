// The roll-up of a short-listed innovation's trial (what the volunteer sites reported), its
// trial-evidence score out of 20, the final score combining the jury's score with that evidence, and
// how sensitive the podium is to the weights. Pure and client-safe: no I/O, no Node imports.
//
// Only the submitted reports of accepted sites count: the caller passes those alone (see
// src/lib/server/db/trial-rollup.ts).
import { rankEntries, SCORE_MAX, type RankedEntry } from './scoring';
import type { FidelityLevel, IndicatorDirection } from './trial-report-labels';
import type { TrialSiteArea, TrialSiteKind } from './trial-site-labels';

/** An indicator « stable » moved as expected when |after − before| ≤ this share of |before|. */
export const STABLE_TOLERANCE = 0.05;

/** An accepted site of the trial, with its context. */
export interface RollupSite {
	id: number;
	academie: string | null;
	kind: TrialSiteKind | null;
	priorityEducation: boolean;
	area: TrialSiteArea | null;
}

/** An indicator of the team's protocol. */
export interface RollupIndicator {
	id: number;
	name: string;
	unit: string;
	direction: IndicatorDirection;
}

/** A SUBMITTED report of an accepted site. */
export interface RollupReport {
	siteId: number;
	satisfaction: number | null;
	willContinue: boolean | null;
	fidelity: readonly FidelityLevel[];
	values: readonly { indicatorId: number; before: number | null; after: number | null }[];
}

export interface IndicatorRollup {
	indicatorId: number;
	name: string;
	unit: string;
	direction: IndicatorDirection;
	/** Reports giving both a value before and a value after. */
	n: number;
	meanBefore: number | null;
	meanAfter: number | null;
	/** meanAfter − meanBefore. */
	meanChange: number | null;
	/** meanChange / |meanBefore|; null when meanBefore is 0. */
	relativeChange: number | null;
	/** Sites whose indicator moved in the expected direction, and their share of n. */
	expected: number;
	expectedShare: number | null;
}

export interface TrialRollup {
	entryId: number;
	sitesAccepted: number;
	reportsSubmitted: number;
	/** The académies of the accepted sites, by name (French order), with their number of sites. */
	academies: { name: string; count: number }[];
	indicators: IndicatorRollup[];
	satisfaction: {
		/** Reports giving a satisfaction. */
		n: number;
		mean: number | null;
		/** Number of reports for each level 1..5 (index 0 is level 1). */
		distribution: [number, number, number, number, number];
	};
	continuing: {
		/** Reports answering whether the site goes on. */
		n: number;
		yes: number;
		share: number | null;
	};
	/** How faithfully the protocol's steps were followed, over every step of every report. */
	fidelity: Record<FidelityLevel, number>;
	/** The accepted sites' contexts. */
	contexts: {
		kinds: Record<TrialSiteKind | 'unknown', number>;
		priorityEducation: number;
		areas: Record<TrialSiteArea | 'unknown', number>;
	};
	/** Trial-evidence score out of 20 (see `trialEvidence`); null without a submitted report. */
	evidence: number | null;
}

const mean = (values: readonly number[]) =>
	values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;

/** Whether an indicator moved as the team expected between `before` and `after`. */
export function movedAsExpected(
	direction: IndicatorDirection,
	before: number,
	after: number
): boolean {
	switch (direction) {
		case 'increase':
			return after > before;
		case 'decrease':
			return after < before;
		case 'stable':
			// A tiny margin so that 105 against 100 counts as within 5 % despite rounding.
			return before === 0
				? after === 0
				: Math.abs(after - before) <= STABLE_TOLERANCE * Math.abs(before) * (1 + 1e-12);
	}
}

/**
 * The trial-evidence score out of 20: 20 × the mean of the components available among
 *   - (mean satisfaction − 1) / 4 (satisfaction is 1..5),
 *   - the share of sites going on with the innovation,
 *   - the share of (site, indicator) pairs that moved in the expected direction.
 * Null when there is no submitted report, or when no component can be computed.
 */
export function trialEvidence(
	rollup: Pick<TrialRollup, 'reportsSubmitted' | 'satisfaction' | 'continuing' | 'indicators'>
): number | null {
	if (rollup.reportsSubmitted === 0) return null;
	const components: number[] = [];
	if (rollup.satisfaction.mean !== null) components.push((rollup.satisfaction.mean - 1) / 4);
	if (rollup.continuing.share !== null) components.push(rollup.continuing.share);
	const pairs = rollup.indicators.reduce((s, i) => s + i.n, 0);
	if (pairs > 0) components.push(rollup.indicators.reduce((s, i) => s + i.expected, 0) / pairs);
	const m = mean(components);
	return m === null ? null : SCORE_MAX * m;
}

/** The roll-up of an innovation without any accepted site. */
export function emptyTrialRollup(entryId: number): TrialRollup {
	return buildTrialRollup(entryId, { sites: [], indicators: [], reports: [] });
}

/**
 * Folds the accepted sites, the protocol's indicators and the submitted reports of one innovation
 * into its roll-up. Reports of sites not in `sites` and values of indicators not in `indicators`
 * are ignored; a value counts only when both `before` and `after` are given.
 */
export function buildTrialRollup(
	entryId: number,
	data: {
		sites: readonly RollupSite[];
		indicators: readonly RollupIndicator[];
		reports: readonly RollupReport[];
	}
): TrialRollup {
	const siteIds = new Set(data.sites.map((s) => s.id));
	const reports = data.reports.filter((r) => siteIds.has(r.siteId));

	const academies = new Map<string, number>();
	const kinds = { ecole: 0, college: 0, lycee: 0, service: 0, unknown: 0 };
	const areas = { rural: 0, urbain: 0, unknown: 0 };
	let priorityEducation = 0;
	for (const s of data.sites) {
		if (s.academie) academies.set(s.academie, (academies.get(s.academie) ?? 0) + 1);
		kinds[s.kind ?? 'unknown'] += 1;
		areas[s.area ?? 'unknown'] += 1;
		if (s.priorityEducation) priorityEducation += 1;
	}

	const pairs = new Map<number, { before: number; after: number }[]>();
	const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
	const satisfactions: number[] = [];
	let answered = 0;
	let yes = 0;
	const fidelity = { full: 0, partial: 0, no: 0 };
	for (const r of reports) {
		if (r.satisfaction !== null && r.satisfaction >= 1 && r.satisfaction <= 5) {
			satisfactions.push(r.satisfaction);
			distribution[Math.round(r.satisfaction) - 1] += 1;
		}
		if (r.willContinue !== null) {
			answered += 1;
			if (r.willContinue) yes += 1;
		}
		for (const level of r.fidelity) if (level in fidelity) fidelity[level] += 1;
		for (const v of r.values) {
			if (v.before === null || v.after === null) continue;
			const list = pairs.get(v.indicatorId) ?? [];
			list.push({ before: v.before, after: v.after });
			pairs.set(v.indicatorId, list);
		}
	}

	const indicators = data.indicators.map((indicator): IndicatorRollup => {
		const list = pairs.get(indicator.id) ?? [];
		const meanBefore = mean(list.map((p) => p.before));
		const meanAfter = mean(list.map((p) => p.after));
		const meanChange = meanBefore === null || meanAfter === null ? null : meanAfter - meanBefore;
		const expected = list.filter((p) =>
			movedAsExpected(indicator.direction, p.before, p.after)
		).length;
		return {
			indicatorId: indicator.id,
			name: indicator.name,
			unit: indicator.unit,
			direction: indicator.direction,
			n: list.length,
			meanBefore,
			meanAfter,
			meanChange,
			relativeChange:
				meanChange === null || meanBefore === null || meanBefore === 0
					? null
					: meanChange / Math.abs(meanBefore),
			expected,
			expectedShare: list.length === 0 ? null : expected / list.length
		};
	});

	const rollup: Omit<TrialRollup, 'evidence'> = {
		entryId,
		sitesAccepted: data.sites.length,
		reportsSubmitted: reports.length,
		academies: [...academies]
			.map(([name, count]) => ({ name, count }))
			.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		indicators,
		satisfaction: { n: satisfactions.length, mean: mean(satisfactions), distribution },
		continuing: { n: answered, yes, share: answered === 0 ? null : yes / answered },
		fidelity,
		contexts: { kinds, priorityEducation, areas }
	};
	return { ...rollup, evidence: trialEvidence(rollup) };
}

// ——— The final ranking with trial evidence ———

/** The edition's weight of trial evidence, in %, as a fraction 0..1. */
const fraction = (weightPercent: number) => Math.min(100, Math.max(0, weightPercent)) / 100;

/**
 * The combined final score out of 20: (1 − w) · jury + w · evidence, w = weight / 100. An innovation
 * without evidence (no report) gets 0 for it when w > 0.
 */
export function combinedScore(jury: number, evidence: number | null, weightPercent: number) {
	const w = fraction(weightPercent);
	return w === 0 ? jury : (1 - w) * jury + w * (evidence ?? 0);
}

/** A finalist, with its final-round jury scores (raw and normalised means) and its evidence. */
export interface EvidenceCandidate {
	entryId: number;
	title: string;
	raw: number;
	normalised: number;
	evidence: number | null;
}

export type JuryBasis = 'normalised' | 'raw';

export interface CombinedRow extends EvidenceCandidate {
	rank: number;
	combined: number;
}

/**
 * The ranking by combined score (competition ranking, ties listed by entry id, as `rankEntries`),
 * from the normalised or the raw jury scores.
 */
export function combinedRanking(
	candidates: readonly EvidenceCandidate[],
	weightPercent: number,
	basis: JuryBasis = 'normalised'
): CombinedRow[] {
	const byId = new Map(candidates.map((c) => [c.entryId, c]));
	return rankEntries(
		candidates.map((c) => ({
			entryId: c.entryId,
			value: combinedScore(c[basis], c.evidence, weightPercent)
		}))
	).map((r: RankedEntry) => ({ ...byId.get(r.entryId)!, rank: r.rank, combined: r.value }));
}

/** The podium: the places 1 to 3 (more than three entries when some tie), in ranking order. */
export const podiumOf = (ranking: readonly { entryId: number; rank: number }[]) =>
	ranking.filter((r) => r.rank <= 3).map((r) => ({ entryId: r.entryId, rank: r.rank }));

export interface PodiumMove {
	entryId: number;
	title: string;
	from: number;
	to: number;
}

export interface PodiumVariant {
	kind: 'weightDown' | 'weightUp' | 'raw';
	weight: number;
	basis: JuryBasis;
	podium: { entryId: number; rank: number }[];
	/** The ordered podium (entries and places) differs from the set weights'. */
	orderChanged: boolean;
	/** The podium's entries differ (whatever their order). */
	setChanged: boolean;
	/** Every innovation on either podium whose place changes, by its place with the set weights. */
	moves: PodiumMove[];
	/** The change, in French. */
	sentence: string;
}

export interface PodiumSensitivity {
	weight: number;
	ranking: CombinedRow[];
	podium: { entryId: number; rank: number }[];
	/** Weight − 10 points and + 10 points (clamped to 0..100, left out when equal to the set weight), then raw scores. */
	variants: PodiumVariant[];
	/** Innovations ranked without any trial evidence while the weight is above 0. */
	withoutEvidence: number[];
}

/** « 1re », « 2e »… */
export const ordinal = (n: number) => (n === 1 ? '1re' : `${n}e`);

const percent = (n: number) => `${n} %`;

function describeMoves(moves: readonly PodiumMove[]) {
	return moves
		.map((m) => `« ${m.title} » passe de la ${ordinal(m.from)} à la ${ordinal(m.to)} place`)
		.join(' ; ');
}

/** The French sentence of a variant. */
export function variantSentence(
	variant: Pick<PodiumVariant, 'kind' | 'weight' | 'orderChanged' | 'setChanged' | 'moves'>,
	setWeight: number
): string {
	const condition =
		variant.kind === 'raw'
			? 'Avec les notes brutes au lieu des notes normalisées'
			: `Si le poids de l’essai passe de ${percent(setWeight)} à ${percent(variant.weight)}`;
	if (!variant.orderChanged)
		return variant.kind === 'raw'
			? 'Avec les notes brutes au lieu des notes normalisées, le podium ne change pas.'
			: `Le podium ne change pas si le poids de l’essai passe de ${percent(setWeight)} à ${percent(variant.weight)}.`;
	const moves = describeMoves(variant.moves);
	if (!variant.setChanged)
		return `${condition}, les mêmes candidatures restent sur le podium mais leur ordre change : ${moves}.`;
	return `${condition}, le podium change : ${moves}.`;
}

function compare(
	kind: PodiumVariant['kind'],
	weight: number,
	basis: JuryBasis,
	candidates: readonly EvidenceCandidate[],
	base: { ranking: CombinedRow[]; podium: { entryId: number; rank: number }[] },
	setWeight: number
): PodiumVariant {
	const ranking = combinedRanking(candidates, weight, basis);
	const podium = podiumOf(ranking);
	const key = (p: { entryId: number; rank: number }[]) =>
		p.map((x) => `${x.entryId}:${x.rank}`).join(',');
	const ids = (p: { entryId: number }[]) =>
		p
			.map((x) => x.entryId)
			.sort((a, b) => a - b)
			.join(',');
	const orderChanged = key(podium) !== key(base.podium);
	const setChanged = ids(podium) !== ids(base.podium);
	const rankNow = new Map(ranking.map((r) => [r.entryId, r.rank]));
	const onEither = new Set([...base.podium, ...podium].map((p) => p.entryId));
	const moves = base.ranking
		.filter((r) => onEither.has(r.entryId) && rankNow.get(r.entryId) !== r.rank)
		.map((r) => ({
			entryId: r.entryId,
			title: r.title,
			from: r.rank,
			to: rankNow.get(r.entryId)!
		}));
	const variant = { kind, weight, basis, podium, orderChanged, setChanged, moves };
	return { ...variant, sentence: variantSentence(variant, setWeight) };
}

/**
 * The final ranking at the set weight (normalised jury scores) and whether its podium changes when
 * the weight moves by ±10 points (clamped to 0..100) or when raw jury scores replace the normalised
 * ones.
 */
export function podiumSensitivity(
	candidates: readonly EvidenceCandidate[],
	weightPercent: number
): PodiumSensitivity {
	const weight = Math.min(100, Math.max(0, Math.round(weightPercent)));
	const ranking = combinedRanking(candidates, weight, 'normalised');
	const base = { ranking, podium: podiumOf(ranking) };
	const variants: PodiumVariant[] = [];
	for (const [kind, w] of [
		['weightDown', Math.max(0, weight - 10)],
		['weightUp', Math.min(100, weight + 10)]
	] as const) {
		if (w !== weight) variants.push(compare(kind, w, 'normalised', candidates, base, weight));
	}
	variants.push(compare('raw', weight, 'raw', candidates, base, weight));
	return {
		weight,
		ranking,
		podium: base.podium,
		variants,
		withoutEvidence:
			weight > 0 ? ranking.filter((r) => r.evidence === null).map((r) => r.entryId) : []
	};
}

/**
 * The roll-up in one French sentence, for public pages: « Essayée par 3 sites dans 2 académies
 * (Lille, Poitiers) ; satisfaction moyenne 4,3 sur 5 ; 2 sites sur 3 poursuivent. » Null when no
 * site was accepted.
 */
export function trialSummarySentence(rollup: TrialRollup): string | null {
	if (rollup.sitesAccepted === 0) return null;
	const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
	const parts = [
		`Essayée par ${count(rollup.sitesAccepted, 'site', 'sites')} dans ${count(
			rollup.academies.length,
			'académie',
			'académies'
		)}${rollup.academies.length > 0 ? ` (${rollup.academies.map((a) => a.name).join(', ')})` : ''}`
	];
	if (rollup.reportsSubmitted === 0) parts.push('aucun rapport d’essai transmis');
	if (rollup.satisfaction.mean !== null)
		parts.push(
			`satisfaction moyenne ${rollup.satisfaction.mean.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} sur 5`
		);
	const { yes, n } = rollup.continuing;
	if (n > 0)
		parts.push(
			yes === 0
				? n === 1
					? 'le site ne poursuit pas'
					: `aucun des ${n} sites ne poursuit`
				: `${count(yes, 'site', 'sites')} sur ${n} ${yes > 1 ? 'poursuivent' : 'poursuit'}`
		);
	return `${parts.join(' ; ')}.`;
}
