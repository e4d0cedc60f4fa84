// Who may see what: one table of (person × route) → expected answer, checked in full against the
// built server with the demo accounts. Requests carry the person's session cookie; nothing is rendered,
// so there is no page for axe to check.
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO, DEMO_PASSWORD } from './support';

type Person = 'visiteur' | 'équipe' | 'juré' | 'organisateur';
const PEOPLE: Person[] = ['visiteur', 'équipe', 'juré', 'organisateur'];
const ACCOUNT: Record<Exclude<Person, 'visiteur'>, string> = {
	équipe: DEMO.team,
	juré: DEMO.juror,
	organisateur: DEMO.organiser
};

// 200: shown · login: sent to the log-in page · 403: refused with the French reason.
type Answer = 200 | 'login' | 403;
const PAGES: Record<string, Record<Person, Answer>> = {
	'/': { visiteur: 200, équipe: 200, juré: 200, organisateur: 200 },
	'/laureats': { visiteur: 200, équipe: 200, juré: 200, organisateur: 200 },
	'/accessibilite': { visiteur: 200, équipe: 200, juré: 200, organisateur: 200 },
	'/connexion': { visiteur: 200, équipe: 'login', juré: 'login', organisateur: 'login' },
	'/compte': { visiteur: 'login', équipe: 200, juré: 200, organisateur: 200 },
	'/equipe': { visiteur: 'login', équipe: 200, juré: 200, organisateur: 200 },
	'/jury': { visiteur: 'login', équipe: 403, juré: 200, organisateur: 200 },
	'/essai': { visiteur: 'login', équipe: 403, juré: 403, organisateur: 200 },
	'/admin': { visiteur: 'login', équipe: 403, juré: 403, organisateur: 200 },
	'/admin/courriels': { visiteur: 'login', équipe: 403, juré: 403, organisateur: 200 },
	'/admin/invitations': { visiteur: 'login', équipe: 403, juré: 403, organisateur: 200 },
	'/admin/organisateurs': { visiteur: 'login', équipe: 403, juré: 403, organisateur: 200 },
	'/admin/organisateurs/1/retirer': {
		visiteur: 'login',
		équipe: 403,
		juré: 403,
		organisateur: 200
	},
	'/installation/lien-inconnu': { visiteur: 200, équipe: 200, juré: 200, organisateur: 200 },
	'/admin/editions': { visiteur: 'login', équipe: 403, juré: 403, organisateur: 200 },
	'/admin/editions/nouvelle': { visiteur: 'login', équipe: 403, juré: 403, organisateur: 200 },
	'/equipe/nouvelle': { visiteur: 'login', équipe: 200, juré: 200, organisateur: 200 }
};

// Form actions and endpoints that change or reveal organiser data: refused to everyone else.
const ACTIONS: { method: 'POST' | 'GET'; path: string; form?: Record<string, string> }[] = [
	{
		method: 'POST',
		path: '/admin/invitations',
		form: { email: 'x@ac-test.fr', role: 'organiser' }
	},
	{ method: 'GET', path: '/admin/courriels/1/html' },
	// An account that does not exist: the organiser gets 404, and nobody's role is withdrawn.
	{ method: 'POST', path: '/admin/organisateurs/999999/retirer', form: { confirmer: '1' } }
];

async function signedIn(request: APIRequestContext, baseURL: string, email: string) {
	const response = await request.post('/connexion', {
		form: { email, password: DEMO_PASSWORD, suite: '/' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `log-in of ${email}`).toBe(303);
}

for (const person of PEOPLE) {
	test(`${person} : chaque page répond comme prévu`, async ({ playwright, baseURL }) => {
		test.skip(test.info().project.name !== 'chromium', 'HTTP only: one run is enough');
		const request = await playwright.request.newContext({ baseURL });
		try {
			if (person !== 'visiteur') await signedIn(request, baseURL!, ACCOUNT[person]);
			for (const [path, answers] of Object.entries(PAGES)) {
				const response = await request.get(path, { maxRedirects: 0 });
				const expected = answers[person];
				const where = `${person} GET ${path}`;
				if (expected === 'login') {
					expect(response.status(), where).toBe(303);
					const location = response.headers()['location'] ?? '';
					if (path === '/connexion') expect(location, where).toBe('/');
					else expect(location, where).toBe(`/connexion?suite=${encodeURIComponent(path)}`);
				} else {
					expect(response.status(), where).toBe(expected);
					if (expected === 403) expect(await response.text(), where).toContain('réservé');
				}
			}
			for (const action of ACTIONS) {
				const where = `${person} ${action.method} ${action.path}`;
				const response =
					action.method === 'POST'
						? await request.post(action.path, {
								form: action.form,
								headers: { origin: baseURL!, accept: 'text/html' },
								maxRedirects: 0
							})
						: await request.get(action.path, { maxRedirects: 0 });
				if (person === 'organisateur') expect([200, 404], where).toContain(response.status());
				else if (person === 'visiteur') expect([401, 303], where).toContain(response.status());
				else expect(response.status(), where).toBe(403);
			}
		} finally {
			await request.dispose();
		}
	});
}
