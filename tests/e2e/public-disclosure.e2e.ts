// Nothing unpublished or not consented appears in any public page, feed, sitemap or data file. The
// crawl starts from the sitemap, the Atom feed and the open-data page, follows every public page,
// feed and data file they name (and the edition pages' downloads), and reads each answer as text.
//
// The demo (db/seed/demo.ts) has candidatures in every state: in the published edition, four
// laureates (one, « La salle des professeurs réaménagée par les équipes », whose members did not agree
// to be named), one not awarded and one rejected at preselection; an edition in its trial phase (two
// candidatures open to volunteers on /essayer, the others finalist, rejected, ineligible, withdrawn);
// an edition in eligibility (drafts, submitted, changes requested, eligible, ineligible). Camille Roux
// (collegue.college) is a member of no laureate that publishes names: her name appears nowhere.
// Other end-to-end tests make editions of their own (years 2080 and later), never with these titles.
import { test, expect } from './fixtures';

/** Titles the public must never see: not laureates, or in an edition whose results are not out. */
const NEVER_PUBLIC = [
	// Published edition, not laureates.
	'Un agenda partagé des sorties scolaires',
	'La radio du collège',
	// Edition in its trial phase: finalist, rejected, ineligible, withdrawn.
	'Un guichet unique pour les demandes de bourses',
	'Le tutorat entre pairs en mathématiques',
	'Un tableau de bord des remplacements',
	'Le prêt de matériel numérique aux familles',
	// Edition in eligibility.
	'Le livret d’accueil numérique des nouveaux personnels',
	'Un club d’échecs intergénérationnel',
	'Des menus de cantine choisis avec les élèves',
	'Les inscriptions en ligne simplifiées',
	'Une application de covoiturage pour les personnels',
	'La signature électronique des conventions de stage'
];
/** Open to volunteers while their edition is in its trial phase: on /essayer only. */
const TRIAL_ONLY = [
	'La cour de récréation rendue aux élèves',
	'Des ateliers d’écriture entre collégiens et résidents d’EHPAD'
];
const LAUREATES = [
	'Les convocations aux examens en langage clair',
	'Le laboratoire de fabrication partagé du lycée',
	'Un parcours d’orientation construit avec les entreprises du territoire',
	'La salle des professeurs réaménagée par les équipes'
];
const NEVER_NAMED = ['Camille Roux'];

/** Text as it may be written in HTML, XML, CSV or JSON: apostrophes typographic or escaped. */
function spellings(text: string): string[] {
	return [text, text.replace(/’/g, '&#39;'), text.replace(/’/g, '\\u2019')];
}

test('aucune page publique, aucun flux ni fichier de données ne montre ce qui n’est pas publié ou consenti', async ({
	request,
	baseURL
}, testInfo) => {
	test.skip(testInfo.project.name !== 'chromium', 'HTTP seulement : une exécution suffit.');
	test.setTimeout(180_000);
	const origin = new URL(baseURL!).origin;
	const local = (href: string) => {
		const url = new URL(href.replace(/&amp;/g, '&'), origin);
		return url.origin === origin ? url.pathname + url.search : null;
	};

	const bodies = new Map<string, string>();
	async function read(path: string): Promise<string> {
		const known = bodies.get(path);
		if (known !== undefined) return known;
		const response = await request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(200);
		const body = await response.text();
		bodies.set(path, body);
		return body;
	}

	// The sitemap names the public pages; the feed, the laureates; /donnees, the data files.
	const sitemap = await read('/sitemap.xml');
	const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => local(m[1]));
	expect(pages.length).toBeGreaterThan(10);
	const feed = await read('/laureats.atom');
	const fromFeed = [...feed.matchAll(/<link[^>]*href="([^"]+)"/g)].map((m) => local(m[1]));
	const toVisit = new Set(
		[...pages, ...fromFeed, '/laureats', '/donnees', '/editions', '/essayer'].filter(
			(p): p is string => p !== null
		)
	);
	// Downloads linked from the open-data and edition pages (CSV, JSON, schemas, the journal).
	for (const path of [...toVisit]) {
		if (!/^\/(donnees|editions)/.test(path)) continue;
		const html = await read(path);
		for (const m of html.matchAll(/href="([^"]+)"/g)) {
			const target = local(m[1]);
			if (target && /^\/(donnees|editions)\/.+\.(csv|json)$/.test(target.split('?')[0]))
				toVisit.add(target);
		}
	}
	for (const path of toVisit) await read(path);
	const files = [...bodies.keys()];
	expect(files.filter((p) => p.endsWith('.csv')).length, 'fichiers CSV').toBeGreaterThan(0);
	expect(files.filter((p) => p.endsWith('.json')).length, 'fichiers JSON').toBeGreaterThan(0);
	expect(
		files.some((p) => p.startsWith('/laureats/')),
		'pages de lauréats'
	).toBe(true);

	const problems: string[] = [];
	for (const [path, body] of bodies) {
		const shows = (text: string) => spellings(text).some((s) => body.includes(s));
		for (const title of NEVER_PUBLIC) if (shows(title)) problems.push(`${path} : « ${title} »`);
		if (!path.startsWith('/essayer'))
			for (const title of TRIAL_ONLY) if (shows(title)) problems.push(`${path} : « ${title} »`);
		for (const name of NEVER_NAMED) if (shows(name)) problems.push(`${path} : ${name}`);
		// No e-mail address of a person (the demo's accounts all use this domain).
		if (body.includes('@demo.impulsions.fr')) problems.push(`${path} : une adresse électronique`);
	}
	expect(problems).toEqual([]);

	// And what is published is there: each laureate on the list, in the feed and in the data.
	const data = files.filter((p) => /^\/donnees\/laureats\.(csv|json)$/.test(p));
	expect(data.length).toBe(2);
	for (const path of ['/laureats', '/laureats.atom', ...data])
		for (const title of LAUREATES)
			expect(
				spellings(title).some((s) => bodies.get(path)!.includes(s)),
				`${path} : ${title}`
			).toBe(true);
});
