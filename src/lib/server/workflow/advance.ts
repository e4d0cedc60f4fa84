// The one way to change the state of an edition or a candidature (DESIGN.md §4, durable transitions).
// In one transaction: lock the edition, then the entry (always in that order: no deadlock) → restore the
// stored snapshot → XState's pure `transition` → refuse with the French reason when nothing changes →
// save the snapshot, machine version and row version → append to the edition's hash-chained log →
// write the mail the machine's named actions call for to the outbox → commit.
import { sql } from 'kysely';
import { transition } from 'xstate';
import { whyIncomplete } from '$lib/domain/dossier';
import { ENTRY_STATE_LABELS } from '$lib/domain/labels';
import { entryEventPast } from '$lib/domain/workflow-labels';
import type { Db } from '../db';
import { savedDossierOf } from '../db/dossiers';
import { enqueueMail } from '../mail/outbox';
import { entryStatusMail, organiserNoticeMail, resultsPublishedMail } from '../mail/templates';
import {
	EDITION_MACHINE_VERSION,
	editionMachine,
	persistEditionSnapshot,
	restoreEditionSnapshot,
	whyEditionRefused,
	type EditionFacts
} from './edition.machine';
import {
	ENTRY_EVENT_RULES,
	ENTRY_MACHINE_VERSION,
	entryMachine,
	needsTrialOverride,
	persistEntrySnapshot,
	restoreEntrySnapshot,
	whyEntryRefused,
	type EntryEvent
} from './entry.machine';
import { appendEvent, lockEdition } from './event-log';
import { onResultsPublished } from './publication';
import {
	actionNames,
	isEditionPhase,
	isEntryState,
	type Award,
	type EditionEventType,
	type EditionPhase,
	type EntryEventType,
	type EntryState,
	type Role
} from './rules';

/** Who asks for a change: a user, or the system (null) for seeding and scheduled changes. */
export interface Actor {
	userId: number | null;
}

export type Refusal = { ok: false; status: 403 | 404 | 409; reason: string };
export type Applied<S extends string> = {
	ok: true;
	from: S;
	to: S;
	version: number;
	eventId: number;
	actions: string[];
};

export interface EntryRequest {
	type: EntryEventType;
	/** Free text shown to the team or kept with the decision (reason, message, rationale). */
	reason?: string;
	/** REQUEST_CHANGES: the date by which the team should answer (ISO). */
	dueAt?: string | null;
	award?: Award;
	/**
	 * COMPLETE_TRIAL: why the trial ends with fewer submitted reports than the edition's minimum
	 * (required then, and logged with the count; ignored when the reports suffice).
	 */
	override?: string;
	/** When it happens; defaults to now (the demo and tests give past dates). */
	at?: Date;
}

/** The roles a user holds towards one candidature, in one query. */
async function rolesTowards(trx: Db, userId: number | null, entryId: number): Promise<Set<Role>> {
	if (userId === null) return new Set(['system']);
	const row = await trx
		.selectFrom('users as u')
		.leftJoin('entry_members as m', (join) =>
			join.onRef('m.user_id', '=', 'u.id').on('m.entry_id', '=', entryId)
		)
		.where('u.id', '=', userId)
		.select(['u.is_organiser', 'm.role as member_role'])
		.executeTakeFirst();
	const roles = new Set<Role>();
	if (row?.is_organiser) roles.add('organiser');
	// Only the lead acts for the team (submit, resubmit, withdraw); other members edit the dossier.
	if (row?.member_role === 'lead') roles.add('team');
	if (row?.member_role === 'member') roles.add('member');
	return roles;
}

/** The role the request is made in: the one the event needs, when the user holds it. */
function pickRole(held: Set<Role>, wanted: readonly Role[]): Role {
	return wanted.find((r) => held.has(r)) ?? [...held][0] ?? 'public';
}

/**
 * Runs `work` in a new transaction, or in the caller's when `db` already is one (the demo seed makes a
 * whole edition's history in one transaction). A refusal then leaves the caller's transaction as it was.
 */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}

const refuse = (status: Refusal['status'], reason: string): Refusal => ({
	ok: false,
	status,
	reason
});

/** Sends an event to a candidature. Answers why in French when it is refused. */
export async function advanceEntry(
	db: Db,
	entryId: number,
	request: EntryRequest,
	actor: Actor,
	origin = ''
): Promise<Applied<EntryState> | Refusal> {
	const at = request.at ?? new Date();
	return inTransaction(db, async (trx) => {
		const located = await trx
			.selectFrom('entries')
			.select('edition_id')
			.where('id', '=', entryId)
			.executeTakeFirst();
		if (!located) return refuse(404, 'Cette candidature n’existe pas.');
		const edition = await lockEdition(trx, located.edition_id);
		const entry = await trx
			.selectFrom('entries')
			.select([
				'id',
				'edition_id',
				'title',
				'state',
				'snapshot',
				'machine_version',
				'version',
				'award'
			])
			.where('id', '=', entryId)
			.forUpdate()
			.executeTakeFirst();
		if (!edition || !entry) return refuse(404, 'Cette candidature n’existe pas.');
		if (!isEditionPhase(edition.phase) || !isEntryState(entry.state))
			throw new Error(`Stored state unknown: edition ${edition.phase}, entry ${entry.state}`);

		const held = await rolesTowards(trx, actor.userId, entryId);
		const role = pickRole(held, ENTRY_EVENT_RULES[request.type]?.roles ?? []);
		const dueAt =
			request.type === 'RESUBMIT' ? await lastChangesDueAt(trx, entryId) : (request.dueAt ?? null);
		// Counted under the entry's lock: a report submitted meanwhile waits for this transaction.
		const reports =
			request.type === 'COMPLETE_TRIAL' ? await submittedTrialReports(trx, entryId) : undefined;
		const override = request.override?.trim() || undefined;
		const event: EntryEvent = {
			type: request.type,
			role,
			phase: edition.phase,
			at: at.toISOString(),
			submissionsCloseAt: edition.submissions_close_at?.toISOString() ?? null,
			dueAt,
			reason: request.reason,
			award: request.award,
			reports,
			minReports: request.type === 'COMPLETE_TRIAL' ? edition.min_trial_reports : undefined,
			override
		};
		const snapshot = restoreEntrySnapshot({
			machineVersion: entry.machine_version,
			snapshot: entry.snapshot,
			state: entry.state,
			award: entry.award
		});
		const reason =
			whyEntryRefused(entry.state, event) ?? (await whyNotSubmittable(trx, entryId, request.type));
		const [next, actions] = transition(entryMachine, snapshot, event);
		const to = next.value as EntryState;
		if (reason !== null || to === entry.state)
			return refuse(409, reason ?? 'Cette action ne change rien à la candidature.');

		const version = entry.version + 1;
		const updated = await trx
			.updateTable('entries')
			.set({
				state: to,
				snapshot: JSON.stringify(persistEntrySnapshot(next)),
				machine_version: ENTRY_MACHINE_VERSION,
				version,
				award: next.context.award,
				updated_at: at
			})
			.where('id', '=', entryId)
			.where('version', '=', entry.version)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) !== 1)
			throw new Error(`Entry ${entryId} changed under its lock.`);

		const overridden = override !== undefined && needsTrialOverride(reports, event.minReports);
		const payload = compact({
			reason: request.reason,
			dueAt: request.dueAt,
			award: request.award,
			...(overridden ? { override, reports } : {})
		});
		const logged = await appendEvent(trx, {
			editionId: edition.id,
			entity: 'entry',
			entityId: entryId,
			actorId: actor.userId,
			type: request.type,
			from: entry.state,
			to,
			payload,
			at,
			machineVersion: ENTRY_MACHINE_VERSION
		});

		const names = actionNames(actions);
		const link = `${origin}/equipe`;
		// Results (AWARD, NOT_AWARDED) are told when the edition publishes them, not before.
		const withheld = request.type === 'AWARD' || request.type === 'NOT_AWARDED';
		if (names.includes('notifyTeam') && !withheld)
			for (const email of await teamEmails(trx, entryId))
				await enqueueMail(
					trx,
					email,
					entryStatusMail({
						entryTitle: entry.title,
						stateLabel: ENTRY_STATE_LABELS[to],
						sentence: entryEventPast(request.type, payload).toLowerCase(),
						message:
							request.type === 'SUBMIT' || request.type === 'WITHDRAW' ? null : request.reason,
						link
					})
				);
		if (names.includes('notifyOrganisers'))
			for (const email of await organiserEmails(trx))
				await enqueueMail(
					trx,
					email,
					organiserNoticeMail({
						entryTitle: entry.title,
						sentence: entryEventPast(request.type, payload).toLowerCase(),
						link: `${origin}/admin`
					})
				);
		return { ok: true, from: entry.state, to, version, eventId: logged.id, actions: names };
	});
}

/** Moves an edition to its next phase. Answers why in French when it is refused. */
export async function advanceEdition(
	db: Db,
	editionId: number,
	request: { type: EditionEventType; at?: Date },
	actor: Actor,
	origin = ''
): Promise<Applied<EditionPhase> | Refusal> {
	const at = request.at ?? new Date();
	return inTransaction(db, async (trx) => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) return refuse(404, 'Cette édition n’existe pas.');
		if (!isEditionPhase(edition.phase)) throw new Error(`Stored phase unknown: ${edition.phase}`);
		// Only organisers move an edition; the machine says so to anyone else.
		const organiser =
			actor.userId !== null &&
			(
				await trx
					.selectFrom('users')
					.select('is_organiser')
					.where('id', '=', actor.userId)
					.executeTakeFirst()
			)?.is_organiser;
		const role: Role = actor.userId === null ? 'system' : organiser ? 'organiser' : 'public';
		const facts = await editionFacts(trx, edition.id, edition.submissions_close_at, at);
		const event = { type: request.type, role, facts };
		const snapshot = restoreEditionSnapshot({
			machineVersion: edition.machine_version,
			snapshot: edition.snapshot,
			phase: edition.phase
		});
		const reason = whyEditionRefused(edition.phase, event);
		const [next, actions] = transition(editionMachine, snapshot, event);
		const to = next.value as EditionPhase;
		if (reason !== null || to === edition.phase)
			return refuse(409, reason ?? 'Cette action ne change rien à l’édition.');

		const version = edition.version + 1;
		await trx
			.updateTable('editions')
			.set({
				phase: to,
				snapshot: JSON.stringify(persistEditionSnapshot(next)),
				machine_version: EDITION_MACHINE_VERSION,
				version
			})
			.where('id', '=', edition.id)
			.execute();
		const logged = await appendEvent(trx, {
			editionId: edition.id,
			entity: 'edition',
			entityId: edition.id,
			actorId: actor.userId,
			type: request.type,
			from: edition.phase,
			to,
			payload: { counts: facts.counts },
			at,
			machineVersion: EDITION_MACHINE_VERSION
		});
		const names = actionNames(actions);
		if (names.includes('publishResults')) {
			await onResultsPublished(trx, edition.id);
			await mailResults(trx, edition.id, origin);
		}
		return { ok: true, from: edition.phase, to, version, eventId: logged.id, actions: names };
	});
}

/** Counts per entry state and the configuration the edition's guards read, in two queries. */
export async function editionFacts(
	db: Db,
	editionId: number,
	submissionsCloseAt: Date | null,
	at: Date
): Promise<EditionFacts> {
	const [rows, categories] = await Promise.all([
		db
			.selectFrom('entries')
			.where('edition_id', '=', editionId)
			.groupBy('state')
			.select((eb) => ['state', eb.fn.countAll<number>().as('n')])
			.execute(),
		db
			.selectFrom('categories')
			.where('edition_id', '=', editionId)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	const counts: Partial<Record<EntryState, number>> = {};
	for (const row of rows) if (isEntryState(row.state)) counts[row.state] = Number(row.n);
	return {
		categories: Number(categories.n),
		submissionsCloseAt: submissionsCloseAt?.toISOString() ?? null,
		at: at.toISOString(),
		counts
	};
}

/**
 * A (re)submission needs a complete dossier with the consent to publish it. Read under the entry's
 * lock, in the submission's transaction: a member's save either came before (and is checked) or waits.
 */
async function whyNotSubmittable(
	trx: Db,
	entryId: number,
	type: EntryEventType
): Promise<string | null> {
	if (type !== 'SUBMIT' && type !== 'RESUBMIT') return null;
	const dossier = await savedDossierOf(trx, entryId);
	return dossier ? whyIncomplete(dossier) : 'Cette candidature n’existe pas.';
}

/** The submitted reports of the candidature's accepted trial sites (COMPLETE_TRIAL's condition). */
export async function submittedTrialReports(db: Db, entryId: number): Promise<number> {
	const row = await db
		.selectFrom('trial_reports as r')
		.innerJoin('trial_sites as s', 's.id', 'r.site_id')
		.where('s.entry_id', '=', entryId)
		.where('s.status', '=', 'accepted')
		.where('r.status', '=', 'submitted')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function lastChangesDueAt(db: Db, entryId: number): Promise<string | null> {
	const row = await db
		.selectFrom('events')
		.select(sql<string | null>`payload->>'dueAt'`.as('due_at'))
		.where('entity', '=', 'entry')
		.where('entity_id', '=', entryId)
		.where('type', '=', 'REQUEST_CHANGES')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.due_at ?? null;
}

async function teamEmails(db: Db, entryId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('entry_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.where('m.entry_id', '=', entryId)
		.select('u.email')
		.orderBy('u.email')
		.execute();
	return rows.map((r) => r.email);
}

async function organiserEmails(db: Db): Promise<string[]> {
	const rows = await db
		.selectFrom('users')
		.where('is_organiser', '=', true)
		.select('email')
		.orderBy('email')
		.execute();
	return rows.map((r) => r.email);
}

/** On publication, each team of a finalist learns its result. */
async function mailResults(db: Db, editionId: number, origin: string): Promise<void> {
	const rows = await db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.innerJoin('entry_members as m', 'm.entry_id', 'e.id')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.where('e.edition_id', '=', editionId)
		.where('e.state', 'in', ['laureate', 'notAwarded'])
		.select(['e.title', 'e.state', 'e.award', 'ed.title as edition_title', 'u.email'])
		.orderBy('e.id')
		.orderBy('u.email')
		.execute();
	for (const row of rows)
		await enqueueMail(
			db,
			row.email,
			resultsPublishedMail({
				entryTitle: row.title,
				editionTitle: row.edition_title,
				outcome:
					row.state === 'laureate'
						? row.award === 'mention'
							? 'elle reçoit une mention'
							: 'elle est lauréate du prix'
						: 'elle n’a pas été primée cette année',
				link: `${origin}/laureats`
			})
		);
}

function compact(values: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '')
	);
}
