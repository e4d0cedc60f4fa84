// The headers every answer carries, set by the hooks and by the kept-page server alike.

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
