import { verifyEmail } from '$lib/server/auth/accounts';
import { db } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

// Opening the link confirms the address; opening it again says so without error.
export const load: PageServerLoad = async ({ params, locals }) => {
	const result = await verifyEmail(db(), params.token);
	return { ...result, signedIn: Boolean(locals.user) };
};
