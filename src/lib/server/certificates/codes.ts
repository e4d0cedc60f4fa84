// Unguessable, signed certificate codes, for short verification links `/verifier/<code>`.
//
// Format (fixed):
// - 16 bytes = 10 random bytes (the identifier) followed by the first 6 bytes of
//   HMAC-SHA-256(secret, 'certificate:' + <the identifier in base32, 16 characters>);
// - written in base32 with the Crockford alphabet, lower-case, no padding:
//   128 bits → 26 characters, the last one carrying 3 bits followed by 2 zero bits
//   (so only 0 4 8 c g m r w may end a code; anything else is malformed);
// - the first 16 characters are exactly the identifier (80 bits = 16 × 5), the last 10 the signature;
// - shown in groups of 4 joined by '-': `xxxx-xxxx-xxxx-xxxx-xxxx-xxxx-xx` (32 characters).
//
// The canonical form (26 lower-case characters, no dashes) is what is stored in the database.
// Reading is lenient: upper case, spaces and dashes are ignored and the Crockford confusables
// i, l → 1 and o → 0 are mapped; 'u' and any other character make the code malformed.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { keyedDigest } from '../auth/crypto';

export const CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const ID_BYTES = 10;
const MAC_BYTES = 6;
const ID_CHARS = (ID_BYTES * 8) / 5; // 16
/** Characters of the canonical form. */
export const CODE_LENGTH = Math.ceil(((ID_BYTES + MAC_BYTES) * 8) / 5); // 26
const PADDING_BITS = CODE_LENGTH * 5 - (ID_BYTES + MAC_BYTES) * 8; // 2
const GROUP = 4;
/** Characters of the displayed form, dashes included. */
export const FORMATTED_CODE_LENGTH = CODE_LENGTH + Math.ceil(CODE_LENGTH / GROUP) - 1; // 32

const ALIASES: Record<string, string> = { i: '1', l: '1', o: '0' };

function encode(bytes: Uint8Array): string {
	let out = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = ((buffer << 8) | byte) & 0xffff;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out += CODE_ALPHABET[(buffer >> bits) & 31];
		}
	}
	if (bits > 0) out += CODE_ALPHABET[(buffer << (5 - bits)) & 31];
	return out;
}

/** Decodes canonical base32; the caller has checked the alphabet and the zero padding bits. */
function decode(text: string): Buffer {
	const out: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const char of text) {
		buffer = ((buffer << 5) | CODE_ALPHABET.indexOf(char)) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out.push((buffer >> bits) & 0xff);
		}
	}
	return Buffer.from(out);
}

function signature(secret: string, idChars: string): Buffer {
	if (!secret) throw new Error('Certificate codes need a non-empty secret');
	return Buffer.from(keyedDigest(secret, 'certificate:' + idChars), 'base64url').subarray(
		0,
		MAC_BYTES
	);
}

/** A new signed code, in its displayed form (`xxxx-xxxx-…-xx`). `random` is injectable for tests. */
export function newCertificateCode(
	secret: string,
	random: (size: number) => Uint8Array = randomBytes
): string {
	const id = random(ID_BYTES);
	if (id.length !== ID_BYTES) throw new Error(`The random source must give ${ID_BYTES} bytes`);
	const idChars = encode(id);
	const canonical = encode(Buffer.concat([id, signature(secret, idChars)]));
	return formatCode(canonical);
}

/** The canonical form (26 lower-case characters, no dashes) of any accepted spelling, or null when malformed. */
export function canonicalCode(code: string): string | null {
	let canonical = '';
	for (const raw of code.toLowerCase()) {
		if (raw === '-' || /\s/.test(raw)) continue;
		const char = ALIASES[raw] ?? raw;
		if (!CODE_ALPHABET.includes(char)) return null;
		canonical += char;
	}
	if (canonical.length !== CODE_LENGTH) return null;
	const last = CODE_ALPHABET.indexOf(canonical[CODE_LENGTH - 1]);
	if ((last & ((1 << PADDING_BITS) - 1)) !== 0) return null;
	return canonical;
}

/** The displayed form, groups of 4 joined by '-'. Accepts any spelling; throws on a malformed code. */
export function formatCode(canonical: string): string {
	const code = canonicalCode(canonical);
	if (code === null) throw new RangeError('Malformed certificate code');
	return (code.match(new RegExp(`.{1,${GROUP}}`, 'g')) ?? []).join('-');
}

export type CertificateCodeCheck =
	{ ok: true; id: string } | { ok: false; reason: 'format' | 'signature' };

/** Checks a code typed or followed by a visitor; `id` is the canonical form to look up. */
export function checkCertificateCode(secret: string, code: string): CertificateCodeCheck {
	const canonical = canonicalCode(code);
	if (canonical === null) return { ok: false, reason: 'format' };
	const bytes = decode(canonical);
	const expected = signature(secret, canonical.slice(0, ID_CHARS));
	const given = bytes.subarray(ID_BYTES, ID_BYTES + MAC_BYTES);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'signature' };
	}
	return { ok: true, id: canonical };
}
