import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import {
	TRIAL_SITE_NOT_FOUND,
	whyNotFileReport,
	whyNotViewTrialSite
} from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import {
	MAX_REPORT_ATTACHMENTS,
	addReportAttachments,
	removeReportAttachment,
	reportContext,
	reportOf,
	saveReport,
	submitReport
} from '$lib/server/db/trial-reports';
import { ACCEPTED_TYPES_LABEL } from '$lib/server/files/sniff';
import { readFormOrNull } from '$lib/server/http/form';
import {
	formatDecimal,
	readReportForm,
	type ReportErrors,
	type ReportInput
} from '$lib/server/trial/report-form';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { parseId, parseInteger } from '$lib/domain/integer';

const TOO_LARGE =
	'L’envoi dépasse 12 Mo au total : aucun fichier n’a été ajouté. Ajoutez les fichiers en plusieurs fois (10 Mo au plus chacun).';

/** The signed-in user and the site's report, or the French 404 when the site is not his to see. */
async function siteReport(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireArea(event.locals, event.url, 'trial');
	const siteId = parseId(event.params.siteId);
	const report = siteId === null ? null : await reportOf(db(), siteId);
	if (!report) error(404, TRIAL_SITE_NOT_FOUND);
	const isContact = report.site.contact_user_id === user.id;
	if (whyNotViewTrialSite(user, isContact)) error(404, TRIAL_SITE_NOT_FOUND);
	return { user, report, isContact };
}

/** The stored report as the form shows it. */
function inputOf(report: Awaited<ReturnType<typeof siteReport>>['report']): ReportInput {
	const v = report.values;
	return {
		values: Object.fromEntries(
			v.values.map((x) => [
				x.indicatorId,
				{ before: formatDecimal(x.before), after: formatDecimal(x.after) }
			])
		),
		fidelity: v.fidelity.map((l) => l ?? ''),
		adaptations: v.adaptations,
		satisfaction: v.satisfaction === null ? '' : String(v.satisfaction),
		willContinue: v.willContinue === null ? '' : v.willContinue ? 'oui' : 'non',
		continueReason: v.continueReason,
		comments: v.comments
	};
}

export const load: PageServerLoad = async (event) => {
	const { user, report, isContact } = await siteReport(event);
	const { site } = report;
	const fileRefusal = whyNotFileReport(reportContext(site, user.id));
	const complete = Object.keys(report.missing).length === 0;
	const removingId = parseId(event.url.searchParams.get('retirer'));
	return {
		site: {
			id: site.id,
			name: site.name,
			academie: site.academie,
			status: site.status,
			declineReason: site.decline_reason,
			decidedAt: site.decided_at,
			entryTitle: site.entry_title,
			editionTitle: site.edition_title,
			trialEndsAt: site.trial_ends_at
		},
		isContact,
		protocol: report.protocol,
		report: report.report,
		reportStatus: site.report_status,
		values: report.values,
		input: inputOf(report),
		missing: report.missing,
		attachments: report.attachments.map((a) => ({
			id: a.id,
			fileName: a.file_name,
			size: a.size,
			createdAt: a.created_at
		})),
		fileRefusal,
		// The transmission's confirmation step: ?transmettre, once the saved report is complete.
		confirming:
			event.url.searchParams.has('transmettre') &&
			!fileRefusal &&
			complete &&
			report.report !== null,
		removing:
			!fileRefusal && report.attachments.some((a) => a.id === removingId) ? removingId : null,
		saved: event.url.searchParams.has('enregistre'),
		submitted: event.url.searchParams.has('transmis'),
		maxAttachments: MAX_REPORT_ATTACHMENTS,
		acceptedTypes: ACCEPTED_TYPES_LABEL
	};
};

/** What the report form sends back on a refusal: the values as typed (nothing is lost). */
const echo = (
	input: ReportInput,
	version: number,
	errors: ReportErrors,
	message: string,
	draftSaved = false
) => ({
	action: 'rapport' as const,
	input,
	version,
	errors,
	message,
	draftSaved,
	added: [] as string[],
	refused: [] as { name: string; message: string }[]
});

async function save(event: RequestEvent, thenSubmit: boolean) {
	const { user, report } = await siteReport(event);
	const { input, version } = readReportForm(await event.request.formData(), report.protocol);
	const saved = await saveReport(db(), report.site.id, input, { userId: user.id }, version);
	if (!saved.ok) {
		if (saved.status === 404) error(404, saved.message);
		return fail(saved.status, echo(input, version, saved.errors ?? {}, saved.message));
	}
	const path = `/essai/${report.site.id}`;
	if (!thenSubmit) redirect(303, `${path}?enregistre`);
	const count = Object.keys(saved.missing).length;
	if (count > 0)
		return fail(
			400,
			echo(
				input,
				saved.version,
				saved.missing,
				`Le brouillon est enregistré, mais le rapport est incomplet : ${count === 1 ? 'une réponse manque' : `${count} réponses manquent`}. Complétez les champs signalés avant de le transmettre.`,
				true
			)
		);
	redirect(303, `${path}?transmettre#confirmation`);
}

export const actions: Actions = {
	enregistrer: (event) => save(event, false),
	transmettre: (event) => save(event, true),
	confirmer: async (event) => {
		const { user, report } = await siteReport(event);
		const form = await event.request.formData();
		const version = parseInteger(form.get('version')) ?? NaN;
		const submitted = await submitReport(
			db(),
			report.site.id,
			{ userId: user.id },
			version,
			event.url.origin
		);
		if (!submitted.ok) {
			if (submitted.status === 404) error(404, submitted.message);
			return fail(
				submitted.status,
				echo(
					inputOf(report),
					report.report?.version ?? 0,
					submitted.errors ?? {},
					submitted.message
				)
			);
		}
		redirect(303, `/essai/${report.site.id}?transmis`);
	},
	ajouter: async (event) => {
		const { user, report } = await siteReport(event);
		const form = await readFormOrNull(event.request);
		const answer = (
			status: number,
			message: string | null,
			added: string[] = [],
			refused: { name: string; message: string }[] = []
		) => ({
			action: 'pieces' as const,
			status,
			message,
			added,
			refused
		});
		if (!form) return fail(413, answer(413, TOO_LARGE));
		const files = form
			.getAll('fichiers')
			.filter((f): f is File => typeof f !== 'string')
			// A form sent without choosing a file carries one empty, nameless part.
			.filter((f) => !(f.size === 0 && f.name === ''));
		if (files.length === 0)
			return fail(400, answer(400, 'Choisissez au moins un fichier à ajouter.'));
		const uploads = await Promise.all(
			files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
		);
		const result = await addReportAttachments(db(), report.site.id, { userId: user.id }, uploads);
		if (!result.ok) {
			if (result.status === 404) error(404, result.message);
			return fail(result.status, answer(result.status, result.message));
		}
		const payload = answer(200, null, result.added, result.refused);
		return result.refused.length > 0 ? fail(400, payload) : payload;
	},
	retirer: async (event) => {
		const { user, report } = await siteReport(event);
		const form = await event.request.formData();
		const pieceId = parseId(form.get('piece')) ?? 0;
		const result = await removeReportAttachment(db(), report.site.id, { userId: user.id }, pieceId);
		if (!result.ok) {
			if (
				result.status === 404 &&
				result.why === 'notFound' &&
				result.message === TRIAL_SITE_NOT_FOUND
			)
				error(404, result.message);
			return fail(result.status, {
				action: 'pieces' as const,
				status: result.status,
				message: result.message,
				added: [] as string[],
				refused: [] as { name: string; message: string }[]
			});
		}
		return {
			action: 'pieces' as const,
			status: 200,
			message: null,
			removed: result.fileName,
			added: [] as string[],
			refused: [] as { name: string; message: string }[]
		};
	}
};
