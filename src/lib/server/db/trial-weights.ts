// The edition's weight of trial evidence in the final ranking (editions.trial_evidence_weight, in %):
// set by organisers until the results are published, logged in the edition's hash-chained event log
// (SET_TRIAL_WEIGHT, from = to = the current phase), in one transaction under the edition's lock.
import { whyNotSetTrialEvidenceWeight } from '../auth/permissions';
import type { SessionUser } from '../auth/session';
import { EDITION_MACHINE_VERSION } from '../workflow/edition.machine';
import { appendEvent, lockEdition } from '../workflow/event-log';
import type { Db } from './index';

/** The event type logged in the edition's chain when the weight changes. */
export const SET_TRIAL_WEIGHT = 'SET_TRIAL_WEIGHT';

export type SetWeightResult =
	| { ok: true; changed: boolean; weight: number; eventId: number | null }
	| { ok: false; status: 400 | 403 | 404 | 409; reason: string };

/**
 * Sets the edition's trial-evidence weight (a whole percentage, 0..100). Refused (403) to anyone but
 * an organiser and (409) once the edition is published; setting the same weight again logs nothing.
 */
export async function setTrialEvidenceWeight(
	db: Db,
	editionId: number,
	weight: number,
	user: SessionUser,
	at = new Date()
): Promise<SetWeightResult> {
	if (!Number.isInteger(weight) || weight < 0 || weight > 100)
		return {
			ok: false,
			status: 400,
			reason: 'Le poids de l’essai est un nombre entier de 0 à 100.'
		};
	return db.transaction().execute(async (trx): Promise<SetWeightResult> => {
		const edition = await lockEdition(trx, editionId);
		if (!edition) return { ok: false, status: 404, reason: 'Cette édition n’existe pas.' };
		const refusal = whyNotSetTrialEvidenceWeight(user, edition.phase);
		if (refusal) return { ok: false, status: user.isOrganiser ? 409 : 403, reason: refusal };
		const current = await trx
			.selectFrom('editions')
			.select(['trial_evidence_weight', 'version'])
			.where('id', '=', editionId)
			.executeTakeFirstOrThrow();
		if (current.trial_evidence_weight === weight)
			return { ok: true, changed: false, weight, eventId: null };
		await trx
			.updateTable('editions')
			.set({ trial_evidence_weight: weight, version: current.version + 1 })
			.where('id', '=', editionId)
			.execute();
		const logged = await appendEvent(trx, {
			editionId,
			entity: 'edition',
			entityId: editionId,
			actorId: user.id,
			type: SET_TRIAL_WEIGHT,
			from: edition.phase,
			to: edition.phase,
			payload: { from: current.trial_evidence_weight, to: weight },
			at,
			machineVersion: EDITION_MACHINE_VERSION
		});
		return { ok: true, changed: true, weight, eventId: logged.id };
	});
}
