// Names of uploaded files: what we store and send back in Content-Disposition never comes
// verbatim from the browser. The extension always follows the type sniffed from the bytes.

export const MAX_FILE_NAME_LENGTH = 120;
const FALLBACK_STEM = 'piece-jointe';

/** Lone UTF-16 surrogates (invalid in UTF-8, and encodeURIComponent throws on them). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Control and invisible format characters (CR, LF, NUL, bidi overrides, zero-width…). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
/** Characters unsafe in a header parameter or in a file name on common systems. */
const UNSAFE = /["*:<>?|]/g;

/** The last path segment of a name, invisible characters removed, spaces collapsed. */
function cleanSegment(name: string): string {
	const wellFormed = name.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC');
	const segments = wellFormed.split(/[/\\]/);
	return (segments[segments.length - 1] ?? '')
		.replace(/\s+/g, ' ') // tabs and line breaks first: they separate words
		.replace(INVISIBLE, '')
		.replace(UNSAFE, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Cuts a string to at most `max` code points, never inside a surrogate pair. */
function truncate(value: string, max: number): string {
	const points = Array.from(value);
	return points.length <= max ? value : points.slice(0, max).join('');
}

/**
 * A safe name to store and serve: last path segment only, no control or header-breaking
 * characters, spaces collapsed, at most 120 characters, accented letters kept, and the extension
 * of the type sniffed from the bytes (`rapport.exe` sniffed as PDF gives `rapport.pdf`).
 */
export function safeFileName(name: string, extension: string): string {
	const ext = extension
		.replace(/^\.+/, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
	let stem = cleanSegment(name).replace(/^[.\s]+/, '');
	const dot = stem.lastIndexOf('.');
	if (dot > 0) {
		const current = stem.slice(dot + 1);
		// Only replace what looks like an extension: "Version 2.1" keeps its ".1".
		if (/^[a-z0-9]{1,8}$/i.test(current) && /[a-z]/i.test(current)) stem = stem.slice(0, dot);
	}
	const suffix = ext ? `.${ext}` : '';
	stem = truncate(stem, MAX_FILE_NAME_LENGTH - suffix.length).replace(/[.\s]+$/, '');
	return `${stem || FALLBACK_STEM}${suffix}`;
}

/** The name as shown in messages: last segment, without invisible characters, not too long. */
export function displayFileName(name: string): string {
	const clean = cleanSegment(name);
	const points = Array.from(clean);
	return points.length <= MAX_FILE_NAME_LENGTH
		? clean
		: `${truncate(clean, MAX_FILE_NAME_LENGTH)}…`;
}

/** The French message for a file name we cannot accept, or null. */
export function fileNameProblem(name: string): string | null {
	const visible = name.replace(INVISIBLE, '').trim();
	if (!visible) return 'Le fichier n’a pas de nom : renommez-le avant de l’ajouter.';
	const segments = visible.split(/[/\\]/);
	const last = (segments[segments.length - 1] ?? '').trim();
	if (!last || /^[.\s]+$/.test(last)) {
		return `Le nom de fichier « ${visible} » n’est pas valide : renommez le fichier avant de l’ajouter.`;
	}
	return null;
}

const LIGATURES: Record<string, string> = {
	Œ: 'OE',
	œ: 'oe',
	Æ: 'AE',
	æ: 'ae',
	ß: 'ss',
	'’': "'",
	'‘': "'",
	'«': '"',
	'»': '"',
	'–': '-',
	'—': '-'
};

/** ASCII approximation for the plain `filename` parameter of old clients. */
function asciiFallback(name: string): string {
	const ascii = name
		.replace(/[ŒœÆæß’‘«»–—]/g, (c) => LIGATURES[c] ?? '_')
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		// Keep printable ASCII only; quote, backslash and % (some clients percent-decode) go too.
		.replace(/[^\x20-\x7e]|["\\%]/g, '_')
		.replace(/\s+/g, ' ')
		.trim();
	return ascii || FALLBACK_STEM;
}

/** RFC 5987 attr-char: encodeURIComponent leaves ' ( ) * unescaped, which attr-char forbids. */
function encodeRfc5987(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
}

/**
 * A Content-Disposition header value offering the file for download (RFC 6266), with an ASCII
 * `filename` for old clients and the exact UTF-8 name in `filename*` (RFC 5987).
 */
export function contentDisposition(name: string): string {
	const clean = cleanSegment(name) || FALLBACK_STEM;
	return `attachment; filename="${asciiFallback(clean)}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}
