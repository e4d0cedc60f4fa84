import { requireArea } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

// Renders the French 403 page for page views; each action and endpoint checks again itself.
export const load: LayoutServerLoad = ({ locals, url }) => {
	requireArea(locals, url, 'admin');
};
