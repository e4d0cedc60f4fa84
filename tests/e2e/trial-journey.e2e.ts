// The trial phase, with and without JavaScript, on the demo's current edition (phase d’essai) and its
// innovation « Des ateliers d’écriture… » (en phase d’essai; capacity 4, two sites accepted): a
// visitor finds it among the innovations open to trial, logs in from the volunteer page (the demo's
// site contact Inès Garcia) and proposes a school; the team's lead accepts it; the site files its
// report (indicators before and after, fidelity, satisfaction, continuation); a juror of the final
// round then reads the roll-up with the new site's académie. Each project proposes its own school
// (the server's database is shared). axe checks every page.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO_PASSWORD, logIn } from './support';

const TITLE = 'Des ateliers d’écriture entre collégiens et résidents d’EHPAD';
const SITE_CONTACT = 'site.toulouse@demo.impulsions.fr';
const LEAD = 'equipe.college@demo.impulsions.fr';
const FINAL_JUROR = 'jure.durand@demo.impulsions.fr';

test('un site se porte volontaire, l’équipe l’accepte, il rend son rapport et le jury final en lit la synthèse', async ({
	page,
	axe,
	browser,
	javaScriptEnabled
}) => {
	test.setTimeout(300_000);
	const school = javaScriptEnabled
		? { name: 'Collège Gustave-Eiffel, Dijon', uai: '0211756V', academie: 'Dijon' }
		: { name: 'Collège du Val-de-Saire, Caen', uai: '0140433V', academie: 'Normandie' };

	// A visitor finds the innovation and wants to try it: he must log in first.
	await page.goto('/essayer');
	await axe();
	await page.getByRole('link', { name: TITLE }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await axe();
	const entryId = new URL(page.url()).pathname.match(/^\/essayer\/(\d+)$/)?.[1];
	expect(entryId).toBeTruthy();
	await page.getByRole('link', { name: 'Essayer cette innovation' }).click();
	await expect(page.getByRole('heading', { name: 'Un compte est nécessaire' })).toBeVisible();
	await axe();
	await page.getByRole('main').getByRole('link', { name: 'Se connecter' }).click();
	await axe();
	await page.getByLabel('Adresse électronique').fill(SITE_CONTACT);
	await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/essayer/${entryId}/volontaire$`));
	await axe();

	// The other project's school may already be hers: she then proposes another one.
	const another = page.getByRole('link', { name: 'Proposer un autre établissement ou service' });
	if ((await another.count()) > 0) {
		await another.click();
		await axe();
	}

	// A first attempt without the head's agreement keeps what was typed and says what is missing.
	await page.getByLabel('Nom de l’établissement ou du service').fill(school.name);
	await page.getByLabel(/^Code UAI/).fill(school.uai);
	await page.locator('label[for="champ-kind-college"]').click();
	await page.locator('label[for="champ-priorityEducation-non"]').click();
	await page.locator('label[for="champ-area-urbain"]').click();
	await page.getByLabel(/^Nombre d’élèves/).fill('450');
	await page
		.getByLabel(/^Pourquoi votre site souhaite-t-il/)
		.fill('Nos élèves de cinquième écrivent peu ; un EHPAD voisin est prêt à les accueillir.');
	await page.getByRole('button', { name: 'Transmettre la candidature' }).click();
	await expect(page.locator('#champ-headAgreement-erreur')).toBeVisible();
	await expect(page.getByLabel('Nom de l’établissement ou du service')).toHaveValue(school.name);
	await axe();
	await page.locator('label[for="champ-headAgreement"]').click();
	await page.getByRole('button', { name: 'Transmettre la candidature' }).click();
	await expect(
		page.getByText('Votre candidature de site d’essai a été transmise à l’équipe')
	).toBeVisible();
	await axe();

	// The team's lead accepts the school.
	const teamContext = await browser.newContext({ javaScriptEnabled });
	const team = await teamContext.newPage();
	await logIn(team, axe, LEAD);
	await team.goto(`/equipe/${entryId}`);
	await axe(team);
	await team.getByRole('link', { name: 'Phase d’essai' }).click();
	await expect(team.getByRole('heading', { level: 1, name: 'Phase d’essai' })).toBeVisible();
	await axe(team);
	await team.getByRole('button', { name: `Accepter ${school.name}` }).click();
	await expect(
		team.getByText(`Le site « ${school.name} » est accepté pour l’essai.`)
	).toBeVisible();
	await axe(team);
	await teamContext.close();

	// The school files its report from its space.
	await page.goto('/essai');
	await axe();
	await page.locator('tr', { hasText: school.name }).getByRole('link', { name: TITLE }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	await axe();
	await fillReport(page);
	await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(page.getByText('Le brouillon du rapport est enregistré.')).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Transmettre le rapport' }).click();
	await expect(
		page.getByRole('heading', { name: 'Transmettre le rapport à l’équipe ?' })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Confirmer la transmission' }).click();
	await expect(
		page.getByText('Le rapport d’essai est transmis à l’équipe. Merci pour votre participation !')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Transmettre le rapport' })).toHaveCount(0);
	await axe();

	// A juror of the final round reads the roll-up, the new school's académie included.
	const juryContext = await browser.newContext({ javaScriptEnabled });
	const juror = await juryContext.newPage();
	await logIn(juror, axe, FINAL_JUROR);
	await juror.goto('/jury');
	await axe(juror);
	const finalLink = juror
		.locator('section')
		.filter({ hasText: 'Phase actuelle : Phase d’essai' })
		.getByRole('link', { name: 'Jury final' });
	await finalLink.click();
	await juror.waitForURL(/\/jury\/\d+\/final$/);
	await expect(juror.getByRole('link', { name: TITLE })).toBeVisible();
	await axe(juror);
	await juror.getByRole('link', { name: TITLE }).click();
	await expect(juror.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
	const trial = juror.getByRole('region', { name: 'Résultats de la phase d’essai' });
	await expect(trial).toContainText(school.academie);
	await expect(trial).toContainText(/[2-9] rapports d’essai transmis/);
	await axe(juror);
	await juryContext.close();
});

/** Every field of the report: both indicators, each step of the protocol, the site's assessment. */
async function fillReport(page: Page) {
	const indicators = page.locator('fieldset', { has: page.locator('input[name^="avant-"]') });
	const count = await indicators.count();
	expect(count).toBe(2);
	for (let i = 0; i < count; i++) {
		await indicators
			.nth(i)
			.locator('input[name^="avant-"]')
			.fill(i === 0 ? '52,5' : '0');
		await indicators
			.nth(i)
			.locator('input[name^="apres-"]')
			.fill(i === 0 ? '81' : '9');
	}
	const steps = page.locator('fieldset[id^="champ-fidelite-"]');
	const stepCount = await steps.count();
	expect(stepCount).toBe(3);
	for (let k = 0; k < stepCount; k++)
		await page.locator(`label[for="fidelite-${k}-${k === 2 ? 'partial' : 'full'}"]`).click();
	await page
		.getByLabel(/^Adaptations apportées au protocole/)
		.fill('Quatre ateliers au lieu de six, faute de créneaux communs.');
	await page.locator('label[for="satisfaction-4"]').click();
	await page.locator('label[for="poursuite-oui"]').click();
	await page.getByLabel(/^Pourquoi \?/).fill('Les élèves et les résidents demandent à continuer.');
}
