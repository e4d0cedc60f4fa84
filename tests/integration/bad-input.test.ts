// Issue 16: no 500 on bad input, from outside, on the BUILT server with the demo. A NUL character
// (which PostgreSQL's text cannot hold) in the query string or in a form's text field is refused with
// a French 400 before any route runs, and nothing is stored; an integer out of PostgreSQL's range in a
// form or a URL is refused (or read as absent) before it reaches SQL; other inputs that could make
// PostgreSQL fail (very long text in an indexed column, full-text search syntax, dates out of range)
// get a French answer too. Anonymous and signed in (the demo's team account).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDatabaseEnv, startServer, type ServerProcess } from '../helpers/server-process';

const TEAM = { email: 'equipe.lycee@demo.impulsions.fr', password: 'impulsions-demo' };
const ORGANISER = { email: 'organisation@demo.impulsions.fr', password: 'impulsions-demo' };
const HUGE = '99999999999999999999999';
const FRENCH =
	/(Votre|votre|Cette|cette|Saisissez|caractère|demande|Requête|n’existe|introuvable|Connectez|adresse|page)/;

let server: ServerProcess;
let database: Awaited<ReturnType<typeof serverDatabaseEnv>>;

beforeAll(async () => {
	database = await serverDatabaseEnv();
	server = await startServer({ env: { ...database.env, DEMO_DATA: 'true' } });
}, 180_000);
afterAll(async () => {
	await server?.stop();
	await database?.remove();
});

interface Answer {
	status: number;
	text: string;
	location: string | null;
	cookie: string | null;
}

async function send(
	path: string,
	options: {
		method?: string;
		body?: BodyInit;
		cookie?: string;
		headers?: Record<string, string>;
	} = {}
): Promise<Answer> {
	const response = await fetch(server.url + path, {
		method: options.method ?? (options.body ? 'POST' : 'GET'),
		body: options.body,
		redirect: 'manual',
		headers: {
			// src/start.js defaults ORIGIN to http://localhost:PORT; SvelteKit refuses forms from elsewhere.
			origin: `http://localhost:${server.port}`,
			accept: 'text/html',
			...(options.cookie ? { cookie: options.cookie } : {}),
			...options.headers
		}
	});
	return {
		status: response.status,
		text: await response.text(),
		location: response.headers.get('location'),
		cookie: response.headers.get('set-cookie')
	};
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

/** Not a server error, and a French page or message. */
function expectFrenchRefusal(answer: Answer, where: string) {
	const what = where.length > 100 ? `${where.slice(0, 100)}…` : where;
	expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
	if (answer.status >= 400) expect(answer.text, what).toMatch(FRENCH);
}

async function logIn(account: { email: string; password: string }): Promise<string> {
	const answer = await send('/connexion', { body: form(account) });
	expect(answer.status, answer.text.slice(0, 300)).toBe(303);
	const cookie = answer.cookie?.split(';')[0];
	expect(cookie).toMatch(/^impulsions_session=/);
	return cookie!;
}

describe('bad input, anonymous', () => {
	it('refuses a NUL in the query string with a French 400', async () => {
		for (const path of ['/laureats?q=%00', '/laureats?q=abc%00def', '/connexion?suite=%2F%00']) {
			const answer = await send(path);
			expect(answer.status, path).toBe(400);
			expect(answer.text, path).toContain('caractère nul');
		}
	});

	it('refuses a NUL in the log-in e-mail with a French 400, and logs no one in', async () => {
		const answer = await send('/connexion', {
			body: form({ email: `${TEAM.email}\u0000`, password: TEAM.password })
		});
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('caractère nul');
		expect(answer.cookie ?? '').not.toContain('impulsions_session=');
	});

	it('answers the form action of an enhanced form as a SvelteKit action result', async () => {
		const answer = await send('/connexion', {
			body: form({ email: `a\u0000@b.fr`, password: 'x' }),
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.text)).toMatchObject({
			type: 'error',
			error: { message: expect.stringContaining('caractère nul') }
		});
	});

	it('refuses a form body that cannot be read (a cut multipart) with a French 400', async () => {
		const answer = await send('/connexion', {
			body: '--limite\r\nContent-Disposition: form-data; name="email"\r\n\r\na',
			headers: { 'content-type': 'multipart/form-data; boundary=limite' }
		});
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('Le formulaire envoyé est illisible');
	});

	it('answers out-of-range numbers, long and odd text in URLs without a server error', async () => {
		// Node itself refuses request lines over 16 kB (431): stay below, as a browser would.
		const long = 'é'.repeat(1000);
		for (const path of [
			`/laureats?page=${HUGE}`,
			`/laureats?annee=${HUGE}`,
			`/laureats?q=${encodeURIComponent('a & | ! :* ( <-> \\ \' "')}`,
			`/laureats?q=${encodeURIComponent(long)}`,
			`/laureats?q=%ED%A0%80%FF`,
			`/laureats/${long}`,
			`/editions/${HUGE}`,
			`/editions/${HUGE}/journal.json`,
			`/essayer?page=${HUGE}`,
			`/essayer/${HUGE}`,
			`/verifier/${long}`,
			`/connexion?suite=${encodeURIComponent(long)}`
		])
			expectFrenchRefusal(await send(path), path);
	});

	it('answers a very long or odd e-mail at log-in, sign-up and password reset without a server error', async () => {
		const long = `${'a'.repeat(10_000)}@demo.impulsions.fr`;
		for (const email of [long, '\ud800@b.fr', `${TEAM.email}\u2028`]) {
			expectFrenchRefusal(
				await send('/connexion', { body: form({ email, password: 'x' }) }),
				`connexion ${email.length}`
			);
			expectFrenchRefusal(
				await send('/inscription', {
					body: form({
						email,
						name: 'Nom',
						password: 'une phrase de passe assez longue',
						password2: 'une phrase de passe assez longue'
					})
				}),
				`inscription ${email.length}`
			);
			expectFrenchRefusal(
				await send('/mot-de-passe', { body: form({ email }) }),
				`mot-de-passe ${email.length}`
			);
		}
	});
});

describe('bad input, signed in', () => {
	let team: string;
	let entryId: number;
	let version: string;

	/** The dossier page, and its stored version. */
	async function dossier(): Promise<{ text: string; version: string }> {
		const page = await send(`/equipe/${entryId}`, { cookie: team });
		expect(page.status).toBe(200);
		const match = /name="dossier_version" value="(\d+)"/.exec(page.text);
		return { text: page.text, version: match?.[1] ?? '' };
	}

	beforeAll(async () => {
		team = await logIn(TEAM);
		const list = await send('/equipe', { cookie: team });
		const ids = [
			...new Set([...list.text.matchAll(/href="\/equipe\/(\d+)"/g)].map((m) => Number(m[1])))
		];
		for (const id of ids) {
			const page = await send(`/equipe/${id}`, { cookie: team });
			if (page.text.includes('action="?/save"') && page.text.includes('name="dossier_version"')) {
				entryId = id;
				break;
			}
		}
		expect(entryId, 'an editable dossier in the demo').toBeTypeOf('number');
		version = (await dossier()).version;
	}, 60_000);

	it('saves a dossier field normally (the control)', async () => {
		const answer = await send(`/equipe/${entryId}?/save`, {
			cookie: team,
			body: form({ title: 'Titre témoin 16', dossier_version: version })
		});
		expect(answer.status, answer.text.slice(0, 300)).toBe(200);
		const after = await dossier();
		expect(after.text).toContain('Titre témoin 16');
		version = after.version;
	});

	it('refuses a NUL in a dossier field with a French 400, and stores nothing', async () => {
		for (const body of [
			form({ title: 'Titre NUL\u0000 16', dossier_version: version }),
			(() => {
				const multipart = new FormData();
				multipart.set('title', 'Titre NUL\u0000 16');
				multipart.set('dossier_version', version);
				return multipart;
			})()
		]) {
			const answer = await send(`/equipe/${entryId}?/save`, { cookie: team, body });
			expect(answer.status).toBe(400);
			expect(answer.text).toContain('caractère nul');
		}
		const after = await dossier();
		expect(after.text).not.toContain('Titre NUL');
		expect(after.version).toBe(version);
	});

	it('refuses a huge dossier_version in French, and stores nothing', async () => {
		const answer = await send(`/equipe/${entryId}?/save`, {
			cookie: team,
			body: form({ title: 'Titre version énorme', dossier_version: HUGE })
		});
		expectFrenchRefusal(answer, 'dossier_version');
		expect(answer.status).toBeGreaterThanOrEqual(400);
		const after = await dossier();
		expect(after.text).not.toContain('Titre version énorme');
		expect(after.version).toBe(version);
	});

	it('answers a category or theme id out of range with the field’s French message', async () => {
		const body = new URLSearchParams({ title: 'Titre catégorie énorme', dossier_version: version });
		body.set('category_id', HUGE);
		body.append('themes', HUGE);
		const answer = await send(`/equipe/${entryId}?/save`, { cookie: team, body });
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('Choisissez une catégorie de la liste.');
		expect(answer.text).toContain('Choisissez les thèmes dans la liste.');
		expect((await dossier()).text).not.toContain('Titre catégorie énorme');
	});

	it('accepts NUL bytes in an uploaded file (only text fields are checked)', async () => {
		const upload = new FormData();
		upload.set(
			'fichiers',
			new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 0, 0])]),
			'nul.pdf'
		);
		const answer = await send(`/equipe/${entryId}/pieces?/ajouter`, { cookie: team, body: upload });
		expect(answer.status).toBeLessThan(500);
		expect(answer.text).not.toContain('caractère nul');
	});

	it('answers out-of-range ids and numbers in the team’s URLs and forms without a server error', async () => {
		for (const path of [
			`/equipe/${HUGE}`,
			`/equipe/${entryId}?cree=${HUGE}`,
			`/equipe/${entryId}/membres?utilisateur=${HUGE}`,
			`/equipe/${entryId}/pieces?retirer=${HUGE}`,
			`/equipe/${entryId}/pieces/${HUGE}`,
			`/equipe/${entryId}/essai?page=${HUGE}&decliner=${HUGE}`,
			`/equipe/${entryId}/essai/rapports/${HUGE}`
		])
			expectFrenchRefusal(await send(path, { cookie: team }), path);
		for (const [path, fields] of [
			[`/equipe/${entryId}/pieces?/retirer`, { piece: HUGE }],
			[`/equipe/${entryId}/membres?/retirer`, { membre: HUGE }],
			[`/equipe/${entryId}/membres?/porteur`, { membre: HUGE }],
			[`/equipe/${entryId}/essai?/accepter`, { site: HUGE }],
			[`/equipe/${entryId}/essai?/capacite`, { capacity: HUGE }],
			['/equipe/nouvelle', { editionId: HUGE }]
		] as const)
			expectFrenchRefusal(await send(path, { cookie: team, body: form(fields) }), path);
	});

	it('answers out-of-range numbers in the organisers’ URLs and forms without a server error', async () => {
		const organiser = await logIn(ORGANISER);
		const editions = await send('/admin', { cookie: organiser });
		const edition = /href="\/admin\/editions\/(\d+)/.exec(editions.text)?.[1] ?? '1';
		for (const path of [
			`/admin/editions/${HUGE}`,
			`/admin/editions/${edition}/candidatures?page=${HUGE}`,
			`/admin/editions/${edition}/eligibilite?page=${HUGE}`,
			`/admin/editions/${edition}/essais?page=${HUGE}`,
			`/admin/editions/${edition}/jury?page=${HUGE}&ajoute=${HUGE}`,
			`/admin/editions/${edition}/affectations?page=${HUGE}`,
			`/admin/editions/${edition}/classement?page=${HUGE}`,
			`/admin/editions/${edition}/attestations?page=${HUGE}&revoquee=${HUGE}&emises=${HUGE}`,
			`/admin/editions/${edition}/deliberation?enregistre=${HUGE}`,
			`/admin/courriels?page=${HUGE}`,
			`/admin/courriels/${HUGE}`,
			`/admin/invitations?page=${HUGE}`,
			`/admin/candidatures/${HUGE}`
		])
			expectFrenchRefusal(await send(path, { cookie: organiser }), path);
		for (const [path, fields] of [
			['/admin/invitations', { email: 'x@y.fr', role: 'team', editionId: HUGE }],
			[`/admin/editions/${edition}/criteres?/retirer`, { tour: 'preselection', retirer: HUGE }],
			[`/admin/editions/${edition}/deliberation?/decider`, { candidature: HUGE }],
			[`/admin/editions/${edition}/affectations?/nombre`, { tour: 'preselection', k: HUGE }],
			['/admin/editions/nouvelle', { year: HUGE, title: 'x', opens_at: '99999-01-01T00:00' }],
			[
				`/admin/editions/${edition}?/enregistrer`,
				{
					year: HUGE,
					title: 'x',
					opens_at: '0000-01-01T00:00',
					submissions_close_at: '31/12/9999 23:59'
				}
			]
		] as const)
			expectFrenchRefusal(await send(path, { cookie: organiser, body: form(fields) }), path);
	});
});
