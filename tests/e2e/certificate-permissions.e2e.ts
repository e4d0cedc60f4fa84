// Who may see, download or change which certificate: one table of (person × every certificate route,
// download and form action) → expected answer, checked in full against the built server on the demo's
// published edition (2025). Its certificates: the team of « Le laboratoire de fabrication partagé du
// lycée » (Lycée polyvalent Louise-Michel, Vénissieux) and its named members Nadia Haddad (lead,
// equipe.lycee, « porteur ») and Thomas Girard (collegue.lycee, « membre »); Élise Fontaine
// (equipe.dsden, « autre équipe ») of another laureate; the juror Ahmed Benali (jure.benali); the trial
// site « Service départemental de la vie scolaire, Clermont-Ferrand », whose contact is site.lille
// (« site »). Requests carry each person's session cookie and nothing is rendered, so there is no page
// for axe. Nothing is changed: the revocation is sent without a reason (refused), and issuing the
// missing certificates finds none missing — or issues them, which is what it is for.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { test, expect } from './fixtures';
import { DEMO, DEMO_PASSWORD } from './support';

type Person = 'visiteur' | 'porteur' | 'membre' | 'autre équipe' | 'juré' | 'site' | 'organisateur';
const ACCOUNT: Record<Exclude<Person, 'visiteur'>, string> = {
	porteur: DEMO.team,
	membre: 'collegue.lycee@demo.impulsions.fr',
	'autre équipe': 'equipe.dsden@demo.impulsions.fr',
	juré: DEMO.juror,
	site: 'site.lille@demo.impulsions.fr',
	organisateur: DEMO.organiser
};
const PEOPLE = Object.keys({ visiteur: 0, ...ACCOUNT }) as Person[];

// 200: shown · 'pdf' / 'zip': 200 with the file as an attachment · 'login': sent to the log-in page
// (a page or a download), or 401 « Connectez-vous » (a form) · 403/404: refused, saying the row's
// `refusal` · 'ok 400': the permission check lets it through, then the form is refused for its content,
// saying the row's `passed` · 'ok 303': the action runs and answers with its redirection.
type Answer = 200 | 'pdf' | 'zip' | 'login' | 403 | 404 | 'ok 400' | 'ok 303';

interface Ids {
	edition: number;
	team: number;
	lead: number;
	member: number;
	otherLaureate: number;
	juror: number;
	site: number;
	/** A valid code (Ahmed Benali's). */
	code: string;
}

interface Row {
	what: string;
	method: 'GET' | 'POST';
	path: (ids: Ids) => string;
	form?: Record<string, string>;
	answers: Record<Person, Answer>;
	refusal?: RegExp;
	passed?: RegExp;
	/** What a page shown (200) to a person must not contain. */
	hidden?: Partial<Record<Person, RegExp>>;
}

const EVERYONE = {
	visiteur: 200,
	porteur: 200,
	membre: 200,
	'autre équipe': 200,
	juré: 200,
	site: 200,
	organisateur: 200
} as const;
const SIGNED_IN = { ...EVERYONE, visiteur: 'login' } as const;
/** A certificate's own download: its recipients only; anyone else is told it is not theirs. */
const NOBODY = {
	visiteur: 'login',
	porteur: 404,
	membre: 404,
	'autre équipe': 404,
	juré: 404,
	site: 404,
	organisateur: 404
} as const;
const ORGANISER_ONLY = {
	visiteur: 'login',
	porteur: 403,
	membre: 403,
	'autre équipe': 403,
	juré: 403,
	site: 403,
	organisateur: 200
} as const;

const NOT_YOURS = /Cette attestation n’existe pas ou ne vous est pas destinée\./;
const ORGANISERS = /(Connectez-vous|Cet espace est réservé aux organisateurs du prix\.)/;
const admin = (ids: Ids) => `/admin/editions/${ids.edition}/attestations`;

const TABLE: Row[] = [
	// Public verification.
	{ what: 'vérifier (formulaire)', method: 'GET', path: () => '/verifier', answers: EVERYONE },
	{
		what: 'vérifier un code valable',
		method: 'GET',
		path: (ids) => `/verifier/${ids.code}`,
		answers: EVERYONE,
		// Only what the certificate prints: no address, nobody else's name (the signed-in person's own
		// name is in the header).
		hidden: {
			...Object.fromEntries(
				PEOPLE.map((p) => [p, /(@demo\.impulsions\.fr|Nadia Haddad|Thomas Girard)/])
			),
			porteur: /(@demo\.impulsions\.fr|Thomas Girard)/,
			membre: /(@demo\.impulsions\.fr|Nadia Haddad)/
		}
	},
	{
		what: 'vérifier un code altéré',
		method: 'GET',
		path: (ids) => `/verifier/${ids.code[0]}${ids.code[1] === '2' ? '3' : '2'}${ids.code.slice(2)}`,
		answers: { ...NOBODY, visiteur: 404 },
		refusal: /Ce code n’a pas été émis par le Prix Impulsions/
	},

	// Each person's own certificates.
	{
		what: 'mes attestations',
		method: 'GET',
		path: () => '/compte/attestations',
		answers: SIGNED_IN,
		hidden: {
			porteur: /(Thomas Girard|Élise Fontaine|Ahmed Benali|Clermont-Ferrand)/,
			membre: /(Nadia Haddad|Élise Fontaine|Ahmed Benali|Clermont-Ferrand)/,
			'autre équipe': /(Nadia Haddad|Thomas Girard|Louise-Michel|Ahmed Benali)/,
			juré: /(Nadia Haddad|Louise-Michel|Élise Fontaine|Clermont-Ferrand)/,
			site: /(Nadia Haddad|Louise-Michel|Ahmed Benali)/,
			organisateur: /(Nadia Haddad|Louise-Michel|Ahmed Benali|Clermont-Ferrand)/
		}
	},
	{
		what: 'l’attestation de l’équipe lauréate',
		method: 'GET',
		path: (ids) => `/compte/attestations/${ids.team}`,
		answers: { ...NOBODY, porteur: 'pdf', membre: 'pdf' },
		refusal: NOT_YOURS
	},
	{
		what: 'l’attestation de la porteuse',
		method: 'GET',
		path: (ids) => `/compte/attestations/${ids.lead}`,
		answers: { ...NOBODY, porteur: 'pdf' },
		refusal: NOT_YOURS
	},
	{
		what: 'l’attestation du membre',
		method: 'GET',
		path: (ids) => `/compte/attestations/${ids.member}`,
		answers: { ...NOBODY, membre: 'pdf' },
		refusal: NOT_YOURS
	},
	{
		what: 'l’attestation d’une lauréate d’une autre équipe',
		method: 'GET',
		path: (ids) => `/compte/attestations/${ids.otherLaureate}`,
		answers: { ...NOBODY, 'autre équipe': 'pdf' },
		refusal: NOT_YOURS
	},
	{
		what: 'l’attestation du juré',
		method: 'GET',
		path: (ids) => `/compte/attestations/${ids.juror}`,
		answers: { ...NOBODY, juré: 'pdf' },
		refusal: NOT_YOURS
	},
	{
		what: 'l’attestation du site d’essai',
		method: 'GET',
		path: (ids) => `/compte/attestations/${ids.site}`,
		answers: { ...NOBODY, site: 'pdf' },
		refusal: NOT_YOURS
	},
	{
		what: 'une attestation qui n’existe pas',
		method: 'GET',
		path: () => '/compte/attestations/999999999',
		answers: NOBODY,
		refusal: NOT_YOURS
	},

	// The organisers' pages, downloads and actions.
	{
		what: 'attestations de l’édition',
		method: 'GET',
		path: admin,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'attestations de l’édition (jurés, page 1)',
		method: 'GET',
		path: (ids) => `${admin(ids)}?type=juror&page=1`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'une attestation (PDF)',
		method: 'GET',
		path: (ids) => `${admin(ids)}/${ids.lead}`,
		answers: { ...ORGANISER_ONLY, organisateur: 'pdf' },
		refusal: ORGANISERS
	},
	{
		what: 'une attestation d’une autre édition (PDF)',
		method: 'GET',
		path: (ids) => `/admin/editions/${ids.edition + 1}/attestations/${ids.lead}`,
		answers: { ...ORGANISER_ONLY, organisateur: 404 },
		refusal:
			/(Connectez-vous|Cet espace est réservé aux organisateurs du prix\.|Cette attestation n’existe pas\.)/
	},
	{
		what: 'toutes les attestations (ZIP)',
		method: 'GET',
		path: (ids) => `${admin(ids)}/archive.zip`,
		answers: { ...ORGANISER_ONLY, organisateur: 'zip' },
		refusal: ORGANISERS
	},
	{
		what: 'révoquer une attestation (confirmation)',
		method: 'GET',
		path: (ids) => `${admin(ids)}/${ids.lead}/revoquer`,
		answers: ORGANISER_ONLY,
		refusal: ORGANISERS
	},
	{
		what: 'révoquer une attestation (sans motif)',
		method: 'POST',
		path: (ids) => `${admin(ids)}/${ids.lead}/revoquer`,
		form: { motif: '' },
		answers: { ...ORGANISER_ONLY, visiteur: 'login', organisateur: 'ok 400' },
		refusal: ORGANISERS,
		passed: /Indiquez le motif de la révocation/
	},
	{
		what: 'révoquer une attestation qui n’existe pas',
		method: 'POST',
		path: (ids) => `${admin(ids)}/999999999/revoquer`,
		form: { motif: 'Ne doit jamais être enregistré.' },
		answers: { ...ORGANISER_ONLY, organisateur: 404 },
		refusal:
			/(Connectez-vous|Cet espace est réservé aux organisateurs du prix\.|Cette attestation n’existe pas\.)/
	},
	{
		what: 'émettre les attestations manquantes',
		method: 'POST',
		path: (ids) => `${admin(ids)}?/emettre`,
		form: {},
		answers: { ...ORGANISER_ONLY, organisateur: 'ok 303' },
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

/** The ids and a code, read from the organisers' list of the 2025 edition. */
async function findIds(organiser: APIRequestContext): Promise<Ids> {
	const editions = await (await organiser.get('/admin/editions')).text();
	// Addresses are relative (`resolve`): « ./editions/1 » or « /admin/editions/1 ».
	const edition = Number(
		/href="[^"]*editions\/(\d+)"[^>]*>\s*Prix Impulsions 2025\s*</.exec(editions)?.[1]
	);
	expect(edition, 'the 2025 edition').toBeGreaterThan(0);
	const list = await (await organiser.get(`/admin/editions/${edition}/attestations`)).text();
	const idOf = (recipient: string) => {
		const id = Number(
			new RegExp(
				`attestations/(\\d+)"[^>]*aria-label="Télécharger l’attestation de ${recipient} \\(PDF\\)"`
			).exec(list)?.[1]
		);
		expect(id, recipient).toBeGreaterThan(0);
		return id;
	};
	const code = /<th scope="row">Ahmed Benali<\/th>[\s\S]*?<code[^>]*>([0-9a-z-]{32})<\/code>/.exec(
		list
	)?.[1];
	expect(code, 'Ahmed Benali’s code').toBeTruthy();
	return {
		edition,
		team: idOf('Lycée polyvalent Louise-Michel, Vénissieux'),
		lead: idOf('Nadia Haddad'),
		member: idOf('Thomas Girard'),
		otherLaureate: idOf('Élise Fontaine'),
		juror: idOf('Ahmed Benali'),
		site: idOf('Service départemental de la vie scolaire, Clermont-Ferrand'),
		code: code!
	};
}

function check(
	where: string,
	response: APIResponse,
	body: Buffer,
	row: Row,
	expected: Answer,
	person: Person
) {
	const status = response.status();
	const text = body.toString('utf8');
	const headers = response.headers();
	switch (expected) {
		case 'login':
			expect([303, 401], where).toContain(status);
			if (status === 303) expect(headers['location'] ?? '', where).toMatch(/^\/connexion\?suite=/);
			else expect(text, where).toContain('Connectez-vous');
			return;
		case 200:
			expect(status, where).toBe(200);
			if (row.hidden?.[person]) expect(text, where).not.toMatch(row.hidden[person]);
			return;
		case 'pdf':
			expect(status, where).toBe(200);
			expect(headers['content-type'], where).toBe('application/pdf');
			expect(headers['content-disposition'], where).toMatch(
				/^attachment; filename="certificat-2025-.*\.pdf"$/
			);
			expect(headers['x-content-type-options'], where).toBe('nosniff');
			expect(body.subarray(0, 5).toString('latin1'), where).toBe('%PDF-');
			return;
		case 'zip':
			expect(status, where).toBe(200);
			expect(headers['content-type'], where).toBe('application/zip');
			expect(headers['content-disposition'], where).toBe(
				'attachment; filename="attestations-2025.zip"'
			);
			expect(body.readUInt32LE(0), where).toBe(0x04034b50);
			expect(body.readUInt16LE(body.length - 12), where).toBe(
				Number(headers['x-certificate-count'])
			);
			return;
		case 'ok 400':
			expect(status, where).toBe(400);
			if (row.passed) expect(text, where).toMatch(row.passed);
			if (row.refusal) expect(text, where).not.toMatch(row.refusal);
			return;
		case 'ok 303':
			expect(status, where).toBe(303);
			expect(headers['location'] ?? '', where).toMatch(/\/attestations\?emises=\d+$/);
			return;
		default:
			expect(status, where).toBe(expected);
			if (row.refusal) expect(text, where).toMatch(row.refusal);
	}
}

test('chacun ne télécharge que ses attestations, les organisateurs les gèrent : la table des permissions des attestations', async ({
	playwright,
	baseURL
}) => {
	test.skip(test.info().project.name !== 'chromium', 'HTTP only: one run is enough');
	test.setTimeout(180_000);
	const organiser = await signedIn(playwright, baseURL!, 'organisateur');
	try {
		const ids = await findIds(organiser);
		for (const person of PEOPLE) {
			const request =
				person === 'organisateur' ? organiser : await signedIn(playwright, baseURL!, person);
			try {
				for (const row of TABLE) {
					const path = row.path(ids);
					const where = `${person} → ${row.what} (${row.method} ${path})`;
					const response =
						row.method === 'GET'
							? await request.get(path, { maxRedirects: 0, headers: { accept: 'text/html' } })
							: await request.post(path, {
									form: row.form ?? {},
									maxRedirects: 0,
									headers: { origin: baseURL!, accept: 'text/html' }
								});
					check(where, response, await response.body(), row, row.answers[person], person);
				}
			} finally {
				if (request !== organiser) await request.dispose();
			}
		}
	} finally {
		await organiser.dispose();
	}
});
