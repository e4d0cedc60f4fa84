// With JavaScript, a dossier saves itself every 20 seconds while something typed is not saved yet. The
// page's clock is Playwright's, so the test moves time forward instead of waiting. Without JavaScript,
// « Enregistrer le brouillon » is the way (tests/e2e/team.e2e.ts).
import { test, expect } from './fixtures';
import { DEMO, logIn, openEdition } from './support';

test('un brouillon modifié s’enregistre tout seul au bout de 20 secondes', async ({
	page,
	axe,
	browser,
	javaScriptEnabled
}) => {
	test.skip(!javaScriptEnabled, 'L’enregistrement automatique demande JavaScript.');
	test.setTimeout(120_000);
	const year = 2084;
	await openEdition(browser, axe, year, true);

	await page.clock.install();
	await logIn(page, axe, DEMO.team);
	await page.goto('/equipe/nouvelle');
	await axe();
	await page.locator('label', { hasText: `Édition ${year} —` }).click();
	const title = `Le carnet de bord ${year}`;
	await page.getByLabel(/^Titre de la candidature/).fill(title);
	await page.getByRole('button', { name: 'Créer la candidature' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
	const dossier = page.url();

	// Nothing typed: time passes, nothing is sent.
	await page.clock.runFor(21_000);
	await expect(page.getByText(/^Brouillon enregistré à/)).toHaveCount(0);

	const problem = 'Les élèves oublient leurs consignes entre deux séances.';
	await page.getByLabel(/^Problème traité/).fill(problem);
	await page.clock.runFor(10_000);
	await expect(page.getByText(/^Brouillon enregistré à/)).toHaveCount(0);
	await page.clock.runFor(11_000);
	await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
	await axe();
	// What was typed is still in the field, and it is on the server: a fresh load shows it.
	await expect(page.getByLabel(/^Problème traité/)).toHaveValue(problem);
	await page.goto(dossier);
	await axe();
	await expect(page.getByLabel(/^Problème traité/)).toHaveValue(problem);
});
