// Rate limiting of log-in and password reset, per address and per IP, counted in the database so that
// it holds across processes and restarts. Keys are stored as keyed digests, never in clear.
import type { Db } from '../db';
import { keyedDigest } from './crypto';

export type LimitedAction = 'login' | 'reset';

export interface Limit {
	max: number;
	windowMinutes: number;
}

export const LIMITS: Record<LimitedAction, { perEmail: Limit; perIp: Limit }> = {
	login: { perEmail: { max: 5, windowMinutes: 15 }, perIp: { max: 20, windowMinutes: 15 } },
	reset: { perEmail: { max: 3, windowMinutes: 60 }, perIp: { max: 10, windowMinutes: 60 } }
};

interface Subject {
	email: string;
	ip: string;
}

function keys(secret: string, action: LimitedAction, subject: Subject) {
	return [
		{
			scope: `${action}:email`,
			key: keyedDigest(secret, subject.email.toLowerCase()),
			limit: LIMITS[action].perEmail
		},
		{ scope: `${action}:ip`, key: keyedDigest(secret, subject.ip), limit: LIMITS[action].perIp }
	];
}

/**
 * Minutes to wait before trying again, or 0 when the attempt may go ahead (one query per key).
 */
export async function retryAfterMinutes(
	db: Db,
	secret: string,
	action: LimitedAction,
	subject: Subject,
	now = new Date()
): Promise<number> {
	let wait = 0;
	for (const { scope, key, limit } of keys(secret, action, subject)) {
		const since = new Date(now.getTime() - limit.windowMinutes * 60_000);
		const rows = await db
			.selectFrom('auth_failures')
			.where('scope', '=', scope)
			.where('key', '=', key)
			.where('at', '>', since)
			.select('at')
			.orderBy('at', 'desc')
			.limit(limit.max)
			.execute();
		if (rows.length >= limit.max) {
			const oldest = rows[rows.length - 1].at.getTime();
			const minutes = Math.ceil((oldest + limit.windowMinutes * 60_000 - now.getTime()) / 60_000);
			wait = Math.max(wait, minutes, 1);
		}
	}
	return wait;
}

/** Counts one attempt against both keys (a failed log-in, or a reset request). */
export async function recordAttempt(
	db: Db,
	secret: string,
	action: LimitedAction,
	subject: Subject,
	now = new Date()
): Promise<void> {
	await db
		.insertInto('auth_failures')
		.values(keys(secret, action, subject).map(({ scope, key }) => ({ scope, key, at: now })))
		.execute();
}

/** A successful log-in clears the address's count (not the IP's). */
export async function clearAttempts(db: Db, secret: string, action: LimitedAction, email: string) {
	await db
		.deleteFrom('auth_failures')
		.where('scope', '=', `${action}:email`)
		.where('key', '=', keyedDigest(secret, email.toLowerCase()))
		.execute();
}

export async function pruneAttempts(db: Db, now = new Date()): Promise<void> {
	await db
		.deleteFrom('auth_failures')
		.where('at', '<', new Date(now.getTime() - 24 * 60 * 60_000))
		.execute();
}

export function tooManyAttemptsMessage(minutes: number): string {
	return `Trop de tentatives. Par sécurité, réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`;
}
