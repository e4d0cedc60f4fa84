// The key that signs certificate codes (codes.ts): derived from the server's SECRET_KEY (config.ts)
// as HMAC-SHA-256(SECRET_KEY, 'certificates'), so that no other setting is needed and a code's
// signature reveals nothing about the key used elsewhere (rate-limit digests). Changing SECRET_KEY
// makes every issued code fail verification (« Ce code n’a pas été émis par le Prix Impulsions »).
import { keyedDigest } from '../auth/crypto';
import { config } from '../config';

export function certificateSecret(secretKey: string = config().secretKey): string {
	return keyedDigest(secretKey, 'certificates');
}
