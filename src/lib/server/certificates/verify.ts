// Verifying a certificate's code (/verifier/<code>): its form, then its signature under the server's
// key (codes.ts) — both without reading the database — then the certificate it names.
import type { Db } from '../db';
import { findCertificateByCode, type CertificateRow } from '../db/certificates';
import { checkCertificateCode, formatCode } from './codes';
import { certificateSecret } from './key';

export type Verification =
	| { status: 'malformed' | 'signature' | 'unknown' }
	| { status: 'valid' | 'revoked'; code: string; certificate: CertificateRow };

export async function verifyCertificate(
	db: Db,
	code: string,
	secret: string = certificateSecret()
): Promise<Verification> {
	const checked = checkCertificateCode(secret, code);
	if (!checked.ok) return { status: checked.reason === 'format' ? 'malformed' : 'signature' };
	const certificate = await findCertificateByCode(db, checked.id);
	if (!certificate) return { status: 'unknown' };
	return {
		status: certificate.revoked_at ? 'revoked' : 'valid',
		code: formatCode(certificate.code),
		certificate
	};
}
