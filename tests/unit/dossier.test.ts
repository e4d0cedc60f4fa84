import { describe, expect, it } from 'vitest';
import {
	checkDossierDraft,
	DOSSIER_TEXT_FIELDS,
	EMPTY_DOSSIER,
	limitText,
	missingForSubmission,
	readDossierForm,
	whyIncomplete,
	type DossierInput,
	type SavedDossier
} from '../../src/lib/domain/dossier';

const choices = { categoryIds: [1, 2], themeIds: [10, 11] };

const complete: SavedDossier = {
	title: 'Le cahier de liaison numérique',
	summary: 'Un résumé.',
	etablissement_name: 'Lycée Camille Claudel',
	problem: 'p',
	solution: 's',
	audience: 'a',
	results: 'r',
	transferability: 't',
	resources: 'm',
	uai: '0951099D',
	category_id: 1,
	themes: [10],
	publication_consent: true
};

const input = (over: Partial<DossierInput>): DossierInput => ({ ...EMPTY_DOSSIER, ...over });

describe('the dossier’s limits', () => {
	it('are the ones of the brief', () => {
		const max = Object.fromEntries(DOSSIER_TEXT_FIELDS.map((f) => [f.name, f.max]));
		expect(max).toEqual({
			title: 150,
			summary: 500,
			etablissement_name: 200,
			problem: 5000,
			solution: 5000,
			audience: 5000,
			results: 5000,
			transferability: 5000,
			resources: 5000
		});
		expect(limitText(500)).toBe('500 caractères maximum');
		expect(limitText(5000)).toBe('5\u202f000 caractères maximum');
	});

	it('accept a text at the limit and refuse one character more, with a French message', () => {
		const atLimit = checkDossierDraft(input({ title: 'T', summary: 'x'.repeat(500) }), choices);
		expect(atLimit.ok).toBe(true);
		const over = checkDossierDraft(input({ title: 'T', summary: 'x'.repeat(501) }), choices);
		expect(over.ok).toBe(false);
		if (!over.ok) expect(over.errors.summary).toContain('500 caractères maximum');
		const long = checkDossierDraft(input({ title: 'x'.repeat(151) }), choices);
		expect(!long.ok && long.errors.title).toContain('150 caractères maximum');
		const problem = checkDossierDraft(input({ title: 'T', problem: 'x'.repeat(5001) }), choices);
		expect(!problem.ok && problem.errors.problem).toBeTruthy();
	});

	it('require a title even for a draft', () => {
		const r = checkDossierDraft(input({ title: '   ' }), choices);
		expect(!r.ok && r.errors.title).toBe('Donnez un titre à la candidature.');
	});

	it('accept a partial draft and derive the académie from the UAI code', () => {
		const r = checkDossierDraft(input({ title: ' Titre ', uai: ' 0951099d ' }), choices);
		expect(r).toMatchObject({
			ok: true,
			values: { title: 'Titre', uai: '0951099D', academie: 'Versailles', category_id: null }
		});
	});

	it('refuse a bad UAI code, a category or a theme of another edition', () => {
		const r = checkDossierDraft(
			input({ title: 'T', uai: '0951099A', category_id: '3', themes: ['10', '99'] }),
			choices
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.uai).toContain('lettre finale');
		expect(r.errors.category_id).toBeTruthy();
		expect(r.errors.themes).toBeTruthy();
	});
});

describe('reading the form', () => {
	it('keeps every value as typed, the themes and the consent', () => {
		const form = new FormData();
		form.set('title', 'Un titre');
		form.set('summary', 'ligne 1\r\nligne 2');
		form.append('themes', '10');
		form.append('themes', '11');
		form.set('publication_consent', 'on');
		const values = readDossierForm(form);
		expect(values).toMatchObject({
			title: 'Un titre',
			summary: 'ligne 1\nligne 2',
			themes: ['10', '11'],
			publication_consent: true,
			uai: ''
		});
	});
});

describe('completeness', () => {
	it('a complete dossier with consent misses nothing', () => {
		expect(missingForSubmission(complete)).toEqual([]);
		expect(whyIncomplete(complete)).toBeNull();
	});

	it('lists every missing part, themes and consent included', () => {
		const missing = missingForSubmission({
			...EMPTY_DOSSIER,
			uai: null,
			category_id: null,
			themes: []
		}).map((m) => m.field);
		expect(missing).toEqual([
			'title',
			'summary',
			'category_id',
			'themes',
			'uai',
			'etablissement_name',
			'problem',
			'solution',
			'audience',
			'results',
			'transferability',
			'resources',
			'publication_consent'
		]);
	});

	it('explains in French what a submission lacks', () => {
		const reason = whyIncomplete({ ...complete, themes: [], publication_consent: false });
		expect(reason).toBe(
			'Le dossier n’est pas complet. Il manque : au moins un thème ; votre consentement à la publication du dossier.'
		);
	});

	it('counts blank text as missing and an invalid stored UAI as missing', () => {
		const fields = missingForSubmission({ ...complete, results: '  \n', uai: '0000000A' }).map(
			(m) => m.field
		);
		expect(fields).toEqual(['uai', 'results']);
	});
});
