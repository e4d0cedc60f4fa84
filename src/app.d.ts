import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
		}
		interface Error {
			message: string;
			/** An unexpected error's reference: the request id of its log lines (src/lib/server/http/errors.ts). */
			reference?: string;
		}
	}
}

export {};
