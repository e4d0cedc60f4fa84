// Small helpers for routes.

/** A local path to go to after a form, never another site (`//host`, `/\host`). */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
		return fallback;
	return next;
}

/** The client's address as seen by the server (adapter-node honours ADDRESS_HEADER behind a proxy). */
export function clientIp(event: { getClientAddress(): string }): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'inconnue';
	}
}
