// The jury's journey, with and without JavaScript (years 2086 and 2087: the server's database is
// shared): the organiser opens an edition; a team submits a candidature with a PDF; the organiser
// closes submissions, declares it eligible, starts the preselection, adds the three demo jurors and a
// fourth whose expertise is another category, and runs the automatic assignment (3 jurors per
// candidature). Marc Lefèvre declares a conflict of interest: the candidature leaves his list, and
// its address and its attachment's answer 404 to him. Sophie Durand scores it with the keyboard,
// saves and submits: she sees no other review. Ahmed Benali cannot see hers before submitting his
// own; his first submission is incomplete; once submitted, he sees her scores and her comment for
// the jury. The organiser follows the progress and reads the ranking.
//
// In the `chromium` project only, between Sophie Durand's submission and Ahmed Benali's first
// visit, a permission table (HTTP only, nothing rendered) checks every jury route and action and
// the organisers' jury pages for each person, on the ids the journey created.
import { writeFile } from 'node:fs/promises';
import type { APIRequestContext, APIResponse, Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO, DEMO_PASSWORD, logIn, openEdition } from './support';

const JURORS = {
	benali: { email: DEMO.juror, name: 'Ahmed Benali' },
	durand: { email: 'jure.durand@demo.impulsions.fr', name: 'Sophie Durand' },
	lefevre: { email: 'jure.lefevre@demo.impulsions.fr', name: 'Marc Lefèvre' },
	// A juror of the edition whose expertise is another category: never assigned this candidature.
	fontaine: { email: 'equipe.dsden@demo.impulsions.fr', name: 'Élise Fontaine' }
};
const CATEGORY = 'Prix de la simplification';

test('le jury déclare un conflit, évalue au clavier et ne voit les autres évaluations qu’après avoir soumis la sienne', async ({
	page,
	axe,
	browser,
	javaScriptEnabled,
	playwright,
	baseURL
}, testInfo) => {
	// Six people and some sixty pages, each checked by axe.
	test.setTimeout(420_000);
	const year = javaScriptEnabled ? 2086 : 2087;
	const suffix = javaScriptEnabled ? 'js' : 'sans-js';
	const title = `Un tutorat entre lycéens ${year}`;
	const editionPath = await openEdition(browser, axe, year, javaScriptEnabled);
	const editionId = Number(editionPath.split('/').pop());

	// The team lead writes, completes and submits the candidature, with a PDF.
	await logIn(page, axe, DEMO.team);
	await page.goto('/equipe/nouvelle');
	await axe();
	await page.locator('label', { hasText: `Édition ${year} —` }).click();
	await page.getByLabel(/^Titre de la candidature/).fill(title);
	await page.getByRole('button', { name: 'Créer la candidature' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
	await axe();
	const dossierPath = new URL(page.url()).pathname;
	const entryId = Number(dossierPath.match(/^\/equipe\/(\d+)$/)?.[1]);
	expect(entryId).toBeGreaterThan(0);
	await page.getByLabel(/^Résumé/).fill('Des élèves de terminale accompagnent ceux de seconde.');
	await fillDossier(page);
	await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
	await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
	await axe();
	const pdfName = `tutorat-${suffix}.pdf`;
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

	// The organiser closes submissions, declares it eligible and starts the preselection.
	const orgaContext = await browser.newContext({ javaScriptEnabled });
	const orga = await orgaContext.newPage();
	await logIn(orga, axe, DEMO.organiser);
	await movePhase(orga, axe, editionPath, 'Clore les candidatures', 'Examen de l’éligibilité');
	await orga.goto(`${editionPath}/eligibilite`);
	await axe(orga);
	await orga.locator(`label[for="choix-${entryId}"]`).click();
	await orga.getByRole('button', { name: 'Déclarer éligibles les candidatures cochées' }).click();
	await expect(orga.getByText('1 candidature déclarée éligible.')).toBeVisible();
	await axe(orga);
	await movePhase(orga, axe, editionPath, 'Commencer la présélection', 'Présélection par le jury');

	// The criteria: the prize's historical grid, four criteria on a 1–4 scale.
	await orga.goto(`${editionPath}/criteres`);
	await axe(orga);
	const preselection = orga.getByRole('region', { name: 'Présélection', exact: true });
	await expect(preselection.getByLabel('Intitulé')).toHaveCount(4);
	await expect(preselection.getByLabel('Intitulé').first()).toHaveValue('Efficience du projet');

	// The jury: the three demo jurors (Sophie Durand an expert of the candidature's category), and
	// Élise Fontaine, an expert of another category only.
	await orga.goto(`${editionPath}/jury`);
	await axe(orga);
	for (const [key, juror] of Object.entries(JURORS)) {
		await orga.getByLabel('Adresse électronique du juré').fill(juror.email);
		const expertise = orga.locator('fieldset', { hasText: 'Catégories d’expertise' });
		if (key === 'durand') await expertise.locator('label', { hasText: CATEGORY }).click();
		if (key === 'fontaine') {
			await orga.locator('label[for="ajout-tour-final"]').click();
			await expertise.locator('label').filter({ hasNotText: CATEGORY }).first().click();
		}
		await orga.getByRole('button', { name: 'Ajouter au jury' }).click();
		await expect(
			orga.getByText(`${juror.name} fait désormais partie du jury de l’édition.`)
		).toBeVisible();
		await axe(orga);
	}
	const jurors = orga.getByRole('table', { name: /Jurés de l’édition/ });
	await expect(jurors.getByRole('row', { name: /Sophie Durand/ })).toContainText(CATEGORY);
	await expect(jurors.getByRole('row', { name: /Élise Fontaine/ })).toContainText('Présélection');
	const fontaineId = Number(
		(await jurors.getByRole('link', { name: /Élise Fontaine/ }).getAttribute('href'))
			?.split('/')
			.pop()
	);
	expect(fontaineId).toBeGreaterThan(0);

	// The automatic assignment of the preselection, 3 jurors per candidature.
	await orga.getByRole('link', { name: 'Affectations et suivi' }).click();
	await expect(
		orga.getByRole('heading', { level: 1, name: /^Affectations et suivi/ })
	).toBeVisible();
	await axe(orga);
	await orga.getByLabel(/^Nombre de jurés par candidature/).fill('3');
	await orga.getByRole('button', { name: 'Enregistrer le nombre' }).click();
	await expect(orga.getByText('Nombre de jurés par candidature : 3.')).toBeVisible();
	await axe(orga);
	await orga
		.getByRole('button', { name: 'Lancer l’affectation automatique (Présélection)' })
		.click();
	await expect(orga.getByRole('status').filter({ hasText: 'Affectation effectuée' })).toContainText(
		'3 affectations créées'
	);
	await axe(orga);
	const byEntry = orga.getByRole('table', { name: /Jurés et évaluations de chaque candidature/ });
	const entryRow = byEntry.getByRole('row', { name: new RegExp(title) });
	for (const name of ['Ahmed Benali', 'Sophie Durand', 'Marc Lefèvre'])
		await expect(entryRow).toContainText(name);
	await expect(entryRow).not.toContainText('Élise Fontaine');

	// Marc Lefèvre reads the candidature and its attachment, then declares a conflict of interest.
	const lefevre = await jurorPage(browser, axe, JURORS.lefevre.email, javaScriptEnabled);
	const entryPath = await openCandidature(lefevre, axe, year, title);
	const piecePath = await attachmentPath(lefevre, pdfName);
	expect((await lefevre.request.get(piecePath)).status()).toBe(200);
	// Without a reason, the browser itself refuses (required, with or without JavaScript).
	await lefevre.getByRole('button', { name: 'Déclarer un conflit d’intérêts' }).click();
	await expect(lefevre).toHaveURL(new RegExp(`${entryPath}$`));
	await lefevre
		.getByLabel(/^Raison du conflit d’intérêts/)
		.fill('J’ai accompagné cette équipe lors d’une formation l’an dernier.');
	await lefevre.getByRole('button', { name: 'Déclarer un conflit d’intérêts' }).click();
	await expect(lefevre.getByText('Conflit d’intérêts enregistré')).toBeVisible();
	await axe(lefevre);
	await expect(lefevre.getByRole('link', { name: title })).toHaveCount(0);
	await expect(
		lefevre.getByText('Aucune candidature ne vous est attribuée pour ce tour.')
	).toBeVisible();
	// Its address and its attachment's now answer as if they did not exist.
	const probe = await lefevre.request.get(entryPath, { maxRedirects: 0 });
	expect(probe.status()).toBe(404);
	expect(await probe.text()).not.toContain(title);
	expect((await lefevre.request.get(piecePath, { maxRedirects: 0 })).status()).toBe(404);
	await lefevre.context().close();

	// Sophie Durand scores every criterion with the keyboard, saves, then submits.
	const durand = await jurorPage(browser, axe, JURORS.durand.email, javaScriptEnabled);
	expect(await openCandidature(durand, axe, year, title)).toBe(entryPath);
	await expect(
		durand.getByRole('region', { name: 'Évaluations soumises par le jury' })
	).toHaveCount(0);
	const durandLevels = [3, 4, 2, 3];
	await scoreWithKeyboard(durand, durandLevels);
	await durand
		.getByLabel(/^Commentaire pour l’équipe/)
		.fill('Un dispositif simple, à documenter davantage.');
	const durandJuryNote = `Réserve de Sophie Durand (${suffix}) : les résultats reposent sur une seule enquête.`;
	await durand.getByLabel(/^Commentaire pour le jury seulement/).fill(durandJuryNote);
	await durand.getByRole('button', { name: 'Enregistrer', exact: true }).click();
	await expect(durand.getByText(/^Brouillon enregistré\. Vous pouvez y revenir/)).toBeVisible();
	await axe(durand);
	// The saved levels are shown again.
	for (const [i, level] of durandLevels.entries())
		await expect(
			criterion(durand, i).getByRole('radio', { name: `Niveau ${level}` })
		).toBeChecked();
	await durand.getByRole('button', { name: 'Soumettre l’évaluation' }).click();
	await expect(durand.getByText('Évaluation soumise', { exact: true })).toBeVisible();
	await axe(durand);
	// No other juror has submitted: only her own review is listed.
	const durandReviews = durand.getByRole('region', { name: 'Évaluations soumises par le jury' });
	await expect(durandReviews.getByRole('table').locator('tbody tr')).toHaveCount(1);
	await expect(durandReviews.getByRole('rowheader')).toHaveText(['Vous']);
	await expect(durand.getByRole('button', { name: 'Soumettre l’évaluation' })).toHaveCount(0);
	await durand.context().close();

	if (testInfo.project.name === 'chromium')
		await permissionTable(playwright, baseURL!, {
			edition: editionId,
			entry: entryId,
			piece: Number(piecePath.split('/').pop()),
			juror: fontaineId
		});

	// Ahmed Benali cannot see her review before submitting his own.
	const benali = await jurorPage(browser, axe, JURORS.benali.email, javaScriptEnabled);
	expect(await openCandidature(benali, axe, year, title)).toBe(entryPath);
	await expect(
		benali.getByRole('region', { name: 'Évaluations soumises par le jury' })
	).toHaveCount(0);
	await expect(benali.getByText(durandJuryNote)).toHaveCount(0);
	await expect(benali.getByText(JURORS.durand.name)).toHaveCount(0);
	// A submission with one criterion only: refused, the draft is kept.
	await benali.locator(`label[for="${await radioId(criterion(benali, 0), 2)}"]`).click();
	await benali
		.getByLabel(/^Commentaire pour l’équipe/)
		.fill('Un projet utile, dont les effets restent à mesurer.');
	await benali.getByRole('button', { name: 'Soumettre l’évaluation' }).click();
	await expect(
		benali.getByRole('alert').filter({ hasText: 'Brouillon enregistré, évaluation non soumise' })
	).toContainText('Choisissez un niveau pour chaque critère');
	await axe(benali);
	await expect(criterion(benali, 1)).toContainText('Choisissez un niveau pour ce critère.');
	await expect(benali.getByText(durandJuryNote)).toHaveCount(0);
	await expect(criterion(benali, 0).getByRole('radio', { name: 'Niveau 2' })).toBeChecked();
	await expect(benali.getByLabel(/^Commentaire pour l’équipe/)).toHaveValue(
		'Un projet utile, dont les effets restent à mesurer.'
	);
	await scoreWithKeyboard(benali, [2, 3, 3, 4]);
	await benali.getByLabel(/^Commentaire pour le jury seulement/).fill('Rien à signaler.');
	await benali.getByRole('button', { name: 'Soumettre l’évaluation' }).click();
	await expect(benali.getByText('Évaluation soumise', { exact: true })).toBeVisible();
	await axe(benali);
	// Now he sees hers: her levels, her score and her comment for the jury.
	const benaliReviews = benali.getByRole('region', { name: 'Évaluations soumises par le jury' });
	await expect(benaliReviews.getByRole('rowheader')).toHaveText(['Vous', JURORS.durand.name]);
	const durandRow = benaliReviews.getByRole('row', { name: new RegExp(JURORS.durand.name) });
	await expect(durandRow.getByRole('cell')).toHaveText([...durandLevels.map(String), /\/ 20$/]);
	await expect(benaliReviews).toContainText(durandJuryNote);
	await expect(benaliReviews).toContainText('Moyenne');
	// His list says so.
	await benali.getByRole('link', { name: 'Retour à la liste des candidatures' }).click();
	await expect(benali.getByRole('heading', { level: 1, name: /^Présélection/ })).toBeVisible();
	await axe(benali);
	await expect(benali.getByRole('row', { name: new RegExp(title) })).toContainText(
		'Évaluation soumise'
	);
	await benali.context().close();

	// The organiser follows the progress, then reads the ranking.
	await orga.goto(`${editionPath}/affectations`);
	await axe(orga);
	const byJuror = orga.getByRole('table', { name: /Évaluations de chaque juré/ });
	await expect(byJuror.getByRole('row', { name: /Sophie Durand/ }).getByRole('cell')).toHaveText([
		'1',
		'1',
		'0',
		'0'
	]);
	await expect(byJuror.getByRole('row', { name: /Marc Lefèvre/ }).getByRole('cell')).toHaveText([
		'0',
		'0',
		'0',
		'0'
	]);
	await expect(
		orga
			.getByRole('table', { name: /Jurés et évaluations de chaque candidature/ })
			.getByRole('row', { name: new RegExp(title) })
	).toContainText('2 / 3');
	await orga.goto(`${editionPath}/classement`);
	await axe(orga);
	const ranking = orga.getByRole('table', { name: /classement par moyenne brute/ });
	const ranked = ranking.getByRole('row', { name: new RegExp(title) });
	await expect(ranked.getByRole('cell').first()).toHaveText('1');
	await expect(ranked.getByRole('cell').nth(2)).toHaveText('2');
	await expect(orga.getByText(/2 évaluations soumises et complètes, par 2 jurés/)).toBeVisible();
	await orga.getByRole('link', { name: 'note normalisée' }).click();
	await expect(orga.getByRole('table', { name: /classement par note normalisée/ })).toBeVisible();
	await axe(orga);
	await orgaContext.close();
});

// ---------------------------------------------------------------------------------------------
// Steps

/** An edition's phase move from its page, through the confirmation page. */
async function movePhase(
	orga: Page,
	axe: (page?: Page) => Promise<void>,
	editionPath: string,
	button: string,
	phase: string
) {
	await orga.goto(editionPath);
	await axe(orga);
	await orga.getByRole('button', { name: button }).click();
	await expect(orga.getByRole('heading', { level: 1, name: button })).toBeVisible();
	await axe(orga);
	await orga.getByRole('button', { name: `Confirmer : ${button.toLowerCase()}` }).click();
	await expect(orga.getByText(`L’édition est passée en phase « ${phase} ».`)).toBeVisible();
	await axe(orga);
}

/** A juror logged in, in a context of his own. */
async function jurorPage(
	browser: import('@playwright/test').Browser,
	axe: (page?: Page) => Promise<void>,
	email: string,
	javaScriptEnabled: boolean
): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await logIn(page, axe, email);
	return page;
}

/** From the juror's space to the candidature, through the round's list; returns its path. */
async function openCandidature(
	page: Page,
	axe: (page?: Page) => Promise<void>,
	year: number,
	title: string
): Promise<string> {
	await page.goto('/jury');
	await axe(page);
	await page
		.getByRole('region', { name: new RegExp(`^Édition ${year} —`) })
		.getByRole('link', { name: 'Présélection' })
		.click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Présélection — Édition ${year}` })
	).toBeVisible();
	await axe(page);
	await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('À évaluer');
	await page.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await axe(page);
	return new URL(page.url()).pathname;
}

async function attachmentPath(page: Page, fileName: string): Promise<string> {
	const link = page.getByRole('region', { name: 'Pièces jointes' }).getByRole('link');
	await expect(link).toContainText(fileName);
	return new URL((await link.getAttribute('href'))!, page.url()).pathname;
}

const criterion = (page: Page, index: number): Locator =>
	page.locator('fieldset[id^="critere-"]').nth(index);

/** The id of the radio button of `level` in a criterion's group. */
async function radioId(group: Locator, level: number): Promise<string> {
	const id = await group.locator(`input[type="radio"][value="${level}"]`).getAttribute('id');
	expect(id).toBeTruthy();
	return id!;
}

/**
 * Chooses a level in each criterion with the keyboard alone, as a juror without a mouse does: focus
 * the first group's selected option, move with the arrow keys, go on to the next group with Tab.
 */
async function scoreWithKeyboard(page: Page, levels: number[]) {
	const groups = page.locator('fieldset[id^="critere-"]');
	await expect(groups).toHaveCount(levels.length);
	await groups.first().locator('input[type="radio"]:checked').focus();
	for (const [i, level] of levels.entries()) {
		const group = groups.nth(i);
		const radios = group.locator('input[type="radio"]');
		const values = await radios.evaluateAll((inputs) =>
			inputs.map((input) => (input as HTMLInputElement).value)
		);
		const focused = await radios.evaluateAll((inputs) =>
			inputs.findIndex((input) => input === document.activeElement)
		);
		expect(focused, `the keyboard is in the group of criterion ${i + 1}`).toBeGreaterThanOrEqual(0);
		const target = values.indexOf(String(level));
		const presses = (target - focused + values.length) % values.length;
		for (let n = 0; n < presses; n++) await page.keyboard.press('ArrowDown');
		await expect(radios.nth(target)).toBeChecked();
		await expect(radios.nth(target)).toBeFocused();
		if (i < levels.length - 1) await page.keyboard.press('Tab');
	}
}

/** The whole dossier but its title and résumé (as in team-journey.e2e.ts). */
async function fillDossier(page: Page) {
	await page.getByLabel(/^Code UAI/).fill('0951099D');
	await page.getByLabel(/^Nom de l’établissement/).fill('Lycée Camille Claudel');
	await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: CATEGORY });
	await page.locator('label[for^="theme-"]').first().click();
	await page
		.getByLabel(/^Problème traité/)
		.fill('Trop d’élèves de seconde décrochent en novembre.');
	await page
		.getByLabel(/^Solution mise en œuvre/)
		.fill('Chaque élève de seconde qui le souhaite a un tuteur de terminale.');
	await page.getByLabel(/^Public concerné/).fill('Les élèves de seconde du lycée.');
	await page.getByLabel(/^Résultats obtenus et indicateurs/).fill('Deux fois moins d’abandons.');
	await page.getByLabel(/^Transférabilité/).fill('Une salle et un professeur référent suffisent.');
	await page.getByLabel(/^Moyens nécessaires/).fill('Deux heures par semaine.');
	await page.locator('label[for="champ-publication_consent"]').click();
}

// ---------------------------------------------------------------------------------------------
// The permission table

type Person =
	| 'visiteur'
	| 'membre de l’équipe'
	| 'juré attribué'
	| 'juré ayant soumis'
	| 'juré en conflit'
	| 'juré non attribué'
	| 'organisateur';
const ACCOUNT: Record<Exclude<Person, 'visiteur'>, string> = {
	'membre de l’équipe': DEMO.team,
	'juré attribué': JURORS.benali.email,
	'juré ayant soumis': JURORS.durand.email,
	'juré en conflit': JURORS.lefevre.email,
	'juré non attribué': JURORS.fontaine.email,
	organisateur: DEMO.organiser
};
const PEOPLE = Object.keys({ visiteur: 0, ...ACCOUNT }) as Person[];

interface Ids {
	edition: number;
	entry: number;
	piece: number;
	/** Élise Fontaine, juror of the edition. */
	juror: number;
}

// 200: shown · 'login': sent to the log-in page · 'download': 200 with the PDF · 400: the permission
// check let it through and the content was refused (nothing changes) · 401/403/404: refused.
type Answer = 200 | 'login' | 'download' | 400 | 401 | 403 | 404;

interface Row {
	what: string;
	method: 'GET' | 'POST';
	path: (ids: Ids) => string;
	form?: Record<string, string>;
	answers: Record<Person, Answer>;
	/** What every refusal of this row says (beyond the status), or must not say. */
	refusal?: RegExp;
}

const JURY_ONLY = /(Cet espace est réservé aux membres du jury|n’existe pas ou ne vous est pas)/;
/** The refusals of a form action: the area's (401, 403 in plain text), then the action's. */
const ACTION_REFUSED =
	/(Connectez-vous|réservé aux membres du jury|n’existe pas ou ne vous est pas attribuée|Votre évaluation (de cette candidature )?est (déjà )?soumise|Seuls les jurés à qui la candidature est attribuée)/;
const ORGANISERS = /réservé aux organisateurs du prix/;
/** A comment one character too long: refused (400) before anything is saved. */
const TOO_LONG = 'x'.repeat(3001);
const JURORS_ONLY = {
	visiteur: 'login',
	'membre de l’équipe': 403,
	'juré attribué': 200,
	'juré ayant soumis': 200,
	'juré en conflit': 200,
	'juré non attribué': 200,
	organisateur: 200
} as const;
const ASSIGNED_ONLY = {
	...JURORS_ONLY,
	'juré en conflit': 404,
	'juré non attribué': 404
} as const;
const ORGANISER_ONLY = {
	visiteur: 'login',
	'membre de l’équipe': 403,
	'juré attribué': 403,
	'juré ayant soumis': 403,
	'juré en conflit': 403,
	'juré non attribué': 403,
	organisateur: 200
} as const;

const base = (ids: Ids) => `/jury/${ids.edition}/preselection/${ids.entry}`;

const TABLE: Row[] = [
	{ what: 'espace du jury', method: 'GET', path: () => '/jury', answers: JURORS_ONLY },
	{
		what: 'liste de la présélection',
		method: 'GET',
		path: (ids) => `/jury/${ids.edition}/preselection`,
		answers: JURORS_ONLY,
		refusal: JURY_ONLY
	},
	{
		what: 'candidature',
		method: 'GET',
		path: base,
		answers: ASSIGNED_ONLY,
		refusal: JURY_ONLY
	},
	{
		what: 'pièce jointe',
		method: 'GET',
		path: (ids) => `${base(ids)}/pieces/${ids.piece}`,
		answers: {
			...ASSIGNED_ONLY,
			'juré attribué': 'download',
			'juré ayant soumis': 'download',
			organisateur: 'download'
		},
		refusal: /(réservé aux membres du jury|n’existe pas ou ne vous est pas accessible)/
	},
	{
		what: 'enregistrer (commentaire trop long)',
		method: 'POST',
		path: (ids) => `${base(ids)}?/save`,
		form: { version: '0', commentaire_equipe: TOO_LONG },
		answers: {
			...ASSIGNED_ONLY,
			visiteur: 401,
			'juré attribué': 400,
			'juré ayant soumis': 403,
			organisateur: 403
		},
		refusal: ACTION_REFUSED
	},
	{
		what: 'soumettre (commentaire trop long)',
		method: 'POST',
		path: (ids) => `${base(ids)}?/submit`,
		form: { version: '0', commentaire_jury: TOO_LONG },
		answers: {
			...ASSIGNED_ONLY,
			visiteur: 401,
			'juré attribué': 400,
			'juré ayant soumis': 403,
			organisateur: 403
		},
		refusal: ACTION_REFUSED
	},
	{
		what: 'déclarer un conflit (sans raison)',
		method: 'POST',
		path: (ids) => `${base(ids)}?/conflict`,
		form: { motif: '' },
		answers: {
			...ASSIGNED_ONLY,
			visiteur: 401,
			'juré attribué': 400,
			'juré ayant soumis': 403,
			organisateur: 403
		},
		refusal: ACTION_REFUSED
	},
	...['criteres', 'jury', 'affectations', 'classement', 'deliberation'].map((page): Row => ({
		what: `page ${page} des organisateurs`,
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition}/${page}`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	})),
	{
		what: 'affectations de la candidature',
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition}/affectations/${ids.entry}?tour=preselection`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'fiche d’un juré',
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition}/jury/${ids.juror}`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	// The organisers' actions, with contents refused for what they are (400): nothing changes.
	...(
		[
			['enregistrer les critères (tour inconnu)', 'criteres?/enregistrer', {}],
			['ajouter un juré (sans adresse)', 'jury?/ajouter', { tour: 'preselection' }],
			[
				'modifier un juré (UAI invalide)',
				'jury/{juror}?/enregistrer',
				{ tour: 'preselection', uai: 'pas un code' }
			],
			['nombre de jurés (0)', 'affectations?/nombre', { tour: 'preselection', k: '0' }],
			['affectation automatique (tour inconnu)', 'affectations?/lancer', {}],
			['relancer les jurés (tour inconnu)', 'affectations?/relancer', {}],
			['affecter à la main (sans juré)', 'affectations/{entry}?/ajouter', { tour: 'preselection' }],
			['retirer un juré (sans juré)', 'affectations/{entry}?/retirer', { tour: 'preselection' }],
			['décider (candidature inconnue)', 'deliberation?/decider', {}]
		] as const
	).map(([what, action, form]): Row => ({
		what,
		method: 'POST',
		path: (ids) =>
			`/admin/editions/${ids.edition}/${action
				.replace('{juror}', String(ids.juror))
				.replace('{entry}', String(ids.entry))}`,
		form,
		answers: { ...ORGANISER_ONLY, visiteur: 401, organisateur: 400 },
		refusal: /(Connectez-vous|réservé aux organisateurs du prix)/
	})),
	{
		what: 'procès-verbal de la présélection',
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition}/proces-verbal?tour=preselection`,
		answers: { ...ORGANISER_ONLY, organisateur: 'download' },
		refusal: ORGANISERS
	}
];

async function signedIn(
	playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
	baseURL: string,
	person: Person
) {
	const request = await playwright.request.newContext({ baseURL });
	if (person === 'visiteur') return request;
	const response = await request.post('/connexion', {
		form: { email: ACCOUNT[person], password: DEMO_PASSWORD, suite: '/' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `log-in of ${person}`).toBe(303);
	return request;
}

function check(where: string, response: APIResponse, body: string, row: Row, expected: Answer) {
	const status = response.status();
	switch (expected) {
		case 'login':
			expect(status, where).toBe(303);
			expect(response.headers()['location'] ?? '', where).toMatch(/^\/connexion\?suite=/);
			return;
		case 'download':
			expect(status, where).toBe(200);
			expect(response.headers()['content-type'], where).toBe('application/pdf');
			return;
		case 200:
			expect(status, where).toBe(200);
			return;
		case 400:
			expect(status, where).toBe(400);
			if (row.refusal) expect(body, where).not.toMatch(row.refusal);
			return;
		default:
			expect(status, where).toBe(expected);
			if (row.refusal) expect(body, where).toMatch(row.refusal);
	}
}

/** Every person × every row; then nothing has changed for the candidature and its reviews. */
async function permissionTable(
	playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
	baseURL: string,
	ids: Ids
) {
	await test.step('table des permissions du jury', async () => {
		for (const person of PEOPLE) {
			const request = await signedIn(playwright, baseURL, person);
			try {
				for (const row of TABLE) {
					const path = row.path(ids);
					const expected = row.answers[person];
					const where = `${person} ${row.method} ${path} (${row.what})`;
					const response =
						row.method === 'POST'
							? await request.post(path, {
									form: row.form ?? {},
									headers: { origin: baseURL, accept: 'text/html' },
									maxRedirects: 0
								})
							: await request.get(path, { headers: { accept: 'text/html' }, maxRedirects: 0 });
					const body = response.headers()['content-type']?.startsWith('text/')
						? await response.text()
						: '';
					check(where, response, body, row, expected);
				}
				// The assigned juror's list: his review of it is still to start (nothing was saved).
				if (person === 'juré attribué') {
					const list = await (await request.get(`/jury/${ids.edition}/preselection`)).text();
					expect(list).toContain('À évaluer');
					expect(list).not.toContain('Brouillon enregistré');
				}
			} finally {
				await request.dispose();
			}
		}
	});
}
