// The laureates' public pages with the demo's published edition (db/seed/demo.ts): a visitor searches
// and filters the list, meets the empty state, opens a laureate's page (Open Graph, names that may be
// published, trial, « Essayer cette innovation »); the pages ship no script and answer 304 to a
// matching If-None-Match; the Atom feed and the sitemap parse and lead to real pages.
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from './fixtures';

const SUMMONS = 'Les convocations aux examens en langage clair';
const STAFF_ROOM = 'La salle des professeurs réaménagée par les équipes';
const ORIENTATION = 'Un parcours d’orientation construit avec les entreprises du territoire';

/** The search field (the form itself is a search landmark named « Rechercher parmi les lauréats »). */
const search = (page: Page) => page.getByRole('searchbox', { name: /^Rechercher/ });

/** The cards' titles of the list shown. */
const cardTitles = (page: Page) => page.locator('.fr-card__title').allTextContents();

async function noScript(request: APIRequestContext, path: string) {
	const response = await request.get(path);
	expect(response.status(), path).toBe(200);
	expect(await response.text(), path).not.toMatch(/<script/i);
}

test('un visiteur cherche, filtre et ouvre la page d’un lauréat', async ({
	page,
	axe,
	request
}) => {
	test.setTimeout(120_000);
	await page.goto('/laureats');
	await axe();
	await expect(page.getByRole('heading', { level: 1, name: 'Lauréats' })).toBeVisible();
	await expect(page).toHaveTitle('Lauréats — Prix Impulsions');
	await expect(page.locator('script')).toHaveCount(0);
	await noScript(request, '/laureats');
	// The count says what the cards show (the demo's past edition has fewer than a page of them).
	const heading = await page.locator('#laureats-resultats').textContent();
	const total = Number(/^(\d+) lauréats?/.exec(heading ?? '')?.[1]);
	expect(total).toBeGreaterThanOrEqual(4);
	expect(await cardTitles(page)).toHaveLength(Math.min(total, 20));
	expect(await cardTitles(page)).toEqual(expect.arrayContaining([SUMMONS, STAFF_ROOM]));
	await expect(
		page.locator('head link[rel="alternate"][type="application/atom+xml"]')
	).toHaveAttribute('href', /^http:\/\/localhost:\d+\/laureats\.atom$/);
	await expect(page.locator('meta[property="og:url"]')).toHaveAttribute(
		'content',
		/^http:\/\/localhost:\d+\/laureats$/
	);

	// A French search: the singular finds the plural.
	await search(page).fill('convocation');
	await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
	await expect(page).toHaveURL(/\/laureats\?q=convocation$/);
	await axe();
	await expect(
		page.getByRole('heading', { level: 2, name: /1 lauréat correspond à votre recherche/ })
	).toBeVisible();
	expect(await cardTitles(page)).toEqual([SUMMONS]);
	await expect(search(page)).toHaveValue('convocation');
	await expect(page).toHaveTitle('Recherche parmi les lauréats — Prix Impulsions');

	// A filter instead: the académie de Nantes (the college's two laureates), kept in its select.
	await search(page).fill('');
	await page.getByLabel('Académie').selectOption({ label: 'Académie de Nantes' });
	await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
	await expect(page).toHaveURL(/\/laureats\?academie=Nantes$/);
	await axe();
	expect((await cardTitles(page)).sort()).toEqual([STAFF_ROOM, ORIENTATION].sort());
	await expect(page.getByLabel('Académie')).toHaveValue('Nantes');
	await expect(page.getByLabel('Édition')).toHaveValue('');

	// Nothing matches: the empty state, and a way back to the whole list.
	await search(page).fill('robotique sous-marine');
	await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
	await expect(page).toHaveURL(/q=robotique/);
	await axe();
	await expect(page.getByText('Aucun lauréat ne correspond à votre recherche.')).toBeVisible();
	await expect(page.locator('.fr-card')).toHaveCount(0);
	await page.locator('.fr-callout').getByRole('link', { name: 'Effacer les filtres' }).click();
	await expect(page).toHaveURL(/\/laureats$/);
	await axe();
	expect(await cardTitles(page)).toHaveLength(Math.min(total, 20));

	// Pagination: one page here, so no pagination and no page 2 (a 404, not an empty page).
	await expect(page.getByRole('navigation', { name: 'Pages des lauréats' })).toHaveCount(
		total > 20 ? 1 : 0
	);
	const lastPage = Math.max(1, Math.ceil(total / 20));
	expect((await request.get(`/laureats?page=${lastPage}`)).status()).toBe(200);
	await page.goto(`/laureats?page=${lastPage + 1}`);
	await axe();
	await expect(page.getByRole('heading', { level: 1, name: 'Page non trouvée' })).toBeVisible();

	// A laureate's page.
	await page.goto('/laureats?q=convocation');
	await axe();
	await page.getByRole('link', { name: SUMMONS }).click();
	await expect(page).toHaveURL(/\/laureats\/\d{4}-les-convocations-aux-examens-en-langage-clair$/);
	await axe();
	const url = page.url();
	await expect(page.getByRole('heading', { level: 1, name: SUMMONS })).toBeVisible();
	await expect(page).toHaveTitle(`${SUMMONS} — Lauréats — Prix Impulsions`);
	await expect(page.locator('script')).toHaveCount(0);
	await noScript(request, new URL(url).pathname);
	const og = (property: string) => page.locator(`head meta[property="${property}"]`);
	await expect(og('og:title')).toHaveAttribute('content', SUMMONS);
	await expect(og('og:type')).toHaveAttribute('content', 'article');
	await expect(og('og:url')).toHaveAttribute('content', url);
	await expect(og('og:locale')).toHaveAttribute('content', 'fr_FR');
	await expect(og('og:site_name')).toHaveAttribute('content', 'Prix Impulsions');
	await expect(og('og:description')).toHaveAttribute(
		'content',
		/^Les convocations du baccalauréat ont été réécrites avec des candidats/
	);
	await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute('href', url);
	// The published dossier, the lead's name (she agreed), établissement and académie, the trial.
	await expect(page.getByRole('heading', { level: 3, name: 'Problème traité' })).toBeVisible();
	await expect(page.getByText('Élise Fontaine (porteur du projet)')).toBeVisible();
	await expect(
		page
			.getByText('Direction des services départementaux de l’éducation nationale de la Gironde')
			.first()
	).toBeVisible();
	await expect(page.getByText('Académie de Bordeaux', { exact: true }).first()).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Phase d’essai' })).toBeVisible();
	await expect(page.locator('body')).not.toContainText('@');

	// « Essayer cette innovation »: its trial is over; how to reproduce it, whom to write to, and
	// the innovations open to trial now.
	await page.getByRole('link', { name: 'Essayer cette innovation' }).click();
	await expect(page).toHaveURL(/#essayer$/);
	const tryIt = page.getByRole('region', { name: 'Essayer cette innovation' });
	await expect(tryIt.getByRole('heading', { name: 'Transférabilité' })).toBeVisible();
	await expect(tryIt.getByText('Secrétariat du Prix Impulsions')).toBeVisible();
	await tryIt
		.getByRole('link', { name: 'Voir les innovations ouvertes à l’essai en ce moment' })
		.click();
	await expect(page).toHaveURL(/\/essayer$/);
	await axe();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Essayer une innovation' })
	).toBeVisible();

	// A laureate whose members did not agree to be named says so.
	await page.goto('/laureats?q=salle+professeurs');
	await axe();
	await page.getByRole('link', { name: STAFF_ROOM }).click();
	await expect(page.getByRole('heading', { level: 1, name: STAFF_ROOM })).toBeVisible();
	await axe();
	await expect(
		page.getByText('Les membres de l’équipe n’ont pas souhaité que leur nom soit publié.')
	).toBeVisible();

	// An unknown address, a malformed one: the French 404 page.
	await page.goto('/laureats/2020-inconnu');
	await axe();
	await expect(page.getByRole('heading', { level: 1, name: 'Page non trouvée' })).toBeVisible();
	expect((await request.get('/laureats/Pas_Une_Adresse')).status()).toBe(404);
});

/**
 * Headers about the answer itself, without those about the connection and the framing, nor the
 * request's own id (X-Request-Id, new for every request).
 */
function answerHeaders(headers: Record<string, string>): Record<string, string> {
	const transport = [
		'date',
		'connection',
		'keep-alive',
		'transfer-encoding',
		'content-length',
		'x-request-id'
	];
	return Object.fromEntries(Object.entries(headers).filter(([name]) => !transport.includes(name)));
}

test('les pages des lauréats, le flux et le plan du site répondent 304 à un If-None-Match valide et, gardés, à l’identique', async ({
	request
}) => {
	const list = await request.get('/laureats?q=convocation');
	const html = await list.text();
	const slug = /href="\/laureats\/(\d{4}-[a-z0-9-]+)"/.exec(html)?.[1];
	expect(slug).toBeTruthy();
	for (const path of [
		'/laureats',
		'/laureats?academie=Nantes',
		`/laureats/${slug}`,
		'/laureats.atom',
		'/sitemap.xml'
	]) {
		const first = await request.get(path);
		expect(first.status(), path).toBe(200);
		const etag = first.headers()['etag'];
		expect(etag, path).toMatch(/^"[\w-]+"$/);
		expect(first.headers()['cache-control'], path).toBe('public, no-cache');
		const again = await request.get(path, { headers: { 'If-None-Match': etag } });
		expect(again.status(), path).toBe(304);
		expect(await again.text(), path).toBe('');
		const other = await request.get(path, { headers: { 'If-None-Match': '"autre"' } });
		expect(other.status(), path).toBe(200);
		// The kept page (served from memory, before SvelteKit) is the rendered one, byte for byte,
		// with the same headers, security headers included.
		expect(await other.text(), path).toBe(await first.text());
		expect(answerHeaders(other.headers()), path).toEqual(answerHeaders(first.headers()));
		expect(other.headers()['x-frame-options'], path).toBe('DENY');
	}
});

test('le flux Atom et le plan du site se lisent et mènent à de vraies pages', async ({
	page,
	axe,
	request
}) => {
	test.setTimeout(120_000);
	const feed = await request.get('/laureats.atom');
	expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
	const sitemap = await request.get('/sitemap.xml');
	expect(sitemap.headers()['content-type']).toBe('application/xml; charset=utf-8');
	const robots = await request.get('/robots.txt');
	expect(await robots.text()).toMatch(/^Sitemap: http:\/\/localhost:\d+\/sitemap\.xml$/m);

	// The browser's XML parser reads them (a parse error is an element of its own).
	await page.goto('/laureats');
	await axe();
	const parsed = await page.evaluate(
		([atom, urls]) => {
			const parser = new DOMParser();
			const feedDoc = parser.parseFromString(atom, 'application/xml');
			const mapDoc = parser.parseFromString(urls, 'application/xml');
			const ATOM = 'http://www.w3.org/2005/Atom';
			const child = (el: Element, name: string) => el.getElementsByTagNameNS(ATOM, name)[0];
			const root = feedDoc.documentElement;
			return {
				errors:
					feedDoc.getElementsByTagName('parsererror').length +
					mapDoc.getElementsByTagName('parsererror').length,
				feedRoot: `${root.namespaceURI} ${root.localName}`,
				feedId: child(root, 'id')?.textContent,
				feedUpdated: child(root, 'updated')?.textContent,
				self: [...root.children]
					.filter((e) => e.localName === 'link' && e.getAttribute('rel') === 'self')
					.map((e) => e.getAttribute('href')),
				entries: [...root.getElementsByTagNameNS(ATOM, 'entry')].map((entry) => ({
					id: child(entry, 'id')?.textContent,
					title: child(entry, 'title')?.textContent,
					updated: child(entry, 'updated')?.textContent,
					link: child(entry, 'link')?.getAttribute('href'),
					authors: [...entry.getElementsByTagNameNS(ATOM, 'author')].map(
						(a) => child(a, 'name')?.textContent
					)
				})),
				mapRoot: `${mapDoc.documentElement.namespaceURI} ${mapDoc.documentElement.localName}`,
				locs: [...mapDoc.getElementsByTagName('loc')].map((l) => l.textContent ?? '')
			};
		},
		[await feed.text(), await sitemap.text()]
	);
	expect(parsed.errors).toBe(0);
	expect(parsed.feedRoot).toBe('http://www.w3.org/2005/Atom feed');
	expect(parsed.feedId).toMatch(/^http:\/\/localhost:\d+\/laureats\.atom$/);
	expect(parsed.self).toEqual([parsed.feedId]);
	expect(parsed.feedUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	expect(parsed.entries.length).toBeGreaterThanOrEqual(4);
	const summons = parsed.entries.find((e) => e.title === SUMMONS);
	expect(summons?.authors).toEqual(['Élise Fontaine']);
	expect(parsed.entries.find((e) => e.title === STAFF_ROOM)?.authors).toEqual([]);
	for (const entry of parsed.entries) {
		expect(entry.id).toBe(entry.link);
		expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	}

	expect(parsed.mapRoot).toBe('http://www.sitemaps.org/schemas/sitemap/0.9 urlset');
	const paths = parsed.locs.map((loc) => new URL(loc).pathname);
	expect(paths).toEqual(
		expect.arrayContaining(['/', '/laureats', '/editions', '/essayer', '/donnees', '/verifier'])
	);
	for (const entry of parsed.entries) expect(parsed.locs).toContain(entry.link);
	expect(paths.some((p) => /^\/editions\/\d{4}$/.test(p))).toBe(true);
	// Every address answers.
	for (const loc of new Set([...parsed.locs, ...parsed.entries.map((e) => e.link!)])) {
		const response = await request.get(loc);
		expect(response.status(), loc).toBe(200);
	}
});
