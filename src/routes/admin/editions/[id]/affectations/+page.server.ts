import { error, fail } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import {
	entryProgress,
	jurorProgress,
	roundSummary,
	runAssignment,
	sendReminders,
	setJurorsPerEntry
} from '$lib/server/db/assignments';
import { isRound, ROUND_LABELS } from '$lib/server/db/criteria';
import { EDITION_NOT_FOUND, idParam } from '../../params';
import { roundChoices, roundParam } from './round';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { parsePage } from '$lib/domain/integer';

/** Problems shown after a run; the rest are counted. */
const PROBLEMS_SHOWN = 50;

async function findEdition(id: number) {
	const edition = await db()
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase', 'jurors_per_entry'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!edition) error(404, EDITION_NOT_FOUND);
	return edition;
}

const pageParam = (url: URL, name: string) => parsePage(url.searchParams.get(name));

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireArea(locals, url, 'admin');
	const edition = await findEdition(idParam(params.id, EDITION_NOT_FOUND));
	const round = roundParam(url, edition.phase);
	const k = edition.jurors_per_entry;
	const [summary, jurors, entries] = await Promise.all([
		roundSummary(db(), edition.id, round, k),
		jurorProgress(db(), edition.id, round, { page: pageParam(url, 'jures') }),
		entryProgress(db(), edition.id, round, { page: pageParam(url, 'candidatures') })
	]);
	return {
		edition,
		round,
		roundLabel: ROUND_LABELS[round],
		rounds: roundChoices(),
		k,
		summary,
		jurors,
		entries
	};
};

/** The edition and the round named by the form. */
async function readRound(event: RequestEvent) {
	const user = requireArea(event.locals, event.url, 'admin');
	const edition = await findEdition(idParam(event.params.id, EDITION_NOT_FOUND));
	const form = await event.request.formData();
	const round = form.get('tour');
	if (!isRound(round)) error(400, 'Le tour du jury est inconnu : rechargez la page.');
	return { user, edition, form, round };
}

export const actions: Actions = {
	/** Runs the automatic assignment of the round. */
	lancer: async (event) => {
		const { edition, round } = await readRound(event);
		const run = await runAssignment(db(), edition.id, round);
		if (!run.ok) error(404, EDITION_NOT_FOUND);
		return {
			action: 'lancer' as const,
			round,
			run: {
				...run,
				problems: run.problems.slice(0, PROBLEMS_SHOWN).map((p) => p.message),
				moreProblems: Math.max(0, run.problems.length - PROBLEMS_SHOWN)
			}
		};
	},

	/** Sets K, the number of jurors per candidature. */
	nombre: async (event) => {
		const { edition, form, round } = await readRound(event);
		const typed = form.get('k');
		const text = typeof typed === 'string' ? typed : '';
		const saved = await setJurorsPerEntry(db(), edition.id, text);
		if (!saved.ok)
			return fail(400, { action: 'nombre' as const, round, k: text, error: saved.error });
		return { action: 'nombre' as const, round, k: String(saved.k), error: null };
	},

	/** One reminder per late juror of the round, through the outbox. */
	relancer: async (event) => {
		const { edition, round } = await readRound(event);
		const sent = await sendReminders(db(), edition.id, round, event.url.origin);
		if (!sent.ok) error(404, EDITION_NOT_FOUND);
		return { action: 'relancer' as const, round, sent: sent.sent, skipped: sent.skipped };
	}
};
