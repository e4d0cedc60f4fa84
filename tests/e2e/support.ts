// Steps shared by the journeys: log in through the form, and read a link from a mail in the outbox as
// an organiser would (at /admin/courriels), in a browser context of his own.
import type { Browser, Page, TestInfo } from '@playwright/test';
import { expect, type Axe } from './fixtures';

export const DEMO_PASSWORD = 'impulsions-demo';
export const DEMO = {
	organiser: 'organisation@demo.impulsions.fr',
	juror: 'jure.benali@demo.impulsions.fr',
	team: 'equipe.lycee@demo.impulsions.fr'
};

/** An address no other test or project uses. */
export function uniqueEmail(testInfo: TestInfo, name: string): string {
	const project = testInfo.project.name.replace(/[^a-z]/g, '');
	return `${name}.${project}.${Date.now().toString(36)}@ac-test.fr`;
}

export async function logIn(page: Page, axe: Axe, email: string, password = DEMO_PASSWORD) {
	await page.goto('/connexion');
	await axe(page);
	await page.getByLabel('Adresse électronique').fill(email);
	await page.getByLabel(/^Mot de passe/).fill(password);
	await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
	await axe(page);
}

/** The first link in the latest mail to `email` whose address contains `path`. */
export async function linkFromOutbox(
	browser: Browser,
	axe: Axe,
	email: string,
	path: string,
	javaScriptEnabled: boolean
): Promise<string> {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	try {
		await logIn(page, axe, DEMO.organiser);
		await page.goto(`/admin/courriels?destinataire=${encodeURIComponent(email)}`);
		await axe(page);
		await page.locator('table tbody tr').first().getByRole('link').first().click();
		// With JavaScript the navigation is client-side: wait for the message's own address.
		await page.waitForURL(/\/admin\/courriels\/\d+$/);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await axe(page);
		const link = page.locator(`a[href*="${path}"]`).first();
		await expect(link).toBeVisible();
		const href = await link.getAttribute('href');
		expect(href).toBeTruthy();
		return new URL(href!).pathname;
	} finally {
		await context.close();
	}
}

/** An organiser creates the edition of `year` (deadline 31 January at 23:59) and opens it. */
export async function openEdition(
	browser: Browser,
	axe: Axe,
	year: number,
	javaScriptEnabled: boolean
): Promise<string> {
	const context = await browser.newContext({ javaScriptEnabled });
	const orga = await context.newPage();
	try {
		await logIn(orga, axe, DEMO.organiser);
		await orga.goto('/admin/editions/nouvelle');
		await axe(orga);
		await orga.getByLabel(/^Année/).fill(String(year));
		await orga.getByLabel(/^Ouverture des candidatures/).fill(`${year - 1}-11-01T09:00`);
		await orga.getByLabel(/^Date limite de dépôt/).fill(`${year}-01-31T23:59`);
		await orga.getByRole('button', { name: 'Créer l’édition' }).click();
		await expect(
			orga.getByRole('heading', { level: 1, name: `Prix Impulsions ${year}` })
		).toBeVisible();
		await axe(orga);
		const path = new URL(orga.url()).pathname;
		await orga.getByRole('button', { name: 'Ouvrir les candidatures' }).click();
		await expect(
			orga.getByRole('heading', { level: 1, name: 'Ouvrir les candidatures' })
		).toBeVisible();
		await axe(orga);
		await orga.getByRole('button', { name: 'Confirmer : ouvrir les candidatures' }).click();
		await expect(
			orga.getByText('L’édition est passée en phase « Candidatures ouvertes ».')
		).toBeVisible();
		await axe(orga);
		return path;
	} finally {
		await context.close();
	}
}
