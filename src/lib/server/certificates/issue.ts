// Issuing an edition's certificates (who is owed one: src/lib/server/db/certificates.ts).
//
// - When the results are published, `issueEditionCertificates` runs inside the PUBLISH transition's
//   transaction (workflow/publication.ts): every certificate owed is issued at once, or none.
// - Later (a member who agrees to the publication of his name after the results, a report filed
//   late…), an organiser issues those missing with `issueMissingCertificates`: under the edition's
//   lock, logged in its event chain (ISSUE_CERTIFICATES, from = to = the phase) when it issued any.
//
// Issuing is idempotent: a subject (edition, kind, entry, person, site) has one certificate at most
// (a unique index), and only those without one are issued. Every certificate is dated the moment the
// results were published (the PUBLISH event's time), even when issued later: it attests what was
// decided then, and the same row always prints the same bytes.
import type { Db } from '../db';
import { insertCertificates, owedCertificates } from '../db/certificates';
import type { CertificateKind } from '../db/schema';
import { EDITION_MACHINE_VERSION } from '../workflow/edition.machine';
import { appendEvent, lockEdition } from '../workflow/event-log';
import { inTransaction } from './transaction';
import { canonicalCode, newCertificateCode } from './codes';
import { certificateSecret } from './key';

/** The event logged in the edition's chain when an organiser issues the missing certificates. */
export const ISSUE_CERTIFICATES = 'ISSUE_CERTIFICATES';

/** Phases in which an edition's results are out, so that its certificates exist. */
export const CERTIFICATE_PHASES = ['published', 'archived'] as const;

export type IssuedCounts = Record<CertificateKind, number>;

/** When the edition's results were (last) published, from its event log; null if never. */
export async function publicationTime(db: Db, editionId: number): Promise<Date | null> {
	const row = await db
		.selectFrom('events')
		.select('created_at')
		.where('edition_id', '=', editionId)
		.where('entity', '=', 'edition')
		.where('type', '=', 'PUBLISH')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.created_at ?? null;
}

/**
 * Issues every certificate the edition owes and has not issued, dated `issuedAt`. Runs in the
 * caller's transaction, which should hold the edition's lock. Returns the number issued per kind.
 */
export async function issueEditionCertificates(
	db: Db,
	editionId: number,
	options: { issuedAt: Date; secret?: string; random?: (size: number) => Uint8Array }
): Promise<IssuedCounts> {
	const secret = options.secret ?? certificateSecret();
	const owed = await owedCertificates(db, editionId);
	const counts: IssuedCounts = { laureateTeam: 0, laureateMember: 0, juror: 0, trialSite: 0 };
	if (owed.length === 0) return counts;
	const rows = owed.map((certificate) => ({
		...certificate,
		edition_id: editionId,
		code: canonicalCode(newCertificateCode(secret, options.random)) as string,
		issued_at: options.issuedAt
	}));
	const inserted = await insertCertificates(db, rows);
	// The edition is locked: nothing else issues meanwhile, so every owed row was inserted.
	if (inserted !== rows.length)
		throw new Error(`Certificates of edition ${editionId}: ${inserted} of ${rows.length} issued.`);
	for (const row of rows) counts[row.kind]++;
	return counts;
}

export type IssueMissingResult =
	| { ok: true; issued: number; counts: IssuedCounts }
	| { ok: false; status: 404 | 409; reason: string };

/**
 * An organiser issues the certificates owed and not issued yet (see the header). Refused before the
 * results are published. Logged only when something was issued.
 */
export async function issueMissingCertificates(
	db: Db,
	editionId: number,
	actor: { userId: number | null },
	options: { at?: Date; secret?: string } = {}
): Promise<IssueMissingResult> {
	const at = options.at ?? new Date();
	return inTransaction(db, async (trx) => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) return { ok: false, status: 404, reason: 'Cette édition n’existe pas.' };
		const published = await publicationTime(trx, editionId);
		if (!(CERTIFICATE_PHASES as readonly string[]).includes(edition.phase) || !published)
			return {
				ok: false,
				status: 409,
				reason:
					'Les attestations sont émises quand les résultats de l’édition sont publiés : ce n’est pas encore le cas.'
			};
		const counts = await issueEditionCertificates(trx, editionId, {
			issuedAt: published,
			secret: options.secret
		});
		const issued = Object.values(counts).reduce((sum, n) => sum + n, 0);
		if (issued > 0) {
			// The edition's version counts its logged events.
			await trx
				.updateTable('editions')
				.set((eb) => ({ version: eb('version', '+', 1) }))
				.where('id', '=', editionId)
				.execute();
			await appendEvent(trx, {
				editionId,
				entity: 'edition',
				entityId: editionId,
				actorId: actor.userId,
				type: ISSUE_CERTIFICATES,
				from: edition.phase,
				to: edition.phase,
				payload: { issued, counts },
				at,
				machineVersion: EDITION_MACHINE_VERSION
			});
		}
		return { ok: true, issued, counts };
	});
}
