// The certificates of an edition (table `certificates`, migration 0006): who is owed one when results
// are published, the rows as printed, the organisers' list and the recipients' own list.
//
// Who is owed a certificate (issued by src/lib/server/certificates/issue.ts):
// - laureateTeam: every laureate (state 'laureate' with an award, prize or mention) — the team is
//   named by its établissement (or, without one, by the innovation's title);
// - laureateMember: every member of a laureate's team who agreed to have his name published
//   (entry_members.publish_name) — a member without that consent gets none;
// - juror: every juror of the edition who submitted at least one review (either round): being
//   assigned is not taking part;
// - trialSite: every trial site that the team accepted and whose report was transmitted, for any
//   candidature of the edition (a declined site, or one without a transmitted report, gets none).
import { sql } from 'kysely';
import type { Db } from './index';
import type { CertificateKind } from './schema';

export const CERTIFICATE_KINDS: readonly CertificateKind[] = [
	'laureateTeam',
	'laureateMember',
	'juror',
	'trialSite'
];

export function isCertificateKind(value: unknown): value is CertificateKind {
	return (CERTIFICATE_KINDS as readonly unknown[]).includes(value);
}

/** A certificate owed and not issued yet: its subject and what it will print. */
export interface OwedCertificate {
	kind: CertificateKind;
	entry_id: number | null;
	user_id: number | null;
	trial_site_id: number | null;
	recipient: string;
	entry_title: string | null;
	award: 'prize' | 'mention' | null;
	category_name: string | null;
}

/** `not exists` a certificate of this edition, kind and subject (the unique subject index's columns). */
function notIssued(
	editionId: number,
	kind: CertificateKind,
	subject: { entry?: string; user?: string; site?: string }
) {
	const column = (ref: string | undefined) => (ref ? sql.ref(ref) : sql.lit(0));
	return sql<boolean>`not exists (select 1 from certificates c
		where c.edition_id = ${editionId} and c.kind = ${kind}
		and coalesce(c.entry_id, 0) = ${column(subject.entry)}
		and coalesce(c.user_id, 0) = ${column(subject.user)}
		and coalesce(c.trial_site_id, 0) = ${column(subject.site)})`;
}

/**
 * The certificates the edition owes and has not issued yet (see the header), in four queries, in a
 * stable order (kind, then entry, then person or site).
 */
export async function owedCertificates(db: Db, editionId: number): Promise<OwedCertificate[]> {
	const laureates = () =>
		db
			.selectFrom('entries as e')
			.leftJoin('categories as cat', 'cat.id', 'e.category_id')
			.where('e.edition_id', '=', editionId)
			.where('e.state', '=', 'laureate')
			.where('e.award', 'is not', null);
	const [teams, members, jurors, sites] = await Promise.all([
		laureates()
			.where(notIssued(editionId, 'laureateTeam', { entry: 'e.id' }))
			.select([
				'e.id as entry_id',
				'e.title',
				'e.etablissement_name',
				'e.award',
				'cat.name as category_name'
			])
			.orderBy('e.id')
			.execute(),
		laureates()
			.innerJoin('entry_members as m', 'm.entry_id', 'e.id')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.where('m.publish_name', '=', true)
			.where(notIssued(editionId, 'laureateMember', { entry: 'e.id', user: 'u.id' }))
			.select([
				'e.id as entry_id',
				'u.id as user_id',
				'u.name',
				'e.title',
				'e.award',
				'cat.name as category_name'
			])
			.orderBy('e.id')
			.orderBy(sql`m.role = 'lead'`, 'desc')
			.orderBy('m.added_at')
			.orderBy('u.id')
			.execute(),
		db
			.selectFrom('edition_jurors as j')
			.innerJoin('users as u', 'u.id', 'j.user_id')
			.where('j.edition_id', '=', editionId)
			.where((eb) =>
				eb.exists(
					eb
						.selectFrom('reviews as r')
						.innerJoin('entries as re', 're.id', 'r.entry_id')
						.whereRef('r.juror_id', '=', 'j.user_id')
						.where('re.edition_id', '=', editionId)
						.where('r.status', '=', 'submitted')
						.select(sql.lit(1).as('one'))
				)
			)
			.where(notIssued(editionId, 'juror', { user: 'u.id' }))
			.select(['u.id as user_id', 'u.name'])
			.orderBy('u.name')
			.orderBy('u.id')
			.execute(),
		db
			.selectFrom('trial_sites as s')
			.innerJoin('entries as e', 'e.id', 's.entry_id')
			.innerJoin('trial_reports as r', 'r.site_id', 's.id')
			.where('e.edition_id', '=', editionId)
			.where('s.status', '=', 'accepted')
			.where('r.status', '=', 'submitted')
			.where(notIssued(editionId, 'trialSite', { entry: 'e.id', site: 's.id' }))
			.select(['s.id as site_id', 's.name', 'e.id as entry_id', 'e.title'])
			.orderBy('e.id')
			.orderBy('s.id')
			.execute()
	]);
	return [
		...teams.map((t): OwedCertificate => ({
			kind: 'laureateTeam',
			entry_id: t.entry_id,
			user_id: null,
			trial_site_id: null,
			recipient: t.etablissement_name.trim() || t.title,
			entry_title: t.title,
			award: t.award,
			category_name: t.category_name
		})),
		...members.map((m): OwedCertificate => ({
			kind: 'laureateMember',
			entry_id: m.entry_id,
			user_id: m.user_id,
			trial_site_id: null,
			recipient: m.name,
			entry_title: m.title,
			award: m.award,
			category_name: m.category_name
		})),
		...jurors.map((j): OwedCertificate => ({
			kind: 'juror',
			entry_id: null,
			user_id: j.user_id,
			trial_site_id: null,
			recipient: j.name,
			entry_title: null,
			award: null,
			category_name: null
		})),
		...sites.map((s): OwedCertificate => ({
			kind: 'trialSite',
			entry_id: s.entry_id,
			user_id: null,
			trial_site_id: s.site_id,
			recipient: s.name,
			entry_title: s.title,
			award: null,
			category_name: null
		}))
	];
}

/** Inserts issued certificates; a subject already issued meanwhile is skipped. Returns how many were new. */
export async function insertCertificates(
	db: Db,
	rows: (OwedCertificate & { code: string; edition_id: number; issued_at: Date })[]
): Promise<number> {
	if (rows.length === 0) return 0;
	let inserted = 0;
	// Batches keep the statement's parameters under PostgreSQL's limit (65,535).
	for (let i = 0; i < rows.length; i += 1000) {
		const result = await db
			.insertInto('certificates')
			.values(rows.slice(i, i + 1000))
			.onConflict((oc) => oc.doNothing())
			.returning('id')
			.execute();
		inserted += result.length;
	}
	return inserted;
}

/** What a certificate's PDF and its verification page need: the row and its edition. */
function certificateRows(db: Db) {
	return db
		.selectFrom('certificates as c')
		.innerJoin('editions as ed', 'ed.id', 'c.edition_id')
		.select([
			'c.id',
			'c.code',
			'c.edition_id',
			'c.kind',
			'c.entry_id',
			'c.user_id',
			'c.trial_site_id',
			'c.recipient',
			'c.entry_title',
			'c.award',
			'c.category_name',
			'c.issued_at',
			'c.revoked_at',
			'c.revoked_reason',
			'ed.year as edition_year',
			'ed.title as edition_title'
		]);
}

export type CertificateRow = Awaited<ReturnType<typeof findCertificateByCode>> & {};

/** A certificate by its canonical code, or undefined. */
export function findCertificateByCode(db: Db, code: string) {
	return certificateRows(db).where('c.code', '=', code).executeTakeFirst();
}

/** A certificate of an edition by its id, or undefined. */
export function findEditionCertificate(db: Db, editionId: number, id: number) {
	return certificateRows(db)
		.where('c.edition_id', '=', editionId)
		.where('c.id', '=', id)
		.executeTakeFirst();
}

/** Certificates on one page of the organisers' list. */
export const CERTIFICATES_PAGE_SIZE = 50;

/**
 * One page of an edition's certificates (optionally of one kind), with the count per kind (issued and
 * revoked) — in two queries. Ordered by kind, then entry, then recipient.
 */
export async function listEditionCertificates(
	db: Db,
	editionId: number,
	options: { kind?: CertificateKind; page?: number; pageSize?: number } = {}
) {
	const pageSize = options.pageSize ?? CERTIFICATES_PAGE_SIZE;
	const page = Math.max(1, options.page ?? 1);
	let query = certificateRows(db).where('c.edition_id', '=', editionId);
	if (options.kind) query = query.where('c.kind', '=', options.kind);
	const [rows, counts] = await Promise.all([
		query
			.orderBy(
				sql`array_position(array['laureateTeam', 'laureateMember', 'juror', 'trialSite'], c.kind)`
			)
			.orderBy('c.entry_id')
			.orderBy('c.recipient')
			.orderBy('c.id')
			.limit(pageSize)
			.offset((page - 1) * pageSize)
			.execute(),
		db
			.selectFrom('certificates')
			.where('edition_id', '=', editionId)
			.groupBy('kind')
			.select((eb) => [
				'kind',
				eb.fn.countAll<number>().as('issued'),
				eb.fn.count<number>('revoked_at').as('revoked')
			])
			.execute()
	]);
	const byKind = Object.fromEntries(
		CERTIFICATE_KINDS.map((kind) => {
			const row = counts.find((c) => c.kind === kind);
			return [kind, { issued: Number(row?.issued ?? 0), revoked: Number(row?.revoked ?? 0) }];
		})
	) as Record<CertificateKind, { issued: number; revoked: number }>;
	const total = options.kind
		? byKind[options.kind].issued
		: Object.values(byKind).reduce((sum, c) => sum + c.issued, 0);
	return {
		rows,
		byKind,
		total,
		page,
		pageSize,
		pages: Math.max(1, Math.ceil(total / pageSize))
	};
}

/** The certificates of an edition that are not revoked, in the list's order (for the ZIP archive). */
export function validEditionCertificates(db: Db, editionId: number) {
	return certificateRows(db)
		.where('c.edition_id', '=', editionId)
		.where('c.revoked_at', 'is', null)
		.orderBy(
			sql`array_position(array['laureateTeam', 'laureateMember', 'juror', 'trialSite'], c.kind)`
		)
		.orderBy('c.entry_id')
		.orderBy('c.recipient')
		.orderBy('c.id');
}

/**
 * The certificates addressed to a person, in one query: his own (laureateMember, juror), his teams'
 * (laureateTeam of any candidature he is a member of) and his sites' (trialSite whose contact he is).
 * Latest edition first.
 */
export function userCertificates(db: Db, userId: number) {
	return certificateRows(db)
		.where((eb) =>
			eb.or([
				eb.and([eb('c.kind', 'in', ['laureateMember', 'juror']), eb('c.user_id', '=', userId)]),
				eb.and([
					eb('c.kind', '=', 'laureateTeam'),
					eb.exists(
						eb
							.selectFrom('entry_members as m')
							.whereRef('m.entry_id', '=', 'c.entry_id')
							.where('m.user_id', '=', userId)
							.select(sql.lit(1).as('one'))
					)
				]),
				eb.and([
					eb('c.kind', '=', 'trialSite'),
					eb.exists(
						eb
							.selectFrom('trial_sites as s')
							.whereRef('s.id', '=', 'c.trial_site_id')
							.where('s.contact_user_id', '=', userId)
							.select(sql.lit(1).as('one'))
					)
				])
			])
		)
		.orderBy('ed.year', 'desc')
		.orderBy(
			sql`array_position(array['laureateTeam', 'laureateMember', 'juror', 'trialSite'], c.kind)`
		)
		.orderBy('c.entry_id')
		.orderBy('c.id')
		.execute();
}

/** One of the certificates addressed to a person (see `userCertificates`), or undefined. */
export async function findUserCertificate(db: Db, userId: number, id: number) {
	const rows = await userCertificates(db, userId);
	return rows.find((row) => row.id === id);
}
