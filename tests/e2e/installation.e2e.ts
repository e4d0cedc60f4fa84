// A real deployment's first minutes: the built server, started with DEMO_DATA=false on an empty data
// folder, prints a set-up link; following it makes the first organiser (a refused form keeps what was
// typed), who lands in the administration, creates an edition and opens it. The link then serves no
// more. Each project (with and without JavaScript) starts its own server (tests/helpers/server-process.ts),
// so every address here is absolute: Playwright's baseURL is the shared demo server.
import { startServer, temporaryFolder, type ServerProcess } from '../helpers/server-process';
import { test, expect } from './fixtures';

const LINE =
	/Aucun organisateur : créez le premier compte organisateur sur (http:\/\/\S+\/installation\/[A-Za-z0-9_-]+) \(lien à usage unique, valable 24 h\)\./;
const PASSWORD = 'une phrase de passe bien longue';

let server: ServerProcess | undefined;
let folder: ReturnType<typeof temporaryFolder> | undefined;

test.afterEach(async () => {
	// Its graceful stop is not this test's subject: killed after 20 s if SIGTERM is not enough.
	await server?.stop('SIGTERM', 20_000).catch(() => undefined);
	folder?.remove();
	server = undefined;
	folder = undefined;
});

test('le premier organisateur s’installe par le lien du journal, puis crée et ouvre une édition', async ({
	page,
	axe,
	javaScriptEnabled
}) => {
	// A server to start and migrate, then 10 pages, each checked by axe.
	test.setTimeout(300_000);
	folder = temporaryFolder('impulsions-installation-');
	server = await startServer({ env: { DEMO_DATA: 'false', PGLITE_DATA_DIR: folder.path } });
	const link = (await server.waitForOutput(LINE))[1];
	const origin = new URL(link).origin;
	expect(origin).toBe(`http://localhost:${server.port}`);
	const year = new Date().getFullYear() + (javaScriptEnabled ? 2 : 3);
	const name = javaScriptEnabled ? 'Camille Première' : 'Dominique Première';
	const email = `premiere.${javaScriptEnabled ? 'js' : 'sansjs'}@education.gouv.fr`;

	await page.goto(link);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Créer le premier compte organisateur' })
	).toBeVisible();
	await axe();

	// Two different passwords: refused, and the name and address typed are kept.
	await page.getByLabel('Prénom et nom').fill(name);
	await page.getByLabel(/^Adresse électronique/).fill(email);
	await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
	await page.getByLabel('Confirmation du mot de passe').fill('une autre phrase de passe');
	await page.getByRole('button', { name: 'Créer le compte organisateur' }).click();
	await expect(page.locator('#champ-confirm-erreur')).toHaveText(
		'Les deux mots de passe ne sont pas identiques.'
	);
	await expect(page.getByRole('alert')).toContainText('Le compte n’a pas été créé');
	await axe();
	await expect(page.getByLabel('Prénom et nom')).toHaveValue(name);
	await expect(page.getByLabel(/^Adresse électronique/)).toHaveValue(email);

	await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
	await page.getByLabel('Confirmation du mot de passe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Créer le compte organisateur' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Administration du prix' })
	).toBeVisible();
	expect(new URL(page.url()).pathname).toBe('/admin');
	await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
	await axe();

	// The organisers' page: the only organiser, whose role cannot be withdrawn.
	await page.getByRole('link', { name: 'Organisateurs', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Organisateurs' })).toBeVisible();
	await expect(page.getByRole('cell', { name: `${name} (vous)` })).toBeVisible();
	await expect(
		page.getByText('Dernier organisateur : le rôle ne peut pas lui être retiré.')
	).toBeVisible();
	await expect(
		page.getByRole('cell', { name: 'Premier organisateur (lien d’installation)' })
	).toBeVisible();
	await axe();

	// An edition, created and opened.
	await page.goto(`${origin}/admin/editions/nouvelle`);
	await axe();
	await page.getByLabel(/^Année/).fill(String(year));
	await page.getByLabel(/^Ouverture des candidatures/).fill(`${year - 1}-11-01T09:00`);
	await page.getByLabel(/^Date limite de dépôt/).fill(`${year}-01-31T23:59`);
	await page.getByRole('button', { name: 'Créer l’édition' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Prix Impulsions ${year}` })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Ouvrir les candidatures' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Ouvrir les candidatures' })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Confirmer : ouvrir les candidatures' }).click();
	await expect(
		page.getByText('L’édition est passée en phase « Candidatures ouvertes ».')
	).toBeVisible();
	await axe();

	// The link has served.
	await page.goto(link);
	await expect(page.getByRole('alert')).toContainText('Ce lien d’installation a déjà servi');
	await expect(page.getByRole('button', { name: 'Créer le compte organisateur' })).toHaveCount(0);
	await axe();
});

test('un organisateur en invite un autre, puis lui retire le rôle après confirmation', async ({
	page,
	browser,
	axe,
	javaScriptEnabled
}) => {
	test.setTimeout(300_000);
	folder = temporaryFolder('impulsions-installation-');
	server = await startServer({ env: { DEMO_DATA: 'false', PGLITE_DATA_DIR: folder.path } });
	const link = (await server.waitForOutput(LINE))[1];
	const origin = new URL(link).origin;
	const second = `second.${javaScriptEnabled ? 'js' : 'sansjs'}@education.gouv.fr`;

	await page.goto(link);
	await axe();
	await page.getByLabel('Prénom et nom').fill('Claire Première');
	await page.getByLabel(/^Adresse électronique/).fill('claire.premiere@education.gouv.fr');
	await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
	await page.getByLabel('Confirmation du mot de passe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Créer le compte organisateur' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Administration du prix' })
	).toBeVisible();
	await axe();

	// An invitation to organise, read in the outbox and accepted in another browser.
	await page.goto(`${origin}/admin/invitations`);
	await axe();
	await page.getByLabel('Adresse électronique').fill(second);
	// The DSFR radio is drawn by its label, which takes the click.
	await page.locator('label[for="role-organiser"]').click();
	await expect(page.getByLabel('Organisateur (toutes les éditions)')).toBeChecked();
	await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
	await expect(page.getByText(`L’invitation a été envoyée à ${second}.`)).toBeVisible();
	await axe();
	await page.goto(`${origin}/admin/courriels?destinataire=${encodeURIComponent(second)}`);
	await axe();
	await page.locator('table tbody tr').first().getByRole('link').first().click();
	await page.waitForURL(/\/admin\/courriels\/\d+$/);
	await axe();
	const invitation = await page.locator('a[href*="/invitation/"]').first().getAttribute('href');
	const context = await browser.newContext({ javaScriptEnabled });
	const other = await context.newPage();
	await other.goto(invitation!);
	await axe(other);
	await other.getByLabel('Prénom et nom').fill('Paul Second');
	await other.getByLabel(/^Mot de passe/).fill(PASSWORD);
	await other.getByLabel('Confirmation du mot de passe').fill(PASSWORD);
	await other.getByRole('button', { name: 'Créer mon compte et accepter' }).click();
	await expect(
		other.getByRole('heading', { level: 1, name: 'Administration du prix' })
	).toBeVisible();
	await axe(other);

	// Withdrawn after a confirmation: logged, and the administration is closed to him at once.
	await page.goto(`${origin}/admin/organisateurs`);
	await axe();
	await page.getByRole('link', { name: 'Retirer le rôle d’organisateur à Paul Second' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Retirer le rôle d’organisateur' })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Confirmer : retirer le rôle d’organisateur' }).click();
	await expect(page.getByText('Le rôle d’organisateur a été retiré à Paul Second.')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Rôle retiré par Claire Première' })).toBeVisible();
	await expect(
		page.getByRole('cell', { name: 'Rôle donné sur invitation de Claire Première' })
	).toBeVisible();
	await expect(
		page.getByText('Dernier organisateur : le rôle ne peut pas lui être retiré.')
	).toBeVisible();
	await axe();
	await other.goto(`${origin}/admin`);
	await expect(other.getByText('Cet espace est réservé aux organisateurs du prix.')).toBeVisible();
	await axe(other);
	await context.close();

	// The last organiser: the confirmation page refuses, in French.
	const self = await page.evaluate(() => location.href);
	expect(self).toContain('/admin/organisateurs');
	await page.goto(`${origin}/admin/organisateurs/1/retirer`);
	await expect(page.getByRole('alert')).toContainText('C’est le dernier organisateur du prix');
	await expect(
		page.getByRole('button', { name: 'Confirmer : retirer le rôle d’organisateur' })
	).toHaveCount(0);
	await axe();
});
