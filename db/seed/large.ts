// The large edition of `npm run seed:large` (and of `npm run bench`): a whole published edition at the
// scale of a national prize — 10,000 candidatures and 1,000 jurors by default — realistic and
// deterministic (seeded generator: the same options give the same edition and the same events — not
// the same hashes: each event's salt is random, see event-log.ts).
//
// What it holds: teams and établissements across the 30 académies (valid UAI codes), dossiers of
// realistic length (large-text.ts), attachments (small real PDF and PNG files) for a tenth of the
// candidatures, co-authors with and without the consent to be named, jurors with their établissement
// and expertise, a few declared conflicts, the automatic assignment (`assignJurors`, conflicts
// respected) and 3 submitted reviews per candidature on every criterion of the preselection, the
// shortlist (the best mean scores), trial protocols, sites and reports, the final round, the
// jury's awards, and the published results — laureates' slugs and certificates are made by the
// publication itself (`advanceEdition` PUBLISH → workflow/publication.ts).
//
// How, fast: the candidatures' rows and their history are written in bulk — multi-row inserts in
// batches, one transaction per batch — rather than one `advanceEntry` per step (10,000 × 5 steps
// would take an hour). The history stays the application's: every entry event is checked with the
// entry machine's own guard (`whyEntryRefused`) and the snapshots come from XState's `transition`;
// the events are appended to the edition's chain with the same hash (`eventHash` over the same
// canonical JSON, with a salt of its own from `newEventSalt`) as `appendEvent`, so `verifyChain` and
// the published fingerprint hold; each candidature's version counts its events, its state is its last
// event's. The edition's own phase
// changes go through `advanceEdition`, with its guards, between the phases' bulk writes.
import { sql } from 'kysely';
import { transition } from 'xstate';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { Db } from '../../src/lib/server/db';
import { sha256Hex } from '../../src/lib/server/db/attachments';
import { insertDefaultCriteria, listCriteria } from '../../src/lib/server/db/criteria';
import type { Database, FidelityLevel, JuryRound } from '../../src/lib/server/db/schema';
import { assignJurors, type JurorEntryPair } from '../../src/lib/server/jury/assignment';
import { advanceEdition } from '../../src/lib/server/workflow/advance';
import { canonicalJson } from '../../src/lib/server/workflow/canonical';
import {
	ENTRY_MACHINE_VERSION,
	entryMachine,
	entrySnapshotOf,
	persistEntrySnapshot,
	whyEntryRefused,
	type EntryEvent,
	type EntrySnapshot
} from '../../src/lib/server/workflow/entry.machine';
import {
	editionFingerprint,
	eventHash,
	newEventSalt,
	verifyChain
} from '../../src/lib/server/workflow/event-log';
import type {
	Award,
	EditionEventType,
	EditionPhase,
	EntryEventType,
	EntryState
} from '../../src/lib/server/workflow/rules';
import { DEMO_PASSWORD, pdfDocument, pngPicture } from './demo';
import type { LargeSeedOptions } from './large-options';
import { createRandom, type Random } from './large-random';
import {
	CHANGE_REQUESTS,
	INELIGIBILITY_REASONS,
	REPORT_COMMENTS,
	SITE_MOTIVATIONS,
	WITHDRAWAL_REASONS,
	dossierText,
	entryTitle,
	etablissementPool,
	personName,
	reviewComments,
	trialProtocol,
	type DossierText,
	type Etablissement
} from './large-text';

export { LARGE_SEED_DEFAULTS, type LargeSeedOptions } from './large-options';

/** Everyone's password in the large edition: the demo's. */
export const LARGE_PASSWORD = DEMO_PASSWORD;
export const LARGE_EMAIL_DOMAIN = 'echelle.impulsions.fr';

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;
const MINUTE = 60_000;
/** Bound parameters per statement: well below PostgreSQL's 65,535. */
const PARAMETERS_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 2_000;

const CATEGORIES = ['Prix de la simplification', 'Prix du projet innovant', 'Prix spécial du jury'];
const THEMES = [
	'Faire plus simple',
	'Travailler autrement',
	'Mieux répondre aux usagers',
	'Réussite de tous les élèves',
	'Transition écologique'
];
const K = 3;

export interface LargeSeedReport {
	editionId: number;
	year: number;
	/** Rows written per table (after the publication: slugs and certificates included). */
	counts: Record<string, number>;
	/** Candidatures per final state. */
	states: Partial<Record<EntryState, number>>;
	/** The hash of the edition's last event, and the chain's length (verified). */
	fingerprint: string;
	chainLength: number;
	/** Accounts to log in with (password LARGE_PASSWORD). */
	logins: { organiser: string; juror: string; finalJuror: string; team: string };
	/** A laureate's public address, when the publication gave slugs. */
	laureateSlug: string | null;
	/** Seconds per step. */
	timings: { step: string; seconds: number }[];
	/** What the seed could not make with this version of the application, in French. */
	gaps: string[];
}

export type Progress = (line: string) => void;

// ---------------------------------------------------------------------------------------------
// The plan: everything decided in memory first, from the seed alone

interface PlannedStep {
	type: EntryEventType | NoteType;
	phase: EditionPhase;
	at: number;
	actorId: number;
	payload: Record<string, unknown>;
	/** Order of the step within its candidature (ties at the same millisecond). */
	seq: number;
}

type NoteType =
	'SAVE_PROTOCOL' | 'VOLUNTEER_SITE' | 'ACCEPT_SITE' | 'DECLINE_SITE' | 'SUBMIT_TRIAL_REPORT';

const NOTE_TYPES = new Set<string>([
	'SAVE_PROTOCOL',
	'VOLUNTEER_SITE',
	'ACCEPT_SITE',
	'DECLINE_SITE',
	'SUBMIT_TRIAL_REPORT'
]);

const TEAM_EVENTS = new Set<string>(['SUBMIT', 'RESUBMIT', 'WITHDRAW']);
const LEAD_NOTES = new Set<string>(['SAVE_PROTOCOL', 'ACCEPT_SITE', 'DECLINE_SITE']);

interface PlannedEntry {
	id: number;
	leadId: number;
	members: { userId: number; publish: boolean }[];
	leadPublishes: boolean;
	etablissement: Etablissement;
	categoryIndex: number | null;
	themeIndexes: number[];
	title: string;
	text: DossierText | null;
	/** Draft: the fields filled so far. */
	draftText?: Partial<DossierText>;
	complete: boolean;
	createdAt: number;
	/** Latent quality: the jury's levels follow it. */
	quality: number;
	steps: PlannedStep[];
	withdrawIn: EditionPhase | null;
	award: Award | null;
}

interface Calendar {
	created: number;
	opens: number;
	close: number;
	eligibility: number;
	preselection: number;
	trial: number;
	trialEnds: number;
	final: number;
	deliberation: number;
	publish: number;
	ceremony: number;
}

function calendarOf(year: number): Calendar {
	const at = (month: number, day: number, hour = 8) => Date.UTC(year, month - 1, day, hour);
	return {
		created: Date.UTC(year - 1, 11, 1, 9),
		opens: at(1, 5),
		close: at(3, 31, 22),
		eligibility: at(4, 1),
		preselection: at(4, 20),
		trial: at(5, 25),
		trialEnds: at(10, 15),
		final: at(10, 15),
		deliberation: at(11, 10),
		publish: at(11, 20, 10),
		ceremony: at(11, 25, 14)
	};
}

/** A time between `from` and `to`, to the second. */
function between(random: Random, from: number, to: number): number {
	return Math.floor((from + random.next() * (to - from)) / 1000) * 1000;
}

// ---------------------------------------------------------------------------------------------
// Bulk writing

function rowsPerStatement(columns: number): number {
	return Math.max(
		1,
		Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMETERS_PER_STATEMENT / columns))
	);
}

/** Inserts rows in multi-row statements, one transaction per batch. */
async function insertBulk<T extends keyof Database & string>(
	db: Db,
	table: T,
	rows: readonly Record<string, unknown>[]
): Promise<void> {
	if (rows.length === 0) return;
	const size = rowsPerStatement(Object.keys(rows[0]).length);
	for (let i = 0; i < rows.length; i += size) {
		const chunk = rows.slice(i, i + size);
		await db.transaction().execute((trx) =>
			trx
				.insertInto(table)
				.values(chunk as never)
				.execute()
		);
	}
}

/** After inserts with explicit ids: the identity sequence continues after the largest id. */
async function syncIdentity(db: Db, table: keyof Database & string): Promise<void> {
	await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
		coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}

// ---------------------------------------------------------------------------------------------
// The entry machine, for the snapshots and the guards

const snapshotCache = new Map<string, string>();

/** The stored snapshot (JSON) of a candidature after these events, from XState's `transition`. */
function snapshotAfter(events: readonly EntryEvent[]): string {
	const key = events.map((e) => `${e.type}:${e.award ?? ''}`).join('>');
	const cached = snapshotCache.get(key);
	if (cached) return cached;
	let snapshot: EntrySnapshot = entrySnapshotOf('draft');
	for (const event of events) {
		const [next] = transition(entryMachine, snapshot, event);
		if (next.value === snapshot.value)
			throw new Error(`Grande édition : ${event.type} ne change pas l’état ${snapshot.value}.`);
		snapshot = next;
	}
	const json = JSON.stringify(persistEntrySnapshot(snapshot));
	snapshotCache.set(key, json);
	return json;
}

const TARGETS: Record<EntryEventType, (award: Award | null) => EntryState> = {
	SUBMIT: () => 'submitted',
	REQUEST_CHANGES: () => 'changesRequested',
	RESUBMIT: () => 'submitted',
	DECLARE_ELIGIBLE: () => 'eligible',
	DECLARE_INELIGIBLE: () => 'ineligible',
	SHORTLIST: () => 'shortlisted',
	REJECT_AT_PRESELECTION: () => 'notShortlisted',
	START_TRIAL: () => 'inTrial',
	COMPLETE_TRIAL: () => 'finalist',
	AWARD: () => 'laureate',
	NOT_AWARDED: () => 'notAwarded',
	WITHDRAW: () => 'withdrawn'
};

// ---------------------------------------------------------------------------------------------
// The edition's event chain, computed here

interface ChainCursor {
	editionId: number;
	prevHash: string | null;
	nextId: number;
}

async function chainCursor(db: Db, editionId: number): Promise<ChainCursor> {
	const prevHash = await editionFingerprint(db, editionId);
	const row = await db
		.selectFrom('events')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst();
	return { editionId, prevHash, nextId: Number(row?.id ?? 0) + 1 };
}

interface ChainedEvent {
	entityId: number;
	actorId: number | null;
	type: string;
	from: string;
	to: string;
	payload: Record<string, unknown>;
	at: number;
}

/** The rows of `events`, hash-chained after the cursor exactly as `appendEvent` chains them. */
function chainRows(cursor: ChainCursor, events: readonly ChainedEvent[]) {
	return events.map((e) => {
		const payload = canonicalJson(e.payload);
		const createdAt = new Date(e.at);
		const salt = newEventSalt();
		const hash = eventHash({
			editionId: cursor.editionId,
			entity: 'entry',
			entityId: e.entityId,
			actorId: e.actorId,
			type: e.type,
			from: e.from,
			to: e.to,
			payload: JSON.parse(payload),
			createdAt: createdAt.toISOString(),
			machineVersion: ENTRY_MACHINE_VERSION,
			prevHash: cursor.prevHash,
			salt
		});
		const row = {
			id: cursor.nextId++,
			edition_id: cursor.editionId,
			entity: 'entry' as const,
			entity_id: e.entityId,
			actor_id: e.actorId,
			type: e.type,
			from_state: e.from,
			to_state: e.to,
			payload,
			created_at: createdAt,
			prev_hash: cursor.prevHash,
			hash,
			machine_version: ENTRY_MACHINE_VERSION,
			salt
		};
		cursor.prevHash = hash;
		return row;
	});
}

// ---------------------------------------------------------------------------------------------
// The seed

/**
 * Fills an EMPTY, migrated database with one large published edition. Deterministic: the same
 * options give the same rows (but for password hashes, certificate codes and the events' salts — hence
 * their hashes —, which are random by design) and the same events.
 */
export async function seedLarge(
	db: Db,
	options: LargeSeedOptions,
	progress: Progress = () => {}
): Promise<LargeSeedReport> {
	const started = performance.now();
	const timings: { step: string; seconds: number }[] = [];
	let lap = started;
	const done = (step: string, detail = '') => {
		const now = performance.now();
		const seconds = (now - lap) / 1000;
		timings.push({ step, seconds });
		lap = now;
		progress(`  ${step}${detail ? ` — ${detail}` : ''} (${seconds.toFixed(1)} s)`);
	};

	const { entries: entryCount, jurors: jurorCount, year } = options;
	const random = createRandom(`impulsions-large:${options.seed}`);
	const cal = calendarOf(year);
	const gaps: string[] = [];

	const { n: existing } = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	if (Number(existing) > 0)
		throw new Error(
			'La base contient déjà des comptes : la grande édition se crée dans une base vide.'
		);

	// --- People, établissements and dossiers, in memory -------------------------------------
	const passwordHash = await hashPassword(LARGE_PASSWORD);
	const pool = etablissementPool(
		random.fork('etablissements'),
		Math.max(40, Math.round(entryCount * 0.6))
	);
	const users: Record<string, unknown>[] = [];
	const addUser = (email: string, name: string, createdAt: number, organiser = false) => {
		const id = users.length + 1;
		users.push({
			id,
			email,
			name,
			password_hash: passwordHash,
			email_verified_at: new Date(createdAt + HOUR),
			is_organiser: organiser,
			created_at: new Date(createdAt),
			updated_at: new Date(createdAt)
		});
		return id;
	};
	const pad = (n: number, width: number) => String(n).padStart(width, '0');
	const organiserId = addUser(
		`organisation@${LARGE_EMAIL_DOMAIN}`,
		'Claire Martin',
		cal.created - 30 * DAY,
		true
	);

	const people = random.fork('people');
	const jurors = Array.from({ length: jurorCount }, (_, i) => {
		const id = addUser(
			`jure.${pad(i + 1, 5)}@${LARGE_EMAIL_DOMAIN}`,
			personName(people),
			cal.created + between(people, 0, 20 * DAY)
		);
		// Most jurors work in an établissement of the pool: a source of automatic conflicts.
		const etab = people.chance(0.7) ? people.pick(pool) : null;
		// About one juror in six also sits in the final round (five at least); those judge every
		// category, the others a third of the time one only.
		const final = i % 6 === 0 || i < 5;
		const specialist = people.chance(1 / 3);
		const category = people.int(0, CATEGORIES.length - 1);
		return {
			id,
			etablissement: etab,
			final,
			expertise: specialist && !final ? [category] : []
		};
	});

	const dossiers = random.fork('dossiers');
	const planned: PlannedEntry[] = [];
	for (let i = 0; i < entryCount; i++) {
		const createdAt = between(dossiers, cal.opens + HOUR, cal.close - 12 * DAY);
		const leadId = addUser(
			`equipe.${pad(i + 1, 6)}@${LARGE_EMAIL_DOMAIN}`,
			personName(people),
			createdAt - between(people, HOUR, 30 * DAY)
		);
		const memberCount = people.chance(0.5) ? (people.chance(0.3) ? 2 : 1) : 0;
		const consent = people.chance(0.6);
		const members = Array.from({ length: memberCount }, (_, m) => ({
			userId: addUser(
				`membre.${pad(i + 1, 6)}.${m + 1}@${LARGE_EMAIL_DOMAIN}`,
				personName(people),
				createdAt + between(people, HOUR, 3 * DAY)
			),
			publish: consent && people.chance(0.8)
		}));
		const title = entryTitle(dossiers);
		const text = dossierText(dossiers, title);
		planned.push({
			id: i + 1,
			leadId,
			members,
			leadPublishes: consent,
			etablissement: dossiers.pick(pool),
			categoryIndex: dossiers.int(0, CATEGORIES.length - 1),
			themeIndexes: dossiers.sample([0, 1, 2, 3, 4], dossiers.int(1, 3)).sort(),
			title,
			text,
			complete: true,
			createdAt,
			quality: dossiers.normal(),
			steps: [],
			withdrawIn: null,
			award: null
		});
	}
	done('plan', `${entryCount} candidatures, ${jurorCount} jurés, ${users.length} comptes`);

	// --- The entries' paths through the workflow, up to the preselection ------------------------
	const paths = random.fork('paths');
	// Who takes each step: the lead for the team's events and trial decisions, the site's contact
	// for its application and report (given), the organisers for the rest.
	const step = (
		entry: PlannedEntry,
		type: PlannedStep['type'],
		phase: EditionPhase,
		at: number,
		payload: Record<string, unknown> = {},
		actorId = TEAM_EVENTS.has(type) || LEAD_NOTES.has(type) ? entry.leadId : organiserId
	) => {
		entry.steps.push({ type, phase, at, actorId, payload, seq: entry.steps.length });
	};
	for (const entry of planned) {
		const roll = paths.next();
		if (roll < 0.015) {
			// Never submitted: a draft, partly filled, sometimes without a category.
			entry.complete = false;
			entry.draftText = {
				summary: entry.text!.summary,
				problem: paths.chance(0.5) ? entry.text!.problem : ''
			};
			entry.text = null;
			if (paths.chance(0.5)) entry.categoryIndex = null;
			continue;
		}
		if (roll < 0.02) {
			entry.complete = false;
			entry.draftText = { summary: entry.text!.summary };
			entry.text = null;
			step(entry, 'WITHDRAW', 'open', between(paths, entry.createdAt + DAY, cal.close - DAY), {
				reason: paths.pick(WITHDRAWAL_REASONS)
			});
			entry.withdrawIn = 'open';
			continue;
		}
		step(entry, 'SUBMIT', 'open', between(paths, entry.createdAt + DAY, cal.close - 2 * HOUR));
		const r = paths.next();
		if (r < 0.01) {
			step(
				entry,
				'WITHDRAW',
				'eligibility',
				between(paths, cal.eligibility + DAY, cal.eligibility + 6 * DAY),
				{
					reason: paths.pick(WITHDRAWAL_REASONS)
				}
			);
			entry.withdrawIn = 'eligibility';
			continue;
		}
		let decisionFrom = cal.eligibility + 7 * DAY;
		if (r < 0.06) {
			const asked = between(paths, cal.eligibility + 2 * HOUR, cal.eligibility + 4 * DAY);
			const dueAt = asked + 10 * DAY;
			step(entry, 'REQUEST_CHANGES', 'eligibility', asked, {
				reason: paths.pick(CHANGE_REQUESTS),
				dueAt: new Date(dueAt).toISOString()
			});
			const answered = between(paths, asked + DAY, dueAt - HOUR);
			step(entry, 'RESUBMIT', 'eligibility', answered);
			decisionFrom = answered + HOUR;
		}
		const decided = between(paths, decisionFrom, cal.preselection - 2 * HOUR);
		if (r > 0.97) {
			step(entry, 'DECLARE_INELIGIBLE', 'eligibility', decided, {
				reason: paths.pick(INELIGIBILITY_REASONS)
			});
			continue;
		}
		step(entry, 'DECLARE_ELIGIBLE', 'eligibility', decided);
		if (paths.chance(0.003)) entry.withdrawIn = 'preselection';
	}
	const eligible = planned.filter((e) => e.steps.at(-1)?.type === 'DECLARE_ELIGIBLE');

	// --- Write: accounts, the edition, its jury --------------------------------------------------
	await insertBulk(db, 'users', users);
	await syncIdentity(db, 'users');
	done('comptes', `${users.length} comptes (mot de passe commun)`);

	const { id: editionId } = await db
		.insertInto('editions')
		.values({
			year,
			title: `Prix Impulsions ${year}`,
			opens_at: new Date(cal.opens),
			submissions_close_at: new Date(cal.close),
			eligibility_at: new Date(cal.eligibility),
			preselection_at: new Date(cal.preselection),
			trial_starts_at: new Date(cal.trial),
			trial_ends_at: new Date(cal.trialEnds),
			final_at: new Date(cal.final),
			ceremony_at: new Date(cal.ceremony),
			created_at: new Date(cal.created)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const categories = await db
		.insertInto('categories')
		.values(CATEGORIES.map((name, position) => ({ edition_id: editionId, name, position })))
		.returning('id')
		.execute();
	const categoryIds = categories.map((c) => c.id);
	const themes = await db
		.insertInto('edition_themes')
		.values(THEMES.map((name, position) => ({ edition_id: editionId, name, position })))
		.returning('id')
		.execute();
	await insertDefaultCriteria(db, editionId);
	const criteria = {
		preselection: await listCriteria(db, editionId, 'preselection'),
		final: await listCriteria(db, editionId, 'final')
	};
	await insertBulk(
		db,
		'edition_jurors',
		jurors.map((j) => ({
			edition_id: editionId,
			user_id: j.id,
			added_at: new Date(cal.created + DAY),
			preselection: true,
			final: j.final,
			uai: j.etablissement?.uai ?? null,
			academie: j.etablissement?.academie ?? null
		}))
	);
	await insertBulk(
		db,
		'juror_expertise',
		jurors.flatMap((j) =>
			j.expertise.map((c) => ({
				edition_id: editionId,
				user_id: j.id,
				category_id: categoryIds[c]
			}))
		)
	);
	done(
		'édition et jury',
		`${CATEGORIES.length} catégories, ${criteria.preselection.length} + ${criteria.final.length} critères`
	);

	// --- Candidatures, as drafts; their teams, themes and files -------------------------------
	await insertBulk(
		db,
		'entries',
		planned.map((e) => {
			const text = e.text ?? {
				summary: '',
				problem: '',
				solution: '',
				audience: '',
				results: '',
				transferability: '',
				resources: '',
				...e.draftText
			};
			return {
				id: e.id,
				edition_id: editionId,
				category_id: e.categoryIndex === null ? null : categoryIds[e.categoryIndex],
				title: e.title,
				summary: text.summary,
				state: 'draft',
				snapshot: null,
				machine_version: 1,
				version: 0,
				award: null,
				created_at: new Date(e.createdAt),
				updated_at: new Date(e.createdAt),
				uai: e.complete || e.categoryIndex !== null ? e.etablissement.uai : null,
				etablissement_name: e.complete || e.categoryIndex !== null ? e.etablissement.name : '',
				academie: e.complete || e.categoryIndex !== null ? e.etablissement.academie : null,
				problem: text.problem,
				solution: text.solution,
				audience: text.audience,
				results: text.results,
				transferability: text.transferability,
				resources: text.resources,
				publication_consent: e.complete,
				dossier_version: e.complete ? random.int(3, 12) : 1
			};
		})
	);
	await syncIdentity(db, 'entries');
	await insertBulk(
		db,
		'entry_themes',
		planned.flatMap((e) =>
			e.complete ? e.themeIndexes.map((t) => ({ entry_id: e.id, theme_id: themes[t].id })) : []
		)
	);
	await insertBulk(
		db,
		'entry_members',
		planned.flatMap((e) => [
			{
				entry_id: e.id,
				user_id: e.leadId,
				role: 'lead',
				publish_name: e.leadPublishes,
				added_at: new Date(e.createdAt)
			},
			...e.members.map((m) => ({
				entry_id: e.id,
				user_id: m.userId,
				role: 'member',
				publish_name: m.publish,
				added_at: new Date(e.createdAt + DAY)
			}))
		])
	);
	const attachments = attachmentRows(random.fork('attachments'), planned);
	await insertBulk(db, 'attachments', attachments);
	await syncIdentity(db, 'attachments');
	done('candidatures', `${planned.length} dossiers, ${attachments.length} pièces jointes`);

	// --- The phases: each phase's steps in bulk, then the edition moves on ---------------------
	const entryEvents = new Map<number, EntryEvent[]>(planned.map((e) => [e.id, []]));
	const stateOf = new Map<number, EntryState>(planned.map((e) => [e.id, 'draft']));
	const versionOf = new Map<number, number>(planned.map((e) => [e.id, 0]));
	const byId = new Map(planned.map((e) => [e.id, e]));
	let eventCount = 0;

	const moveEdition = async (type: EditionEventType, at: number) => {
		const result = await advanceEdition(
			db,
			editionId,
			{ type, at: new Date(at) },
			{ userId: organiserId }
		);
		if (!result.ok) throw new Error(`Grande édition : ${type} refusé — ${result.reason}`);
		eventCount++;
	};

	/** Writes the steps of the phase: checked by the machine, chained, and the rows updated. */
	const writePhase = async (phase: EditionPhase) => {
		const steps = planned
			.flatMap((e) => e.steps.filter((s) => s.phase === phase).map((s) => ({ entry: e, step: s })))
			.sort((a, b) => a.step.at - b.step.at || a.entry.id - b.entry.id || a.step.seq - b.step.seq);
		const chained: ChainedEvent[] = [];
		const touched = new Map<number, number>();
		for (const { entry, step: s } of steps) {
			const from = stateOf.get(entry.id)!;
			let to = from;
			if (!NOTE_TYPES.has(s.type)) {
				const type = s.type as EntryEventType;
				const event: EntryEvent = {
					type,
					role: TEAM_EVENTS.has(type) ? 'team' : 'organiser',
					phase,
					at: new Date(s.at).toISOString(),
					submissionsCloseAt: new Date(cal.close).toISOString(),
					dueAt:
						type === 'RESUBMIT'
							? lastDueAt(entry)
							: ((s.payload.dueAt as string | undefined) ?? null),
					reason: s.payload.reason as string | undefined,
					award: s.payload.award as Award | undefined,
					reports: type === 'COMPLETE_TRIAL' ? (s.payload.__reports as number) : undefined,
					minReports: type === 'COMPLETE_TRIAL' ? 2 : undefined
				};
				const refusal = whyEntryRefused(from, event);
				if (refusal)
					throw new Error(
						`Grande édition : ${type} refusé pour la candidature ${entry.id} — ${refusal}`
					);
				to = TARGETS[type](event.award ?? null);
				entryEvents.get(entry.id)!.push(event);
			}
			const payload = Object.fromEntries(
				Object.entries(s.payload).filter(
					([key, v]) => !key.startsWith('__') && v !== undefined && v !== ''
				)
			);
			chained.push({
				entityId: entry.id,
				actorId: s.actorId,
				type: s.type,
				from,
				to,
				payload,
				at: s.at
			});
			stateOf.set(entry.id, to);
			versionOf.set(entry.id, versionOf.get(entry.id)! + 1);
			touched.set(entry.id, s.at);
		}
		const cursor = await chainCursor(db, editionId);
		await insertBulk(db, 'events', chainRows(cursor, chained));
		await syncIdentity(db, 'events');
		eventCount += chained.length;
		const updates = [...touched].map(([id, at]) => {
			const state = stateOf.get(id)!;
			const events = entryEvents.get(id)!;
			return {
				id,
				state,
				snapshot: events.length > 0 ? snapshotAfter(events) : null,
				machineVersion: events.length > 0 ? ENTRY_MACHINE_VERSION : 1,
				version: versionOf.get(id)!,
				award: byId.get(id)!.award && state === 'laureate' ? byId.get(id)!.award : null,
				at
			};
		});
		for (let i = 0; i < updates.length; i += 1000) {
			const chunk = updates.slice(i, i + 1000);
			await db.transaction().execute((trx) =>
				sql`update entries as e set
					state = v.state, snapshot = v.snapshot::jsonb, machine_version = v.machine_version,
					version = v.version, award = v.award, updated_at = v.updated_at
				from (values ${sql.join(
					chunk.map(
						(u) =>
							sql`(${u.id}::integer, ${u.state}::text, ${u.snapshot}::text, ${u.machineVersion}::integer, ${u.version}::integer, ${u.award}::text, ${new Date(u.at)}::timestamptz)`
					)
				)}) as v(id, state, snapshot, machine_version, version, award, updated_at)
				where e.id = v.id`.execute(trx)
			);
		}
		return chained.length;
	};

	function lastDueAt(entry: PlannedEntry): string | null {
		const asked = entry.steps.filter((s) => s.type === 'REQUEST_CHANGES').at(-1);
		return (asked?.payload.dueAt as string | undefined) ?? null;
	}

	await moveEdition('OPEN', cal.opens);
	let n = await writePhase('open');
	await moveEdition('CLOSE_SUBMISSIONS', cal.eligibility);
	done('dépôt', `${n} événements`);
	n = await writePhase('eligibility');
	await moveEdition('START_PRESELECTION', cal.preselection);
	done('éligibilité', `${n} événements`);

	// --- Preselection: conflicts, assignment, reviews; the shortlist from the scores ------------
	const jury = random.fork('jury');
	const severity = new Map(jurors.map((j) => [j.id, jury.normal() * 0.45]));
	const declared = declaredConflicts(jury, eligible, jurors, cal.preselection + HOUR);
	await insertBulk(db, 'conflicts', declared);
	await syncIdentity(db, 'conflicts');
	const preselection = await juryRound(db, {
		round: 'preselection',
		entries: eligible,
		jurors,
		declared: declared.map((c) => [c.juror_id, c.entry_id] as const),
		categoryIds,
		criteria: criteria.preselection,
		random: jury.fork('preselection'),
		severity,
		assignedAt: cal.preselection + 2 * HOUR,
		from: cal.preselection + 2 * DAY,
		to: cal.trial - 7 * DAY,
		reviewIdStart: 1
	});
	done(
		'présélection : jury',
		`${preselection.assignments} affectations, ${preselection.reviews} évaluations, ${preselection.scores} notes`
	);

	const decisions = random.fork('decisions');
	const shortlistSize = Math.max(3, Math.round(entryCount * 0.03));
	const ranked = eligible
		.filter((e) => e.withdrawIn !== 'preselection')
		.sort(
			(a, b) =>
				(preselection.means.get(b.id) ?? 0) - (preselection.means.get(a.id) ?? 0) || a.id - b.id
		);
	const shortlisted = ranked.slice(0, shortlistSize);
	const shortlistedIds = new Set(shortlisted.map((e) => e.id));
	for (const entry of eligible) {
		if (entry.withdrawIn === 'preselection') {
			step(
				entry,
				'WITHDRAW',
				'preselection',
				between(decisions, cal.trial - 6 * DAY, cal.trial - 5 * DAY),
				{
					reason: decisions.pick(WITHDRAWAL_REASONS)
				}
			);
			continue;
		}
		const at = between(decisions, cal.trial - 4 * DAY, cal.trial - 2 * HOUR);
		if (shortlistedIds.has(entry.id))
			step(
				entry,
				'SHORTLIST',
				'preselection',
				at,
				decisions.chance(0.3)
					? { reason: 'Un projet solide, transférable à d’autres établissements.' }
					: {}
			);
		else step(entry, 'REJECT_AT_PRESELECTION', 'preselection', at);
	}
	n = await writePhase('preselection');
	await moveEdition('START_TRIAL', cal.trial);
	done('présélection : décisions', `${shortlisted.length} présélectionnées, ${n} événements`);

	// --- Trial: protocols, sites, reports ------------------------------------------------------
	const trial = trialRows(
		random.fork('trial'),
		shortlisted,
		pool,
		cal,
		users.length + 1,
		passwordHash,
		(entry, type, at, payload, actorId) => step(entry, type, 'trial', at, payload, actorId)
	);
	await insertBulk(db, 'users', trial.users);
	await syncIdentity(db, 'users');
	await insertBulk(db, 'trial_protocols', trial.protocols);
	await insertBulk(db, 'trial_indicators', trial.indicators);
	await syncIdentity(db, 'trial_indicators');
	await insertBulk(db, 'trial_sites', trial.sites);
	await syncIdentity(db, 'trial_sites');
	await insertBulk(db, 'trial_reports', trial.reports);
	await syncIdentity(db, 'trial_reports');
	await insertBulk(db, 'trial_report_values', trial.values);
	n = await writePhase('trial');
	await moveEdition('START_FINAL', cal.final);
	const finalists = shortlisted.filter((e) => stateOf.get(e.id) === 'finalist');
	done('essais', `${trial.sites.length} sites, ${trial.reports.length} rapports, ${n} événements`);

	// --- Final round and deliberation -----------------------------------------------------------
	const finalRound = await juryRound(db, {
		round: 'final',
		entries: finalists,
		jurors: jurors.filter((j) => j.final),
		declared: declared.map((c) => [c.juror_id, c.entry_id] as const),
		categoryIds,
		criteria: criteria.final,
		random: jury.fork('final'),
		severity,
		assignedAt: cal.final + 2 * HOUR,
		from: cal.final + 2 * DAY,
		to: cal.deliberation - 2 * DAY,
		reviewIdStart: preselection.nextReviewId
	});
	await writePhase('final');
	await moveEdition('START_DELIBERATION', cal.deliberation);
	done('jury final', `${finalRound.reviews} évaluations de ${finalists.length} finalistes`);

	const laureateCount = Math.min(
		finalists.length,
		Math.max(3, Math.round(finalists.length * 0.12))
	);
	const byFinal = [...finalists].sort(
		(a, b) => (finalRound.means.get(b.id) ?? 0) - (finalRound.means.get(a.id) ?? 0) || a.id - b.id
	);
	const awards = new Map<number, Award>();
	for (let c = 0; c < CATEGORIES.length; c++) {
		const best = byFinal.find((e) => e.categoryIndex === c && !awards.has(e.id));
		if (best && awards.size < laureateCount) awards.set(best.id, 'prize');
	}
	for (const e of byFinal)
		if (awards.size < laureateCount && !awards.has(e.id)) awards.set(e.id, 'mention');
	for (const entry of finalists) {
		const at = between(decisions, cal.deliberation + 2 * DAY, cal.publish - DAY);
		const award = awards.get(entry.id);
		if (award) {
			entry.award = award;
			step(entry, 'AWARD', 'deliberation', at, {
				award,
				reason:
					award === 'prize'
						? 'Un projet exemplaire, dont l’essai a confirmé les résultats.'
						: undefined
			});
		} else step(entry, 'NOT_AWARDED', 'deliberation', at);
	}
	n = await writePhase('deliberation');
	await moveEdition('PUBLISH', cal.publish);
	done('délibération et publication', `${awards.size} lauréats, ${n} événements`);

	// --- Statistics and visibility maps, as autovacuum would leave them after such a load on
	// PostgreSQL and the app's maintenance on PGlite (src/lib/server/maintenance.ts): without them
	// the planner works from default estimates and index-only scans still read the tables ----------
	await sql`vacuum analyze`.execute(db);
	done('statistiques (VACUUM ANALYZE)');

	// --- What the publication made, and the checks ---------------------------------------------
	const counts = await tableCounts(db);
	if (!counts.certificates)
		gaps.push(
			'Attestations : la publication des résultats de cette version n’en délivre pas (module des attestations absent) — aucune attestation créée.'
		);
	const slugRow = await db
		.selectFrom('entries')
		.select('slug')
		.where('edition_id', '=', editionId)
		.where('slug', 'is not', null)
		.orderBy('id')
		.limit(1)
		.executeTakeFirst();
	if (!slugRow)
		gaps.push('Adresses des lauréats : la publication n’a donné aucune adresse (slug).');
	const chain = await verifyChain(db, editionId);
	if (!chain.ok)
		throw new Error(`Grande édition : chaîne d’événements rompue — ${chain.brokenAt.reason}`);
	if (chain.length !== eventCount)
		throw new Error(
			`Grande édition : ${chain.length} événements dans la chaîne, ${eventCount} attendus.`
		);
	const states: Partial<Record<EntryState, number>> = {};
	for (const state of stateOf.values()) states[state] = (states[state] ?? 0) + 1;
	done('vérification', `chaîne de ${chain.length} événements vérifiée`);

	const finalJuror = jurors.find((j) => j.final)!;
	const teamEntry = [...awards.keys()][0] ?? planned[0].id;
	return {
		editionId,
		year,
		counts,
		states,
		fingerprint: chain.fingerprint ?? '',
		chainLength: chain.length,
		logins: {
			organiser: `organisation@${LARGE_EMAIL_DOMAIN}`,
			juror: emailOf(users, jurors[0].id),
			finalJuror: emailOf(users, finalJuror.id),
			team: emailOf(users, byId.get(teamEntry)!.leadId)
		},
		laureateSlug: slugRow?.slug ?? null,
		timings: [...timings, { step: 'total', seconds: (performance.now() - started) / 1000 }],
		gaps
	};
}

function emailOf(users: Record<string, unknown>[], id: number): string {
	return users[id - 1].email as string;
}

/** Rows of every table the seed fills. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
	const tables = [
		'users',
		'entries',
		'entry_members',
		'entry_themes',
		'attachments',
		'edition_jurors',
		'juror_expertise',
		'conflicts',
		'assignments',
		'reviews',
		'scores',
		'trial_protocols',
		'trial_indicators',
		'trial_sites',
		'trial_reports',
		'trial_report_values',
		'events',
		'certificates',
		'outbox'
	] as const;
	const counts: Record<string, number> = {};
	for (const table of tables) {
		const row = await sql<{
			n: number;
		}>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
		counts[table] = row.rows[0].n;
	}
	return counts;
}

// ---------------------------------------------------------------------------------------------
// Attachments: small real files

function attachmentRows(random: Random, planned: readonly PlannedEntry[]) {
	const pictures = [
		pngPicture({ bars: [3, 5, 8, 6], colour: 'blue' }),
		pngPicture({ bars: [9, 7, 4, 2, 1], colour: 'green' }),
		pngPicture({ bars: [2, 4, 4, 7, 9, 12], colour: 'red' }),
		pngPicture({
			blocks: [
				[1, 1, 6, 4, 'blue'],
				[8, 2, 6, 6, 'sand'],
				[2, 6, 4, 3, 'green']
			]
		})
	];
	const rows: Record<string, unknown>[] = [];
	for (const entry of planned) {
		if (!entry.complete || !entry.text || !random.chance(0.1)) continue;
		const at = entry.createdAt + 10 * MINUTE;
		const pdf = pdfDocument(
			'Présentation du projet',
			`${entry.title} — ${entry.etablissement.name}`,
			[
				{ text: 'Problème traité', bold: true },
				{ text: entry.text.problem.split('\n\n')[0].slice(0, 900) },
				{ text: 'Résultats obtenus', bold: true },
				{ text: entry.text.results.slice(0, 700) }
			]
		);
		const files: { name: string; mime: string; bytes: Uint8Array }[] = [
			{ name: 'presentation-du-projet.pdf', mime: 'application/pdf', bytes: pdf }
		];
		if (random.chance(0.4))
			files.push({ name: 'resultats.png', mime: 'image/png', bytes: random.pick(pictures) });
		for (const [i, file] of files.entries())
			rows.push({
				id: rows.length + 1,
				entry_id: entry.id,
				file_name: file.name,
				mime: file.mime,
				size: file.bytes.length,
				sha256: sha256Hex(file.bytes),
				content: file.bytes,
				uploaded_by: entry.leadId,
				created_at: new Date(at + i * MINUTE)
			});
	}
	return rows;
}

// ---------------------------------------------------------------------------------------------
// The jury

interface SeedJuror {
	id: number;
	etablissement: Etablissement | null;
	final: boolean;
	expertise: number[];
}

/** A few conflicts declared by jurors on candidatures of their category, before the assignment. */
function declaredConflicts(
	random: Random,
	entries: readonly PlannedEntry[],
	jurors: readonly SeedJuror[],
	at: number
) {
	const rows: {
		id: number;
		entry_id: number;
		juror_id: number;
		source: 'juror';
		reason: string;
		declared_by: number;
		created_at: Date;
	}[] = [];
	const seen = new Set<string>();
	const count = Math.max(1, Math.round(jurors.length * 0.05));
	for (let i = 0; i < count && entries.length > 0; i++) {
		const juror = random.pick(jurors);
		const entry = random.pick(entries);
		const key = `${juror.id}:${entry.id}`;
		if (seen.has(key)) continue;
		seen.add(key);
		rows.push({
			id: rows.length + 1,
			entry_id: entry.id,
			juror_id: juror.id,
			source: 'juror',
			reason:
				'J’ai accompagné cette équipe lors d’une formation académique : je préfère ne pas évaluer ce projet.',
			declared_by: juror.id,
			created_at: new Date(at + i * MINUTE)
		});
	}
	return rows;
}

interface RoundInput {
	round: JuryRound;
	entries: readonly PlannedEntry[];
	jurors: readonly SeedJuror[];
	declared: readonly JurorEntryPair[];
	categoryIds: readonly number[];
	criteria: readonly { id: number; weight: number; scaleMin: number; scaleMax: number }[];
	random: Random;
	severity: ReadonlyMap<number, number>;
	assignedAt: number;
	from: number;
	to: number;
	reviewIdStart: number;
}

/**
 * A jury round as the application makes it: the automatic assignment (K jurors per candidature,
 * none conflicted — declared conflicts and same établissement —, within their expertise), then one
 * submitted review per assignment, every criterion scored. Levels follow the candidature's quality
 * and the juror's severity (so that normalisation has something to correct).
 */
async function juryRound(db: Db, input: RoundInput) {
	const { round, entries, jurors, criteria, random } = input;
	const byUai = new Map<string, number[]>();
	for (const e of entries) {
		const list = byUai.get(e.etablissement.uai) ?? [];
		list.push(e.id);
		byUai.set(e.etablissement.uai, list);
	}
	const conflicts: JurorEntryPair[] = [...input.declared];
	for (const j of jurors)
		for (const entryId of (j.etablissement && byUai.get(j.etablissement.uai)) || [])
			conflicts.push([j.id, entryId]);
	const { assignments, problems } = assignJurors({
		entries: entries.map((e) => ({
			id: e.id,
			categoryId: input.categoryIds[e.categoryIndex ?? 0],
			categoryName: CATEGORIES[e.categoryIndex ?? 0]
		})),
		jurors: jurors.map((j) => ({
			id: j.id,
			name: `Juré ${j.id}`,
			expertise: j.expertise.map((c) => input.categoryIds[c])
		})),
		conflicts,
		fixed: [],
		k: K
	});
	if (problems.length > 0)
		throw new Error(`Grande édition : affectation incomplète (${round}) — ${problems[0].message}`);
	await insertBulk(
		db,
		'assignments',
		assignments.map(([juror_id, entry_id]) => ({
			entry_id,
			round,
			juror_id,
			manual: false,
			created_at: new Date(input.assignedAt)
		}))
	);
	const quality = new Map(entries.map((e) => [e.id, e.quality]));
	const weightSum = criteria.reduce((s, c) => s + c.weight, 0);
	const sums = new Map<number, { total: number; n: number }>();
	const reviews: Record<string, unknown>[] = [];
	const scores: Record<string, unknown>[] = [];
	// Each juror works through his candidatures in order, the jurors side by side.
	const ordered = [...assignments].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
	let id = input.reviewIdStart;
	for (const [jurorId, entryId] of ordered) {
		const at = between(random, input.from, input.to);
		const comments = reviewComments(random);
		reviews.push({
			id,
			entry_id: entryId,
			round,
			juror_id: jurorId,
			status: 'submitted',
			comment_team: comments.team,
			comment_jury: comments.jury,
			version: 2,
			updated_at: new Date(at),
			submitted_at: new Date(at)
		});
		let weighted = 0;
		for (const c of criteria) {
			const span = c.scaleMax - c.scaleMin;
			const latent =
				0.5 +
				0.22 * quality.get(entryId)! -
				(input.severity.get(jurorId) ?? 0) * 0.3 +
				random.normal() * 0.12;
			const level = Math.min(
				c.scaleMax,
				Math.max(c.scaleMin, c.scaleMin + Math.round(latent * span))
			);
			scores.push({ review_id: id, criterion_id: c.id, level });
			weighted += (c.weight * (level - c.scaleMin)) / span;
		}
		const score = weightSum > 0 ? (20 * weighted) / weightSum : 0;
		const sum = sums.get(entryId) ?? { total: 0, n: 0 };
		sum.total += score;
		sum.n += 1;
		sums.set(entryId, sum);
		id++;
	}
	await insertBulk(db, 'reviews', reviews);
	await syncIdentity(db, 'reviews');
	await insertBulk(db, 'scores', scores);
	return {
		assignments: assignments.length,
		reviews: reviews.length,
		scores: scores.length,
		nextReviewId: id,
		means: new Map([...sums].map(([entryId, s]) => [entryId, s.total / s.n]))
	};
}

// ---------------------------------------------------------------------------------------------
// The trial

function trialRows(
	random: Random,
	shortlisted: readonly PlannedEntry[],
	pool: readonly Etablissement[],
	cal: Calendar,
	firstUserId: number,
	passwordHash: string,
	addStep: (
		entry: PlannedEntry,
		type: PlannedStep['type'],
		at: number,
		payload?: Record<string, unknown>,
		actorId?: number
	) => void
) {
	const users: Record<string, unknown>[] = [];
	const protocols: Record<string, unknown>[] = [];
	const indicators: Record<string, unknown>[] = [];
	const sites: Record<string, unknown>[] = [];
	const reports: Record<string, unknown>[] = [];
	const values: Record<string, unknown>[] = [];
	for (const entry of shortlisted) {
		const lead = entry.leadId;
		addStep(entry, 'START_TRIAL', between(random, cal.trial + HOUR, cal.trial + 2 * DAY));
		const p = trialProtocol(random);
		const accepted = random.chance(0.15) ? 3 : 2;
		const declined = random.chance(0.3) ? 1 : 0;
		const waiting = random.chance(0.2) ? 1 : 0;
		const savedAt = between(random, cal.trial + 3 * DAY, cal.trial + 10 * DAY);
		protocols.push({
			entry_id: entry.id,
			objectives: p.objectives,
			duration_weeks: p.weeks,
			site_tasks: p.tasks.join('\n'),
			capacity: accepted + random.int(0, 2),
			version: 1,
			updated_at: new Date(savedAt),
			updated_by: lead
		});
		const indicatorIds = p.indicators.map((indicator, position) => {
			const id = indicators.length + 1;
			indicators.push({
				id,
				entry_id: entry.id,
				position,
				name: indicator.name,
				unit: indicator.unit,
				direction: indicator.direction
			});
			return id;
		});
		addStep(entry, 'SAVE_PROTOCOL', savedAt, { indicators: indicatorIds.length });
		const withdraws = random.chance(1 / 30);
		const chosen = random.sample(
			pool.filter((e) => e.uai !== entry.etablissement.uai),
			accepted + declined + waiting
		);
		let submitted = 0;
		chosen.forEach((etab, n) => {
			const status = n < accepted ? 'accepted' : n < accepted + declined ? 'declined' : 'volunteer';
			const siteId = sites.length + 1;
			const volunteeredAt = between(random, cal.trial + 12 * DAY, cal.trial + 30 * DAY);
			const contactId = firstUserId + users.length;
			const contactName = personName(random);
			const email = `site.${String(siteId).padStart(5, '0')}@${LARGE_EMAIL_DOMAIN}`;
			users.push({
				id: contactId,
				email,
				name: contactName,
				password_hash: passwordHash,
				email_verified_at: new Date(volunteeredAt - HOUR),
				is_organiser: false,
				created_at: new Date(volunteeredAt - 2 * HOUR),
				updated_at: new Date(volunteeredAt - 2 * HOUR)
			});
			const decidedAt =
				status === 'volunteer'
					? null
					: between(random, volunteeredAt + DAY, volunteeredAt + 10 * DAY);
			sites.push({
				id: siteId,
				entry_id: entry.id,
				name: etab.name,
				uai: etab.uai,
				academie: etab.academie,
				kind: etab.kind,
				priority_education: random.chance(0.25),
				area: etab.rural ? 'rural' : 'urbain',
				size: etab.size,
				contact_user_id: contactId,
				contact_name: contactName,
				contact_email: email,
				motivation: random.pick(SITE_MOTIVATIONS),
				head_agreement: true,
				origin: 'volunteer',
				status,
				decided_at: decidedAt === null ? null : new Date(decidedAt),
				decided_by: decidedAt === null ? null : lead,
				decline_reason:
					status === 'declined'
						? 'Notre capacité d’accompagnement est atteinte pour cette année.'
						: '',
				created_at: new Date(volunteeredAt)
			});
			addStep(entry, 'VOLUNTEER_SITE', volunteeredAt, { site: siteId }, contactId);
			if (decidedAt !== null)
				addStep(entry, status === 'accepted' ? 'ACCEPT_SITE' : 'DECLINE_SITE', decidedAt, {
					site: siteId
				});
			if (status !== 'accepted' || withdraws) return;
			// The third site of a trial sometimes leaves its report in draft (two suffice).
			const isSubmitted = n < 2 || random.chance(0.7);
			const reportAt = between(random, cal.trialEnds - 35 * DAY, cal.trialEnds - 10 * DAY);
			const effect = Math.min(1, Math.max(0.1, 0.6 + 0.2 * entry.quality + random.normal() * 0.15));
			const reportId = reports.length + 1;
			reports.push({
				id: reportId,
				site_id: siteId,
				status: isSubmitted ? 'submitted' : 'draft',
				fidelity: JSON.stringify(
					p.tasks
						.map((_, i): FidelityLevel =>
							effect >= 0.6 || i < p.tasks.length - 1 ? 'full' : 'partial'
						)
						.slice(0, isSubmitted ? undefined : 1)
				),
				adaptations:
					effect >= 0.6
						? 'Aucune adaptation notable : le protocole a été suivi tel quel.'
						: 'Le calendrier a été resserré ; une étape a été menée en partie faute de temps.',
				satisfaction: Math.min(5, Math.max(1, Math.round(2 + effect * 3))),
				will_continue: isSubmitted ? effect >= 0.5 : null,
				continue_reason: isSubmitted
					? effect >= 0.5
						? 'Les équipes veulent poursuivre l’an prochain.'
						: 'Les moyens humains manquent pour poursuivre sans accompagnement.'
					: '',
				comments: isSubmitted ? random.pick(REPORT_COMMENTS) : '',
				version: isSubmitted ? 2 : 1,
				updated_at: new Date(reportAt),
				submitted_at: isSubmitted ? new Date(reportAt) : null
			});
			p.indicators.forEach((indicator, i) => {
				const before = Math.round(random.int(20, 80) * 10) / 10;
				const change =
					indicator.direction === 'decrease' ? -1 : indicator.direction === 'increase' ? 1 : 0;
				values.push({
					report_id: reportId,
					indicator_id: indicatorIds[i],
					before,
					after:
						isSubmitted || i === 0 ? Math.round((before + change * effect * 15) * 10) / 10 : null
				});
			});
			if (isSubmitted) {
				submitted++;
				addStep(entry, 'SUBMIT_TRIAL_REPORT', reportAt, { site: siteId }, contactId);
			}
		});
		if (withdraws) {
			addStep(entry, 'WITHDRAW', between(random, cal.trial + 45 * DAY, cal.trial + 60 * DAY), {
				reason: random.pick(WITHDRAWAL_REASONS)
			});
			continue;
		}
		addStep(
			entry,
			'COMPLETE_TRIAL',
			between(random, cal.trialEnds - 6 * DAY, cal.trialEnds - HOUR),
			{
				__reports: submitted
			}
		);
	}
	return { users, protocols, indicators, sites, reports, values };
}
