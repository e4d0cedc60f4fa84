import { navigationFor } from '$lib/server/auth/permissions';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		user: user ? { name: user.name, email: user.email, emailVerified: user.emailVerified } : null,
		navigation: navigationFor(user)
	};
};
