// A team's journey with its dossier: an organiser opens an edition of its own (year 2080 with
// JavaScript, 2081 without: the server's database is shared), then the demo team's lead starts a
// candidature, saves a draft with a bad UAI code (refused, nothing typed is lost), fixes it, completes
// the dossier, submits it, finds it read-only and follows it on its status page.
import { test, expect } from './fixtures';
import { DEMO, logIn, openEdition } from './support';

test('un porteur crée, complète et dépose sa candidature, puis suit son état', async ({
	page,
	axe,
	browser,
	javaScriptEnabled
}) => {
	test.setTimeout(180_000);
	const year = javaScriptEnabled ? 2080 : 2081;

	// The organiser creates and opens the edition.
	await openEdition(browser, axe, year, javaScriptEnabled);

	// The lead starts a candidature.
	await logIn(page, axe, DEMO.team);
	await page.goto('/equipe');
	await axe();
	await page.getByRole('link', { name: 'Nouvelle candidature' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle candidature' })).toBeVisible();
	await expect(page).toHaveTitle('Nouvelle candidature — Prix Impulsions');
	await axe();
	// DSFR draws its own radio: the input itself is hidden, so the user (and the test) clicks its label.
	await page.locator('label', { hasText: `Édition ${year} —` }).click();
	// No title: refused, the choice of edition is kept.
	await page.getByRole('button', { name: 'Créer la candidature' }).click();
	await expect(page.getByText('Donnez un titre à la candidature.')).toBeVisible();
	await axe();
	await expect(page.getByLabel(new RegExp(`^Édition ${year} `))).toBeChecked();
	const title = `Le cahier de liaison ${year}`;
	await page.getByLabel(/^Titre de la candidature/).fill(title);
	await page.getByRole('button', { name: 'Créer la candidature' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
	await axe();
	await expect(page).toHaveTitle(`${title} — Dossier — Prix Impulsions`);
	await expect(page.getByText('La candidature est créée')).toBeVisible();
	await expect(page.getByText('500 caractères maximum')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Pièces jointes' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Équipe', exact: true })).toBeVisible();
	const panel = page.getByRole('region', { name: 'Complétude du dossier' });
	await expect(panel).toContainText('Le résumé');

	// A bad UAI code: refused with its reason, everything typed comes back.
	const summary = 'Un cahier de liaison partagé entre les familles et l’équipe éducative.';
	const problem = 'Les mots dans le carnet se perdent.\nLes familles ne répondent pas.';
	await page.getByLabel(/^Résumé/).fill(summary);
	await page.getByLabel(/^Code UAI/).fill('0951099A');
	await page.getByLabel(/^Nom de l’établissement/).fill('Lycée Camille Claudel');
	await page.getByLabel(/^Problème traité/).fill(problem);
	await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(page.locator('#champ-uai-erreur')).toContainText('La lettre finale du code UAI');
	await expect(page.getByRole('alert')).toContainText('Corrigez les champs signalés');
	await axe();
	await expect(page.getByLabel(/^Code UAI/)).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel(/^Code UAI/)).toHaveValue('0951099A');
	await expect(page.getByLabel(/^Résumé/)).toHaveValue(summary);
	await expect(page.getByLabel(/^Problème traité/)).toHaveValue(problem);
	await expect(page.getByLabel(/^Nom de l’établissement/)).toHaveValue('Lycée Camille Claudel');

	// Fixed: saved, the académie is derived, the panel lists what is still missing.
	await page.getByLabel(/^Code UAI/).fill('0951099D');
	await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
	await axe();
	await expect(page.getByText('Académie : Versailles')).toBeVisible();
	await expect(panel).not.toContainText('Le résumé');
	await expect(panel).toContainText('La catégorie');
	await expect(panel).toContainText('Au moins un thème');
	await expect(panel).toContainText('Votre consentement à la publication du dossier');

	// Another tab, opened before the next save, comes too late: refused, its text is kept.
	const stale = await page.context().newPage();
	await stale.goto(new URL(page.url()).pathname);
	await expect(stale.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
	await axe(stale);
	await page.getByLabel(/^Public concerné/).fill('Les familles et les professeurs.');
	await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
	await axe();
	await stale.getByLabel(/^Public concerné/).fill('Le texte de l’autre onglet.');
	await stale.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(stale.getByRole('alert')).toContainText(
		'Un autre membre de l’équipe a enregistré le dossier pendant que vous écriviez'
	);
	await axe(stale);
	await expect(stale.getByLabel(/^Public concerné/)).toHaveValue('Le texte de l’autre onglet.');
	await stale.close();
	await page.goto(new URL(page.url()).pathname);
	await axe();
	await expect(page.getByLabel(/^Public concerné/)).toHaveValue('Les familles et les professeurs.');

	// Complete it.
	await page
		.getByLabel('Catégorie', { exact: true })
		.selectOption({ label: 'Prix de la simplification' });
	// DSFR draws the box on the label: the label is what one clicks.
	await page.locator('label[for^="theme-"]').first().click();
	await expect(page.locator('input[name="themes"]').first()).toBeChecked();
	await page.getByLabel(/^Solution mise en œuvre/).fill('Un cahier numérique partagé.');
	await page.getByLabel(/^Résultats obtenus et indicateurs/).fill('Deux fois plus de réponses.');
	await page.getByLabel(/^Transférabilité/).fill('Un ENT suffit.');
	await page.getByLabel(/^Moyens nécessaires/).fill('Deux heures par semaine.');
	await page.locator('label[for="champ-publication_consent"]').click();
	await expect(page.getByLabel(/^L’équipe consent à la publication du dossier/)).toBeChecked();
	await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
	await axe();
	await expect(panel).toContainText('Le dossier enregistré est complet');

	// Submit.
	await page.getByRole('link', { name: 'Déposer la candidature' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Déposer la candidature' })
	).toBeVisible();
	await axe();
	await page.getByRole('button', { name: 'Confirmer le dépôt' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Suivi de la candidature « ${title} »` })
	).toBeVisible();
	await axe();
	await expect(page.getByText('La candidature est déposée.')).toBeVisible();
	await expect(page.getByText('État : Déposée')).toBeVisible();
	const history = page.getByRole('region', { name: 'Historique' });
	await expect(history.getByRole('listitem')).toHaveCount(2);
	await expect(history.getByRole('listitem').nth(1)).toContainText('Candidature déposée');
	await expect(page.getByRole('region', { name: 'Avis du jury' })).toContainText('apparaîtra ici');

	// Read-only now.
	await page.getByRole('link', { name: 'Voir le dossier' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
	await axe();
	await expect(page.getByText('Le dossier est en lecture seule')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Enregistrer le brouillon' })).toHaveCount(0);
	await expect(page.getByText(summary)).toBeVisible();
	await expect(page.getByText('0951099D (académie de Versailles)')).toBeVisible();
	const dossierPath = new URL(page.url()).pathname;

	// Someone else may not read it; an unknown number is not found.
	const otherContext = await browser.newContext({ javaScriptEnabled });
	const other = await otherContext.newPage();
	await logIn(other, axe, DEMO.juror);
	const refused = await other.goto(dossierPath);
	expect(refused?.status()).toBe(403);
	await expect(
		other.getByText(
			'Cette candidature n’est visible que par son équipe et par les organisateurs du prix.'
		)
	).toBeVisible();
	await axe(other);
	const unknown = await other.goto('/equipe/999999/suivi');
	expect(unknown?.status()).toBe(404);
	await expect(other.getByRole('heading', { level: 1, name: 'Page non trouvée' })).toBeVisible();
	await axe(other);
	await otherContext.close();

	// Withdraw it, with a reason the timeline shows.
	await page.getByRole('link', { name: 'Retirer la candidature' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Retirer la candidature' })
	).toBeVisible();
	await axe();
	await page.getByLabel(/^Motif du retrait/).fill('L’équipe change d’établissement.');
	await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
	await expect(page.getByText('La candidature est retirée.')).toBeVisible();
	await axe();
	await expect(page.getByText('État : Retirée')).toBeVisible();
	await expect(history.getByRole('listitem')).toHaveCount(3);
	await expect(history.getByRole('listitem').nth(2)).toContainText('Candidature retirée');
	await expect(history.getByRole('listitem').nth(2)).toContainText(
		'« L’équipe change d’établissement. »'
	);

	// The list links to it.
	await page.getByRole('link', { name: 'Mes candidatures' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mes candidatures' })).toBeVisible();
	await axe();
	await expect(page.getByRole('link', { name: title })).toBeVisible();
});
