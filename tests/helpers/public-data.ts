// A fixture for the public transparency page and the open data: editions in seven phases, candidatures
// in every entry state (placed where the workflow can leave them), withdrawn ones logged with the state
// they left, members with and without name consent, laureates with and without publication consent,
// jurors, and one edition's hash-chained log with its phase changes and private events.
//
// It inserts rows directly and keeps the workflow's invariants (tests/helpers/invariants.ts): every
// logged entity's version counts its events and its state is its last event's target; an entity
// without events has version 0.
import type { Db } from '../../src/lib/server/db';
import type { EventEntity } from '../../src/lib/server/db/schema';
import { appendEvent } from '../../src/lib/server/workflow/event-log';

/** Text that must never appear in any public file: private titles, unconsented names, e-mails. */
export const SECRETS = {
	/** Laureate whose team refused publication. */
	unconsentedLaureate: 'Lauréat discret',
	/** Non-laureates of published editions. */
	notAwarded: 'Finaliste non primé',
	notShortlisted: 'Non retenue en présélection',
	ineligible: 'Hors règlement',
	draft: 'Brouillon abandonné',
	withdrawn: 'Retirée après présélection',
	/** Laureate of an edition still in deliberation. */
	deliberationLaureate: 'Secret des délibérations',
	deliberationFinalist: 'Finaliste en délibération',
	trialEntry: 'Essai en cours',
	eligibilityEntry: 'Dossier en examen',
	draftEditionEntry: 'Projet d’une édition en préparation',
	/** Member of a published laureate who refused his name's publication. */
	unconsentedName: 'Bruno Petit',
	/** A reason told to a team, logged in a private event's payload. */
	withdrawReason: 'Motif personnel confidentiel',
	/** A certificate code, logged in a private edition event. */
	certificateCode: 'CODE-SECRET-DU-CERTIFICAT',
	/** A juror sitting in no round, and a juror of an unpublished edition. */
	idleJuror: 'Fanny Roux',
	unpublishedJuror: 'Gilles Faure'
} as const;

export const PUBLISHED_TITLES = {
	prize: 'Lauréat publié',
	mention: 'Mention publiée',
	archived: 'Lauréat archivé'
} as const;

export const PUBLISHED_NAMES = ['Alice Martin', 'Chloé Durand'] as const;

export const YEARS = {
	archived: 2023,
	published: 2024,
	deliberation: 2025,
	trial: 2026,
	eligibility: 2027,
	open: 2028,
	draft: 2029
} as const;

type Phase = keyof typeof YEARS;

interface EntrySpec {
	title: string;
	state: string;
	academie: string | null;
	award?: 'prize' | 'mention';
	consent?: boolean;
	/** For a withdrawn entry: the state it was withdrawn in (logged as a WITHDRAW event). */
	withdrawnFrom?: string;
	members?: { name: string; lead?: boolean; publish: boolean }[];
	slug?: string;
}

/** The candidatures of each edition. Académies: Lyon, Lille, Corse, Guyane (drafts only), none. */
const ENTRIES: Record<Phase, EntrySpec[]> = {
	archived: [
		{
			title: PUBLISHED_TITLES.archived,
			state: 'laureate',
			award: 'prize',
			academie: 'Lille',
			consent: true,
			slug: '2023-laureat-archive',
			members: [{ name: 'Chloé Durand', lead: true, publish: true }]
		},
		{ title: 'Non retenue en 2023', state: 'notShortlisted', academie: 'Lyon' }
	],
	published: [
		{
			title: PUBLISHED_TITLES.prize,
			state: 'laureate',
			award: 'prize',
			academie: 'Lyon',
			consent: true,
			slug: '2024-laureat-publie',
			members: [
				{ name: 'Alice Martin', lead: true, publish: true },
				{ name: SECRETS.unconsentedName, publish: false }
			]
		},
		{
			title: PUBLISHED_TITLES.mention,
			state: 'laureate',
			award: 'mention',
			academie: 'Lille',
			consent: true,
			members: [{ name: 'Chloé Durand', lead: true, publish: true }]
		},
		{
			title: SECRETS.unconsentedLaureate,
			state: 'laureate',
			award: 'prize',
			academie: 'Lyon',
			consent: false,
			members: [{ name: 'David Moreau', lead: true, publish: true }]
		},
		{ title: SECRETS.notAwarded, state: 'notAwarded', academie: 'Lille', consent: true },
		{ title: SECRETS.notShortlisted, state: 'notShortlisted', academie: 'Corse', consent: true },
		{ title: SECRETS.ineligible, state: 'ineligible', academie: null, consent: true },
		{ title: SECRETS.draft, state: 'draft', academie: 'Guyane', consent: true },
		{
			title: SECRETS.withdrawn,
			state: 'withdrawn',
			withdrawnFrom: 'shortlisted',
			academie: 'Lyon',
			consent: true
		},
		{
			title: 'Retirée en brouillon',
			state: 'withdrawn',
			withdrawnFrom: 'draft',
			academie: 'Guyane'
		}
	],
	deliberation: [
		{
			title: SECRETS.deliberationLaureate,
			state: 'laureate',
			award: 'prize',
			academie: 'Lyon',
			consent: true,
			members: [{ name: 'Alice Martin', lead: true, publish: true }]
		},
		{ title: 'Non primée en délibération', state: 'notAwarded', academie: 'Lille', consent: true },
		{ title: SECRETS.deliberationFinalist, state: 'finalist', academie: 'Corse', consent: true }
	],
	trial: [
		{ title: 'Présélectionnée en attente', state: 'shortlisted', academie: 'Lyon', consent: true },
		{ title: SECRETS.trialEntry, state: 'inTrial', academie: 'Lille', consent: true },
		{ title: 'Essai terminé', state: 'finalist', academie: 'Lille', consent: true },
		{ title: 'Écartée en 2026', state: 'notShortlisted', academie: 'Corse' },
		{ title: 'Non éligible en 2026', state: 'ineligible', academie: 'Lyon' },
		{
			title: 'Retirée pendant l’essai',
			state: 'withdrawn',
			withdrawnFrom: 'inTrial',
			academie: 'Lyon'
		}
	],
	eligibility: [
		{ title: SECRETS.eligibilityEntry, state: 'submitted', academie: 'Lyon' },
		{ title: 'À compléter', state: 'changesRequested', academie: 'Lille' },
		{ title: 'Déjà éligible', state: 'eligible', academie: 'Lyon' },
		{ title: 'Déjà écartée', state: 'ineligible', academie: 'Corse' },
		{ title: 'Brouillon 2027', state: 'draft', academie: 'Guyane' }
	],
	open: [
		{ title: 'Déposée en 2028', state: 'submitted', academie: 'Lyon' },
		{ title: 'Brouillon 2028', state: 'draft', academie: 'Lille' }
	],
	draft: [{ title: SECRETS.draftEditionEntry, state: 'draft', academie: 'Lyon' }]
};

/** The expected public counts, by phase: null where the stage is not passed. */
export const EXPECTED = {
	archived: {
		submitted: 2,
		eligible: 2,
		shortlisted: 1,
		inTrial: 1,
		finalist: 1,
		laureate: 1,
		prizes: 1,
		mentions: 0
	},
	published: {
		submitted: 7,
		eligible: 6,
		shortlisted: 5,
		inTrial: 4,
		finalist: 4,
		laureate: 3,
		prizes: 2,
		mentions: 1
	},
	deliberation: {
		submitted: 3,
		eligible: 3,
		shortlisted: 3,
		inTrial: 3,
		finalist: 3,
		laureate: null,
		prizes: null,
		mentions: null
	},
	trial: {
		submitted: 6,
		eligible: 5,
		shortlisted: 4,
		inTrial: null,
		finalist: null,
		laureate: null,
		prizes: null,
		mentions: null
	},
	eligibility: {
		submitted: 4,
		eligible: null,
		shortlisted: null,
		inTrial: null,
		finalist: null,
		laureate: null,
		prizes: null,
		mentions: null
	},
	open: {
		submitted: null,
		eligible: null,
		shortlisted: null,
		inTrial: null,
		finalist: null,
		laureate: null,
		prizes: null,
		mentions: null
	}
} as const;

/** Expected académie lines [académie, submitted, shortlisted, laureates] (null: not passed). */
export const EXPECTED_ACADEMIES: Partial<Record<Phase, [string | null, ...(number | null)[]][]>> = {
	archived: [
		['Lille', 1, 1, 1],
		['Lyon', 1, 0, 0]
	],
	published: [
		['Corse', 1, 0, 0],
		['Lille', 2, 2, 1],
		['Lyon', 3, 3, 2],
		[null, 1, 0, 0]
	],
	deliberation: [
		['Corse', 1, 1, null],
		['Lille', 1, 1, null],
		['Lyon', 1, 1, null]
	],
	trial: [
		['Corse', 1, 0, null],
		['Lille', 2, 2, null],
		['Lyon', 3, 2, null]
	],
	eligibility: [
		['Corse', 1, null, null],
		['Lille', 1, null, null],
		['Lyon', 2, null, null]
	]
};

const PHASE_OF: Record<Phase, string> = {
	archived: 'archived',
	published: 'published',
	deliberation: 'deliberation',
	trial: 'trial',
	eligibility: 'eligibility',
	open: 'open',
	draft: 'draft'
};

/** The phase changes logged for the published edition, in order. */
const PHASE_EVENTS: [string, string, string][] = [
	['OPEN', 'draft', 'open'],
	['CLOSE_SUBMISSIONS', 'open', 'eligibility'],
	['START_PRESELECTION', 'eligibility', 'preselection'],
	['START_TRIAL', 'preselection', 'trial'],
	['START_FINAL', 'trial', 'final'],
	['START_DELIBERATION', 'final', 'deliberation'],
	['PUBLISH', 'deliberation', 'published']
];

export interface PublicFixture {
	editions: Record<Phase, number>;
	users: Map<string, number>;
	entries: Map<string, number>;
	/** Hashes of the published edition's chain, in order. */
	publishedChain: string[];
}

const emailOf = (name: string) =>
	`${name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\W+/g, '.')}@education.gouv.fr`;

export async function seedPublicData(db: Db): Promise<PublicFixture> {
	const users = new Map<string, number>();
	const user = async (name: string) => {
		const known = users.get(name);
		if (known) return known;
		const { id } = await db
			.insertInto('users')
			.values({ name, email: emailOf(name), password_hash: 'x' })
			.returning('id')
			.executeTakeFirstOrThrow();
		users.set(name, id);
		return id;
	};
	const editions = {} as Record<Phase, number>;
	const entries = new Map<string, number>();
	const publishedChain: string[] = [];
	let at = Date.parse('2024-01-10T09:00:00.000Z');
	const log = async (
		editionId: number,
		entity: EventEntity,
		entityId: number,
		type: string,
		from: string,
		to: string,
		payload: Record<string, unknown>
	) => {
		at += 3_600_000;
		const { hash } = await db.transaction().execute((trx) =>
			appendEvent(trx, {
				editionId,
				entity,
				entityId,
				actorId: null,
				type,
				from,
				to,
				payload,
				at: new Date(at),
				machineVersion: 2
			})
		);
		if (editionId === editions.published) publishedChain.push(hash);
	};

	for (const phase of Object.keys(ENTRIES) as Phase[]) {
		const year = YEARS[phase];
		const { id: editionId } = await db
			.insertInto('editions')
			.values({
				year,
				title: `Prix Impulsions ${year}`,
				phase: PHASE_OF[phase],
				submissions_close_at: `${year}-01-31T22:59:00.000Z`,
				ceremony_at: `${year}-06-20T16:00:00.000Z`
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		editions[phase] = editionId;
		const { id: category } = await db
			.insertInto('categories')
			.values({ edition_id: editionId, name: 'Prix du projet innovant', position: 1 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { id: theme } = await db
			.insertInto('edition_themes')
			.values({ edition_id: editionId, name: 'Numérique', position: 1 })
			.returning('id')
			.executeTakeFirstOrThrow();

		let editionEvents = 0;
		if (phase === 'published') {
			// The phases up to deliberation, the withdrawals in between, then the results and a private
			// edition event after them (a revoked certificate's code).
			for (const [type, from, to] of PHASE_EVENTS.slice(0, 6)) {
				await log(editionId, 'edition', editionId, type, from, to, { counts: { submitted: 7 } });
				editionEvents++;
			}
		}

		for (const spec of ENTRIES[phase]) {
			const { id } = await db
				.insertInto('entries')
				.values({
					edition_id: editionId,
					category_id: category,
					title: spec.title,
					summary: `Résumé de « ${spec.title} »`,
					state: spec.state,
					award: spec.award ?? null,
					academie: spec.academie,
					uai: spec.academie ? '0690001A' : null,
					etablissement_name: `Établissement de ${spec.title}`,
					publication_consent: spec.consent ?? false,
					slug: spec.slug ?? null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			entries.set(spec.title, id);
			await db.insertInto('entry_themes').values({ entry_id: id, theme_id: theme }).execute();
			for (const [i, m] of (spec.members ?? []).entries())
				await db
					.insertInto('entry_members')
					.values({
						entry_id: id,
						user_id: await user(m.name),
						role: m.lead ? 'lead' : 'member',
						publish_name: m.publish,
						added_at: new Date(Date.UTC(2024, 0, 1 + i))
					})
					.execute();
			if (spec.withdrawnFrom) {
				await log(editionId, 'entry', id, 'WITHDRAW', spec.withdrawnFrom, 'withdrawn', {
					reason: SECRETS.withdrawReason
				});
				await db.updateTable('entries').set({ version: 1 }).where('id', '=', id).execute();
			}
		}

		if (phase === 'published') {
			const [type, from, to] = PHASE_EVENTS[6];
			await log(editionId, 'edition', editionId, type, from, to, {
				counts: { laureate: 3, notAwarded: 1 }
			});
			await log(editionId, 'edition', editionId, 'REVOKE_CERTIFICATE', 'published', 'published', {
				certificate: SECRETS.certificateCode,
				kind: 'laureateMember'
			});
			editionEvents += 2;
		}
		if (editionEvents > 0)
			await db
				.updateTable('editions')
				.set({ version: editionEvents })
				.where('id', '=', editionId)
				.execute();
	}

	// The jury: two jurors of the published edition, one sitting in no round; one of an edition in trial.
	const jurors: [Phase, string, string | null, boolean, boolean][] = [
		['published', 'Denise Lambert', 'Lyon', true, true],
		['published', 'Étienne Blanc', null, false, true],
		['published', SECRETS.idleJuror, 'Lille', false, false],
		['trial', SECRETS.unpublishedJuror, 'Corse', true, false]
	];
	for (const [phase, name, academie, preselection, final] of jurors)
		await db
			.insertInto('edition_jurors')
			.values({
				edition_id: editions[phase],
				user_id: await user(name),
				academie,
				preselection,
				final
			})
			.execute();

	return { editions, users, entries, publishedChain };
}

/** A strict RFC 4180 reader (every record ends with CRLF): header + records as objects of text. */
export function readCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
	const records: string[][] = [];
	let record: string[] = [];
	let i = 0;
	while (i < text.length) {
		let value = '';
		if (text[i] === '"') {
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('unterminated quoted field');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						value += '"';
						i += 2;
					} else {
						i++;
						break;
					}
				} else value += text[i++];
			}
		} else {
			while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
				if (text[i] === '"') throw new Error('quote in an unquoted field');
				value += text[i++];
			}
		}
		record.push(value);
		if (text[i] === ',') i++;
		else if (text.startsWith('\r\n', i)) {
			records.push(record);
			record = [];
			i += 2;
		} else throw new Error(`unexpected character at ${i}`);
	}
	if (record.length > 0) throw new Error('last record without CRLF');
	const [header, ...rest] = records;
	for (const r of rest)
		if (r.length !== header.length)
			throw new Error(`record of ${r.length} fields, not ${header.length}`);
	return {
		header,
		rows: rest.map((r) => Object.fromEntries(header.map((name, k) => [name, r[k]])))
	};
}
