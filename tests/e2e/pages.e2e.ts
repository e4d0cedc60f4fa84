// Every public page answers in French, passes axe and ships no script; each demo role finds its space.
import { test, expect } from './fixtures';
import { DEMO, logIn } from './support';

const PUBLIC_PAGES: [string, RegExp][] = [
	['/', /Prix Impulsions/],
	['/laureats', /Lauréats/],
	['/editions', /Éditions du prix/],
	['/accessibilite', /accessibilité/i],
	['/mentions-legales', /Mentions légales/],
	['/donnees-personnelles', /données personnelles/i],
	['/plan-du-site', /Plan du site/],
	['/connexion', /Se connecter/],
	['/inscription', /Créer un compte/],
	['/mot-de-passe', /Mot de passe oublié/]
];

for (const [path, heading] of PUBLIC_PAGES)
	test(`la page ${path} s’affiche, en français, et passe axe`, async ({ page, axe }) => {
		const response = await page.goto(path);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await expect(page).toHaveTitle(/— Prix Impulsions$/);
		await axe();
	});

test('les lauréats de l’édition passée de la démo sont affichés, pas ceux de l’édition en cours', async ({
	page,
	axe
}) => {
	await page.goto('/laureats');
	await axe();
	await expect(page.getByText('Les convocations aux examens en langage clair')).toBeVisible();
	await expect(page.getByText('La cour de récréation rendue aux élèves')).toHaveCount(0);
});

test('chaque édition ouverte publie son calendrier et les critères du jury avec leurs poids', async ({
	page,
	axe
}) => {
	await page.goto('/editions');
	await axe();
	await page
		.getByRole('link', { name: /^Prix Impulsions \d{4}$/ })
		.first()
		.click();
	await expect(
		page.getByRole('heading', { level: 1, name: /^Prix Impulsions \d{4}$/ })
	).toBeVisible();
	await axe();
	await expect(page.getByRole('region', { name: 'Calendrier' })).toContainText(
		'Date limite de dépôt'
	);
	const preselection = page.getByRole('table', { name: 'Présélection' });
	await expect(preselection).toContainText('Caractère innovant');
	await expect(preselection).toContainText('%');
	expect((await page.request.get('/editions/1999')).status()).toBe(404);
});

test('le pied de page porte les liens obligatoires', async ({ page, axe }) => {
	await page.goto('/');
	await axe();
	const footer = page.getByRole('contentinfo');
	for (const name of [/Accessibilité/, /Mentions légales/, /Données personnelles/, /Plan du site/])
		await expect(footer.getByRole('link', { name })).toBeVisible();
});

test('un porteur de projet retrouve ses candidatures et son compte', async ({ page, axe }) => {
	await logIn(page, axe, DEMO.team);
	await page.getByRole('link', { name: 'Mes candidatures' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mes candidatures' })).toBeVisible();
	await axe();
	await expect(page.getByText('La cour de récréation rendue aux élèves')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
	await page.goto('/compte');
	await axe();
	await expect(page.getByText(/Porteur de la candidature/).first()).toBeVisible();
	await page.goto('/admin');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accès refusé');
	await expect(page.getByText('Cet espace est réservé aux organisateurs du prix.')).toBeVisible();
	await axe();
});

test('un juré trouve l’espace du jury', async ({ page, axe }) => {
	await logIn(page, axe, DEMO.juror);
	await page.getByRole('link', { name: 'Jury', exact: true }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Espace du jury' })).toBeVisible();
	await axe();
	await expect(page.getByText(/Édition \d{4}/).first()).toBeVisible();
});
