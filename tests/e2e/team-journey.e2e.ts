// A whole team journey, with and without JavaScript (years 2082 and 2083: the server's database is
// shared): the organiser opens an edition; the lead starts a candidature and invites a co-author, who
// creates his account from the mailed link and writes most of the dossier; the lead attaches a PDF
// and submits; the organiser reads the dossier and its attachment and asks for changes with a message
// and a due date; the co-author sees them and edits; the lead submits again; the organiser closes
// submissions and declares the candidature eligible from the review list; the lead withdraws it.
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO, linkFromOutbox, logIn, openEdition, uniqueEmail } from './support';

test('une équipe crée, co-écrit, joint, dépose, corrige à la demande, redépose puis retire sa candidature', async ({
	page,
	axe,
	browser,
	javaScriptEnabled
}, testInfo) => {
	// Three people and some forty pages, each checked by axe.
	test.setTimeout(300_000);
	const year = javaScriptEnabled ? 2082 : 2083;
	const suffix = javaScriptEnabled ? 'js' : 'sans-js';
	const title = `La gazette des délégués ${year}`;
	const editionPath = await openEdition(browser, axe, year, javaScriptEnabled);

	// The lead starts the candidature.
	await logIn(page, axe, DEMO.team);
	await page.goto('/equipe/nouvelle');
	await axe();
	await page.locator('label', { hasText: `Édition ${year} —` }).click();
	await page.getByLabel(/^Titre de la candidature/).fill(title);
	await page.getByRole('button', { name: 'Créer la candidature' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
	await axe();
	const dossierPath = new URL(page.url()).pathname;
	const id = dossierPath.match(/^\/equipe\/(\d+)$/)?.[1];
	expect(id).toBeTruthy();
	await page.getByLabel(/^Résumé/).fill('Un journal écrit par les délégués pour tous les élèves.');
	await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
	await axe();

	// He invites a co-author, who creates his account from the mail.
	await page.goto(`${dossierPath}/membres`);
	await axe();
	const email = uniqueEmail(testInfo, 'redacteur');
	await page.getByLabel('Adresse électronique du co-auteur').fill(email);
	await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
	await expect(page.getByText(`L’invitation a été envoyée à ${email}.`)).toBeVisible();
	await axe();
	const invitation = await linkFromOutbox(browser, axe, email, '/invitation/', javaScriptEnabled);
	const coContext = await browser.newContext({ javaScriptEnabled });
	const co = await coContext.newPage();
	await co.goto(invitation);
	await axe(co);
	await co.getByLabel('Prénom et nom').fill(`Rédactrice ${suffix}`);
	await co.getByLabel(/^Mot de passe/).fill('une phrase de passe solide');
	await co.getByLabel('Confirmation du mot de passe').fill('une phrase de passe solide');
	await co.getByRole('button', { name: 'Créer mon compte et accepter' }).click();
	await expect(co).toHaveURL(/\/equipe$/);
	await axe(co);

	// The co-author writes the rest of the dossier.
	await co.getByRole('link', { name: title }).click();
	await expect(co.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
	await axe(co);
	await fillDossier(co);
	await co.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(co.getByText(/^Brouillon enregistré à/)).toBeVisible();
	await axe(co);
	await expect(co.getByRole('region', { name: 'Complétude du dossier' })).toContainText(
		'Le dossier enregistré est complet'
	);
	// Only the lead submits.
	await co.goto(`${dossierPath}/deposer`);
	await axe(co);
	await expect(co.getByText('Seul le porteur de la candidature peut la déposer')).toBeVisible();
	await expect(co.getByRole('button', { name: 'Confirmer le dépôt' })).toHaveCount(0);

	// The lead sees the co-author's text, attaches a PDF and submits.
	await page.goto(dossierPath);
	await axe();
	await expect(page.getByLabel(/^Solution mise en œuvre/)).toHaveValue(
		'Une gazette mensuelle, écrite et mise en page par les délégués.'
	);
	const pdfName = `gazette-${suffix}.pdf`;
	const pdf = testInfo.outputPath(pdfName);
	await writeFile(pdf, Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'));
	await page.goto(`${dossierPath}/pieces`);
	await axe();
	await page.getByLabel(/^Fichiers/).setInputFiles(pdf);
	await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
	await expect(page.getByText(`La pièce jointe « ${pdfName} » a été ajoutée.`)).toBeVisible();
	await axe();
	await page.goto(`${dossierPath}/deposer`);
	await axe();
	await page.getByRole('button', { name: 'Confirmer le dépôt' }).click();
	await expect(page.getByText('La candidature est déposée.')).toBeVisible();
	await axe();

	// The organiser reads the dossier and its attachment, and asks for changes.
	const orgaContext = await browser.newContext({ javaScriptEnabled });
	const orga = await orgaContext.newPage();
	await logIn(orga, axe, DEMO.organiser);
	await orga.goto(`${editionPath}/eligibilite`);
	await axe(orga);
	await expect(orga.getByRole('heading', { level: 1 })).toHaveText(
		`Éligibilité — Prix Impulsions ${year}`
	);
	await orga.getByRole('link', { name: title }).click();
	await expect(orga.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await axe(orga);
	await expect(orga.getByRole('region', { name: 'Dossier' })).toContainText(
		'Une gazette mensuelle, écrite et mise en page par les délégués.'
	);
	const piece = orga.getByRole('region', { name: 'Pièces jointes' }).getByRole('link');
	await expect(piece).toContainText(pdfName);
	const download = await orga.request.get(
		new URL((await piece.getAttribute('href'))!, orga.url()).pathname
	);
	expect(download.status()).toBe(200);
	expect(download.headers()['content-type']).toBe('application/pdf');
	// The edition is still open: eligibility is decided once submissions are closed.
	await expect(orga.getByRole('button', { name: 'Déclarer éligible' })).toHaveCount(0);
	const message = 'Merci de préciser combien d’élèves lisent la gazette.';
	await orga.getByLabel(/^Message à l’équipe/).fill(message);
	await expect(orga.getByLabel(/^Réponse attendue au plus tard le/)).not.toHaveValue('');
	await orga.getByRole('button', { name: 'Demander des modifications' }).click();
	await expect(orga.getByText('La demande de modifications est envoyée à l’équipe')).toBeVisible();
	await axe(orga);
	await expect(orga.getByRole('region', { name: 'Historique' })).toContainText(message);

	// The co-author sees the message and its due date, and edits.
	await co.goto(dossierPath);
	await axe(co);
	await expect(co.getByText('Les organisateurs demandent des modifications')).toBeVisible();
	await expect(co.getByText(message)).toBeVisible();
	await expect(co.getByText(/déposez-le à nouveau avant le \d{1,2}(er)? \S+ \d{4}/)).toBeVisible();
	await co
		.getByLabel(/^Résultats obtenus et indicateurs/)
		.fill('320 élèves sur 400 lisent chaque numéro (enquête de mars).');
	await co.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(co.getByText(/^Brouillon enregistré à/)).toBeVisible();
	await axe(co);
	await coContext.close();

	// The lead submits again.
	await page.goto(dossierPath);
	await axe();
	await page.getByRole('link', { name: 'Déposer à nouveau la candidature' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Déposer à nouveau la candidature' })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Confirmer le dépôt' }).click();
	await expect(page.getByText('État : Déposée')).toBeVisible();
	await axe();
	const history = page.getByRole('region', { name: 'Historique' }).getByRole('listitem');
	await expect(history.nth(2)).toContainText('Modifications demandées');
	await expect(history.nth(3)).toContainText('Candidature déposée à nouveau');

	// The organiser closes submissions, then declares it eligible from the review list.
	await orga.goto(editionPath);
	await axe(orga);
	await orga.getByRole('button', { name: 'Clore les candidatures' }).click();
	await expect(
		orga.getByRole('heading', { level: 1, name: 'Clore les candidatures' })
	).toBeVisible();
	await axe(orga);
	await orga.getByRole('button', { name: /^Confirmer/ }).click();
	await expect(
		orga.getByText('L’édition est passée en phase « Examen de l’éligibilité ».')
	).toBeVisible();
	await axe(orga);
	await orga.goto(`${editionPath}/eligibilite`);
	await axe(orga);
	// Nothing ticked: refused in French.
	await orga.getByRole('button', { name: 'Déclarer éligibles les candidatures cochées' }).click();
	await expect(orga.getByRole('alert')).toContainText(
		'Cochez au moins une candidature à déclarer éligible.'
	);
	await axe(orga);
	await orga.locator(`label[for="choix-${id}"]`).click();
	await orga.getByRole('button', { name: 'Déclarer éligibles les candidatures cochées' }).click();
	await expect(orga.getByText('1 candidature déclarée éligible.')).toBeVisible();
	await axe(orga);
	await expect(
		orga.getByText('Aucune candidature n’attend de décision d’éligibilité')
	).toBeVisible();
	await orgaContext.close();

	// The lead withdraws it, through the confirmation page.
	await page.goto(dossierPath);
	await axe();
	await expect(page.getByText('État : Éligible', { exact: false })).toBeVisible();
	await page.getByRole('link', { name: 'Retirer la candidature' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Retirer la candidature' })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
	await expect(page.getByText('La candidature est retirée.')).toBeVisible();
	await axe();
	await expect(history).toHaveCount(6);
	await expect(history.nth(4)).toContainText('éligible');
	await expect(history.nth(5)).toContainText('Candidature retirée');
});

/** Everything the dossier needs but the title and résumé, as a co-author types it. */
async function fillDossier(page: Page) {
	await page.getByLabel(/^Code UAI/).fill('0951099D');
	await page.getByLabel(/^Nom de l’établissement/).fill('Lycée Camille Claudel');
	await page
		.getByLabel('Catégorie', { exact: true })
		.selectOption({ label: 'Prix de la simplification' });
	await page.locator('label[for^="theme-"]').first().click();
	await page.getByLabel(/^Problème traité/).fill('Les élèves ignorent ce que font leurs délégués.');
	await page
		.getByLabel(/^Solution mise en œuvre/)
		.fill('Une gazette mensuelle, écrite et mise en page par les délégués.');
	await page.getByLabel(/^Public concerné/).fill('Tous les élèves du lycée.');
	await page.getByLabel(/^Résultats obtenus et indicateurs/).fill('Des conseils mieux préparés.');
	await page
		.getByLabel(/^Transférabilité/)
		.fill('Une salle, un ordinateur et un professeur référent.');
	await page.getByLabel(/^Moyens nécessaires/).fill('Une heure par semaine.');
	await page.locator('label[for="champ-publication_consent"]').click();
}
