// Revoking a certificate: an organiser, with a reason, once. In one transaction under the edition's
// lock: the row is marked (revoked_at, revoked_by, revoked_reason) and the edition's event chain gets
// REVOKE_CERTIFICATE (from = to = the phase), whose payload names the certificate by its code and kind
// only — the chain's fingerprint is public, and neither the recipient's name nor the reason (free
// text) goes into it. `/verifier/<code>` then says the certificate is revoked, with date and reason.
import type { Db } from '../db';
import { EDITION_MACHINE_VERSION } from '../workflow/edition.machine';
import { appendEvent, lockEdition } from '../workflow/event-log';
import { inTransaction } from './transaction';
import { formatCode } from './codes';

export const REVOKE_CERTIFICATE = 'REVOKE_CERTIFICATE';

/** Longest reason kept. */
export const REVOKE_REASON_MAX = 500;

export const CERTIFICATE_NOT_FOUND = 'Cette attestation n’existe pas.';

export type RevokeResult =
	| { ok: true; revokedAt: Date; code: string }
	| { ok: false; status: 400 | 404 | 409; reason: string };

/** Why a revocation reason is not acceptable, or null. */
export function whyNotRevokeReason(reason: string): string | null {
	if (reason.trim() === '')
		return 'Indiquez le motif de la révocation : il sera affiché à qui vérifie l’attestation.';
	if (reason.trim().length > REVOKE_REASON_MAX)
		return `Le motif compte ${reason.trim().length} caractères : ${REVOKE_REASON_MAX} au plus.`;
	return null;
}

const frenchDate = new Intl.DateTimeFormat('fr-FR', {
	timeZone: 'Europe/Paris',
	dateStyle: 'long'
});

export async function revokeCertificate(
	db: Db,
	editionId: number,
	certificateId: number,
	actor: { userId: number | null },
	reason: string,
	at = new Date()
): Promise<RevokeResult> {
	const invalid = whyNotRevokeReason(reason);
	if (invalid) return { ok: false, status: 400, reason: invalid };
	return inTransaction(db, async (trx) => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) return { ok: false, status: 404, reason: 'Cette édition n’existe pas.' };
		const certificate = await trx
			.selectFrom('certificates')
			.select(['id', 'code', 'kind', 'revoked_at'])
			.where('id', '=', certificateId)
			.where('edition_id', '=', editionId)
			.forUpdate()
			.executeTakeFirst();
		if (!certificate) return { ok: false, status: 404, reason: CERTIFICATE_NOT_FOUND };
		if (certificate.revoked_at)
			return {
				ok: false,
				status: 409,
				reason: `Cette attestation a déjà été révoquée, le ${frenchDate.format(certificate.revoked_at)} : elle ne peut pas l’être deux fois.`
			};
		await trx
			.updateTable('certificates')
			.set({ revoked_at: at, revoked_by: actor.userId, revoked_reason: reason.trim() })
			.where('id', '=', certificateId)
			.execute();
		// The edition's version counts its logged events.
		await trx
			.updateTable('editions')
			.set((eb) => ({ version: eb('version', '+', 1) }))
			.where('id', '=', editionId)
			.execute();
		const code = formatCode(certificate.code);
		await appendEvent(trx, {
			editionId,
			entity: 'edition',
			entityId: editionId,
			actorId: actor.userId,
			type: REVOKE_CERTIFICATE,
			from: edition.phase,
			to: edition.phase,
			payload: { certificate: code, kind: certificate.kind },
			at,
			machineVersion: EDITION_MACHINE_VERSION
		});
		return { ok: true, revokedAt: at, code };
	});
}
