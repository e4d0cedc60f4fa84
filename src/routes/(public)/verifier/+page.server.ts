// /verifier: a form (GET, works without JavaScript) to type a certificate's code; a code sent is
// taken to its own page, /verifier/<code>, which says what it attests or why it is not recognised.
import { redirect } from '@sveltejs/kit';
import { canonicalCode, formatCode } from '$lib/server/certificates/codes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, setHeaders }) => {
	const typed = url.searchParams.get('code');
	if (typed !== null && typed.trim() !== '') {
		const canonical = canonicalCode(typed);
		// A malformed code goes to its page all the same, which explains what is wrong with it.
		redirect(
			303,
			`/verifier/${encodeURIComponent(canonical ? formatCode(canonical) : typed.trim().slice(0, 100))}`
		);
	}
	setHeaders({ 'cache-control': 'no-cache' });
	return { empty: typed !== null };
};
