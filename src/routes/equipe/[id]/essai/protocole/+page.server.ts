import { error, fail, redirect } from '@sveltejs/kit';
import { whyNotEditProtocol } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import {
	editionPhaseOf,
	hasSubmittedReport,
	protocolOf,
	saveProtocol
} from '$lib/server/db/trial-protocols';
import {
	BLANK_ROWS,
	checkProtocol,
	readProtocolForm,
	type ProtocolErrors,
	type ProtocolInput
} from '$lib/server/trial/protocol-form';
import { requireEntryReader } from '../../access';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { parseInteger } from '$lib/domain/integer';

/** The candidature, the user's relation, and why he may not edit the protocol now (or null). */
async function protocolAccess(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const { user, entry, relation } = await requireEntryReader(
		event.locals,
		event.url,
		event.params.id
	);
	const phase = await editionPhaseOf(db(), entry.id);
	if (phase === null) error(404, 'Cette candidature n’existe pas.');
	return {
		user,
		entry,
		relation,
		phase,
		refusal: whyNotEditProtocol(relation, { phase, state: entry.state })
	};
}

export const load: PageServerLoad = async (event) => {
	const { entry, refusal } = await protocolAccess(event);
	const [protocol, locked] = await Promise.all([
		protocolOf(db(), entry.id),
		hasSubmittedReport(db(), entry.id)
	]);
	return {
		entry: { id: entry.id, title: entry.title, state: entry.state },
		protocol,
		locked,
		editRefusal: refusal,
		saved: event.url.searchParams.has('enregistre'),
		blankRows: BLANK_ROWS
	};
};

/** The form sent back: what was typed, the version it was based on, and the messages. */
const echo = (
	values: ProtocolInput,
	version: number,
	errors: ProtocolErrors,
	message: string | null
) => ({ values, version, errors, message });

export const actions: Actions = {
	save: async (event) => {
		const { user, entry, relation, refusal } = await protocolAccess(event);
		if (refusal && !(relation?.isLead || relation?.isMember)) error(403, refusal);
		const form = await event.request.formData();
		const values = readProtocolForm(form);
		const version = parseInteger(form.get('version')) ?? NaN;
		const checked = checkProtocol(values);
		if (!checked.ok)
			return fail(
				400,
				echo(
					values,
					version,
					checked.errors,
					'Le protocole n’a pas été enregistré : corrigez les champs signalés.'
				)
			);
		const saved = await saveProtocol(db(), entry.id, checked.values, { userId: user.id }, version);
		if (!saved.ok) {
			if (saved.status === 404) error(404, saved.message);
			return fail(saved.status, echo(values, version, {}, saved.message));
		}
		redirect(303, `/equipe/${entry.id}/essai/protocole?enregistre`);
	},
	// « Ajouter des lignes »: the same form with more blank indicator rows; nothing is saved or lost.
	lignes: async (event) => {
		await protocolAccess(event);
		const form = await event.request.formData();
		const values = readProtocolForm(form);
		const version = parseInteger(form.get('version')) ?? NaN;
		const blank = { id: '', name: '', unit: '', direction: '' };
		values.indicators.push(...Array.from({ length: BLANK_ROWS }, () => ({ ...blank })));
		return echo(values, version, {}, null);
	}
};
