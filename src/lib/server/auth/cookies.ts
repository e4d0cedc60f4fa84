import { config } from '../config';

/** The session cookie: httpOnly, sameSite=lax, secure when served over https. */
export function sessionCookieOptions(expires: Date) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: config().secureCookies,
		expires
	};
}
