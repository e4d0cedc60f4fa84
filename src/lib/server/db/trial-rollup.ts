// The trial roll-ups of an edition's innovations (src/lib/domain/trial-rollup.ts does the arithmetic)
// and the final ranking that combines the final jury's scores with the trial evidence.
//
// Only the SUBMITTED reports of ACCEPTED sites count: volunteers not yet chosen, declined sites and
// report drafts are left out. Three queries for a whole edition, whatever its number of innovations
// (DESIGN.md §6: no query per row): the accepted sites with their submitted report, the protocols'
// indicators, and the indicator values of those reports; folded in one pass.
import {
	buildTrialRollup,
	podiumSensitivity,
	type PodiumSensitivity,
	type RollupIndicator,
	type RollupReport,
	type RollupSite,
	type TrialRollup
} from '$lib/domain/trial-rollup';
import type { FidelityLevel } from '$lib/domain/trial-report-labels';
import { roundEntries } from './rankings';
import type { Db } from './index';

const FIDELITY = new Set<string>(['full', 'partial', 'no']);

/** The stored fidelity checklist (jsonb), kept to its known levels. */
function fidelityOf(value: unknown): FidelityLevel[] {
	const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	return Array.isArray(list)
		? list.filter((v): v is FidelityLevel => typeof v === 'string' && FIDELITY.has(v))
		: [];
}

/**
 * The roll-up of each innovation of the edition (or of `entryIds` among them) that has at least one
 * accepted site, by entry id: three queries. An innovation without accepted site is not in the map
 * (use `emptyTrialRollup`). With `editionId` null, the innovations of `entryIds` whatever their
 * edition (a page of laureates of several editions, still three queries).
 */
export async function trialRollups(
	db: Db,
	editionId: number | null,
	entryIds?: readonly number[]
): Promise<Map<number, TrialRollup>> {
	const out = new Map<number, TrialRollup>();
	if (entryIds && entryIds.length === 0) return out;
	if (editionId === null && !entryIds) throw new Error('trialRollups: an edition or entry ids.');
	const only = entryIds ? [...new Set(entryIds)] : null;
	const [sites, indicators, values] = await Promise.all([
		db
			.selectFrom('trial_sites as s')
			.innerJoin('entries as e', 'e.id', 's.entry_id')
			.leftJoin('trial_reports as r', (join) =>
				join.onRef('r.site_id', '=', 's.id').on('r.status', '=', 'submitted')
			)
			.$if(editionId !== null, (q) => q.where('e.edition_id', '=', editionId!))
			.where('s.status', '=', 'accepted')
			.$if(only !== null, (q) => q.where('s.entry_id', 'in', only!))
			.select([
				's.id',
				's.entry_id',
				's.academie',
				's.kind',
				's.priority_education',
				's.area',
				'r.id as report_id',
				'r.satisfaction',
				'r.will_continue',
				'r.fidelity'
			])
			.orderBy('s.id')
			.execute(),
		db
			.selectFrom('trial_indicators as i')
			.innerJoin('entries as e', 'e.id', 'i.entry_id')
			.$if(editionId !== null, (q) => q.where('e.edition_id', '=', editionId!))
			.$if(only !== null, (q) => q.where('i.entry_id', 'in', only!))
			.select(['i.id', 'i.entry_id', 'i.name', 'i.unit', 'i.direction'])
			.orderBy('i.entry_id')
			.orderBy('i.position')
			.orderBy('i.id')
			.execute(),
		db
			.selectFrom('trial_report_values as v')
			.innerJoin('trial_reports as r', 'r.id', 'v.report_id')
			.innerJoin('trial_sites as s', 's.id', 'r.site_id')
			.innerJoin('entries as e', 'e.id', 's.entry_id')
			.$if(editionId !== null, (q) => q.where('e.edition_id', '=', editionId!))
			.where('r.status', '=', 'submitted')
			.where('s.status', '=', 'accepted')
			.$if(only !== null, (q) => q.where('s.entry_id', 'in', only!))
			.select(['v.report_id', 'v.indicator_id', 'v.before', 'v.after'])
			.execute()
	]);

	const valuesByReport = new Map<number, RollupReport['values'][number][]>();
	for (const v of values) {
		const list = valuesByReport.get(v.report_id) ?? [];
		list.push({
			indicatorId: v.indicator_id,
			before: v.before === null ? null : Number(v.before),
			after: v.after === null ? null : Number(v.after)
		});
		valuesByReport.set(v.report_id, list);
	}
	const byEntry = new Map<
		number,
		{ sites: RollupSite[]; reports: RollupReport[]; indicators: RollupIndicator[] }
	>();
	for (const s of sites) {
		const data = byEntry.get(s.entry_id) ?? { sites: [], reports: [], indicators: [] };
		data.sites.push({
			id: s.id,
			academie: s.academie,
			kind: s.kind,
			priorityEducation: s.priority_education,
			area: s.area
		});
		if (s.report_id !== null)
			data.reports.push({
				siteId: s.id,
				satisfaction: s.satisfaction,
				willContinue: s.will_continue,
				fidelity: fidelityOf(s.fidelity),
				values: valuesByReport.get(s.report_id) ?? []
			});
		byEntry.set(s.entry_id, data);
	}
	for (const i of indicators) {
		byEntry
			.get(i.entry_id)
			?.indicators.push({ id: i.id, name: i.name, unit: i.unit, direction: i.direction });
	}
	for (const [entryId, data] of byEntry) out.set(entryId, buildTrialRollup(entryId, data));
	return out;
}

/** The roll-up of one innovation, or null when it has no accepted site. */
export async function trialRollupOf(
	db: Db,
	editionId: number,
	entryId: number
): Promise<TrialRollup | null> {
	return (await trialRollups(db, editionId, [entryId])).get(entryId) ?? null;
}

/** The phases in which the final ranking with trial evidence is shown. */
export const EVIDENCE_RANKING_PHASES = ['final', 'deliberation'] as const;

export interface EvidenceRanking extends PodiumSensitivity {
	/** Roll-up figures of each ranked innovation, by entry id. */
	rollups: Map<number, Pick<TrialRollup, 'sitesAccepted' | 'reportsSubmitted'>>;
}

/**
 * The final round's candidatures (scored by the final jury, withdrawn ones left out), ranked by the
 * combined score at the edition's trial-evidence weight, and the podium's sensitivity to the weight
 * and to raw scores. Null when the edition does not exist. Five queries.
 */
export async function finalRankingWithEvidence(
	db: Db,
	editionId: number
): Promise<EvidenceRanking | null> {
	const edition = await db
		.selectFrom('editions')
		.select('trial_evidence_weight')
		.where('id', '=', editionId)
		.executeTakeFirst();
	if (!edition) return null;
	const scored = await roundEntries(db, editionId, 'final', { sort: 'normalised', pageSize: null });
	const rows = scored.rows.filter((r) => r.state !== 'withdrawn');
	const rollups = await trialRollups(
		db,
		editionId,
		rows.map((r) => r.entryId)
	);
	const sensitivity = podiumSensitivity(
		rows.map((r) => ({
			entryId: r.entryId,
			title: r.title,
			raw: r.mean,
			normalised: r.normalisedMean,
			evidence: rollups.get(r.entryId)?.evidence ?? null
		})),
		edition.trial_evidence_weight
	);
	return {
		...sensitivity,
		rollups: new Map(
			[...rollups].map(([id, r]) => [
				id,
				{ sitesAccepted: r.sitesAccepted, reportsSubmitted: r.reportsSubmitted }
			])
		)
	};
}
