// An organiser invites a juror by e-mail; the juror opens the link from the outbox, creates his account
// and finds the jury's space. Runs with and without JavaScript.
import { test, expect } from './fixtures';
import { DEMO, linkFromOutbox, logIn, uniqueEmail } from './support';

test('une organisatrice invite un juré, qui crée son compte par le lien reçu', async ({
	page,
	browser,
	axe,
	javaScriptEnabled
}, testInfo) => {
	test.setTimeout(120_000);
	const email = uniqueEmail(testInfo, 'jure');

	await logIn(page, axe, DEMO.organiser);
	await page.getByRole('link', { name: 'Administration' }).first().click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Administration du prix' })
	).toBeVisible();
	await axe();
	await page.getByRole('link', { name: 'Invitations' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Invitations' })).toBeVisible();
	await axe();

	// A juror needs an edition: the refusal keeps what was typed.
	await page.getByLabel('Adresse électronique').fill(email);
	await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
	await expect(
		page.getByText('Choisissez l’édition pour laquelle vous invitez ce juré.')
	).toBeVisible();
	await axe();
	await expect(page.getByLabel('Adresse électronique')).toHaveValue(email);

	await page.getByLabel('Édition (pour un juré)').selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
	await expect(page.getByText(`L’invitation a été envoyée à ${email}.`)).toBeVisible();
	await axe();
	await expect(page.getByRole('cell', { name: email })).toBeVisible();

	const link = await linkFromOutbox(browser, axe, email, '/invitation/', javaScriptEnabled);
	const juror = await browser.newContext({ javaScriptEnabled });
	const jurorPage = await juror.newPage();
	try {
		await jurorPage.goto(link);
		await expect(jurorPage.getByText(/vous invite à siéger au jury/)).toBeVisible();
		await axe(jurorPage);
		await jurorPage.getByLabel('Prénom et nom').fill('Jules Juré');
		await jurorPage.getByLabel(/^Mot de passe/).fill('la phrase de passe du juré');
		await jurorPage.getByLabel('Confirmation du mot de passe').fill('la phrase de passe du juré');
		await jurorPage.getByRole('button', { name: 'Créer mon compte et accepter' }).click();
		await expect(
			jurorPage.getByRole('heading', { level: 1, name: 'Espace du jury' })
		).toBeVisible();
		await axe(jurorPage);
		await jurorPage.goto(link);
		await expect(jurorPage.getByText(/déjà été acceptée/)).toBeVisible();
		await axe(jurorPage);
	} finally {
		await juror.close();
	}
});

test('la boîte d’envoi se filtre et se lit sans rien perdre', async ({ page, axe }) => {
	await logIn(page, axe, DEMO.organiser);
	await page.goto('/admin/courriels');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await axe();
	await expect(
		page.getByText(/Aucun serveur SMTP n’est configuré|Aucun serveur SMTP n'est configuré/)
	).toBeVisible();
	await page.goto('/admin/courriels?destinataire=personne-inconnue%40nulle-part.fr');
	await axe();
	await expect(page.locator('table tbody tr')).toHaveCount(0);
});
