// A trial site's report: read with its site, its innovation's protocol and its attachments; saved as
// a draft and transmitted by the site's contact under the candidature's lock (so that a change of the
// protocol, of the site's status or of the candidature's state cannot slip in between), with
// optimistic concurrency on `version`. The transmission is logged (SUBMIT_TRIAL_REPORT) and told to
// the team through the outbox. Attachments: same types and limits as a candidature's, 5 per report.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { TRIAL_SITE_NOT_FOUND, whyNotFileReport, type TrialSiteContext } from '../auth/permissions';
import { attachmentProblem, sniffFileType } from '../files/sniff';
import { safeFileName } from '../files/names';
import { enqueueMail } from '../mail/outbox';
import { trialReportSubmittedMail } from '../mail/trial-report-templates';
import {
	checkReportDraft,
	missingForReport,
	type ReportErrors,
	type ReportInput,
	type ReportValues
} from '../trial/report-form';
import { appendEntryNote, withEntryLocked, type LockedEntry } from '../workflow/entry-notes';
import { sha256Hex, type UploadedFile } from './attachments';
import type { Db } from './index';
import { protocolOf, type TrialProtocol } from './trial-protocols';

export const MAX_REPORT_ATTACHMENTS = 5;

export const STALE_REPORT_MESSAGE =
	'Le rapport a été enregistré entre-temps depuis une autre page : ce que vous venez de saisir n’a pas été enregistré, mais est conservé ci-dessous. Rechargez la page pour voir la version enregistrée, puis reportez-y vos changements.';

/** A site, its innovation and edition, and its report's status, in one query; null if unknown. */
export async function findReportSite(db: Db, siteId: number) {
	if (!Number.isSafeInteger(siteId)) return null;
	const site = await db
		.selectFrom('trial_sites as s')
		.innerJoin('entries as e', 'e.id', 's.entry_id')
		.innerJoin('editions as ed', 'ed.id', 'e.edition_id')
		.leftJoin('trial_reports as r', 'r.site_id', 's.id')
		.where('s.id', '=', siteId)
		.select([
			's.id',
			's.entry_id',
			's.name',
			's.uai',
			's.academie',
			's.status',
			's.contact_user_id',
			's.contact_name',
			's.decline_reason',
			's.decided_at',
			'e.title as entry_title',
			'e.state as entry_state',
			'e.edition_id',
			'ed.title as edition_title',
			'ed.phase',
			'ed.trial_ends_at',
			'r.status as report_status',
			'r.version as report_version',
			'r.submitted_at'
		])
		.executeTakeFirst();
	if (!site) return null;
	return { ...site, report_status: site.report_status ?? ('none' as const) };
}

export type ReportSite = NonNullable<Awaited<ReturnType<typeof findReportSite>>>;

/** The permission context of a user on a site (see whyNotFileReport). */
export function reportContext(
	site: Pick<ReportSite, 'contact_user_id' | 'status' | 'entry_state' | 'phase' | 'report_status'>,
	userId: number
): TrialSiteContext {
	return {
		isContact: site.contact_user_id !== null && site.contact_user_id === userId,
		siteStatus: site.status,
		entryState: site.entry_state,
		phase: site.phase,
		reportStatus: site.report_status
	};
}

/** The attachments of a site's report, without their content, oldest first. */
export async function listReportAttachments(db: Db, siteId: number) {
	return db
		.selectFrom('trial_attachments')
		.where('site_id', '=', siteId)
		.select(['id', 'file_name', 'mime', 'size', 'created_at'])
		.orderBy('created_at')
		.orderBy('id')
		.execute();
}

/** One attachment of a site's report with its content, if it belongs to that site. */
export async function findReportAttachment(db: Db, siteId: number, attachmentId: number) {
	if (!Number.isSafeInteger(attachmentId)) return undefined;
	return db
		.selectFrom('trial_attachments')
		.where('site_id', '=', siteId)
		.where('id', '=', attachmentId)
		.select(['id', 'file_name', 'mime', 'size', 'content'])
		.executeTakeFirst();
}

/** The stored report of a site as the form and the checks read it, aligned on the protocol. */
function valuesOf(
	report: {
		fidelity: unknown;
		adaptations: string;
		satisfaction: number | null;
		will_continue: boolean | null;
		continue_reason: string;
		comments: string;
		values: { indicator_id: number; before: number | null; after: number | null }[];
	} | null,
	protocol: Pick<TrialProtocol, 'indicators' | 'steps'>
): ReportValues {
	const stored = Array.isArray(report?.fidelity) ? (report.fidelity as unknown[]) : [];
	return {
		values: protocol.indicators.map((i) => {
			const v = report?.values.find((x) => x.indicator_id === i.id);
			return { indicatorId: i.id, before: v?.before ?? null, after: v?.after ?? null };
		}),
		fidelity: protocol.steps.map((_, k) => {
			const level = stored[k];
			return level === 'full' || level === 'partial' || level === 'no' ? level : null;
		}),
		adaptations: report?.adaptations ?? '',
		satisfaction: report?.satisfaction ?? null,
		willContinue: report?.will_continue ?? null,
		continueReason: report?.continue_reason ?? '',
		comments: report?.comments ?? ''
	};
}

async function storedReport(db: Db, siteId: number, lock = false) {
	let query = db
		.selectFrom('trial_reports as r')
		.where('r.site_id', '=', siteId)
		.select((eb) => [
			'r.id',
			'r.status',
			'r.version',
			'r.fidelity',
			'r.adaptations',
			'r.satisfaction',
			'r.will_continue',
			'r.continue_reason',
			'r.comments',
			'r.updated_at',
			'r.submitted_at',
			jsonArrayFrom(
				eb
					.selectFrom('trial_report_values as v')
					.whereRef('v.report_id', '=', 'r.id')
					.select(['v.indicator_id', 'v.before', 'v.after'])
			).as('values')
		]);
	if (lock) query = query.forUpdate();
	return query.executeTakeFirst();
}

/**
 * A site's report with everything its pages show: the site, its innovation's protocol, the report's
 * values aligned on the protocol (nulls where nothing is given), what it lacks before transmission,
 * and its attachments. Null for an unknown site. Five queries.
 */
export async function reportOf(db: Db, siteId: number) {
	const site = await findReportSite(db, siteId);
	if (!site) return null;
	const [protocol, report, attachments] = await Promise.all([
		protocolOf(db, site.entry_id),
		storedReport(db, siteId),
		listReportAttachments(db, siteId)
	]);
	const values = valuesOf(report ?? null, protocol);
	return {
		site,
		protocol,
		report: report
			? {
					status: report.status,
					version: report.version,
					updatedAt: report.updated_at,
					submittedAt: report.submitted_at
				}
			: null,
		values,
		missing: missingForReport(values, protocol),
		attachments
	};
}

export type TrialReport = NonNullable<Awaited<ReturnType<typeof reportOf>>>;

type Refusal = {
	ok: false;
	/** 404 unknown site or not his; 403 not allowed; 409 not now, or stale; 400 invalid or incomplete. */
	status: 400 | 403 | 404 | 409;
	why: 'notFound' | 'refused' | 'version' | 'invalid' | 'incomplete';
	message: string;
	errors?: ReportErrors;
};

const notFound: Refusal = {
	ok: false,
	status: 404,
	why: 'notFound',
	message: TRIAL_SITE_NOT_FOUND
};

/**
 * Runs `work` under the lock of the site's candidature (edition, then candidature), with the site and
 * its report locked too, once `userId` is known to be allowed to file its report. A stranger to the
 * site gets the 404 refusal, an organiser (who reads it) a 403; the contact gets the French reason
 * he may not file now (403 or 409).
 */
async function withReportLocked<T>(
	db: Db,
	siteId: number,
	userId: number,
	work: (
		trx: Db,
		entry: LockedEntry,
		site: { id: number; name: string; entryId: number },
		report: Awaited<ReturnType<typeof storedReport>>
	) => Promise<T | Refusal>
): Promise<T | Refusal> {
	const located = Number.isSafeInteger(siteId)
		? await db
				.selectFrom('trial_sites')
				.select('entry_id')
				.where('id', '=', siteId)
				.executeTakeFirst()
		: undefined;
	if (!located) return notFound;
	const result = await withEntryLocked(db, located.entry_id, async (trx, entry) => {
		const site = await trx
			.selectFrom('trial_sites')
			.where('id', '=', siteId)
			.where('entry_id', '=', entry.id)
			.select(['id', 'name', 'status', 'contact_user_id'])
			.forUpdate()
			.executeTakeFirst();
		if (!site) return notFound;
		if (site.contact_user_id !== userId) {
			// The organisers read every site's report but do not write it: a permission refusal.
			const user = await trx
				.selectFrom('users')
				.select('is_organiser')
				.where('id', '=', userId)
				.executeTakeFirst();
			if (!user?.is_organiser) return notFound;
			return {
				ok: false,
				status: 403,
				why: 'refused',
				message: whyNotFileReport({
					isContact: false,
					siteStatus: site.status,
					entryState: entry.state,
					phase: entry.phase,
					reportStatus: 'none'
				})!
			} as const;
		}
		const report = await storedReport(trx, siteId, true);
		const refusal = whyNotFileReport({
			isContact: true,
			siteStatus: site.status,
			entryState: entry.state,
			phase: entry.phase,
			reportStatus: report?.status ?? 'none'
		});
		if (refusal)
			return {
				ok: false,
				status: site.status === 'accepted' ? 409 : 403,
				why: 'refused',
				message: refusal
			} satisfies Refusal;
		return work(trx, entry, { id: site.id, name: site.name, entryId: entry.id }, report);
	});
	return result ?? notFound;
}

export type SaveReportResult = { ok: true; version: number; missing: ReportErrors } | Refusal;

/**
 * Saves the report as a draft (creating it at version 1) if nobody saved it since `expectedVersion`
 * was read (0 when there was none) and `actor` is the site's contact and may file it now. The values
 * are checked against the protocol as it is under the lock. Answers the new version and what the
 * report still lacks before transmission. Not logged (a draft).
 */
export async function saveReport(
	db: Db,
	siteId: number,
	input: ReportInput,
	actor: { userId: number },
	expectedVersion: number,
	now = new Date()
): Promise<SaveReportResult> {
	return withReportLocked(db, siteId, actor.userId, async (trx, entry, _site, report) => {
		if (!Number.isInteger(expectedVersion) || (report?.version ?? 0) !== expectedVersion)
			return { ok: false, status: 409, why: 'version', message: STALE_REPORT_MESSAGE } as const;
		const protocol = await protocolOf(trx, entry.id);
		const checked = checkReportDraft(input, protocol);
		if (!checked.ok)
			return {
				ok: false,
				status: 400,
				why: 'invalid',
				message: 'Le rapport n’a pas été enregistré : corrigez les champs signalés.',
				errors: checked.errors
			} as const;
		const v = checked.values;
		const columns = {
			fidelity: JSON.stringify(v.fidelity),
			adaptations: v.adaptations,
			satisfaction: v.satisfaction,
			will_continue: v.willContinue,
			continue_reason: v.continueReason,
			comments: v.comments,
			updated_at: now
		};
		const saved = report
			? await trx
					.updateTable('trial_reports')
					.set({ ...columns, version: sql<number>`version + 1` })
					.where('id', '=', report.id)
					.where('version', '=', expectedVersion)
					.where('status', '=', 'draft')
					.returning(['id', 'version'])
					.executeTakeFirst()
			: await trx
					.insertInto('trial_reports')
					.values({ site_id: siteId, ...columns, version: 1 })
					.onConflict((oc) => oc.column('site_id').doNothing())
					.returning(['id', 'version'])
					.executeTakeFirst();
		if (!saved)
			return { ok: false, status: 409, why: 'version', message: STALE_REPORT_MESSAGE } as const;
		await trx.deleteFrom('trial_report_values').where('report_id', '=', saved.id).execute();
		const rows = v.values
			.filter((x) => x.before !== null || x.after !== null)
			.map((x) => ({
				report_id: saved.id,
				indicator_id: x.indicatorId,
				before: x.before,
				after: x.after
			}));
		if (rows.length > 0) await trx.insertInto('trial_report_values').values(rows).execute();
		return { ok: true, version: saved.version, missing: missingForReport(v, protocol) } as const;
	});
}

export type SubmitReportResult = { ok: true; version: number } | Refusal;

/**
 * Transmits the saved report if nobody saved it since `expectedVersion` and it is complete against
 * the protocol (else the 400 refusal lists what is missing, by field). Logs SUBMIT_TRIAL_REPORT and
 * mails each team member a link to the report. Read-only afterwards.
 */
export async function submitReport(
	db: Db,
	siteId: number,
	actor: { userId: number },
	expectedVersion: number,
	origin: string,
	now = new Date()
): Promise<SubmitReportResult> {
	return withReportLocked(db, siteId, actor.userId, async (trx, entry, site, report) => {
		if (!report || !Number.isInteger(expectedVersion) || report.version !== expectedVersion)
			return { ok: false, status: 409, why: 'version', message: STALE_REPORT_MESSAGE } as const;
		const protocol = await protocolOf(trx, entry.id);
		if (protocol.indicators.length === 0 || protocol.steps.length === 0)
			return {
				ok: false,
				status: 409,
				why: 'refused',
				message:
					'Le protocole de l’essai n’a pas encore d’indicateurs ni d’étapes : le rapport ne peut pas être transmis.'
			} as const;
		const missing = missingForReport(valuesOf(report, protocol), protocol);
		const count = Object.keys(missing).length;
		if (count > 0)
			return {
				ok: false,
				status: 400,
				why: 'incomplete',
				message: `Le rapport est incomplet : ${count === 1 ? 'une réponse manque' : `${count} réponses manquent`}. Complétez les champs signalés avant de le transmettre.`,
				errors: missing
			} as const;
		const submitted = await trx
			.updateTable('trial_reports')
			.set({
				status: 'submitted',
				submitted_at: now,
				updated_at: now,
				version: sql<number>`version + 1`
			})
			.where('id', '=', report.id)
			.where('version', '=', expectedVersion)
			.returning('version')
			.executeTakeFirstOrThrow();
		await appendEntryNote(trx, entry, {
			type: 'SUBMIT_TRIAL_REPORT',
			actorId: actor.userId,
			payload: { siteId: site.id, site: site.name, reportId: report.id },
			at: now
		});
		const team = await trx
			.selectFrom('entry_members as m')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.where('m.entry_id', '=', entry.id)
			.select('u.email')
			.orderBy('u.id')
			.execute();
		const mail = trialReportSubmittedMail({
			entryTitle: entry.title,
			siteName: site.name,
			link: `${origin}/equipe/${entry.id}/essai/rapports/${site.id}`
		});
		for (const member of team) await enqueueMail(trx, member.email, mail);
		return { ok: true, version: submitted.version } as const;
	});
}

export type AddReportAttachmentsResult =
	{ ok: true; added: string[]; refused: { name: string; message: string }[] } | Refusal;

/**
 * Adds files to a site's report, each checked on its own like a candidature's attachments (type from
 * its bytes, size, name) with at most MAX_REPORT_ATTACHMENTS per report: a refused file gets its
 * French reason, the accepted ones are stored. Only the contact, while the report is a draft.
 */
export async function addReportAttachments(
	db: Db,
	siteId: number,
	actor: { userId: number },
	files: UploadedFile[]
): Promise<AddReportAttachmentsResult> {
	return withReportLocked(db, siteId, actor.userId, async (trx) => {
		const row = await trx
			.selectFrom('trial_attachments')
			.where('site_id', '=', siteId)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		let count = Number(row.n);
		const added: string[] = [];
		const refused: { name: string; message: string }[] = [];
		for (const file of files) {
			const problem =
				count >= MAX_REPORT_ATTACHMENTS
					? `Un rapport d’essai compte au plus ${MAX_REPORT_ATTACHMENTS} pièces jointes : retirez-en une avant d’en ajouter.`
					: attachmentProblem(file.name, file.bytes, 0);
			const type = problem ? null : sniffFileType(file.bytes);
			if (problem || !type) {
				refused.push({ name: file.name, message: problem ?? 'Ce fichier n’est pas accepté.' });
				continue;
			}
			const fileName = safeFileName(file.name, type.extension);
			await trx
				.insertInto('trial_attachments')
				.values({
					site_id: siteId,
					file_name: fileName,
					mime: type.mime,
					size: file.bytes.length,
					sha256: sha256Hex(file.bytes),
					content: file.bytes,
					uploaded_by: actor.userId
				})
				.execute();
			added.push(fileName);
			count++;
		}
		return { ok: true, added, refused } as const;
	});
}

/** Removes one attachment of a site's report: the contact, while the report is a draft. */
export async function removeReportAttachment(
	db: Db,
	siteId: number,
	actor: { userId: number },
	attachmentId: number
): Promise<{ ok: true; fileName: string } | Refusal> {
	return withReportLocked(db, siteId, actor.userId, async (trx) => {
		const removed = Number.isSafeInteger(attachmentId)
			? await trx
					.deleteFrom('trial_attachments')
					.where('site_id', '=', siteId)
					.where('id', '=', attachmentId)
					.returning('file_name')
					.executeTakeFirst()
			: undefined;
		if (!removed)
			return {
				ok: false,
				status: 404,
				why: 'notFound',
				message: 'Cette pièce jointe n’existe pas ou a déjà été retirée.'
			} as const;
		return { ok: true, fileName: removed.file_name } as const;
	});
}
