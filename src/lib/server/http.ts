// Small helpers for routes.

const NEXT_MAX_LENGTH = 2000;
const PROBE_ORIGIN = 'http://origine.invalid';

/**
 * A local path to go to after a form (`suite`), or the fallback. The value must be a path that,
 * parsed as a URL against our origin the way a browser parses a Location header, keeps the origin: no
 * `//host` nor `/\host`, and no control characters either (a browser drops a tab or a newline, so that
 * `/\t/host` is `//host`; in a header they would make Node refuse the answer). The URL's own
 * serialisation is returned: its path, query and fragment, percent-encoded, ASCII only.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
	if (!next || next.length > NEXT_MAX_LENGTH || !next.startsWith('/')) return fallback;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f-\u009f\\]/.test(next)) return fallback;
	let url: URL;
	try {
		url = new URL(next, PROBE_ORIGIN);
	} catch {
		return fallback;
	}
	if (url.origin !== PROBE_ORIGIN) return fallback;
	const path = url.pathname + url.search + url.hash;
	return path.startsWith('/') && !path.startsWith('//') && path.length <= NEXT_MAX_LENGTH
		? path
		: fallback;
}

/** The client's address as seen by the server (adapter-node honours ADDRESS_HEADER behind a proxy). */
export function clientIp(event: { getClientAddress(): string }): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'inconnue';
	}
}
