// /verifier's check (src/lib/server/certificates/verify.ts) before the database: a malformed code and
// a code whose signature is not the prize's are refused without reading it; the messages say which.
import { describe, expect, it } from 'vitest';
import { VERIFY_REFUSALS } from '../../src/lib/domain/certificates';
import { newCertificateCode } from '../../src/lib/server/certificates/codes';
import { verifyCertificate } from '../../src/lib/server/certificates/verify';
import type { Db } from '../../src/lib/server/db';

const SECRET = 'clé des attestations pour les tests unitaires';
/** A database that must not be read. */
const untouchable = new Proxy({} as Db, {
	get: () => {
		throw new Error('The database was read');
	}
});

/** Changes the character at `index` of a displayed code to another of the alphabet. */
function alter(code: string, index: number): string {
	const other = code[index] === '2' ? '3' : '2';
	return code.slice(0, index) + other + code.slice(index + 1);
}

describe('verifying a certificate code', () => {
	const code = newCertificateCode(SECRET);

	it('refuses a malformed code: wrong length, forbidden letter, bad last character', async () => {
		for (const bad of ['', 'abcd', code + '0', code.replace(/.$/, '1'), 'u' + code.slice(1)])
			expect(await verifyCertificate(untouchable, bad, SECRET)).toEqual({ status: 'malformed' });
	});

	it('refuses a code altered by one character, in its identifier or its signature', async () => {
		for (const index of [0, 7, 18, 27, 30])
			expect(await verifyCertificate(untouchable, alter(code, index), SECRET)).toEqual({
				status: 'signature'
			});
	});

	it('refuses a code signed with another key', async () => {
		expect(await verifyCertificate(untouchable, newCertificateCode('autre clé'), SECRET)).toEqual({
			status: 'signature'
		});
	});

	it('says in French why', () => {
		expect(VERIFY_REFUSALS.signature).toMatch(/^Ce code n’a pas été émis par le Prix Impulsions/);
		expect(VERIFY_REFUSALS.malformed).toMatch(/n’a pas la forme d’un code d’attestation/);
	});
});
