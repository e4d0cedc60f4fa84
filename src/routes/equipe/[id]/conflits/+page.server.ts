import { error, fail } from '@sveltejs/kit';
import { CONFLICT_REASON_MAX } from '$lib/domain/jury-labels';
import { field } from '$lib/domain/validation';
import { whyNotDeclareTeamConflict } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import { declareTeamConflict, jurorsToDeclare, teamConflicts } from '$lib/server/db/team-conflicts';
import { readFormOrNull } from '$lib/server/http/form';
import { requireEntryReader } from '../access';
import type { Actions, PageServerLoad } from './$types';
import { parseId } from '$lib/domain/integer';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { entry, relation } = await requireEntryReader(locals, url, params.id);
	const whyNot = whyNotDeclareTeamConflict(relation, entry.state);
	const [declared, jurors] = await Promise.all([
		teamConflicts(db(), entry.id),
		whyNot ? Promise.resolve([]) : jurorsToDeclare(db(), entry.id)
	]);
	return {
		entry: { id: entry.id, title: entry.title },
		whyNot,
		declared,
		jurors,
		reasonMax: CONFLICT_REASON_MAX,
		recorded: url.searchParams.has('declare')
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const { user, entry, relation } = await requireEntryReader(locals, url, params.id);
		const refusal = whyNotDeclareTeamConflict(relation, entry.state);
		if (refusal) error(403, refusal);
		const form = await readFormOrNull(request);
		if (!form) return fail(413, { message: 'Le formulaire envoyé est trop volumineux.' });
		const juror = field(form, 'juror');
		const reason = field(form, 'reason');
		const result = await declareTeamConflict(
			db(),
			entry.id,
			{ jurorId: parseId(juror), reason },
			{ userId: user.id }
		);
		if (!result.ok) {
			if (result.status === 404) error(404, result.message);
			return fail(400, {
				values: { juror, reason },
				errors: { [result.field ?? 'reason']: result.message }
			});
		}
		return { declared: true };
	}
};
