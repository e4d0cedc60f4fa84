import { describe, expect, it } from 'vitest';
import { whyNotWithdrawOrganiser } from '../../src/lib/server/auth/permissions';

const organiser = { isOrganiser: true };
const other = { isOrganiser: false };

describe('withdrawing the organiser role', () => {
	it('is allowed to an organiser, from an organiser, while another one remains', () => {
		expect(whyNotWithdrawOrganiser(organiser, organiser, 2)).toBeNull();
		expect(whyNotWithdrawOrganiser(organiser, organiser, 5)).toBeNull();
	});

	it('is refused to a visitor and to a person who is not (or no longer) organiser', () => {
		expect(whyNotWithdrawOrganiser(null, organiser, 2)).toBe(
			'Seuls les organisateurs du prix peuvent retirer ce rôle.'
		);
		expect(whyNotWithdrawOrganiser(other, organiser, 2)).toBe(
			'Seuls les organisateurs du prix peuvent retirer ce rôle.'
		);
	});

	it('is refused for a person who does not hold the role', () => {
		expect(whyNotWithdrawOrganiser(organiser, other, 2)).toBe(
			'Cette personne n’est pas (ou plus) organisatrice du prix.'
		);
	});

	it('is never allowed for the last organiser', () => {
		expect(whyNotWithdrawOrganiser(organiser, organiser, 1)).toMatch(/dernier organisateur/);
		expect(whyNotWithdrawOrganiser(organiser, organiser, 0)).toMatch(/dernier organisateur/);
	});
});
