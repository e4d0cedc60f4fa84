// Editions as the organisers configure and follow them (/admin/editions, /admin/candidatures): the
// list, the configuration form (year, title, calendar, categories, themes) with its French checks,
// the phase moves on offer and why one is refused, the edition's and a candidature's history, and
// the pipeline board (entries per state, one page of them). Every function takes `db` (or a
// transaction) first. Phase changes go through `advanceEdition` only: nothing here writes `phase`,
// `snapshot` or `version`.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import {
	CALENDAR_FIELDS,
	formatParisDateTime,
	parseParisDateTime,
	toDateTimeLocal,
	type CalendarField
} from '$lib/domain/calendar';
import type { FieldErrors } from '$lib/domain/validation';
import { editionFacts } from '../workflow/advance';
import { editionEventsFrom, editionMachine, whyEditionRefused } from '../workflow/edition.machine';
import { editionFingerprint, entityEvents, lockEdition } from '../workflow/event-log';
import {
	EDITION_EVENT_TYPES,
	ENTRY_STATES,
	isEditionPhase,
	isEntryState,
	type EditionEventType,
	type EditionPhase,
	type EntryState
} from '../workflow/rules';
import { insertDefaultCriteria } from './criteria';
import type { Db } from './index';
import { parseInteger } from '$lib/domain/integer';

export const DEFAULT_CATEGORIES = [
	'Prix de la simplification',
	'Prix du projet innovant',
	'Prix spécial du jury'
] as const;
export const DEFAULT_THEMES = [
	'Faire plus simple',
	'Travailler autrement',
	'Mieux répondre aux usagers'
] as const;

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
const TITLE_MAX = 150;
const NAME_MAX = 120;
const LIST_MAX = 20;

/** The default title of an edition: « Prix Impulsions 2027 ». */
export const defaultEditionTitle = (year: number) => `Prix Impulsions ${year}`;

// ---------------------------------------------------------------------------------------------
// The configuration form

export type EditionField = 'year' | 'title' | CalendarField | 'categories' | 'themes';

/** What the form sends, as typed: given back untouched when it is refused. */
export type EditionFormValues = Record<EditionField, string>;

export interface EditionInput {
	year: number;
	title: string;
	calendar: Record<CalendarField, Date | null>;
	categories: string[];
	themes: string[];
}

export type EditionErrors = FieldErrors<EditionField>;

const FORM_FIELDS: EditionField[] = [
	'year',
	'title',
	...CALENDAR_FIELDS.map((f) => f.name),
	'categories',
	'themes'
];

/** Reads the configuration form; absent fields read as the empty string. */
export function readEditionForm(form: FormData): EditionFormValues {
	const values = {} as EditionFormValues;
	for (const name of FORM_FIELDS) {
		const value = form.get(name);
		values[name] = typeof value === 'string' ? value : '';
	}
	return values;
}

/** The form of a new edition: next year, the usual categories and themes, no dates. */
export function newEditionFormValues(year: number): EditionFormValues {
	const values = Object.fromEntries(FORM_FIELDS.map((name) => [name, ''])) as EditionFormValues;
	values.year = String(year);
	values.categories = DEFAULT_CATEGORIES.join('\n');
	values.themes = DEFAULT_THEMES.join('\n');
	return values;
}

/** The form of an existing edition, filled from its row (dates in Paris time). */
export function editionFormValues(
	edition: { year: number; title: string } & Record<CalendarField, Date | null>,
	categories: readonly { name: string }[],
	themes: readonly { name: string }[]
): EditionFormValues {
	const values = {
		year: String(edition.year),
		title: edition.title,
		categories: categories.map((c) => c.name).join('\n'),
		themes: themes.map((t) => t.name).join('\n')
	} as EditionFormValues;
	for (const { name } of CALENDAR_FIELDS) values[name] = toDateTimeLocal(edition[name]);
	return values;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** One name per line: blank lines dropped, spaces tidied; the problem in French, if any. */
function readList(
	text: string,
	what: { one: string; required: boolean }
): { names: string[]; problem: string | null } {
	const names = text.split(/\r?\n/).map(clean).filter(Boolean);
	if (names.length === 0 && what.required)
		return { names, problem: `Indiquez au moins une ${what.one}, une par ligne.` };
	if (names.length > LIST_MAX)
		return { names, problem: `Indiquez au plus ${LIST_MAX} ${what.one}s, une par ligne.` };
	const long = names.find((n) => n.length > NAME_MAX);
	if (long)
		return {
			names,
			problem: `« ${long.slice(0, 40)}… » est trop long : une ${what.one} tient en ${NAME_MAX} caractères au plus.`
		};
	const seen = new Set<string>();
	for (const name of names) {
		const key = name.toLocaleLowerCase('fr-FR');
		if (seen.has(key))
			return {
				names,
				problem: `« ${name} » figure deux fois : chaque ${what.one} ne doit apparaître qu’une fois.`
			};
		seen.add(key);
	}
	return { names, problem: null };
}

/** Checks the form; each problem is a French sentence on its field. Pure: no database. */
export function validateEdition(
	values: EditionFormValues
): { ok: true; input: EditionInput } | { ok: false; errors: EditionErrors } {
	const errors: EditionErrors = {};
	const yearText = values.year.trim();
	const year = parseInteger(yearText, { min: YEAR_MIN, max: YEAR_MAX }) ?? NaN;
	if (!yearText) errors.year = 'Saisissez l’année de l’édition, par exemple 2027.';
	else if (!(year >= YEAR_MIN && year <= YEAR_MAX))
		errors.year = `Saisissez une année en chiffres, entre ${YEAR_MIN} et ${YEAR_MAX}.`;

	let title = clean(values.title);
	if (title.length > TITLE_MAX)
		errors.title = `Le titre ne doit pas dépasser ${TITLE_MAX} caractères.`;
	else if (!title && !errors.year) title = defaultEditionTitle(year);

	const calendar = {} as Record<CalendarField, Date | null>;
	let previous: { label: string; date: Date } | null = null;
	for (const { name, label, ...rest } of CALENDAR_FIELDS) {
		const parsed = parseParisDateTime(values[name] ?? '');
		calendar[name] = null;
		if (parsed === 'invalid') {
			errors[name] = 'Saisissez une date et une heure valides, par exemple 31/01/2027 23:59.';
			continue;
		}
		if (parsed === null) {
			if ('required' in rest && rest.required)
				errors[name] = 'Fixez la date limite de dépôt des candidatures.';
			continue;
		}
		if (parsed.getUTCFullYear() < YEAR_MIN - 1 || parsed.getUTCFullYear() > YEAR_MAX + 1) {
			errors[name] = `Saisissez une date entre ${YEAR_MIN - 1} et ${YEAR_MAX + 1}.`;
			continue;
		}
		if (previous && parsed.getTime() < previous.date.getTime())
			errors[name] =
				`Cette date ne peut pas précéder celle de l’étape « ${previous.label} » ` +
				`(le ${formatParisDateTime(previous.date)}).`;
		calendar[name] = parsed;
		previous = { label, date: parsed };
	}

	const categories = readList(values.categories, { one: 'catégorie', required: true });
	if (categories.problem) errors.categories = categories.problem;
	const themes = readList(values.themes, { one: 'thématique', required: false });
	if (themes.problem) errors.themes = themes.problem;

	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		input: { year, title, calendar, categories: categories.names, themes: themes.names }
	};
}

const yearTaken = (year: number) =>
	`Une édition existe déjà pour l’année ${year} : choisissez une autre année.`;

const isUniqueViolation = (e: unknown) =>
	typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';

/**
 * Creates an edition in phase draft (version 0, no snapshot: a machine-version-1 row, restored from
 * its phase column) with its categories and themes, in one transaction.
 */
export async function createEdition(
	db: Db,
	values: EditionFormValues
): Promise<{ ok: true; id: number } | { ok: false; errors: EditionErrors }> {
	const checked = validateEdition(values);
	if (!checked.ok) return checked;
	const { year, title, calendar, categories, themes } = checked.input;
	try {
		return await db.transaction().execute(async (trx) => {
			const taken = await trx
				.selectFrom('editions')
				.select('id')
				.where('year', '=', year)
				.executeTakeFirst();
			if (taken) return { ok: false, errors: { year: yearTaken(year) } } as const;
			const { id } = await trx
				.insertInto('editions')
				.values({
					year,
					title,
					phase: 'draft',
					snapshot: null,
					machine_version: 1,
					version: 0,
					...calendar
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('categories')
				.values(categories.map((name, position) => ({ edition_id: id, name, position })))
				.execute();
			if (themes.length > 0)
				await trx
					.insertInto('edition_themes')
					.values(themes.map((name, position) => ({ edition_id: id, name, position })))
					.execute();
			await insertDefaultCriteria(trx, id);
			return { ok: true, id } as const;
		});
	} catch (e) {
		// Two organisers creating the same year at once: the unique index decides.
		if (isUniqueViolation(e)) return { ok: false, errors: { year: yearTaken(year) } };
		throw e;
	}
}

/**
 * Saves the configuration of an edition, in one transaction under the edition's lock. Categories and
 * themes are matched by name: new names are added, missing ones removed — except a category or a
 * theme a candidature uses, which is refused with a French message (renaming it is removing it).
 * The phase, snapshot and version are left alone: only `advanceEdition` changes them.
 */
export async function updateEdition(
	db: Db,
	editionId: number,
	values: EditionFormValues
): Promise<{ ok: true } | { ok: false; errors: EditionErrors } | { ok: false; notFound: true }> {
	const checked = validateEdition(values);
	if (!checked.ok) return checked;
	const { year, title, calendar, categories, themes } = checked.input;
	try {
		return await db.transaction().execute(async (trx) => {
			const edition = await lockEdition(trx, editionId);
			if (!edition) return { ok: false, notFound: true } as const;
			const taken = await trx
				.selectFrom('editions')
				.select('id')
				.where('year', '=', year)
				.where('id', '<>', editionId)
				.executeTakeFirst();
			if (taken) return { ok: false, errors: { year: yearTaken(year) } } as const;

			// Locked: a candidature choosing one of them now waits for this transaction.
			const existingCategories = await trx
				.selectFrom('categories')
				.select(['id', 'name'])
				.where('edition_id', '=', editionId)
				.orderBy('id')
				.forUpdate()
				.execute();
			const existingThemes = await trx
				.selectFrom('edition_themes')
				.select(['id', 'name'])
				.where('edition_id', '=', editionId)
				.orderBy('id')
				.forUpdate()
				.execute();
			const errors: EditionErrors = {};
			const removedCategories = existingCategories.filter((c) => !categories.includes(c.name));
			if (removedCategories.length > 0) {
				const used = await trx
					.selectFrom('entries')
					.where(
						'category_id',
						'in',
						removedCategories.map((c) => c.id)
					)
					.groupBy('category_id')
					.select((eb) => ['category_id as id', eb.fn.countAll<number>().as('n')])
					.execute();
				if (used.length > 0)
					errors.categories = inUse(used, removedCategories, (name, n) =>
						n > 1
							? `La catégorie « ${name} » ne peut pas être retirée : ${n} candidatures y sont rattachées.`
							: `La catégorie « ${name} » ne peut pas être retirée : 1 candidature y est rattachée.`
					);
			}
			const removedThemes = existingThemes.filter((t) => !themes.includes(t.name));
			if (removedThemes.length > 0) {
				const used = await trx
					.selectFrom('entry_themes')
					.where(
						'theme_id',
						'in',
						removedThemes.map((t) => t.id)
					)
					.groupBy('theme_id')
					.select((eb) => ['theme_id as id', eb.fn.countAll<number>().as('n')])
					.execute();
				if (used.length > 0)
					errors.themes = inUse(used, removedThemes, (name, n) =>
						n > 1
							? `La thématique « ${name} » ne peut pas être retirée : ${n} candidatures l’ont choisie.`
							: `La thématique « ${name} » ne peut pas être retirée : 1 candidature l’a choisie.`
					);
			}
			if (Object.keys(errors).length > 0) return { ok: false, errors } as const;

			await trx
				.updateTable('editions')
				.set({ year, title, ...calendar })
				.where('id', '=', editionId)
				.execute();
			await syncNames(trx, 'categories', editionId, existingCategories, categories);
			await syncNames(trx, 'edition_themes', editionId, existingThemes, themes);
			return { ok: true } as const;
		});
	} catch (e) {
		if (isUniqueViolation(e)) return { ok: false, errors: { year: yearTaken(year) } };
		throw e;
	}
}

/** One French sentence per name still in use, in the order of `names`. */
function inUse(
	used: readonly { id: number | null; n: number | string }[],
	names: readonly { id: number; name: string }[],
	sentence: (name: string, n: number) => string
): string {
	const counts = new Map(used.map((row) => [row.id, Number(row.n)]));
	return names
		.filter((row) => counts.has(row.id))
		.map((row) => sentence(row.name, counts.get(row.id)!))
		.join(' ');
}

/** Makes the edition's categories (or themes) exactly `names`, in order; kept names keep their ids. */
async function syncNames(
	trx: Db,
	table: 'categories' | 'edition_themes',
	editionId: number,
	existing: readonly { id: number; name: string }[],
	names: readonly string[]
): Promise<void> {
	const gone = existing.filter((row) => !names.includes(row.name)).map((row) => row.id);
	if (gone.length > 0) await trx.deleteFrom(table).where('id', 'in', gone).execute();
	const kept = new Map(existing.map((row) => [row.name, row.id]));
	const added = names
		.map((name, position) => ({ edition_id: editionId, name, position }))
		.filter((row) => !kept.has(row.name));
	if (added.length > 0) await trx.insertInto(table).values(added).execute();
	// The order of the kept ones, in one statement.
	const moved = names
		.map((name, position) => ({ id: kept.get(name), position }))
		.filter((row): row is { id: number; position: number } => row.id !== undefined);
	if (moved.length > 0)
		await trx
			.updateTable(table)
			.set({
				position: sql<number>`case id ${sql.join(
					moved.map((row) => sql`when ${row.id} then ${row.position}::integer`),
					sql` `
				)} end`
			})
			.where(
				'id',
				'in',
				moved.map((row) => row.id)
			)
			.execute();
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Every edition, newest first, with its number of candidatures (one query). */
export async function listEditions(db: Db) {
	const rows = await db
		.selectFrom('editions as ed')
		.select((eb) => [
			'ed.id',
			'ed.year',
			'ed.title',
			'ed.phase',
			'ed.submissions_close_at',
			eb
				.selectFrom('entries as e')
				.whereRef('e.edition_id', '=', 'ed.id')
				.select(eb.fn.countAll<number>().as('n'))
				.as('entries')
		])
		.orderBy('ed.year', 'desc')
		.orderBy('ed.id', 'desc')
		.execute();
	return rows.map((row) => ({ ...row, entries: Number(row.entries ?? 0) }));
}

export type EditionListItem = Awaited<ReturnType<typeof listEditions>>[number];

/** The next year without an edition (at least next calendar year): what the creation form offers. */
export async function nextFreeYear(db: Db, now = new Date()): Promise<number> {
	const row = await db
		.selectFrom('editions')
		.select((eb) => eb.fn.max('year').as('year'))
		.executeTakeFirst();
	const latest = row?.year === null || row?.year === undefined ? 0 : Number(row.year);
	return Math.min(YEAR_MAX, Math.max(now.getUTCFullYear() + 1, latest + 1));
}

/** One edition with its calendar, its categories (with how many candidatures each) and themes. */
export async function findEdition(db: Db, editionId: number) {
	return db
		.selectFrom('editions as ed')
		.where('ed.id', '=', editionId)
		.select((eb) => [
			'ed.id',
			'ed.year',
			'ed.title',
			'ed.phase',
			'ed.version',
			'ed.created_at',
			'ed.opens_at',
			'ed.submissions_close_at',
			'ed.eligibility_at',
			'ed.preselection_at',
			'ed.trial_starts_at',
			'ed.trial_ends_at',
			'ed.final_at',
			'ed.ceremony_at',
			eb
				.selectFrom('entries as e')
				.whereRef('e.edition_id', '=', 'ed.id')
				.select(eb.fn.countAll<number>().as('n'))
				.as('entries'),
			jsonArrayFrom(
				eb
					.selectFrom('categories as c')
					.whereRef('c.edition_id', '=', 'ed.id')
					.select((inner) => [
						'c.id',
						'c.name',
						inner
							.selectFrom('entries as ce')
							.whereRef('ce.category_id', '=', 'c.id')
							.select(inner.fn.countAll<number>().as('n'))
							.as('entries')
					])
					.orderBy('c.position')
					.orderBy('c.id')
			).as('categories'),
			jsonArrayFrom(
				eb
					.selectFrom('edition_themes as t')
					.whereRef('t.edition_id', '=', 'ed.id')
					.select((inner) => [
						't.id',
						't.name',
						inner
							.selectFrom('entry_themes as et')
							.whereRef('et.theme_id', '=', 't.id')
							.select(inner.fn.countAll<number>().as('n'))
							.as('entries')
					])
					.orderBy('t.position')
					.orderBy('t.id')
			).as('themes')
		])
		.executeTakeFirst()
		.then((row) =>
			row
				? {
						...row,
						entries: Number(row.entries ?? 0),
						categories: row.categories.map((c) => ({ ...c, entries: Number(c.entries ?? 0) })),
						themes: row.themes.map((t) => ({ ...t, entries: Number(t.entries ?? 0) }))
					}
				: undefined
		);
}

export type EditionDetail = NonNullable<Awaited<ReturnType<typeof findEdition>>>;

export interface EditionMove {
	type: EditionEventType;
	/** The phase it leads to. */
	to: EditionPhase | null;
	/** Why it cannot happen now, in French; null when it can. */
	reason: string | null;
}

/** The phase a move leads to, read from the machine's definition (whatever its guard says now). */
function targetOf(phase: EditionPhase, type: EditionEventType): EditionPhase | null {
	const target = editionMachine.states[phase]?.on[type]?.[0]?.target?.[0]?.key;
	return isEditionPhase(target) ? target : null;
}

/**
 * The moves an organiser may ask of an edition in its phase, each with the machine's reason when it
 * would be refused now (two queries: the facts the guards read).
 */
export async function editionMoves(
	db: Db,
	edition: { id: number; phase: string; submissions_close_at: Date | null },
	at = new Date()
): Promise<EditionMove[]> {
	if (!isEditionPhase(edition.phase)) return [];
	const phase = edition.phase;
	const types = editionEventsFrom(phase);
	if (types.length === 0) return [];
	const facts = await editionFacts(db, edition.id, edition.submissions_close_at, at);
	return types.map((type) => {
		const event = { type, role: 'organiser' as const, facts };
		const reason = whyEditionRefused(phase, event);
		return { type, reason, to: targetOf(phase, type) };
	});
}

/** Whether a string names an edition event. */
export function isEditionEventType(value: unknown): value is EditionEventType {
	return typeof value === 'string' && (EDITION_EVENT_TYPES as readonly string[]).includes(value);
}

/** The edition's own history (its phase changes, oldest first) and its fingerprint. */
export async function editionHistory(db: Db, editionId: number) {
	const [events, fingerprint] = await Promise.all([
		entityEvents(db, 'edition', editionId),
		editionFingerprint(db, editionId)
	]);
	return { events, fingerprint };
}

// ---------------------------------------------------------------------------------------------
// The pipeline board

export const PIPELINE_PAGE_SIZE = 25;

export interface PipelineOptions {
	/** Only the entries in this state; all of them when undefined. */
	state?: EntryState;
	/** 1-based; past the last page gives the last page. */
	page: number;
	pageSize?: number;
}

/**
 * The entries of an edition per state (all 12 states, zeros included, in the workflow's order) and
 * one page of them, newest change first, with category and lead: two queries.
 */
export async function editionPipeline(db: Db, editionId: number, options: PipelineOptions) {
	const pageSize = Math.max(1, Math.floor(options.pageSize ?? PIPELINE_PAGE_SIZE));
	const grouped = await db
		.selectFrom('entries')
		.where('edition_id', '=', editionId)
		.groupBy('state')
		.select((eb) => ['state', eb.fn.countAll<number>().as('n')])
		.execute();
	const byState = new Map(grouped.map((row) => [row.state, Number(row.n)]));
	const counts = ENTRY_STATES.map((state) => ({ state, count: byState.get(state) ?? 0 }));
	// States the workflow does not know (none expected) still count in the total.
	const all = grouped.reduce((sum, row) => sum + Number(row.n), 0);
	const total = options.state ? (byState.get(options.state) ?? 0) : all;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);

	const entries =
		total === 0
			? []
			: await db
					.selectFrom('entries as e')
					.leftJoin('categories as c', 'c.id', 'e.category_id')
					.leftJoin('entry_members as m', (join) =>
						join.onRef('m.entry_id', '=', 'e.id').on('m.role', '=', 'lead')
					)
					.leftJoin('users as u', 'u.id', 'm.user_id')
					.where('e.edition_id', '=', editionId)
					.$if(options.state !== undefined, (q) => q.where('e.state', '=', options.state!))
					.select([
						'e.id',
						'e.title',
						'e.state',
						'e.updated_at',
						'c.name as category_name',
						'u.name as lead_name'
					])
					.orderBy('e.updated_at', 'desc')
					.orderBy('e.id', 'desc')
					.limit(pageSize)
					.offset((page - 1) * pageSize)
					.execute();
	return { counts, all, total, page, pageCount, pageSize, state: options.state ?? null, entries };
}

/** The state named by `?etat=`, or undefined for anything else (then: all states). */
export function entryStateParam(value: string | null): EntryState | undefined {
	return isEntryState(value) ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// One candidature

/** A candidature with its edition, category, themes and team (one query), or undefined. */
export async function findEntrySummary(db: Db, entryId: number) {
	return db
		.selectFrom('entries as e')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.where('e.id', '=', entryId)
		.select((eb) => [
			'e.id',
			'e.title',
			'e.summary',
			'e.state',
			'e.award',
			'e.version',
			'e.created_at',
			'e.updated_at',
			'ed.id as edition_id',
			'ed.year as edition_year',
			'ed.title as edition_title',
			'ed.phase as edition_phase',
			'c.name as category_name',
			'e.etablissement_name',
			'e.uai',
			'e.academie',
			'e.problem',
			'e.solution',
			'e.audience',
			'e.results',
			'e.transferability',
			'e.resources',
			'e.publication_consent',
			'ed.submissions_close_at',
			jsonArrayFrom(
				eb
					.selectFrom('entry_themes as et')
					.innerJoin('edition_themes as t', 't.id', 'et.theme_id')
					.whereRef('et.entry_id', '=', 'e.id')
					.select(['t.id', 't.name'])
					.orderBy('t.position')
					.orderBy('t.id')
			).as('themes'),
			jsonArrayFrom(
				eb
					.selectFrom('entry_members as m')
					.innerJoin('users as u', 'u.id', 'm.user_id')
					.whereRef('m.entry_id', '=', 'e.id')
					.select(['u.id', 'u.name', 'u.email', 'm.role'])
					.orderBy(sql`m.role = 'lead'`, 'desc')
					.orderBy('m.added_at')
					.orderBy('u.name')
			).as('members')
		])
		.executeTakeFirst();
}

export type EntrySummary = NonNullable<Awaited<ReturnType<typeof findEntrySummary>>>;

/** A candidature's history, oldest first, with each actor's name. */
export function entryHistory(db: Db, entryId: number) {
	return entityEvents(db, 'entry', entryId);
}
