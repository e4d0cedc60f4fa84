// Withdrawing the organiser role: a confirmation page (works without JavaScript), then the withdrawal,
// logged in the account log (src/lib/server/auth/organisers.ts). Never the last organiser.
import { error, fail, redirect } from '@sveltejs/kit';
import { requireArea } from '$lib/server/auth/guard';
import {
	countOrganisers,
	findOrganiserCandidate,
	withdrawOrganiser
} from '$lib/server/auth/organisers';
import { whyNotWithdrawOrganiser } from '$lib/server/auth/permissions';
import { db } from '$lib/server/db/app';
import type { Actions, PageServerLoad } from './$types';

const NOT_FOUND = 'Ce compte n’existe pas.';

function userId(param: string): number {
	const id = Number(param);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, NOT_FOUND);
	return id;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireArea(locals, url, 'admin');
	const target = await findOrganiserCandidate(db(), userId(params.id));
	if (!target) error(404, NOT_FOUND);
	return {
		target: { id: target.id, name: target.name, email: target.email },
		self: target.id === user.id,
		refusal: whyNotWithdrawOrganiser(
			user,
			{ isOrganiser: target.is_organiser },
			await countOrganisers(db())
		)
	};
};

export const actions: Actions = {
	default: async ({ locals, url, params }) => {
		const user = requireArea(locals, url, 'admin');
		const result = await withdrawOrganiser(db(), user.id, userId(params.id));
		if (!result.ok) {
			if (result.status === 404) error(404, result.message);
			return fail(result.status, { error: result.message });
		}
		// Withdrawn from himself: the administration is closed to him from now on.
		if (result.user.id === user.id) redirect(303, '/');
		redirect(303, `/admin/organisateurs?retrait=${result.user.id}`);
	}
};
