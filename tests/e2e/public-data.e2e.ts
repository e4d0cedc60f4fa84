// The edition transparency page and the open data, on the demo (a published past edition, one in its
// trial phase, one in eligibility): counts at each stage, numbers by académie, the jury once
// published, the log's fingerprint and its public journal; /donnees and every file it links to, with
// its type, parsed and checked against its schema. Public pages and files ship no script and answer
// 304 to a matching If-None-Match. Runs with and without JavaScript.
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, type Axe } from './fixtures';

/** Opens /editions, then the edition in this phase; answers its year. */
async function openEdition(page: Page, axe: Axe, phase: RegExp): Promise<number> {
	await page.goto('/editions');
	await axe();
	const item = page.getByRole('listitem').filter({ hasText: phase }).first();
	const link = item.getByRole('link', { name: /^Prix Impulsions \d{4}$/ });
	const year = Number((await link.textContent())!.match(/\d{4}/)![0]);
	await link.click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Prix Impulsions ${year}` })
	).toBeVisible();
	await axe();
	return year;
}

/** The page's HTML as sent: no script; and a second request with its ETag answers 304. */
async function expectCacheableWithoutScript(request: APIRequestContext, path: string) {
	const response = await request.get(path);
	expect(response.status(), path).toBe(200);
	const body = await response.text();
	expect(body, path).not.toMatch(/<script/i);
	const etag = response.headers()['etag'];
	expect(etag, path).toBeTruthy();
	const again = await request.get(path, { headers: { 'If-None-Match': etag } });
	expect(again.status(), path).toBe(304);
	expect(await again.text(), path).toBe('');
	return body;
}

test('l’édition publiée montre ses étapes, ses académies, son jury et l’empreinte de son journal', async ({
	page,
	axe,
	request
}) => {
	const year = await openEdition(page, axe, /Résultats publiés/);

	const stages = page.getByRole('table', { name: 'Candidatures à chaque étape' });
	const count = async (label: string) =>
		Number(
			(await stages
				.getByRole('row')
				.filter({ hasText: label })
				.getByRole('cell')
				.first()
				.textContent())!.replace(/\s/g, '')
		);
	const submitted = await count('Candidatures déposées');
	const laureates = await count('Lauréates');
	expect(submitted).toBeGreaterThan(0);
	expect(laureates).toBeGreaterThan(0);
	expect(laureates).toBeLessThanOrEqual(await count('Finalistes'));
	await expect(stages).toContainText('100 %');
	await expect(page.getByText(/parvenues au moins à cette étape/)).toBeVisible();

	const academies = page.getByRole('table', { name: 'Candidatures par académie' });
	for (const column of ['Académie', 'Candidatures déposées', 'Présélectionnées', 'Lauréates'])
		await expect(academies.getByRole('columnheader', { name: column })).toBeVisible();
	const total = academies.getByRole('row').filter({ hasText: 'Total' });
	await expect(total.getByRole('cell').first()).toHaveText(String(submitted));

	const jury = page.getByRole('table', { name: 'Composition du jury' });
	expect(await jury.getByRole('row').count()).toBeGreaterThan(1);
	await expect(jury).toContainText(/Présélection|Jury final/);
	await expect(jury).not.toContainText('@');

	const fingerprint = (await page.locator('code.fingerprint').textContent())!;
	expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
	await expect(page.getByText('node verifier-journal.mjs journal.json').first()).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Ce que chacun peut vérifier' })).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'Ce que seuls les organisateurs peuvent vérifier' })
	).toBeVisible();
	const journalLink = page.getByRole('link', { name: /Télécharger le journal public/ });
	await expect(journalLink).toHaveAttribute('href', `/editions/${year}/journal.json`);

	const journal = await request.get(`/editions/${year}/journal.json`);
	expect(journal.headers()['content-type']).toBe('application/json; charset=utf-8');
	const body = await journal.json();
	expect(body.empreinte).toBe(fingerprint);
	expect(body.chaine.at(-1).empreinte).toBe(fingerprint);
	expect(body.chaine.some((l: { contenu: unknown }) => l.contenu !== null)).toBe(true);
	// Issue 16: each public content carries its random salt; hidden events publish none.
	for (const link of body.chaine as { contenu: { salt?: string } | null }[])
		if (link.contenu) expect(link.contenu.salt).toMatch(/^[0-9a-f]{32}$/);
	expect(JSON.stringify(body)).not.toContain('@');

	await expectCacheableWithoutScript(request, `/editions/${year}`);
	await expectCacheableWithoutScript(request, `/editions/${year}/journal.json`);
});

test('une édition en cours ne publie ni les étapes qu’elle n’a pas passées ni son jury', async ({
	page,
	axe
}) => {
	await openEdition(page, axe, /Phase d’essai/);
	const stages = page.getByRole('table', { name: 'Candidatures à chaque étape' });
	await expect(stages.getByRole('row').filter({ hasText: 'Présélectionnées' })).not.toContainText(
		'Publié à partir'
	);
	await expect(stages.getByRole('row').filter({ hasText: 'Lauréates' })).toContainText(
		'Publié à partir de la phase « Résultats publiés »'
	);
	await expect(stages.getByRole('row').filter({ hasText: 'Finalistes' })).toContainText(
		'Publié à partir de la phase « Jury final »'
	);
	const academies = page.getByRole('table', { name: 'Candidatures par académie' });
	await expect(academies.getByRole('columnheader', { name: 'Présélectionnées' })).toBeVisible();
	await expect(academies.getByRole('columnheader', { name: 'Lauréates' })).toHaveCount(0);
	await expect(page.getByText('La colonne « Lauréates » sera ajoutée')).toBeVisible();
	await expect(
		page.getByText(/La composition du jury sera publiée avec les résultats/)
	).toBeVisible();
	await expect(page.getByRole('table', { name: 'Composition du jury' })).toHaveCount(0);

	await openEdition(page, axe, /Examen de l’éligibilité/);
	await expect(
		page
			.getByRole('table', { name: 'Candidatures à chaque étape' })
			.getByRole('row')
			.filter({ hasText: 'Déclarées éligibles' })
	).toContainText('Publié à partir de la phase « Présélection par le jury »');
});

/** Minimal RFC 4180 reading, enough to check the header and the number of fields of each record. */
function csvRecords(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let value = '';
	let quoted = false;
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (quoted && c === '"' && text[i + 1] === '"') {
			value += '"';
			i += 2;
			continue;
		}
		if (c === '"') quoted = !quoted;
		else if (!quoted && c === ',') {
			record.push(value);
			value = '';
		} else if (!quoted && c === '\r' && text[i + 1] === '\n') {
			record.push(value);
			records.push(record);
			record = [];
			value = '';
			i++;
		} else value += c;
		i++;
	}
	return records;
}

test('les données ouvertes sont décrites, téléchargeables et conformes à leur schéma', async ({
	page,
	axe,
	request
}) => {
	await page.goto('/plan-du-site');
	await axe();
	await page.getByRole('link', { name: 'Données ouvertes' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Données ouvertes' })).toBeVisible();
	await axe();
	await expect(
		page.getByRole('link', { name: 'Licence Ouverte / Open Licence version 2.0' })
	).toHaveAttribute('href', 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/');
	await expect(
		page.getByText('Ministère de l’Éducation nationale — Prix Impulsions')
	).toBeVisible();
	await expect(
		page.getByRole('table', { name: 'Champs de « Lauréats du Prix Impulsions »' })
	).toContainText('distinction');

	const hrefs = await page
		.locator('a[href^="/donnees/"]')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
	for (const dataset of ['laureats', 'editions', 'academies'])
		for (const suffix of ['.csv', '.json', '.schema.json'])
			expect(hrefs).toContain(`/donnees/${dataset}${suffix}`);
	expect(hrefs).toContain('/donnees/datapackage.json');

	for (const dataset of ['laureats', 'editions', 'academies']) {
		const schemaResponse = await request.get(`/donnees/${dataset}.schema.json`);
		expect(schemaResponse.headers()['content-type']).toBe('application/json; charset=utf-8');
		const schema = await schemaResponse.json();
		const names = schema.fields.map((f: { name: string }) => f.name);

		const csv = await request.get(`/donnees/${dataset}.csv`);
		expect(csv.status()).toBe(200);
		expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(csv.headers()['content-disposition']).toBe(`attachment; filename="${dataset}.csv"`);
		const text = await csv.text();
		expect(text).not.toContain('@');
		const [header, ...records] = csvRecords(text);
		expect(header).toEqual(names);
		expect(records.length).toBeGreaterThan(0);
		for (const r of records) expect(r).toHaveLength(names.length);

		const json = await request.get(`/donnees/${dataset}.json`);
		expect(json.headers()['content-type']).toBe('application/json; charset=utf-8');
		const rows = await json.json();
		expect(Array.isArray(rows)).toBe(true);
		expect(rows).toHaveLength(records.length);
		for (const row of rows) expect(Object.keys(row)).toEqual(names);
	}

	const laureates = await (await request.get('/donnees/laureats.json')).json();
	expect(laureates.map((l: { titre: string }) => l.titre)).toContain(
		'Les convocations aux examens en langage clair'
	);
	expect(laureates.map((l: { titre: string }) => l.titre)).not.toContain(
		'La cour de récréation rendue aux élèves'
	);

	const descriptor = await (await request.get('/donnees/datapackage.json')).json();
	expect(descriptor.licenses[0].name).toBe('etalab-2.0');
	expect(descriptor.resources.map((r: { path: string }) => r.path)).toContain('laureats.csv');

	await expectCacheableWithoutScript(request, '/donnees');
	await expectCacheableWithoutScript(request, '/donnees/laureats.csv');
	expect((await request.get('/donnees/inconnu.csv')).status()).toBe(404);
});
