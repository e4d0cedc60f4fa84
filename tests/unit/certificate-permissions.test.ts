// Certificate permissions (src/lib/server/auth/permissions.ts): organisers manage an edition's, once
// its results are published for issuing; each recipient downloads his own, never a revoked one; anyone
// else is told, in French, that it is not his.
import { describe, expect, it } from 'vitest';
import {
	CERTIFICATE_NOT_YOURS,
	CERTIFICATE_REVOKED,
	whyNotDownloadCertificate,
	whyNotIssueCertificates,
	whyNotManageCertificates,
	whyNotRevokeCertificate
} from '../../src/lib/server/auth/permissions';
import type { SessionUser } from '../../src/lib/server/auth/session';

const base: SessionUser = {
	id: 1,
	email: 'a@ac-test.fr',
	name: 'A',
	emailVerified: true,
	isOrganiser: false,
	isJuror: true,
	isTeamMember: true,
	isTrialContact: true
};
const organiser: SessionUser = { ...base, isOrganiser: true };
const ORGANISERS_ONLY = 'Cet espace est réservé aux organisateurs du prix.';
const revokedAt = new Date('2027-09-15T09:00:00Z');

describe('certificate permissions', () => {
	it('lets organisers only manage an edition’s certificates', () => {
		expect(whyNotManageCertificates(organiser)).toBeNull();
		expect(whyNotManageCertificates(base)).toBe(ORGANISERS_ONLY);
		expect(whyNotManageCertificates(null)).toBe('Connectez-vous pour accéder à cet espace.');
	});

	it('lets a recipient or an organiser download a certificate, unless it is revoked', () => {
		expect(whyNotDownloadCertificate(base, { isRecipient: true, revokedAt: null })).toBeNull();
		expect(
			whyNotDownloadCertificate(organiser, { isRecipient: false, revokedAt: null })
		).toBeNull();
		expect(whyNotDownloadCertificate(base, { isRecipient: false, revokedAt: null })).toBe(
			CERTIFICATE_NOT_YOURS
		);
		// Not his: he is not told it was revoked.
		expect(whyNotDownloadCertificate(base, { isRecipient: false, revokedAt })).toBe(
			CERTIFICATE_NOT_YOURS
		);
		expect(whyNotDownloadCertificate(base, { isRecipient: true, revokedAt })).toBe(
			CERTIFICATE_REVOKED
		);
		expect(whyNotDownloadCertificate(organiser, { isRecipient: false, revokedAt })).toBe(
			CERTIFICATE_REVOKED
		);
		expect(whyNotDownloadCertificate(null, { isRecipient: false, revokedAt: null })).toMatch(
			/^Connectez-vous/
		);
	});

	it('lets an organiser revoke a certificate once', () => {
		expect(whyNotRevokeCertificate(organiser, { revokedAt: null })).toBeNull();
		expect(whyNotRevokeCertificate(organiser, { revokedAt })).toBe(
			'Cette attestation est déjà révoquée : elle ne peut pas l’être deux fois.'
		);
		expect(whyNotRevokeCertificate(base, { revokedAt: null })).toBe(ORGANISERS_ONLY);
	});

	it('lets an organiser issue the missing certificates once the results are published', () => {
		for (const phase of ['published', 'archived'])
			expect(whyNotIssueCertificates(organiser, phase)).toBeNull();
		for (const phase of ['draft', 'open', 'trial', 'final', 'deliberation'])
			expect(whyNotIssueCertificates(organiser, phase)).toMatch(
				/^Les attestations sont émises quand les résultats de l’édition sont publiés/
			);
		expect(whyNotIssueCertificates(base, 'published')).toBe(ORGANISERS_ONLY);
	});
});
