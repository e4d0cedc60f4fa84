// Who may read, change or download what of a trial: one table of (person × every trial route, form
// action and download) → expected answer, checked in full against the built server on the demo's
// candidature « Des ateliers d’écriture entre collégiens et résidents d’EHPAD » (current edition in its
// trial phase, candidature in trial; its lead is equipe.college, its co-author collegue.college). Its
// sites: Collège Jean-Moulin, Lille (accepted, report transmitted; contact site.lille, « site » below),
// Collège des Monts d’Arrée, Huelgoat (accepted, draft report), École primaire du Val, Saverne
// (volunteer), École élémentaire Saint-Charles, Marseille (declined). site.toulouse (« autre site »)
// is the contact of none of them: of Lycée Bellevue, Toulouse, a site of other innovations (and, when
// trial-journey.e2e.ts ran first, of the school it proposes to this one: the table does not depend on
// it). A site sees only its own trial; a team only its own volunteers. Requests carry each person's session cookie and nothing is rendered, so there is no
// page for axe. At the end, the trial is as it was: same sites, protocol, reports and invitations.
//
// The demo has no attachment to a trial report: the download is asked for an unknown piece. A person
// allowed to download then gets « Cette pièce jointe n’existe pas. », anyone else the refusal
// « Ce site d’essai n’existe pas ou ne vous concerne pas. » (both 404, the refusal checked first), so
// the permission is checked all the same; the bytes of a real download are not.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO, DEMO_PASSWORD } from './support';

const TITLE = 'Des ateliers d’écriture entre collégiens et résidents d’EHPAD';
/** The other team's (equipe.lycee) candidature short-listed in the same edition. */
const OTHER_TITLE = 'La cour de récréation rendue aux élèves';
const SITES = {
	lille: 'Collège Jean-Moulin, Lille',
	huelgoat: 'Collège des Monts d’Arrée, Huelgoat',
	saverne: 'École primaire du Val, Saverne',
	saintCharles: 'École élémentaire Saint-Charles, Marseille'
};
/** A sentence of Huelgoat's draft report: the site's own until it is transmitted. */
const DRAFT_TEXT = 'Le calendrier a été resserré';
/** Sites of another candidature of the edition (« Un guichet unique pour les demandes de bourses »). */
const OTHER_SITES = /(Lycée Bellevue|Les Feuillants|Service départemental de la vie scolaire)/;

type Person =
	| 'visiteur'
	| 'autre équipe'
	| 'membre'
	| 'porteur'
	| 'site'
	| 'autre site'
	| 'juré'
	| 'organisateur';
const ACCOUNT: Record<Exclude<Person, 'visiteur'>, string> = {
	'autre équipe': DEMO.team,
	membre: 'collegue.college@demo.impulsions.fr',
	porteur: 'equipe.college@demo.impulsions.fr',
	site: 'site.lille@demo.impulsions.fr',
	'autre site': 'site.toulouse@demo.impulsions.fr',
	juré: 'jure.durand@demo.impulsions.fr',
	organisateur: DEMO.organiser
};
const PEOPLE = Object.keys({ visiteur: 0, ...ACCOUNT }) as Person[];

// 200: shown · 'login': sent to the log-in page (a page), or 401 « Connectez-vous » (a form) ·
// 403/404/409: refused, saying the row's `refusal` · 'ok 400'/'ok 404'/'ok 409': the
// permission check lets it through, then the request is refused for its content or the trial's state
// (an empty or stale form, an unknown piece, a site already decided), saying the row's `passed` and
// not its `refusal` — so that nothing changes · 'skip': would really change the data.
type Answer = 200 | 'login' | 403 | 404 | 409 | 'ok 400' | 'ok 404' | 'ok 409' | 'skip';

interface Ids {
	edition: number;
	entry: number;
	/** The other team's candidature in trial. */
	otherEntry: number;
	lille: number;
	huelgoat: number;
	saverne: number;
	saintCharles: number;
	/** Lycée Bellevue, Toulouse: a site of site.toulouse (another innovation's). */
	toulouse: number;
}

interface Row {
	what: string;
	method: 'GET' | 'POST';
	path: (ids: Ids) => string;
	form?: (ids: Ids) => Record<string, string>;
	/** A file sent with the form (multipart). */
	file?: { field: string; name: string; mimeType: string; buffer: Buffer };
	answers: Record<Person, Answer>;
	/** What every refusal of this row says (beyond the status). */
	refusal?: RegExp;
	/** What the content or state refusal of an allowed person says ('ok …' answers). */
	passed?: RegExp;
	/** What a page shown (200) to a person must not contain. */
	hidden?: Partial<Record<Person, RegExp>>;
}

const EVERYONE = {
	visiteur: 200,
	'autre équipe': 200,
	membre: 200,
	porteur: 200,
	site: 200,
	'autre site': 200,
	juré: 200,
	organisateur: 200
} as const;
/** The candidature's pages: its team and the organisers. */
const READER = {
	visiteur: 'login',
	'autre équipe': 403,
	membre: 200,
	porteur: 200,
	site: 403,
	'autre site': 403,
	juré: 403,
	organisateur: 200
} as const;
/** The site space (/essai): the sites' contacts and the organisers. */
const SITE_SPACE = {
	visiteur: 'login',
	'autre équipe': 403,
	membre: 403,
	porteur: 403,
	site: 200,
	'autre site': 200,
	juré: 403,
	organisateur: 200
} as const;
const ORGANISER_ONLY = {
	visiteur: 'login',
	'autre équipe': 403,
	membre: 403,
	porteur: 403,
	site: 403,
	'autre site': 403,
	juré: 403,
	organisateur: 200
} as const;

const NOT_VISIBLE =
	/Cette candidature n’est visible que par son équipe et par les organisateurs du prix\./;
/** The refusals in the site space: the area's (plain text for a form), then the site's. */
const SITE_REFUSED =
	/(Cet espace est réservé aux sites d’essai\.|Ce site d’essai n’existe pas ou ne vous concerne pas\.)/;
const ORGANISERS = /(Connectez-vous|Cet espace est réservé aux organisateurs du prix\.)/;
/** Stale, so that nothing is saved whoever sends it. */
const STALE_REPORT = { version: '0', adaptations: 'Ne doit jamais être enregistré.' };
/** Valid, but based on a version that never was: refused as stale after the permission check. */
const STALE_PROTOCOL = {
	version: '0',
	objectifs: 'Ne doit jamais être enregistré.',
	duree: '4',
	etapes: 'Une étape',
	lignes: '1',
	'indicateur-0-nom': 'Un indicateur',
	'indicateur-0-unite': '%',
	'indicateur-0-sens': 'increase'
};
/** An empty file: refused for what it is (« est vide ») once the permission check passed. */
const EMPTY_FILE = {
	field: 'fichiers',
	name: 'vide.pdf',
	mimeType: 'application/pdf',
	buffer: Buffer.alloc(0)
};

const team = (ids: Ids) => `/equipe/${ids.entry}/essai`;

/** A site's report form, its actions and download: the contact writes; the organisers read. */
function siteRows(
	label: string,
	site: (ids: Ids) => number,
	answers: {
		page: Record<Person, Answer>;
		action: Record<Person, Answer>;
		passed?: RegExp;
		hidden?: Row['hidden'];
	},
	download: Record<Person, Answer>
): Row[] {
	const path = (ids: Ids) => `/essai/${site(ids)}`;
	const actions: [string, string, Partial<Row>][] = [
		['enregistrer le rapport (version périmée)', 'enregistrer', { form: () => STALE_REPORT }],
		['transmettre le rapport (version périmée)', 'transmettre', { form: () => STALE_REPORT }],
		[
			'confirmer la transmission (version périmée)',
			'confirmer',
			{ form: () => ({ version: '0' }) }
		],
		['ajouter une pièce jointe (fichier vide)', 'ajouter', { file: EMPTY_FILE }],
		['retirer une pièce jointe (inconnue)', 'retirer', { form: () => ({ piece: '0' }) }]
	];
	return [
		{
			what: `rapport de ${label}`,
			method: 'GET',
			path,
			answers: answers.page,
			refusal: SITE_REFUSED,
			hidden: answers.hidden
		},
		...actions.map(([what, action, more]): Row => ({
			what: `${what}, ${label}`,
			method: 'POST',
			path: (ids) => `${path(ids)}?/${action}`,
			answers: answers.action,
			refusal:
				/(Connectez-vous|Cet espace est réservé aux sites d’essai\.|Ce site d’essai n’existe pas ou ne vous concerne pas\.|Seul le contact du site d’essai peut rédiger et transmettre son rapport\.)/,
			passed: answers.passed,
			...more
		})),
		{
			what: `pièce jointe (inconnue) du rapport de ${label}`,
			method: 'GET',
			path: (ids) => `${path(ids)}/pieces/999999999`,
			answers: download,
			refusal:
				/(Ce site d’essai n’existe pas ou ne vous concerne pas\.|Les pièces jointes du rapport seront visibles par l’équipe une fois le rapport transmis\.)/,
			passed: /Cette pièce jointe n’existe pas\./
		}
	];
}

const TABLE: Row[] = [
	// Public pages, without JavaScript: the innovations open to trial, and the volunteer form.
	{ what: 'innovations à essayer', method: 'GET', path: () => '/essayer', answers: EVERYONE },
	{
		what: 'une innovation à essayer',
		method: 'GET',
		path: (ids) => `/essayer/${ids.entry}`,
		answers: EVERYONE
	},
	{
		what: 'formulaire du site volontaire',
		method: 'GET',
		path: (ids) => `/essayer/${ids.entry}/volontaire`,
		answers: EVERYONE
	},
	{
		what: 'proposer un site (formulaire vide)',
		method: 'POST',
		path: (ids) => `/essayer/${ids.entry}/volontaire`,
		form: () => ({}),
		answers: {
			visiteur: 'login',
			'autre équipe': 'ok 400',
			membre: 409,
			porteur: 409,
			site: 'ok 400',
			'autre site': 'ok 400',
			juré: 'ok 400',
			organisateur: 'ok 400'
		},
		refusal: /Vous faites partie de l’équipe de cette innovation/,
		passed: /La candidature n’a pas été transmise : corrigez les champs signalés\./
	},

	// The team's trial page: capacity, choice of the sites, invitations.
	{
		what: 'essai de l’équipe',
		method: 'GET',
		path: team,
		answers: READER,
		refusal: NOT_VISIBLE,
		// The sites of another candidature of the edition (« Un guichet unique… ») are not listed.
		hidden: { membre: OTHER_SITES, porteur: OTHER_SITES }
	},
	{
		what: 'capacité (1, sous les sites acceptés)',
		method: 'POST',
		path: (ids) => `${team(ids)}?/capacite`,
		form: () => ({ capacity: '1' }),
		answers: { ...READER, membre: 'ok 409', porteur: 'ok 409', organisateur: 403 },
		refusal:
			/(n’est visible que par son équipe|Seuls les membres de l’équipe de l’innovation choisissent ses sites d’essai\.)/,
		passed: /la capacité ne peut pas être inférieure à \d+/
	},
	{
		what: 'accepter un site (déjà accepté)',
		method: 'POST',
		path: (ids) => `${team(ids)}?/accepter`,
		form: (ids) => ({ site: String(ids.lille) }),
		answers: { ...READER, membre: 'ok 409', porteur: 'ok 409', organisateur: 403 },
		refusal:
			/(n’est visible que par son équipe|Seuls les membres de l’équipe de l’innovation choisissent ses sites d’essai\.)/,
		passed: /Le site « Collège Jean-Moulin, Lille » est déjà accepté\./
	},
	{
		what: 'décliner un site (déjà décliné)',
		method: 'POST',
		path: (ids) => `${team(ids)}?/decliner`,
		form: (ids) => ({ site: String(ids.saintCharles), reason: '' }),
		answers: { ...READER, membre: 'ok 409', porteur: 'ok 409', organisateur: 403 },
		refusal:
			/(n’est visible que par son équipe|Seuls les membres de l’équipe de l’innovation choisissent ses sites d’essai\.)/,
		passed: /Le site « École élémentaire Saint-Charles, Marseille » est déjà décliné\./
	},
	{
		what: 'décliner un site (rapport transmis)',
		method: 'POST',
		path: (ids) => `${team(ids)}?/decliner`,
		form: (ids) => ({ site: String(ids.lille), reason: '' }),
		answers: { ...READER, membre: 'ok 409', porteur: 'ok 409', organisateur: 403 },
		refusal:
			/(n’est visible que par son équipe|Seuls les membres de l’équipe de l’innovation choisissent ses sites d’essai\.)/,
		passed: /a transmis son rapport d’essai : sa participation ne peut plus être déclinée/
	},
	{
		what: 'accepter un volontaire',
		method: 'POST',
		path: (ids) => `${team(ids)}?/accepter`,
		form: (ids) => ({ site: String(ids.saverne) }),
		// The team would really accept it (that is the team's journey).
		answers: { ...READER, membre: 'skip', porteur: 'skip', organisateur: 403 },
		refusal:
			/(n’est visible que par son équipe|Seuls les membres de l’équipe de l’innovation choisissent ses sites d’essai\.)/
	},
	{
		what: 'inviter un site (un membre de l’équipe)',
		method: 'POST',
		path: (ids) => `${team(ids)}?/inviter`,
		form: () => ({ email: 'collegue.college@demo.impulsions.fr' }),
		answers: { ...READER, membre: 'ok 409', porteur: 'ok 409', organisateur: 'ok 409' },
		refusal:
			/(n’est visible que par son équipe|Seuls l’équipe de l’innovation et les organisateurs du prix peuvent inviter)/,
		passed:
			/Cette personne fait partie de l’équipe de l’innovation : invitez un autre établissement\./
	},
	// A team only its own volunteers: the other team's page lists none of this candidature's sites,
	// and they cannot be decided or read through it.
	{
		what: 'essai de l’autre équipe',
		method: 'GET',
		path: (ids) => `/equipe/${ids.otherEntry}/essai`,
		answers: { ...READER, 'autre équipe': 200, membre: 403, porteur: 403 },
		refusal: NOT_VISIBLE,
		hidden: { 'autre équipe': /(Collège Jean-Moulin|Monts d’Arrée|site\.lille|site\.rennes)/ }
	},
	{
		what: 'accepter, depuis l’essai de l’autre équipe, un volontaire de celui-ci',
		method: 'POST',
		path: (ids) => `/equipe/${ids.otherEntry}/essai?/accepter`,
		form: (ids) => ({ site: String(ids.saverne) }),
		answers: { ...READER, 'autre équipe': 404, membre: 403, porteur: 403, organisateur: 404 },
		refusal: /(n’est visible que par son équipe|Ce site d’essai n’existe pas\.)/
	},
	{
		what: 'décliner, depuis l’essai de l’autre équipe, un site de celui-ci',
		method: 'POST',
		path: (ids) => `/equipe/${ids.otherEntry}/essai?/decliner`,
		form: (ids) => ({ site: String(ids.huelgoat), reason: '' }),
		answers: { ...READER, 'autre équipe': 404, membre: 403, porteur: 403, organisateur: 404 },
		refusal: /(n’est visible que par son équipe|Ce site d’essai n’existe pas\.)/
	},
	{
		what: 'lire, depuis l’essai de l’autre équipe, un rapport de celui-ci',
		method: 'GET',
		path: (ids) => `/equipe/${ids.otherEntry}/essai/rapports/${ids.lille}`,
		answers: { ...READER, 'autre équipe': 404, membre: 403, porteur: 403, organisateur: 404 },
		refusal:
			/(n’est visible que par son équipe|Ce site d’essai n’existe pas ou ne vous concerne pas\.)/
	},

	// The protocol.
	{
		what: 'protocole',
		method: 'GET',
		path: (ids) => `${team(ids)}/protocole`,
		answers: READER,
		refusal: NOT_VISIBLE
	},
	{
		what: 'enregistrer le protocole (version périmée)',
		method: 'POST',
		path: (ids) => `${team(ids)}/protocole?/save`,
		form: () => STALE_PROTOCOL,
		answers: { ...READER, membre: 'ok 409', porteur: 'ok 409', organisateur: 403 },
		refusal:
			/(n’est visible que par son équipe|Seuls les membres de l’équipe peuvent rédiger le protocole d’essai\.)/,
		passed: /Le protocole a été enregistré entre-temps par un autre membre de l’équipe/
	},
	{
		what: 'ajouter des lignes au protocole (rien n’est enregistré)',
		method: 'POST',
		path: (ids) => `${team(ids)}/protocole?/lignes`,
		form: () => STALE_PROTOCOL,
		answers: READER,
		refusal: NOT_VISIBLE
	},

	// The sites' reports as the team reads them: transmitted only.
	{
		what: 'rapport transmis (Lille)',
		method: 'GET',
		path: (ids) => `${team(ids)}/rapports/${ids.lille}`,
		answers: READER,
		refusal: NOT_VISIBLE
	},
	{
		what: 'rapport en brouillon (Huelgoat) : rien de son contenu',
		method: 'GET',
		path: (ids) => `${team(ids)}/rapports/${ids.huelgoat}`,
		answers: READER,
		refusal: NOT_VISIBLE,
		hidden: {
			membre: RegExp(DRAFT_TEXT),
			porteur: RegExp(DRAFT_TEXT),
			organisateur: RegExp(DRAFT_TEXT)
		}
	},
	{
		what: 'rapport d’un site volontaire (Saverne)',
		method: 'GET',
		path: (ids) => `${team(ids)}/rapports/${ids.saverne}`,
		answers: { ...READER, membre: 404, porteur: 404, organisateur: 404 },
		refusal:
			/(n’est visible que par son équipe|Ce site d’essai n’existe pas ou ne vous concerne pas\.)/
	},

	// The team's declared conflicts of interest.
	{
		what: 'conflits d’intérêts de l’équipe',
		method: 'GET',
		path: (ids) => `/equipe/${ids.entry}/conflits`,
		answers: READER,
		refusal: NOT_VISIBLE
	},
	{
		what: 'déclarer un conflit (sans juré)',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}/conflits`,
		form: () => ({ juror: '', reason: '' }),
		answers: { ...READER, membre: 'ok 400', porteur: 'ok 400', organisateur: 403 },
		refusal:
			/(n’est visible que par son équipe|Seuls les membres de l’équipe peuvent déclarer un conflit d’intérêts\.)/,
		passed: /Choisissez le juré concerné\./
	},

	// The site space: each contact sees his own sites only; the organisers read them all.
	{
		what: 'mes essais',
		method: 'GET',
		path: () => '/essai',
		answers: SITE_SPACE,
		refusal: /Cet espace est réservé aux sites d’essai\./,
		// Each contact's list: his sites only (site.lille's: Lille, and a site of another innovation).
		hidden: {
			site: /(Monts d’Arrée|Saverne|Saint-Charles)/,
			'autre site': /(Jean-Moulin|Monts d’Arrée)/
		}
	},
	...siteRows(
		'son site (Lille, rapport transmis)',
		(ids) => ids.lille,
		{
			page: { ...SITE_SPACE, 'autre site': 404 },
			hidden: { site: RegExp(DRAFT_TEXT) },
			// The organisers read a site's report but do not write it (403, with the reason).
			action: {
				...SITE_SPACE,
				site: 'ok 409',
				'autre site': 404,
				organisateur: 403
			},
			passed: /Le rapport d’essai est transmis : il ne peut plus être modifié\./
		},
		// The team reads the attachments of a transmitted report.
		{
			visiteur: 'login',
			'autre équipe': 404,
			membre: 'ok 404',
			porteur: 'ok 404',
			site: 'ok 404',
			'autre site': 404,
			juré: 404,
			organisateur: 'ok 404'
		}
	),
	...siteRows(
		'un autre site du même essai (Huelgoat, brouillon)',
		(ids) => ids.huelgoat,
		{
			page: { ...SITE_SPACE, site: 404, 'autre site': 404 },
			action: { ...SITE_SPACE, site: 404, 'autre site': 404, organisateur: 403 }
		},
		// Not the team's before the report is transmitted (403 with its reason).
		{
			visiteur: 'login',
			'autre équipe': 404,
			membre: 403,
			porteur: 403,
			site: 404,
			'autre site': 404,
			juré: 404,
			organisateur: 'ok 404'
		}
	),
	{
		what: 'le site de l’autre contact (autre innovation)',
		method: 'GET',
		path: (ids) => `/essai/${ids.toulouse}`,
		answers: { ...SITE_SPACE, site: 404 },
		refusal: SITE_REFUSED
	},

	// The organisers' trial pages and actions.
	{
		what: 'essais de l’édition',
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition}/essais`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'commencer les essais (aucune coche)',
		method: 'POST',
		path: (ids) => `/admin/editions/${ids.edition}/essais?/commencer`,
		form: () => ({}),
		answers: { ...ORGANISER_ONLY, organisateur: 'ok 400' },
		refusal: ORGANISERS,
		passed: /Cochez au moins une candidature dont l’essai commence\./
	},
	{
		what: 'terminer un essai (aucune candidature)',
		method: 'POST',
		path: (ids) => `/admin/editions/${ids.edition}/essais?/terminer`,
		form: () => ({}),
		answers: { ...ORGANISER_ONLY, organisateur: 'ok 400' },
		refusal: ORGANISERS,
		passed: /Choisissez la candidature dont l’essai se termine\./
	},
	{
		what: 'relancer les sites',
		method: 'POST',
		path: (ids) => `/admin/editions/${ids.edition}/essais?/relancer`,
		form: () => ({}),
		// The organiser would really send the reminders.
		answers: { ...ORGANISER_ONLY, organisateur: 'skip' },
		refusal: ORGANISERS
	},
	{
		what: 'essai d’une candidature (sites et suggestions)',
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition}/essais/${ids.entry}`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'terminer cet essai (aucune candidature)',
		method: 'POST',
		path: (ids) => `/admin/editions/${ids.edition}/essais/${ids.entry}?/terminer`,
		form: () => ({}),
		answers: { ...ORGANISER_ONLY, organisateur: 'ok 400' },
		refusal: ORGANISERS,
		passed: /Choisissez la candidature dont l’essai se termine\./
	},
	{
		what: 'sites de la candidature',
		method: 'GET',
		path: (ids) => `/admin/candidatures/${ids.entry}/essai`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'inviter un site (un membre de l’équipe)',
		method: 'POST',
		path: (ids) => `/admin/candidatures/${ids.entry}/essai`,
		form: () => ({ email: 'collegue.college@demo.impulsions.fr' }),
		answers: { ...ORGANISER_ONLY, organisateur: 'ok 409' },
		refusal: ORGANISERS,
		passed:
			/Cette personne fait partie de l’équipe de l’innovation : invitez un autre établissement\./
	},
	{
		what: 'délibération',
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition}/deliberation`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'poids de l’essai dans le classement final (vide)',
		method: 'POST',
		path: (ids) => `/admin/editions/${ids.edition}/deliberation?/poids`,
		form: () => ({ poids: '' }),
		answers: { ...ORGANISER_ONLY, organisateur: 'ok 400' },
		refusal: ORGANISERS,
		passed: /Indiquez le poids de l’essai, en pourcentage de 0 à 100\./
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

/** The number captured by `pattern` in the page at `path`. */
async function idIn(request: APIRequestContext, path: string, pattern: RegExp, what: string) {
	const page = await (await request.get(path)).text();
	const id = Number(pattern.exec(page)?.[1] ?? Number.NaN);
	expect(id, what).toBeGreaterThan(0);
	return id;
}

async function findIds(people: {
	lead: APIRequestContext;
	otherTeam: APIRequestContext;
	otherSite: APIRequestContext;
	organiser: APIRequestContext;
}): Promise<Ids> {
	const entry = await idIn(
		people.lead,
		'/equipe',
		new RegExp(`href="/equipe/(\\d+)"[^>]*>\\s*${TITLE}`),
		'the demo candidature'
	);
	const edition = await idIn(
		people.organiser,
		`/admin/candidatures/${entry}`,
		/href="\/admin\/editions\/(\d+)"/,
		'its edition'
	);
	const otherEntry = await idIn(
		people.otherTeam,
		'/equipe',
		new RegExp(`href="/equipe/(\\d+)"[^>]*>\\s*${OTHER_TITLE}`),
		'the other team’s candidature'
	);
	// The team's page: a link to Lille's report, a « Décliner » link for Huelgoat, an « Accepter »
	// button for the volunteer and the declined site.
	const page = await (await people.lead.get(`/equipe/${entry}/essai`)).text();
	const sr = (name: string) => `<span class="fr-sr-only">(?:de )?${name}</span>`;
	const found = (pattern: string, what: string) => {
		const id = Number(new RegExp(pattern).exec(page)?.[1] ?? Number.NaN);
		expect(id, what).toBeGreaterThan(0);
		return id;
	};
	const accept = (name: string) =>
		`name="site" value="(\\d+)"\\s*/>\\s*<button[^>]*>Accepter${sr(name)}`;
	const toulouse = await idIn(
		people.otherSite,
		'/essai',
		/href="\/essai\/(\d+)">[^<]*<\/a>\s*<span[^>]*>[^<]*<\/span>\s*<\/th>\s*<td>Lycée Bellevue, Toulouse<\/td>/,
		'Lycée Bellevue, a site of site.toulouse'
	);
	return {
		edition,
		entry,
		otherEntry,
		lille: found(`/rapports/(\\d+)">Lire le rapport d’essai${sr(SITES.lille)}`, SITES.lille),
		huelgoat: found(`decliner=(\\d+)#confirmation">Décliner${sr(SITES.huelgoat)}`, SITES.huelgoat),
		saverne: found(accept(SITES.saverne), SITES.saverne),
		saintCharles: found(accept(SITES.saintCharles), SITES.saintCharles),
		toulouse
	};
}

function check(
	where: string,
	response: APIResponse,
	body: string,
	row: Row,
	expected: Answer,
	person: Person
) {
	const status = response.status();
	switch (expected) {
		case 'login':
			// A page sends the visitor to the log-in page; a form sent without a session gets 401.
			expect([303, 401], where).toContain(status);
			if (status === 303)
				expect(response.headers()['location'] ?? '', where).toMatch(/^\/connexion\?suite=/);
			else expect(body, where).toContain('Connectez-vous');
			return;
		case 200:
			expect(status, where).toBe(200);
			if (row.hidden?.[person]) expect(body, where).not.toMatch(row.hidden[person]);
			return;
		case 'ok 400':
		case 'ok 404':
		case 'ok 409':
			expect(status, where).toBe(Number(expected.slice(3)));
			if (row.passed) expect(body, where).toMatch(row.passed);
			if (row.refusal) expect(body, where).not.toMatch(row.refusal);
			return;
		case 'skip':
			return;
		default:
			expect(status, where).toBe(expected);
			if (row.refusal) expect(body, where).toMatch(row.refusal);
	}
}

/** What the trial shows, to compare before and after the table: the <main> of its pages. */
async function snapshot(
	people: {
		lead: APIRequestContext;
		organiser: APIRequestContext;
		site: APIRequestContext;
	},
	ids: Ids
) {
	const pages: [APIRequestContext, string][] = [
		[people.lead, `/equipe/${ids.entry}/essai`],
		[people.lead, `/equipe/${ids.entry}/essai/protocole`],
		[people.lead, `/equipe/${ids.entry}/essai/rapports/${ids.lille}`],
		[people.lead, `/equipe/${ids.entry}/conflits`],
		[people.organiser, `/admin/editions/${ids.edition}/essais/${ids.entry}`],
		[people.organiser, `/admin/candidatures/${ids.entry}/essai`],
		[people.organiser, `/admin/editions/${ids.edition}/deliberation`],
		[people.organiser, `/essai/${ids.huelgoat}`],
		[people.site, `/essai/${ids.lille}`]
	];
	const mains: Record<string, string> = {};
	for (const [request, path] of pages) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		mains[path] = /<main[\s\S]*<\/main>/.exec(await response.text())?.[0] ?? '';
		expect(mains[path], path).not.toBe('');
	}
	return mains;
}

test('un site ne voit que son essai, une équipe que ses volontaires : la table des permissions de l’essai', async ({
	playwright,
	baseURL
}) => {
	test.skip(test.info().project.name !== 'chromium', 'HTTP only: one run is enough');
	test.setTimeout(180_000);
	const lead = await signedIn(playwright, baseURL!, 'porteur');
	const organiser = await signedIn(playwright, baseURL!, 'organisateur');
	const site = await signedIn(playwright, baseURL!, 'site');
	const otherTeam = await signedIn(playwright, baseURL!, 'autre équipe');
	const otherSite = await signedIn(playwright, baseURL!, 'autre site');
	const kept: Partial<Record<Person, APIRequestContext>> = {
		porteur: lead,
		organisateur: organiser,
		site,
		'autre équipe': otherTeam,
		'autre site': otherSite
	};
	try {
		const ids = await findIds({ lead, otherTeam, otherSite, organiser });
		const before = await snapshot({ lead, organiser, site }, ids);
		// The demo as described above.
		expect(before[`/equipe/${ids.entry}/essai/rapports/${ids.lille}`]).toContain(
			'Aucune adaptation notable'
		);
		expect(before[`/essai/${ids.huelgoat}`]).toContain(DRAFT_TEXT);

		for (const person of PEOPLE) {
			const request = kept[person] ?? (await signedIn(playwright, baseURL!, person));
			try {
				for (const row of TABLE) {
					const expected = row.answers[person];
					if (expected === 'skip') continue;
					const path = row.path(ids);
					const where = `${person} ${row.method} ${path} (${row.what})`;
					const headers = { origin: baseURL!, accept: 'text/html' };
					const response =
						row.method === 'GET'
							? await request.get(path, { headers: { accept: 'text/html' }, maxRedirects: 0 })
							: row.file
								? await request.post(path, {
										multipart: {
											...(row.form?.(ids) ?? {}),
											[row.file.field]: {
												name: row.file.name,
												mimeType: row.file.mimeType,
												buffer: row.file.buffer
											}
										},
										headers,
										maxRedirects: 0
									})
								: await request.post(path, {
										form: row.form?.(ids) ?? {},
										headers,
										maxRedirects: 0
									});
					const type = response.headers()['content-type'] ?? '';
					// Pages and refusals answer HTML (or plain text, or JSON); a download is bytes.
					const body = /^(text\/|application\/json)/.test(type) ? await response.text() : '';
					check(where, response, body, row, expected, person);
				}
			} finally {
				if (!kept[person]) await request.dispose();
			}
		}

		// Nothing changed: same sites, capacity, protocol, reports, conflicts and invitations.
		const after = await snapshot({ lead, organiser, site }, ids);
		for (const path of Object.keys(before)) expect(after[path], path).toBe(before[path]);
	} finally {
		for (const request of Object.values(kept)) await request.dispose();
	}
});
