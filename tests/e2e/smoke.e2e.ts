// Smoke tests: the built server answers, its pages are accessible and French, public pages ship no
// JavaScript, and the security headers are there. Run in both projects (with and without JavaScript).
import { test, expect } from './fixtures';

test('la page d’accueil s’affiche et passe axe', async ({ page, axe }) => {
	const response = await page.goto('/');
	expect(response?.status()).toBe(200);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page).toHaveTitle(/\S/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await axe();
});

test('le point de santé répond ok', async ({ request }) => {
	const response = await request.get('/api/sante');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/json');
	expect(await response.json()).toMatchObject({ status: 'ok', database: 'pglite' });
});

test('une adresse inconnue répond 404 avec une page en français', async ({ page, axe }) => {
	const response = await page.goto('/cette-page-n-existe-pas?x=1');
	expect(response?.status()).toBe(404);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByRole('heading', { level: 1, name: 'Page non trouvée' })).toBeVisible();
	await expect(page.getByText('La page que vous cherchez est introuvable.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Page d’accueil' })).toBeVisible();
	await axe();
});

test('la page d’accueil ne contient aucun script', async ({ page, axe, request }) => {
	// Public pages ship no JavaScript: nothing in the HTML sent, nothing in the page displayed.
	const html = await (await request.get('/')).text();
	expect(html).not.toMatch(/<script/i);
	await page.goto('/');
	await axe();
	await expect(page.locator('script')).toHaveCount(0);
});

test('les en-têtes de sécurité sont présents', async ({ request }) => {
	for (const path of ['/', '/cette-page-n-existe-pas']) {
		const response = await request.get(path);
		const headers = response.headers();
		expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['referrer-policy'], path).toMatch(
			/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/
		);
	}
});

// The fixtures themselves: every page shown must be checked, and the check leaves a page without
// JavaScript as it found it.
test('chaque page affichée doit passer axe', async ({ page, axe, a11yCoverage }) => {
	await page.goto('/');
	expect(a11yCoverage.unchecked()).toEqual(['/']);
	await axe();
	await page.goto('/?essai=1#contenu');
	expect(a11yCoverage.unchecked()).toEqual(['/?essai=1']);
	await axe();
	expect(a11yCoverage.unchecked()).toEqual([]);
});

test('sans JavaScript, les scripts restent bloqués après le contrôle axe', async ({
	page,
	axe,
	javaScriptEnabled
}) => {
	test.skip(javaScriptEnabled, 'projet chromium-sans-js seulement');
	await page.goto('/');
	await axe();
	// A timer only fires when scripts are allowed in the page.
	await page.evaluate(() => setTimeout(() => document.body.setAttribute('data-minuteur', ''), 0));
	await page.waitForTimeout(500);
	await expect(page.locator('body')).not.toHaveAttribute('data-minuteur');
});
