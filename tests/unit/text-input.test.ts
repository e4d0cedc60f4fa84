import { describe, expect, it } from 'vitest';
import {
	NUL_REFUSED,
	UNREADABLE_FORM,
	formHasNul,
	textRefusal,
	urlHasNul,
	whyRefuseText
} from '../../src/lib/server/http/text-input';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://localhost/connexion', { method: 'POST', body, headers });

describe('text PostgreSQL cannot store', () => {
	it('finds a NUL in the path or the query string, percent-encoded or not', () => {
		expect(urlHasNul(new URL('http://localhost/laureats?q=%00'))).toBe(true);
		expect(urlHasNul(new URL('http://localhost/laureats?q=a%00b'))).toBe(true);
		expect(urlHasNul(new URL('http://localhost/laureats/%00'))).toBe(true);
		expect(urlHasNul(new URL('http://localhost/laureats?q=%C3%A9%20100'))).toBe(false);
	});

	it('finds a NUL in a field’s value or name, or a file’s name, but not in a file’s bytes', () => {
		const form = new FormData();
		form.set('titre', 'sans');
		form.set('fichier', new Blob([new Uint8Array([0, 0, 0])]), 'piece.pdf');
		expect(formHasNul(form)).toBe(false);
		form.set('titre', 'a\u0000b');
		expect(formHasNul(form)).toBe(true);
		const named = new FormData();
		named.set('x\u0000', '');
		expect(formHasNul(named)).toBe(true);
		const file = new FormData();
		file.set('fichier', new Blob(['x']), 'a\u0000.pdf');
		expect(formHasNul(file)).toBe(true);
	});

	it('reads url-encoded and multipart bodies from a copy, leaving the original to the route', async () => {
		const request = post(new URLSearchParams({ email: 'a\u0000@b.fr' }));
		expect(await whyRefuseText(request, new URL(request.url))).toBe(NUL_REFUSED);
		expect((await request.formData()).get('email')).toBe('a\u0000@b.fr');
		const multipart = new FormData();
		multipart.set('email', 'a@b.fr');
		const clean = post(multipart);
		expect(await whyRefuseText(clean, new URL(clean.url))).toBeNull();
		expect((await clean.formData()).get('email')).toBe('a@b.fr');
	});

	it('refuses a form body that cannot be read, and leaves other bodies alone', async () => {
		const cut = post('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nabc', {
			'content-type': 'multipart/form-data; boundary=b'
		});
		expect(await whyRefuseText(cut, new URL(cut.url))).toBe(UNREADABLE_FORM);
		const json = post('{"a":"\\u0000"}', { 'content-type': 'application/json' });
		expect(await whyRefuseText(json, new URL(json.url))).toBeNull();
	});

	it('answers in French, as an action result for a script, as JSON for data, as a page otherwise', async () => {
		const url = new URL('http://localhost/connexion');
		const action = textRefusal(
			new Request(url, { headers: { 'x-sveltekit-action': 'true' } }),
			url,
			NUL_REFUSED
		);
		expect(action.status).toBe(400);
		expect(await action.json()).toEqual({ type: 'error', error: { message: NUL_REFUSED } });
		const data = textRefusal(
			new Request(url, { headers: { accept: 'application/json' } }),
			url,
			NUL_REFUSED
		);
		expect(await data.json()).toEqual({ message: NUL_REFUSED });
		const page = textRefusal(
			new Request(url, { headers: { accept: 'text/html' } }),
			url,
			NUL_REFUSED
		);
		expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const html = await page.text();
		expect(html).toContain('<html lang="fr">');
		expect(html).toContain(NUL_REFUSED);
	});
});
