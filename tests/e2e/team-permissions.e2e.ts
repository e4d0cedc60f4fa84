// Who may read, change or download what of a candidature: one table of (person × route, form action
// or download) → expected answer, checked in full against the built server on the demo's candidature
// « Des menus de cantine choisis avec les élèves » (modifications demandées, two attachments; its
// lead is equipe.college, its co-author collegue.college). Requests carry each person's session
// cookie and nothing is rendered, so there is no page for axe. At the end, the candidature is as it
// was: same state, same attachments.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO, DEMO_PASSWORD } from './support';

const TITLE = 'Des menus de cantine choisis avec les élèves';

type Person = 'visiteur' | 'autre équipe' | 'membre' | 'porteur' | 'juré' | 'organisateur';
const PEOPLE: Person[] = ['visiteur', 'autre équipe', 'membre', 'porteur', 'juré', 'organisateur'];
const ACCOUNT: Record<Exclude<Person, 'visiteur'>, string> = {
	'autre équipe': DEMO.team,
	membre: 'collegue.college@demo.impulsions.fr',
	porteur: 'equipe.college@demo.impulsions.fr',
	juré: DEMO.juror,
	organisateur: DEMO.organiser
};

// 200: shown · login: sent to the log-in page · 401/403/409: refused, with a French reason ·
// 'accepted': the permission check lets it through (the request is then refused for its content:
// an empty form, an unknown id — so that nothing changes) · 'skip': would really change the data.
type Answer = 200 | 'login' | 401 | 403 | 409 | 'accepted' | 'skip';

const READER = {
	visiteur: 'login',
	'autre équipe': 403,
	membre: 200,
	porteur: 200,
	juré: 403,
	organisateur: 200
} as const;
const ORGANISER_ONLY = {
	visiteur: 'login',
	'autre équipe': 403,
	membre: 403,
	porteur: 403,
	juré: 403,
	organisateur: 200
} as const;

interface Row {
	what: string;
	method: 'GET' | 'POST';
	path: (ids: Ids) => string;
	form?: Record<string, string>;
	answers: Record<Person, Answer>;
	/** A sentence every refusal of this row must contain (beyond the status). */
	refusal?: RegExp;
}

interface Ids {
	entry: number;
	piece: number;
	edition: number;
}

const NOT_VISIBLE =
	/Cette candidature n’est visible que par son équipe et par les organisateurs du prix\./;
const TEAM_ONLY =
	/(n’est visible que par son équipe|Seuls les membres de l’équipe peuvent modifier le dossier)/;
const LEAD_ONLY = /(n’est visible que par son équipe|Seul le porteur)/;
const ORGANISERS = /réservé aux organisateurs du prix/;

const TABLE: Row[] = [
	// Pages of the candidature.
	...['', '/suivi', '/pieces', '/membres', '/deposer', '/retirer'].map((suffix): Row => ({
		what: `page${suffix || ' du dossier'}`,
		method: 'GET',
		path: (ids) => `/equipe/${ids.entry}${suffix}`,
		answers: READER,
		refusal: NOT_VISIBLE
	})),
	{
		what: 'téléchargement d’une pièce jointe',
		method: 'GET',
		path: (ids) => `/equipe/${ids.entry}/pieces/${ids.piece}`,
		answers: READER,
		refusal: NOT_VISIBLE
	},
	// Form actions of the team.
	{
		what: 'enregistrer le dossier (titre vide)',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}?/save`,
		form: { title: '', dossier_version: '-1' },
		answers: { ...READER, membre: 'accepted', porteur: 'accepted', organisateur: 403 },
		refusal: TEAM_ONLY
	},
	{
		what: 'ajouter une pièce jointe (aucun fichier)',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}/pieces?/ajouter`,
		form: {},
		answers: { ...READER, membre: 'accepted', porteur: 'accepted', organisateur: 403 },
		refusal: TEAM_ONLY
	},
	{
		what: 'retirer une pièce jointe (numéro inconnu)',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}/pieces?/retirer`,
		form: { piece: '0' },
		answers: { ...READER, membre: 'accepted', porteur: 'accepted', organisateur: 403 },
		refusal: TEAM_ONLY
	},
	{
		what: 'inviter un co-auteur (déjà membre)',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}/membres?/inviter`,
		form: { email: 'collegue.college@demo.impulsions.fr' },
		answers: { ...READER, membre: 403, porteur: 'accepted', organisateur: 403 },
		refusal: LEAD_ONLY
	},
	{
		what: 'retirer un membre (inconnu)',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}/membres?/retirer`,
		form: { membre: '0' },
		answers: { ...READER, membre: 403, porteur: 'accepted', organisateur: 403 },
		refusal: LEAD_ONLY
	},
	{
		what: 'passer la main (membre inconnu)',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}/membres?/porteur`,
		form: { membre: '0' },
		answers: { ...READER, membre: 403, porteur: 'accepted', organisateur: 403 },
		refusal: LEAD_ONLY
	},
	{
		what: 'déposer à nouveau',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}/deposer`,
		form: {},
		answers: { ...READER, membre: 409, porteur: 'skip', organisateur: 409 },
		refusal: /(n’est visible que par son équipe|Seul le porteur du projet peut déposer à nouveau)/
	},
	{
		what: 'retirer la candidature',
		method: 'POST',
		path: (ids) => `/equipe/${ids.entry}/retirer`,
		form: {},
		answers: { ...READER, membre: 409, porteur: 'skip', organisateur: 409 },
		refusal: /(n’est visible que par son équipe|Seul le porteur du projet peut retirer)/
	},
	// The organisers' side of the same candidature.
	{
		what: 'fiche organisateur',
		method: 'GET',
		path: (ids) => `/admin/candidatures/${ids.entry}`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'liste d’éligibilité',
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition}/eligibilite`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'demander des modifications (message vide)',
		method: 'POST',
		path: (ids) => `/admin/candidatures/${ids.entry}?/modifications`,
		form: { motif: '', echeance: '' },
		answers: { ...ORGANISER_ONLY, organisateur: 'accepted' },
		refusal: ORGANISERS
	},
	{
		what: 'déclarer non éligible (sans motif)',
		method: 'POST',
		path: (ids) => `/admin/candidatures/${ids.entry}?/ineligible`,
		form: { motif: '' },
		answers: { ...ORGANISER_ONLY, organisateur: 409 },
		refusal: /(réservé aux organisateurs du prix|elle ne peut pas être déclarée non éligible)/
	},
	{
		what: 'déclarer éligibles (aucune coche)',
		method: 'POST',
		path: (ids) => `/admin/editions/${ids.edition}/eligibilite?/eligibles`,
		form: {},
		answers: { ...ORGANISER_ONLY, organisateur: 'accepted' },
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

async function findIds(request: APIRequestContext): Promise<Ids> {
	// As the lead: the candidature in his list, then an attachment on its page.
	const list = await (await request.get('/equipe')).text();
	const entry = Number(
		new RegExp(`href="/equipe/(\\d+)"[^>]*>\\s*${TITLE}`).exec(list)?.[1] ?? Number.NaN
	);
	expect(entry, 'the demo candidature').toBeGreaterThan(0);
	const pieces = await (await request.get(`/equipe/${entry}/pieces`)).text();
	const piece = Number(
		new RegExp(`/equipe/${entry}/pieces/(\\d+)`).exec(pieces)?.[1] ?? Number.NaN
	);
	expect(piece, 'a demo attachment').toBeGreaterThan(0);
	const dossier = await (await request.get(`/equipe/${entry}/suivi`)).text();
	expect(dossier).toContain('Modifications demandées');
	return { entry, piece, edition: 0 };
}

function check(
	where: string,
	response: APIResponse,
	body: string,
	expected: Answer,
	refusal?: RegExp
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
		case 'accepted':
			expect([401, 403], where).not.toContain(status);
			if (status === 303)
				expect(response.headers()['location'] ?? '', where).not.toMatch(/^\/connexion/);
			if (refusal) expect(body, where).not.toMatch(refusal);
			return;
		case 200:
			expect(status, where).toBe(200);
			return;
		default:
			expect(status, where).toBe(expected);
			if (refusal) expect(body, where).toMatch(refusal);
	}
}

test('personne ne lit, ne modifie ni ne télécharge une candidature qui n’est pas la sienne', async ({
	playwright,
	baseURL
}) => {
	test.skip(test.info().project.name !== 'chromium', 'HTTP only: one run is enough');
	test.setTimeout(120_000);
	const lead = await signedIn(playwright, baseURL!, 'porteur');
	const organiser = await signedIn(playwright, baseURL!, 'organisateur');
	const ids = await findIds(lead);
	const sheet = await (await organiser.get(`/admin/candidatures/${ids.entry}`)).text();
	ids.edition = Number(/href="\/admin\/editions\/(\d+)"/.exec(sheet)?.[1] ?? Number.NaN);
	expect(ids.edition, 'the edition of the candidature').toBeGreaterThan(0);
	const before = await lead.get(`/equipe/${ids.entry}/pieces/${ids.piece}`);
	expect(before.status()).toBe(200);
	const bytes = await before.body();

	try {
		for (const person of PEOPLE) {
			const request =
				person === 'porteur'
					? lead
					: person === 'organisateur'
						? organiser
						: await signedIn(playwright, baseURL!, person);
			try {
				for (const row of TABLE) {
					const expected = row.answers[person];
					if (expected === 'skip') continue;
					const path = row.path(ids);
					const where = `${person} ${row.method} ${path} (${row.what})`;
					const response =
						row.method === 'POST'
							? await request.post(path, {
									form: row.form ?? {},
									headers: { origin: baseURL!, accept: 'text/html' },
									maxRedirects: 0
								})
							: await request.get(path, { maxRedirects: 0 });
					const type = response.headers()['content-type'] ?? '';
					// Pages answer HTML; an endpoint's refusal is JSON ({ message }); a download is bytes.
					const body = /^(text\/|application\/json)/.test(type) ? await response.text() : '';
					check(where, response, body, expected, row.refusal);
				}
			} finally {
				if (request !== lead && request !== organiser) await request.dispose();
			}
		}

		// Nothing changed: same state, same attachment, byte for byte.
		const status = await (await lead.get(`/equipe/${ids.entry}/suivi`)).text();
		expect(status).toContain('Modifications demandées');
		const after = await lead.get(`/equipe/${ids.entry}/pieces/${ids.piece}`);
		expect(after.status()).toBe(200);
		expect(Buffer.from(await after.body()).equals(Buffer.from(bytes))).toBe(true);
	} finally {
		await lead.dispose();
		await organiser.dispose();
	}
});
