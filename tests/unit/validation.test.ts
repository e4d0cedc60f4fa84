import { describe, expect, it } from 'vitest';
import { emailProblem, nameProblem } from '../../src/lib/domain/validation';
import { passwordProblem } from '../../src/lib/server/auth/password';
import { safeNext } from '../../src/lib/server/http';

describe('form checks', () => {
	it('accepts ordinary professional addresses and refuses malformed ones', () => {
		expect(emailProblem('prenom.nom@ac-versailles.fr')).toBeNull();
		expect(emailProblem('')).toBe('Saisissez votre adresse électronique.');
		expect(emailProblem('nom@domaine')).toMatch(/valide/);
		expect(emailProblem('a b@c.fr')).toMatch(/valide/);
	});

	it('requires a name of reasonable length', () => {
		expect(nameProblem('  ')).toBe('Saisissez vos prénom et nom.');
		expect(nameProblem('x'.repeat(121))).toMatch(/120 caractères/);
		expect(nameProblem('Anne Dupont')).toBeNull();
	});

	it('requires passwords of 12 characters that do not contain the address', () => {
		expect(passwordProblem('court')).toMatch(/au moins 12/);
		expect(passwordProblem('anne.dupont-2026!', 'anne.dupont@ac-lyon.fr')).toMatch(/adresse/);
		expect(passwordProblem('une phrase de passe')).toBeNull();
	});
});

describe('return address after log-in', () => {
	it('keeps local paths and refuses other sites', () => {
		expect(safeNext('/admin/courriels?page=2')).toBe('/admin/courriels?page=2');
		expect(safeNext('//evil.example')).toBe('/');
		expect(safeNext('/\\evil.example')).toBe('/');
		expect(safeNext('https://evil.example')).toBe('/');
		expect(safeNext(null)).toBe('/');
	});
});
