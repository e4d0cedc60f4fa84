// The organiser's edition screens: create an edition (a refused form keeps everything typed), see why
// a phase move is not possible yet, fix the configuration, move draft → open through the
// confirmation step (a second, stale confirmation is refused with the reason), then follow the
// demo's candidatures on the pipeline board down to one candidature's timeline; anyone else is
// refused. Runs with and without JavaScript; each project uses its own year (the server's database
// is shared by both).
import { test, expect } from './fixtures';
import { DEMO, DEMO_PASSWORD, logIn } from './support';

const ENTRY_STATE_LABELS = [
	'Brouillon',
	'Déposée',
	'Modifications demandées',
	'Éligible',
	'Non éligible',
	'Présélectionnée',
	'Non présélectionnée',
	'En phase d’essai',
	'Finaliste',
	'Lauréate',
	'Non primée',
	'Retirée'
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('une organisatrice crée une édition, la corrige et ouvre les candidatures', async ({
	page,
	axe,
	javaScriptEnabled
}) => {
	// A long journey: 14 pages, each checked by axe.
	test.setTimeout(120_000);
	const year = javaScriptEnabled ? 2090 : 2091;
	const categories = [
		'Prix de la simplification',
		'Prix du projet innovant',
		'Prix spécial du jury',
		'Prix de l’audace'
	].join('\n');

	await logIn(page, axe, DEMO.organiser);
	await page.goto('/admin');
	await axe();
	await page.getByRole('link', { name: 'Éditions', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Éditions du prix' })).toBeVisible();
	await axe();
	await page.getByRole('link', { name: 'Créer une édition' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Créer une édition' })).toBeVisible();
	await axe();
	await expect(page).toHaveTitle('Créer une édition — Administration — Prix Impulsions');
	await expect(page.getByLabel(/^Catégories/)).toHaveValue(/^Prix de la simplification\n/);
	await expect(page.getByLabel(/^Thématiques/)).toHaveValue(/Faire plus simple/);

	// A deadline before the opening: refused, field by field, and nothing typed is lost.
	await page.getByLabel(/^Année/).fill(String(year));
	await page.getByLabel(/^Ouverture des candidatures/).fill(`${year}-02-01T09:00`);
	await page.getByLabel(/^Date limite de dépôt/).fill('2020-01-31T23:59');
	await page.getByLabel(/^Catégories/).fill(categories);
	await page.getByRole('button', { name: 'Créer l’édition' }).click();
	await expect(page.locator('#champ-submissions_close_at-erreur')).toHaveText(
		`Cette date ne peut pas précéder celle de l’étape « Ouverture des candidatures » (le 1er février ${year} à 9 h 00).`
	);
	await expect(page.getByRole('alert')).toContainText('L’édition n’a pas été créée.');
	await axe();
	await expect(page.getByLabel(/^Date limite de dépôt/)).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel(/^Année/)).toHaveValue(String(year));
	await expect(page.getByLabel(/^Ouverture des candidatures/)).toHaveValue(`${year}-02-01T09:00`);
	await expect(page.getByLabel(/^Date limite de dépôt/)).toHaveValue('2020-01-31T23:59');
	await expect(page.getByLabel(/^Catégories/)).toHaveValue(categories);

	// Fixed — but the deadline is past: the edition is created, and cannot open yet.
	await page.getByLabel(/^Ouverture des candidatures/).fill('2019-12-01T09:00');
	await page.getByRole('button', { name: 'Créer l’édition' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Prix Impulsions ${year}` })
	).toBeVisible();
	await expect(page.getByText(`L’édition ${year} a été créée`)).toBeVisible();
	await axe();
	await expect(page).toHaveTitle(`Prix Impulsions ${year} — Administration — Prix Impulsions`);
	const phase = page.getByRole('region', { name: 'Phase' });
	await expect(phase.getByText('En préparation', { exact: true })).toBeVisible();
	const open = phase.getByRole('button', { name: 'Ouvrir les candidatures' });
	await expect(open).toBeDisabled();
	await expect(open).toHaveAccessibleDescription(
		/La date limite de dépôt \(le 31 janvier 2020 à 23 h 59\) est déjà passée : fixez une date à venir\./
	);
	await expect(page.getByText('Aucun changement de phase pour l’instant')).toBeVisible();

	// A deadline to come: saved, and the move is offered.
	await page.getByLabel(/^Ouverture des candidatures/).fill(`${year - 1}-11-01T09:00`);
	await page.getByLabel(/^Date limite de dépôt/).fill(`${year}-01-31T23:59`);
	await page.getByRole('button', { name: 'Enregistrer la configuration' }).click();
	await expect(page.getByText('La configuration de l’édition a été enregistrée.')).toBeVisible();
	await axe();
	await expect(page.getByLabel(/^Date limite de dépôt/)).toHaveValue(`${year}-01-31T23:59`);
	await expect(page.getByLabel(/^Catégories/)).toHaveValue(categories);
	await expect(open).toBeEnabled();
	await expect(open).toHaveAccessibleDescription(/passera en phase « Candidatures ouvertes »/);

	// The confirmation step, shown twice: the second confirmation comes too late.
	await open.click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Ouvrir les candidatures' })
	).toBeVisible();
	await axe();
	await expect(
		page.getByText(
			`L’édition « Prix Impulsions ${year} » passera de la phase « En préparation » à la phase « Candidatures ouvertes ».`
		)
	).toBeVisible();
	const stale = await page.context().newPage();
	await stale.goto(page.url());
	await expect(stale.getByRole('button', { name: /^Confirmer/ })).toBeVisible();
	await axe(stale);

	// With the keyboard.
	await page.getByRole('button', { name: 'Confirmer : ouvrir les candidatures' }).focus();
	await page.keyboard.press('Enter');
	await expect(
		page.getByText('L’édition est passée en phase « Candidatures ouvertes ».')
	).toBeVisible();
	await axe();
	await expect(phase.getByText('Candidatures ouvertes', { exact: true })).toBeVisible();
	await expect(phase.getByRole('button', { name: 'Clore les candidatures' })).toBeEnabled();
	const history = page.getByRole('region', { name: 'Historique de l’édition' });
	await expect(history.getByRole('listitem')).toHaveCount(1);
	await expect(history.getByRole('listitem')).toContainText(
		'Phase ouverte aux candidatures : de « En préparation » à « Candidatures ouvertes »'
	);
	await expect(history.getByRole('listitem')).toContainText('par Claire Martin');
	await expect(history.locator('code')).toHaveText(/^[0-9a-f]{64}$/);

	await stale.getByRole('button', { name: 'Confirmer : ouvrir les candidatures' }).click();
	await expect(stale.getByRole('alert')).toContainText(
		'L’édition est en phase « Candidatures ouvertes » : les candidatures ne peuvent pas être ouvertes.'
	);
	await axe(stale);
	await stale.close();

	// The list shows it, newest first.
	await page.getByRole('link', { name: 'Éditions', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Éditions du prix' })).toBeVisible();
	await axe();
	const row = page.getByRole('row', { name: new RegExp(`^${year} Prix Impulsions ${year}`) });
	await expect(row.getByText('Candidatures ouvertes')).toBeVisible();
});

test('un passage impossible est expliqué ; le tableau des candidatures mène à leur historique', async ({
	page,
	axe
}) => {
	await logIn(page, axe, DEMO.organiser);
	await page.goto('/admin/editions');
	await axe();

	// The demo's next edition, in eligibility: two candidatures still wait for a decision.
	// (The team journeys move editions of years 2080 and later there too.)
	const row = page
		.getByRole('row')
		.filter({ hasText: 'Examen de l’éligibilité' })
		.filter({ hasNotText: /Prix Impulsions 20[89]\d/ });
	await expect(row).toHaveCount(1);
	const title = (await row.locator('td').nth(1).innerText()).trim();
	const count = Number(await row.locator('td').nth(3).innerText());
	await row.getByRole('link', { name: title, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await axe();
	const start = page.getByRole('button', { name: 'Commencer la présélection' });
	await expect(start).toBeDisabled();
	await expect(start).toHaveAccessibleDescription(
		'Passage impossible pour l’instant : 2 candidatures n’ont pas encore de décision d’éligibilité (dont 1 en attente de modifications).'
	);
	// Its confirmation page, reached by its address, says the same and offers nothing to confirm.
	await page.goto(`${new URL(page.url()).pathname}/phase?evenement=START_PRESELECTION`);
	await expect(page.getByRole('alert')).toContainText(
		'2 candidatures n’ont pas encore de décision d’éligibilité'
	);
	await axe();
	await expect(page.getByRole('button', { name: /^Confirmer/ })).toHaveCount(0);
	await page.getByRole('link', { name: 'Retour à l’édition' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await axe();
	await expect(
		page.getByRole('region', { name: 'Historique de l’édition' }).getByRole('listitem')
	).toHaveCount(2);

	// The pipeline board: every state, zeros included, and the counts add up.
	await page.getByRole('link', { name: `Candidatures de l’édition (${count})` }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Candidatures — ${title}` })
	).toBeVisible();
	await axe();
	const board = page.getByRole('region', { name: 'Candidatures par état' });
	await expect(board.getByRole('link', { name: `${count} Tous les états` })).toHaveAttribute(
		'aria-current',
		'true'
	);
	let total = 0;
	for (const label of ENTRY_STATE_LABELS) {
		const link = board.getByRole('link', { name: new RegExp(`^\\d+ ${escape(label)}$`) });
		await expect(link).toBeVisible();
		total += Number((await link.innerText()).match(/\d+/)![0]);
	}
	expect(total).toBe(count);
	await expect(page.locator('table tbody tr')).toHaveCount(count);
	await expect(board.getByRole('link', { name: '0 Lauréate' })).toBeVisible();

	// Filtered by state.
	await board.getByRole('link', { name: '1 Modifications demandées' }).click();
	await expect(
		page.getByRole('heading', {
			level: 2,
			name: 'Candidatures à l’état « Modifications demandées »'
		})
	).toBeVisible();
	await expect(page).toHaveURL(/\?etat=changesRequested$/);
	await axe();
	const listed = page.locator('table tbody tr');
	await expect(listed).toHaveCount(1);
	await expect(listed.first()).toContainText('Modifications demandées');
	await expect(listed.first()).toContainText('Prix du projet innovant');
	await expect(listed.first()).toContainText('Julien Moreau');

	// One candidature and its timeline, newest last.
	const entry = 'Des menus de cantine choisis avec les élèves';
	await listed.first().getByRole('link', { name: entry }).click();
	await expect(page.getByRole('heading', { level: 1, name: entry })).toBeVisible();
	await axe();
	await expect(page).toHaveTitle(`Candidature « ${entry} » — Administration — Prix Impulsions`);
	const summary = page.getByRole('region', { name: 'Résumé' });
	await expect(summary).toContainText('Modifications demandées');
	await expect(summary).toContainText(title);
	await expect(page.getByRole('region', { name: 'Équipe' })).toContainText(
		'Julien Moreau (porteur du projet)'
	);
	const steps = page.getByRole('region', { name: 'Historique' }).getByRole('listitem');
	await expect(steps).toHaveCount(2);
	await expect(steps.first()).toContainText('Candidature déposée : de « Brouillon » à « Déposée »');
	await expect(steps.first()).toContainText(
		/Le \d{1,2}(er)? \S+ \d{4} à \d{1,2} h \d{2}, par Julien Moreau/
	);
	await expect(steps.last()).toContainText(
		'Modifications demandées : de « Déposée » à « Modifications demandées »'
	);
	await expect(steps.last()).toContainText(
		'Merci de préciser les indicateurs de gaspillage et leur mode de mesure.'
	);
	await expect(steps.last()).toContainText(/Réponse attendue avant le /);
	await expect(steps.last()).toContainText(/par Claire Martin\s*$/);

	await page.getByRole('link', { name: 'Retour aux candidatures de l’édition' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: `Candidatures — ${title}` })
	).toBeVisible();
	await axe();
});

test('une candidature ou une édition inconnue répond 404 en français', async ({ page, axe }) => {
	await logIn(page, axe, DEMO.organiser);
	const missing = await page.goto('/admin/candidatures/987654321');
	expect(missing?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Page non trouvée' })).toBeVisible();
	await axe();
	const edition = await page.goto('/admin/editions/987654321/candidatures');
	expect(edition?.status()).toBe(404);
	await axe();
});

test('ces pages et leurs actions sont réservées aux organisateurs', async ({
	playwright,
	baseURL
}) => {
	test.skip(test.info().project.name !== 'chromium', 'HTTP only: one run is enough');
	const request = await playwright.request.newContext({ baseURL });
	try {
		const login = await request.post('/connexion', {
			form: { email: DEMO.team, password: DEMO_PASSWORD, suite: '/' },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(login.status()).toBe(303);
		for (const path of [
			'/admin/editions',
			'/admin/editions/nouvelle',
			'/admin/editions/1',
			'/admin/editions/1/phase?evenement=OPEN',
			'/admin/editions/1/candidatures',
			'/admin/candidatures/1'
		]) {
			const response = await request.get(path, { maxRedirects: 0 });
			expect(response.status(), `GET ${path}`).toBe(403);
			expect(await response.text(), `GET ${path}`).toContain('réservé aux organisateurs');
		}
		for (const [path, form] of [
			['/admin/editions/nouvelle', { year: '2097', submissions_close_at: '2097-01-31T23:59' }],
			[
				'/admin/editions/1?/enregistrer',
				{ year: '2097', submissions_close_at: '2097-01-31T23:59' }
			],
			['/admin/editions/1/phase?evenement=ARCHIVE&/confirmer', { evenement: 'ARCHIVE' }]
		] as const) {
			const response = await request.post(path, {
				form,
				headers: { origin: baseURL!, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status(), `POST ${path}`).toBe(403);
		}
	} finally {
		await request.dispose();
	}
});
