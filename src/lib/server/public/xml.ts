// XML text for the feed and the sitemap: escaped for element content and attribute values alike, and
// without the characters XML 1.0 forbids (most control characters, lone surrogates, U+FFFE/U+FFFF),
// which a dossier's text could hold and which would make the whole document unreadable.

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};

/** Characters not allowed anywhere in an XML 1.0 document. */
const FORBIDDEN =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` as XML character data or attribute value: forbidden characters dropped, markup escaped. */
export function escapeXml(text: string): string {
	return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** An instant as XML and Atom want it (RFC 3339, UTC, milliseconds dropped). */
export function xmlDate(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
