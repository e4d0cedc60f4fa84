import { describe, expect, it } from 'vitest';
import { MOTIVATION_MAX } from '../../src/lib/domain/trial-site-labels';
import {
	checkVolunteer,
	emptyVolunteerValues,
	readVolunteerForm,
	type VolunteerValues
} from '../../src/lib/server/trial/volunteer-form';

const account = { name: 'Claire Martin', email: 'Claire.Martin@ac-lyon.fr' };

const valid: VolunteerValues = {
	name: '  Collège Jean Moulin ',
	uai: ' 0690001b ',
	kind: 'college',
	priorityEducation: 'oui',
	area: 'urbain',
	size: '1 200',
	contactName: 'Claire Martin',
	contactEmail: 'Claire.Martin@ac-lyon.fr',
	motivation: '  Nos élèves de 6e en ont besoin.  ',
	headAgreement: true
};

const form = (values: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) data.set(k, v);
	return data;
};

describe('reading the volunteer form', () => {
	it('keeps every value as typed, the agreement checked only by « oui »', () => {
		expect(
			readVolunteerForm(
				form({
					name: 'École A',
					uai: '0750001u',
					kind: 'ecole',
					priorityEducation: 'non',
					area: 'rural',
					size: '25',
					contactName: 'X',
					contactEmail: 'x@y.fr',
					motivation: 'Ligne 1\r\nLigne 2',
					headAgreement: 'oui'
				})
			)
		).toEqual({
			name: 'École A',
			uai: '0750001u',
			kind: 'ecole',
			priorityEducation: 'non',
			area: 'rural',
			size: '25',
			contactName: 'X',
			contactEmail: 'x@y.fr',
			motivation: 'Ligne 1\nLigne 2',
			headAgreement: true
		});
		expect(readVolunteerForm(form({})).headAgreement).toBe(false);
	});

	it('starts empty with the account as the contact', () => {
		expect(emptyVolunteerValues(account)).toMatchObject({
			name: '',
			contactName: 'Claire Martin',
			contactEmail: 'Claire.Martin@ac-lyon.fr',
			headAgreement: false
		});
	});
});

describe('checking the volunteer form', () => {
	it('accepts a complete application, derives the académie from the UAI and normalises the values', () => {
		expect(checkVolunteer(valid, account)).toEqual({
			ok: true,
			site: {
				name: 'Collège Jean Moulin',
				uai: '0690001B',
				academie: 'Lyon',
				kind: 'college',
				priorityEducation: true,
				area: 'urbain',
				size: 1200,
				contactName: 'Claire Martin',
				contactEmail: 'claire.martin@ac-lyon.fr',
				motivation: 'Nos élèves de 6e en ont besoin.'
			}
		});
	});

	it('takes the account’s name and address when the contact is left empty', () => {
		const result = checkVolunteer({ ...valid, contactName: ' ', contactEmail: '' }, account);
		expect(result).toMatchObject({
			ok: true,
			site: { contactName: 'Claire Martin', contactEmail: 'claire.martin@ac-lyon.fr' }
		});
	});

	it('answers a French message for every missing field', () => {
		const result = checkVolunteer(emptyVolunteerValues(), null);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			name: 'Indiquez le nom de l’établissement ou du service.',
			uai: expect.stringContaining('Saisissez le code UAI'),
			kind: 'Choisissez le type de site : école, collège, lycée ou service.',
			priorityEducation: 'Indiquez si le site relève de l’éducation prioritaire.',
			area: 'Indiquez si le site est en milieu rural ou urbain.',
			size: 'Indiquez le nombre d’élèves (ou d’agents, pour un service) concernés.',
			contactName: 'Indiquez les prénom et nom de la personne à contacter.',
			contactEmail: 'Indiquez l’adresse électronique de la personne à contacter.',
			motivation:
				'Expliquez en quelques lignes pourquoi le site souhaite essayer cette innovation.',
			headAgreement:
				'L’accord du chef d’établissement (ou du responsable du service) est nécessaire pour participer à l’essai.'
		});
	});

	it('refuses a UAI whose checksum letter is wrong', () => {
		const result = checkVolunteer({ ...valid, uai: '0690001A' }, account);
		expect(result).toMatchObject({
			ok: false,
			errors: { uai: expect.stringContaining('la lettre attendue pour 0690001 est B') }
		});
	});

	it('refuses unknown kinds and areas and an answer other than oui/non', () => {
		const result = checkVolunteer(
			{ ...valid, kind: 'universite', area: 'periurbain', priorityEducation: 'peut-être' },
			account
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual(['area', 'kind', 'priorityEducation']);
	});

	it('wants a size from 1 to 100 000, a whole number', () => {
		for (const size of ['0', '100001', '12,5', 'beaucoup', '-3']) {
			const result = checkVolunteer({ ...valid, size }, account);
			expect(result, size).toMatchObject({
				ok: false,
				errors: { size: 'Indiquez un nombre entier entre 1 et 100\u202f000.' }
			});
		}
		expect(checkVolunteer({ ...valid, size: '100 000' }, account)).toMatchObject({
			ok: true,
			site: { size: 100000 }
		});
		expect(checkVolunteer({ ...valid, size: '1' }, account)).toMatchObject({ ok: true });
	});

	it('limits the motivation to 2 000 characters', () => {
		const long = 'a'.repeat(MOTIVATION_MAX + 1);
		expect(checkVolunteer({ ...valid, motivation: long }, account)).toMatchObject({
			ok: false,
			errors: { motivation: expect.stringContaining('2001 caractères') }
		});
		expect(checkVolunteer({ ...valid, motivation: 'a'.repeat(MOTIVATION_MAX) }, account).ok).toBe(
			true
		);
	});

	it('refuses a malformed contact address and a missing agreement', () => {
		const result = checkVolunteer(
			{ ...valid, contactEmail: 'claire@', headAgreement: false },
			account
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.contactEmail).toContain('adresse électronique valide');
		expect(result.errors.headAgreement).toContain('accord du chef d’établissement');
	});
});
