// Certificates (attestations) of the demo's published edition (2025): the organiser finds them from the
// edition's page, downloads one PDF, revokes a juror's with its confirmation step and required reason,
// and /verifier then says it is revoked; a valid code shows what it attests, an altered one is refused;
// the whole edition downloads as one ZIP (with JavaScript, its progress is shown). A laureate downloads
// his own from his account. Runs with and without JavaScript: each run revokes another juror's.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO, logIn } from './support';

async function bytesOf(download: Download): Promise<Buffer> {
	return readFile((await download.path())!);
}

/** Clicks `link` and returns the download it starts (the page does not change). */
async function downloadFrom(page: Page, name: string | RegExp): Promise<Download> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name }).click()
	]);
	return download;
}

/** The code shown in a row of the organisers' list. */
async function codeOfRow(page: Page, recipient: string): Promise<string> {
	const row = page
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: recipient }) });
	return ((await row.locator('code').textContent()) ?? '').trim();
}

test('une organisatrice télécharge, révoque et vérifie les attestations de l’édition publiée', async ({
	page,
	axe,
	javaScriptEnabled
}) => {
	test.setTimeout(180_000);
	const juror = javaScriptEnabled ? 'Marc Lefèvre' : 'Sophie Durand';
	const reason = `Juré remplacé avant la délibération (${javaScriptEnabled ? 'avec' : 'sans'} JavaScript).`;

	await logIn(page, axe, DEMO.organiser);
	await page.goto('/admin/editions');
	await axe();
	await page.getByRole('link', { name: 'Prix Impulsions 2025', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Prix Impulsions 2025' })).toBeVisible();
	await axe();
	await page.getByRole('link', { name: 'Attestations', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Attestations — Prix Impulsions 2025' })
	).toBeVisible();
	await axe();
	// Every kind is there, with its count.
	for (const kind of [
		/^Équipes lauréates \(4/,
		/^Membres des équipes lauréates \(\d/,
		/^Sites d’essai \(\d/
	])
		await expect(page.getByRole('link', { name: kind })).toBeVisible();

	// The jurors' certificates, then one PDF.
	await page.getByRole('link', { name: /^Membres du jury \(3/ }).click();
	await expect(page.getByRole('rowheader', { name: juror })).toBeVisible();
	await axe();
	await expect(page.getByRole('rowheader', { name: 'Nadia Haddad' })).toHaveCount(0);
	const pdfLink = page.getByRole('link', { name: `Télécharger l’attestation de ${juror} (PDF)` });
	const pdfPath = new URL((await pdfLink.getAttribute('href'))!, page.url()).pathname;
	const pdf = await downloadFrom(page, `Télécharger l’attestation de ${juror} (PDF)`);
	const slug = juror === 'Marc Lefèvre' ? 'marc-lefevre' : 'sophie-durand';
	expect(pdf.suggestedFilename()).toMatch(
		new RegExp(`^certificat-2025-jury-${slug}-[0-9a-z]{8}\\.pdf$`)
	);
	expect((await bytesOf(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	const code = await codeOfRow(page, juror);
	expect(code).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){5}-[0-9a-z]{2}$/);
	const validCode = await codeOfRow(page, 'Ahmed Benali');

	// Revocation: a confirmation page, a required reason, then the list says so.
	await page.getByRole('link', { name: `Révoquer l’attestation de ${juror}` }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Révoquer une attestation' })
	).toBeVisible();
	await axe();
	await expect(page.getByText(juror, { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Révoquer définitivement l’attestation' }).click();
	await expect(page.getByRole('alert')).toContainText('Indiquez le motif de la révocation');
	await axe();
	await page.getByLabel(/^Motif de la révocation/).fill(reason);
	await page.getByRole('button', { name: 'Révoquer définitivement l’attestation' }).click();
	await expect(page.getByText(`L’attestation ${code} a été révoquée`)).toBeVisible();
	await axe();
	const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: juror }) });
	await expect(row).toContainText('Révoquée');
	await expect(row).toContainText(reason);
	await expect(row.getByRole('link', { name: /Télécharger/ })).toHaveCount(0);
	// A revoked certificate is not handed out any more.
	const gone = await page.request.get(pdfPath);
	expect(gone.status()).toBe(410);

	// /verifier: the revoked code, typed in capitals without dashes.
	await page.goto('/verifier');
	await axe();
	await page.getByLabel(/^Code de l’attestation/).fill(code.replace(/-/g, '').toUpperCase());
	await page.getByRole('button', { name: 'Vérifier' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Attestation révoquée' })).toBeVisible();
	await axe();
	await expect(page.getByText(`Motif : ${reason}`)).toBeVisible();
	await expect(page.getByText(juror, { exact: true })).toBeVisible();

	// A valid code shows what it attests.
	const valid = await page.goto(`/verifier/${validCode}`);
	expect(valid?.status()).toBe(200);
	expect(valid?.headers()['cache-control']).toBe('no-cache');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Attestation authentique' })
	).toBeVisible();
	await axe();
	await expect(page.getByText('Ahmed Benali', { exact: true })).toBeVisible();
	await expect(page.getByText('A siégé au jury de cette édition.')).toBeVisible();
	await expect(page.getByText('Prix Impulsions 2025', { exact: true })).toBeVisible();
	expect(await page.locator('script').count()).toBe(0);

	// One character changed: not signed by the prize (404, explained).
	const changed = validCode[1] === '2' ? '3' : '2';
	const altered = validCode[0] + changed + validCode.slice(2);
	const refused = await page.goto(`/verifier/${altered}`);
	expect(refused?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Code non reconnu' })).toBeVisible();
	await axe();
	await expect(page.getByText(/^Ce code n’a pas été émis par le Prix Impulsions/)).toBeVisible();

	// The whole edition as one ZIP archive, revoked certificates left out.
	await page.goto('/admin/editions');
	await axe();
	await page.getByRole('link', { name: 'Prix Impulsions 2025', exact: true }).click();
	await axe();
	await page.getByRole('link', { name: 'Attestations', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Attestations — Prix Impulsions 2025' })
	).toBeVisible();
	await axe();
	const zipName = /^Télécharger toutes les attestations valables \(ZIP, (\d+) attestations\)$/;
	const count = Number(
		zipName.exec((await page.getByRole('link', { name: zipName }).textContent())!.trim())?.[1]
	);
	expect(count).toBeGreaterThan(10);
	const zip = await downloadFrom(page, zipName);
	expect(zip.suggestedFilename()).toBe('attestations-2025.zip');
	const archive = await bytesOf(zip);
	expect(archive.readUInt32LE(0)).toBe(0x04034b50);
	// The end of central directory record: its number of entries.
	const end = archive.length - 22;
	expect(archive.readUInt32LE(end)).toBe(0x06054b50);
	expect(archive.readUInt16LE(end + 10)).toBe(count);
	if (javaScriptEnabled)
		await expect(page.getByTestId('zip-progress')).toHaveText(
			`Archive prête : ${count} attestations. Le téléchargement a commencé.`
		);

	// Issuing the missing ones changes nothing that was issued.
	await page.getByRole('button', { name: 'Émettre les attestations manquantes' }).click();
	await expect(
		page.getByText(/(Aucune attestation ne manquait|manquantes? (a|ont) été émises?)/)
	).toBeVisible();
	await axe();
});

test('une lauréate télécharge ses attestations depuis son compte', async ({ page, axe }) => {
	await logIn(page, axe, DEMO.team);
	await page.goto('/compte');
	await axe();
	await page.getByRole('link', { name: 'Mes attestations' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mes attestations' })).toBeVisible();
	await axe();
	// Hers and her team's, nobody else's.
	await expect(page.getByRole('heading', { level: 2 })).toHaveText([
		'Prix Impulsions 2025 — Équipe lauréate',
		'Prix Impulsions 2025 — Membre d’une équipe lauréate'
	]);
	await expect(page.getByText('Thomas Girard')).toHaveCount(0);
	const own = await downloadFrom(
		page,
		/^Télécharger l’attestation membre d’une équipe lauréate de Nadia Haddad/
	);
	expect(own.suggestedFilename()).toMatch(
		/^certificat-2025-laureat-nadia-haddad-[0-9a-z]{8}\.pdf$/
	);
	expect((await bytesOf(own)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	const team = await downloadFrom(
		page,
		/^Télécharger l’attestation équipe lauréate de Lycée polyvalent Louise-Michel/
	);
	expect(team.suggestedFilename()).toMatch(
		/^certificat-2025-equipe-laureate-lycee-polyvalent-louise-michel/
	);
});
