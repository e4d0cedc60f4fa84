// Random tokens and their stored form: a token is shown once (cookie, link) and only its hash is stored.
import { createHash, createHmac, randomBytes } from 'node:crypto';

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** A keyed digest, so that stored rate-limit keys (addresses, IPs) cannot be read back. */
export function keyedDigest(secret: string, value: string): string {
	return createHmac('sha256', secret).update(value).digest('base64url');
}
