// The team's attachments and co-authors, on the demo's draft candidature « Le livret d’accueil
// numérique des nouveaux personnels » (its lead is DEMO.team): add a real PDF, see it listed,
// download it with the right headers, have a program renamed .pdf refused in French, remove the PDF
// through the confirmation step; then invite a co-author, see the pending invitation, let him create
// his account from the mailed link, and remove him through the confirmation step; each member's own
// consent to the publication of his name. Runs with and without JavaScript; each project uses its
// own file name and address.
import { writeFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { DEMO, linkFromOutbox, logIn, uniqueEmail } from './support';

const TITLE = 'Le livret d’accueil numérique des nouveaux personnels';

test('le porteur joint un PDF, le télécharge, voit refuser un faux PDF, le retire et invite un co-auteur', async ({
	page,
	axe,
	browser,
	javaScriptEnabled
}, testInfo) => {
	// Two users and a dozen pages, each checked by axe.
	test.setTimeout(150_000);
	const suffix = javaScriptEnabled ? 'js' : 'sans-js';
	const goodName = `bilan-${suffix}.pdf`;
	const fakeName = `programme-${suffix}.pdf`;
	const good = testInfo.outputPath(goodName);
	const fake = testInfo.outputPath(fakeName);
	const pdfBytes = Buffer.from(`%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
	await writeFile(good, pdfBytes);
	await writeFile(fake, Buffer.from('MZ\x90\x00\x03\x00\x00\x00 pas un document'));

	await logIn(page, axe, DEMO.team);
	await page.goto('/equipe');
	await axe();
	const href = await page.getByRole('link', { name: TITLE }).first().getAttribute('href');
	const id = href?.match(/\/equipe\/(\d+)/)?.[1];
	expect(id).toBeTruthy();

	// Attachments.
	await page.goto(`/equipe/${id}/pieces`);
	await axe();
	await expect(page).toHaveTitle(`Pièces jointes — ${TITLE} — Prix Impulsions`);
	await expect(page.getByRole('heading', { level: 1, name: 'Pièces jointes' })).toBeVisible();
	await page.getByLabel(/^Fichiers/).setInputFiles(good);
	await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
	await expect(page.getByText(`La pièce jointe « ${goodName} » a été ajoutée.`)).toBeVisible();
	await axe();
	const row = page.getByRole('row').filter({ hasText: goodName });
	await expect(row).toContainText('PDF');
	await expect(row).toContainText(`${pdfBytes.length} octets`);

	const link = row.getByRole('link', { name: new RegExp(goodName.replace('.', '\\.')) }).first();
	// Links may be relative when rendered on the server: resolve them against the page.
	const downloadPath = new URL((await link.getAttribute('href'))!, page.url()).pathname;
	expect(downloadPath).toMatch(new RegExp(`^/equipe/${id}/pieces/\\d+$`));
	const response = await page.request.get(downloadPath);
	expect(response.status()).toBe(200);
	const headers = response.headers();
	expect(headers['content-type']).toBe('application/pdf');
	expect(headers['content-disposition']).toContain(`attachment; filename="${goodName}"`);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['cache-control']).toBe('private, no-store');
	expect(headers['content-length']).toBe(String(pdfBytes.length));
	expect(Buffer.from(await response.body()).equals(pdfBytes)).toBe(true);

	// Not for a juror (nor anyone outside the team and the organisers).
	const other = await browser.newContext({ javaScriptEnabled });
	try {
		const jurorPage = await other.newPage();
		await logIn(jurorPage, axe, DEMO.juror);
		const refused = await jurorPage.request.get(downloadPath);
		expect(refused.status()).toBe(403);
		expect(refused.headers()['content-disposition']).toBeUndefined();
	} finally {
		await other.close();
	}

	// A program renamed .pdf: refused in French, nothing stored.
	await page.getByLabel(/^Fichiers/).setInputFiles(fake);
	await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText(
		`Le fichier « ${fakeName} » n’est pas d’un type accepté`
	);
	await axe();
	await expect(page.getByRole('row').filter({ hasText: fakeName })).toHaveCount(0);

	// Two files of 7 Mo each: each is under the 10 Mo limit, but the batch is over the server's 12 Mo
	// for one request. Refused in French on the same page, nothing stored.
	const big = [1, 2].map((n) => testInfo.outputPath(`gros-${n}-${suffix}.pdf`));
	for (const path of big) {
		const bytes = Buffer.alloc(7 * 1024 * 1024, 0x20);
		bytes.write('%PDF-1.4\n', 0);
		await writeFile(path, bytes);
	}
	await page.getByLabel(/^Fichiers/).setInputFiles(big);
	await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('L’envoi dépasse 12 Mo au total');
	await axe();
	await expect(page.getByRole('row').filter({ hasText: 'gros-' })).toHaveCount(0);

	// Removal, through the confirmation step.
	await row.getByRole('link', { name: `Retirer ${goodName}` }).click();
	await expect(
		page.getByRole('heading', { level: 2, name: `Retirer « ${goodName} » ?` })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
	await expect(page.getByText(`La pièce jointe « ${goodName} » a été retirée.`)).toBeVisible();
	await axe();
	await expect(page.getByRole('row').filter({ hasText: goodName })).toHaveCount(0);
	expect((await page.request.get(downloadPath)).status()).toBe(404);

	// Co-authors.
	await page.goto(`/equipe/${id}/membres`);
	await axe();
	await expect(page).toHaveTitle(`Équipe — ${TITLE} — Prix Impulsions`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Équipe de la candidature' })
	).toBeVisible();
	await expect(page.getByRole('row').filter({ hasText: DEMO.team })).toContainText('Porteur');
	const email = uniqueEmail(testInfo, 'coauteur');
	await page.getByLabel('Adresse électronique du co-auteur').fill(email);
	await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
	await expect(page.getByText(`L’invitation a été envoyée à ${email}.`)).toBeVisible();
	await axe();
	await expect(
		page
			.getByRole('table', { name: /Invitations en attente/ })
			.getByRole('row')
			.filter({
				hasText: email
			})
	).toBeVisible();

	// Each member gives (or withdraws) his own consent to the publication of his name.
	const consent = page.getByLabel('J’accepte que mon nom soit publié si la candidature est primée');
	// DSFR draws the box on the label: click the label, as a user does.
	const consentLabel = page.locator('label[for="champ-consentement"]');
	await expect(consent).not.toBeChecked();
	await consentLabel.click();
	await expect(consent).toBeChecked();
	await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
	await expect(
		page.getByText('Votre nom pourra être publié si la candidature est primée.')
	).toBeVisible();
	await axe();
	await expect(page.getByRole('row').filter({ hasText: DEMO.team })).toContainText('Oui');
	await expect(consent).toBeChecked();
	await consentLabel.click();
	await expect(consent).not.toBeChecked();
	await page.getByRole('button', { name: 'Enregistrer mon choix' }).click();
	await expect(page.getByText('Votre nom ne sera pas publié.')).toBeVisible();
	await axe();
	await expect(page.getByRole('row').filter({ hasText: DEMO.team })).toContainText('Non');

	// The co-author follows the link from the mail: it creates his account and makes him a member.
	const path = await linkFromOutbox(browser, axe, email, '/invitation/', javaScriptEnabled);
	const guest = await browser.newContext({ javaScriptEnabled });
	try {
		const guestPage = await guest.newPage();
		await guestPage.goto(path);
		await axe(guestPage);
		await expect(
			guestPage.getByText(
				`vous invite à rejoindre l’équipe de la candidature « ${TITLE} » au Prix Impulsions.`
			)
		).toBeVisible();
		await guestPage.getByLabel('Prénom et nom').fill(`Co Auteur ${suffix}`);
		await guestPage.getByLabel(/^Mot de passe/).fill('une phrase de passe solide');
		await guestPage.getByLabel('Confirmation du mot de passe').fill('une phrase de passe solide');
		await guestPage.getByRole('button', { name: 'Créer mon compte et accepter' }).click();
		await expect(guestPage).toHaveURL(/\/equipe$/);
		await axe(guestPage);
		await expect(guestPage.getByRole('link', { name: TITLE })).toBeVisible();
	} finally {
		await guest.close();
	}
	await page.goto(`/equipe/${id}/membres`);
	await axe();
	await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Membre');

	// The lead removes him, through the confirmation step.
	const coAuthor = `Co Auteur ${suffix}`;
	await page.getByRole('link', { name: `Retirer ${coAuthor} de l’équipe` }).click();
	await expect(
		page.getByRole('heading', { level: 2, name: `Retirer ${coAuthor} de l’équipe ?` })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
	await expect(page.getByText(`${coAuthor} ne fait plus partie de l’équipe.`)).toBeVisible();
	await axe();
	await expect(page.getByRole('row').filter({ hasText: email })).toHaveCount(0);
});
