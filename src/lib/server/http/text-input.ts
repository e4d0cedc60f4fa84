// Text that PostgreSQL cannot store, refused once for every route (src/hooks.server.ts) before any of
// them reads it: the NUL character (U+0000), which neither `text` nor `jsonb` accepts — PostgreSQL
// fails the query with « invalid byte sequence for encoding "UTF8": 0x00 », a 500. It is looked for in
// the URL (path and query string, where it arrives as %00) and in the text fields of url-encoded and
// multipart forms, their names and the names of uploaded files included; the bytes of uploaded files
// are not looked at (a PDF holds NUL bytes).
//
// A form body that cannot be parsed at all is refused here too (French 400), since every action
// would fail on it with a 500.
//
// Other text reaches PostgreSQL safely: the URL and form decoders turn invalid UTF-8 and lone
// surrogates into U+FFFD, and the `pg` driver encodes strings as UTF-8 the same way.
import { isTooLarge } from './form';

/** The French message of the 400 answer. */
export const NUL_REFUSED =
	'Votre demande contient un caractère nul (U+0000), que nous ne pouvons pas enregistrer. Retirez-le et réessayez.';

const NUL = '\u0000';

/** Whether the URL's path or query string holds a NUL, raw or percent-encoded. */
export function urlHasNul(url: URL): boolean {
	const text = url.pathname + url.search;
	return text.includes(NUL) || /%00/i.test(text);
}

/** Whether any text field of the form (name or value), or an uploaded file's name, holds a NUL. */
export function formHasNul(form: FormData): boolean {
	for (const [name, value] of form) {
		if (name.includes(NUL)) return true;
		if (typeof value === 'string' ? value.includes(NUL) : value.name.includes(NUL)) return true;
	}
	return false;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The French message of the 400 answer to a form body that cannot be read (e.g. a cut multipart). */
export const UNREADABLE_FORM =
	'Le formulaire envoyé est illisible ou incomplet. Rechargez la page et envoyez-le à nouveau.';

/**
 * Why the request must be refused before any route reads it, in French, or null: a NUL in its URL or
 * in its form's text (the body is read from a copy, so that the route still reads the original), or
 * a form body that cannot be read at all — which made `request.formData()` throw in the route, a 500.
 * A body too large is left to the route, which answers it on its page (http/form.ts).
 */
export async function whyRefuseText(request: Request, url: URL): Promise<string | null> {
	if (urlHasNul(url)) return NUL_REFUSED;
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return null;
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return null;
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch (error) {
		return isTooLarge(error) ? null : UNREADABLE_FORM;
	}
	return formHasNul(form) ? NUL_REFUSED : null;
}

const PAGE = (message: string) => `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demande refusée – Prix Impulsions</title>
</head>
<body>
<main>
<h1>Demande refusée</h1>
<p>${message}</p>
<p><a href="/">Revenir à l’accueil du Prix Impulsions</a></p>
</main>
</body>
</html>
`;

/**
 * The French 400 answer, in the form the client asked for: a SvelteKit action result for a form sent
 * by script (its page then shows the message), JSON for a data request, a page otherwise.
 */
export function textRefusal(request: Request, url: URL, message: string): Response {
	if (request.headers.get('x-sveltekit-action') === 'true')
		return Response.json({ type: 'error', error: { message } }, { status: 400 });
	const accept = request.headers.get('accept') ?? '';
	if (url.pathname.endsWith('.json') || (accept.includes('json') && !accept.includes('text/html')))
		return Response.json({ message }, { status: 400 });
	return new Response(PAGE(message), {
		status: 400,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}
