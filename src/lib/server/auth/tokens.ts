// Single-use, expiring tokens sent by e-mail (address verification, password reset). Only hashes are
// stored; consuming a token locks its row so that it serves exactly once.
import type { Db } from '../db';
import type { TokenPurpose } from '../db/schema';
import { hashToken, newToken } from './crypto';

export const TOKEN_LIFETIME_MINUTES: Record<TokenPurpose, number> = {
	verify_email: 48 * 60,
	reset_password: 60
};

export async function createAuthToken(
	db: Db,
	userId: number,
	purpose: TokenPurpose,
	now = new Date()
): Promise<string> {
	const token = newToken();
	await db
		.insertInto('auth_tokens')
		.values({
			token_hash: hashToken(token),
			purpose,
			user_id: userId,
			created_at: now,
			expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000)
		})
		.execute();
	return token;
}

export type TokenStatus = 'valid' | 'used' | 'expired' | 'unknown';

export async function tokenStatus(
	db: Db,
	token: string,
	purpose: TokenPurpose,
	now = new Date(),
	lock = false
): Promise<{ status: TokenStatus; userId?: number }> {
	let query = db
		.selectFrom('auth_tokens')
		.select(['user_id', 'expires_at', 'used_at'])
		.where('token_hash', '=', hashToken(token))
		.where('purpose', '=', purpose);
	if (lock) query = query.forUpdate();
	const row = await query.executeTakeFirst();
	if (!row) return { status: 'unknown' };
	if (row.used_at) return { status: 'used', userId: row.user_id };
	if (row.expires_at.getTime() <= now.getTime()) return { status: 'expired', userId: row.user_id };
	return { status: 'valid', userId: row.user_id };
}

/** Marks a token used; call inside the transaction that acts on it, after `tokenStatus(…, lock)`. */
export async function markTokenUsed(db: Db, token: string, now = new Date()) {
	await db
		.updateTable('auth_tokens')
		.set({ used_at: now })
		.where('token_hash', '=', hashToken(token))
		.execute();
}

/** Once a password is reset, older reset links of the same user stop working. */
export async function expireUserTokens(
	db: Db,
	userId: number,
	purpose: TokenPurpose,
	now = new Date()
) {
	await db
		.updateTable('auth_tokens')
		.set({ used_at: now })
		.where('user_id', '=', userId)
		.where('purpose', '=', purpose)
		.where('used_at', 'is', null)
		.execute();
}

export const TOKEN_PROBLEMS: Record<Exclude<TokenStatus, 'valid'>, string> = {
	unknown: 'Ce lien n’est pas valide. Vérifiez que vous avez copié l’adresse complète.',
	used: 'Ce lien a déjà servi. Demandez-en un nouveau si nécessaire.',
	expired: 'Ce lien a expiré. Demandez-en un nouveau.'
};
