// The headers every answer carries, set by the hooks and by the kept-page server alike, and by
// src/start.js on the answers SvelteKit's hooks never see (adapter-node's static files under /_app/,
// the favicon): the hooks publish them under SECURITY_HEADERS_KEY for it.

/** Where the hooks put a function returning the headers, for src/start.js (plain JavaScript). */
export const SECURITY_HEADERS_KEY = Symbol.for('prix-impulsions.security-headers');

/** Security headers; HSTS only when cookies are secure (the site is served over HTTPS). */
export function securityHeaders(secure: boolean): [string, string][] {
	const headers: [string, string][] = [
		['x-content-type-options', 'nosniff'],
		['referrer-policy', 'strict-origin-when-cross-origin'],
		['x-frame-options', 'DENY'],
		['permissions-policy', 'camera=(), microphone=(), geolocation=()']
	];
	if (secure) headers.push(['strict-transport-security', 'max-age=31536000; includeSubDomains']);
	return headers;
}
