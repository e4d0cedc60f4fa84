// Cuts a plain-text mail body into text and web addresses, so that the page can render the addresses as
// links (with Svelte's escaping, no {@html}). Only http(s) addresses become links.

export type TextPart = { text: string } | { url: string };

const URL_RE = /https?:\/\/[^\s<>"]+/g;
// Punctuation that ends a sentence rather than the address.
const TRAILING_RE = /[.,;:!?)\]»'’]+$/;

export function splitLinks(text: string): TextPart[] {
	const parts: TextPart[] = [];
	let last = 0;
	for (const match of text.matchAll(URL_RE)) {
		const url = match[0].replace(TRAILING_RE, '');
		if (!isHttpUrl(url)) continue;
		const start = match.index;
		if (start > last) parts.push({ text: text.slice(last, start) });
		parts.push({ url });
		last = start + url.length;
	}
	if (last < text.length) parts.push({ text: text.slice(last) });
	return parts;
}

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
