// A newcomer's account journey: sign up, confirm the address from the mailed link, log in and out,
// forget the password, choose a new one, log in again. Runs with and without JavaScript.
import { test, expect } from './fixtures';
import { linkFromOutbox, logIn, uniqueEmail } from './support';

const PASSWORD = 'ma phrase de passe du prix';
const NEW_PASSWORD = 'une autre phrase de passe';

test('inscription, confirmation, connexion, déconnexion, mot de passe oublié, nouvelle connexion', async ({
	page,
	browser,
	axe,
	javaScriptEnabled
}, testInfo) => {
	// A long journey: about twenty pages, each checked with axe (1 to 3 s each on a 2-core machine).
	test.setTimeout(180_000);
	const email = uniqueEmail(testInfo, 'nouvelle');

	await test.step('sign up, with a mistake first: nothing typed is lost', async () => {
		await page.goto('/');
		await axe();
		await page.getByRole('link', { name: 'Créer un compte' }).first().click();
		await expect(page.getByRole('heading', { level: 1, name: 'Créer un compte' })).toBeVisible();
		await axe();
		await page.getByLabel('Prénom et nom').fill('Inès Nouvelle');
		await page.getByLabel('Adresse électronique professionnelle').fill(email);
		await page.getByLabel(/^Mot de passe/).fill('court');
		await page.getByLabel('Confirmation du mot de passe').fill('court');
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await expect(
			page.getByText('Le mot de passe doit compter au moins 12 caractères.')
		).toBeVisible();
		await axe();
		await expect(page.getByLabel('Prénom et nom')).toHaveValue('Inès Nouvelle');
		await expect(page.getByLabel('Adresse électronique professionnelle')).toHaveValue(email);
		await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
		await page.getByLabel('Confirmation du mot de passe').fill(PASSWORD);
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await expect(page.getByText('Vérifiez votre messagerie')).toBeVisible();
		await axe();
	});

	await test.step('log-in is refused until the address is confirmed', async () => {
		await page.goto('/connexion');
		await axe();
		await page.getByLabel('Adresse électronique').fill(email);
		await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
		await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
		await expect(page.getByText(/pas encore confirmée/)).toBeVisible();
		await axe();
	});

	await test.step('confirm the address with the link read in the outbox', async () => {
		const link = await linkFromOutbox(browser, axe, email, '/verification/', javaScriptEnabled);
		await page.goto(link);
		await expect(page.getByText('Votre adresse électronique est confirmée.')).toBeVisible();
		await axe();
	});

	await test.step('log in, then log out', async () => {
		await logIn(page, axe, email, PASSWORD);
		await expect(page.getByRole('link', { name: 'Inès Nouvelle' })).toBeVisible();
		await page.getByRole('button', { name: 'Se déconnecter' }).click();
		await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
		await axe();
		await page.goto('/compte');
		await expect(page).toHaveURL(/\/connexion\?suite=%2Fcompte/);
		await axe();
	});

	await test.step('a wrong password gives the same answer as an unknown address', async () => {
		await page.getByLabel('Adresse électronique').fill(email);
		await page.getByLabel(/^Mot de passe/).fill('pas le bon mot de passe');
		await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
		const alert = page.getByRole('alert');
		await expect(alert).toHaveText('Adresse électronique ou mot de passe incorrect.');
		await axe();
		await expect(page.getByLabel('Adresse électronique')).toHaveValue(email);
		await page.getByLabel('Adresse électronique').fill(`inconnue.${email}`);
		await page.getByLabel(/^Mot de passe/).fill('pas le bon mot de passe');
		await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Adresse électronique ou mot de passe incorrect.'
		);
		await axe();
	});

	await test.step('forgotten password: a link by mail, a new password, single use', async () => {
		await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })
		).toBeVisible();
		await axe();
		await page.getByLabel('Adresse électronique').fill(email);
		await page.getByRole('button', { name: 'Recevoir le lien' }).click();
		await expect(page.getByText(/Si un compte existe pour cette adresse/)).toBeVisible();
		await axe();
		const link = await linkFromOutbox(browser, axe, email, '/mot-de-passe/', javaScriptEnabled);
		await page.goto(link);
		await axe();
		await page.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
		await page.getByLabel('Confirmation du nouveau mot de passe').fill(NEW_PASSWORD);
		await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
		await expect(page.getByText('Votre mot de passe a été changé.')).toBeVisible();
		await axe();
		await page.goto(link);
		await expect(page.getByText(/Ce lien a déjà servi/)).toBeVisible();
		await axe();
	});

	await test.step('log in with the new password', async () => {
		await logIn(page, axe, email, NEW_PASSWORD);
		await page.goto('/compte');
		await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
		await expect(page.getByText('Confirmée')).toBeVisible();
		await axe();
	});
});
