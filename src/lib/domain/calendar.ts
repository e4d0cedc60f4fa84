// The calendar of an edition: its dates, their French labels, and the conversions between what a form
// sends (`<input type="datetime-local">`, wall-clock time in Paris) and instants. Client-safe: no I/O.

export const PARIS_TIME_ZONE = 'Europe/Paris';

/** The calendar columns of `editions`, in the order the dates must follow. */
export const CALENDAR_FIELDS = [
	{ name: 'opens_at', label: 'Ouverture des candidatures' },
	{ name: 'submissions_close_at', label: 'Date limite de dépôt', required: true },
	{ name: 'eligibility_at', label: 'Examen de l’éligibilité' },
	{ name: 'preselection_at', label: 'Présélection par le jury' },
	{ name: 'trial_starts_at', label: 'Début de la phase d’essai' },
	{ name: 'trial_ends_at', label: 'Fin de la phase d’essai' },
	{ name: 'final_at', label: 'Jury final' },
	{ name: 'ceremony_at', label: 'Cérémonie de remise des prix' }
] as const satisfies readonly { name: string; label: string; required?: boolean }[];

export type CalendarField = (typeof CALENDAR_FIELDS)[number]['name'];
export const CALENDAR_COLUMNS = CALENDAR_FIELDS.map((f) => f.name) as CalendarField[];

const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: PARIS_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** The date and time a clock in Paris shows at this instant. */
function parisWallClock(date: Date): WallClock {
	const parts = Object.fromEntries(
		wallClockFormat.formatToParts(date).map((p) => [p.type, Number(p.value)])
	);
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour,
		minute: parts.minute,
		second: parts.second
	};
}

/** Paris's offset from UTC at this instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffset(ms: number): number {
	const w = parisWallClock(new Date(ms));
	const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return shown - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which Paris's clocks show this date and time. A time skipped by the change to
 * summer time (2 h 30 on the last Sunday of March) gives the instant one hour later.
 */
export function fromParisWallClock(
	year: number,
	month: number,
	day: number,
	hour = 0,
	minute = 0
): Date {
	const asUtc = Date.UTC(year, month - 1, day, hour, minute);
	const first = asUtc - parisOffset(asUtc);
	return new Date(asUtc - parisOffset(first));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The value of an `<input type="datetime-local">` for this instant, in Paris time: 2027-01-31T23:59. */
export function toDateTimeLocal(date: Date | string | null | undefined): string {
	if (date === null || date === undefined || date === '') return '';
	const d = date instanceof Date ? date : new Date(date);
	if (Number.isNaN(d.getTime())) return '';
	const w = parisWallClock(d);
	return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
// What someone types where the browser shows a plain text field: 31/01/2027 23:59, 31/01/2027 23 h 59.
const FRENCH_DATETIME =
	/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(?:à\s+)?(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?)?$/i;

/**
 * Reads a date typed in a form as Paris time: `2027-01-31T23:59` (what `datetime-local` sends),
 * `2027-01-31`, or `31/01/2027 23:59`. Empty → null; unreadable or impossible → 'invalid'.
 */
export function parseParisDateTime(text: string): Date | null | 'invalid' {
	const value = text.trim();
	if (value === '') return null;
	let parts: number[];
	const iso = DATETIME_LOCAL.exec(value);
	const french = iso ? null : FRENCH_DATETIME.exec(value);
	if (iso) parts = [iso[1], iso[2], iso[3], iso[4], iso[5]].map((p) => Number(p ?? 0));
	else if (french)
		parts = [french[3], french[2], french[1], french[4], french[5]].map((p) => Number(p ?? 0));
	else return 'invalid';
	const [year, month, day, hour, minute] = parts;
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return 'invalid';
	// 31 February and the like.
	const check = new Date(Date.UTC(year, month - 1, day));
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return 'invalid';
	return fromParisWallClock(year, month, day, hour, minute);
}

const frenchDateTime = new Intl.DateTimeFormat('fr-FR', {
	timeZone: PARIS_TIME_ZONE,
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: 'numeric',
	minute: '2-digit',
	hourCycle: 'h23'
});

const frenchShort = new Intl.DateTimeFormat('fr-FR', {
	timeZone: PARIS_TIME_ZONE,
	dateStyle: 'short',
	timeStyle: 'short'
});

/** « 31 janvier 2027 à 23 h 59 », « 1er février 2027 à 9 h 05 » — in Paris time. */
export function formatParisDateTime(date: Date | string): string {
	const d = date instanceof Date ? date : new Date(date);
	const parts = Object.fromEntries(frenchDateTime.formatToParts(d).map((p) => [p.type, p.value]));
	const day = parts.day === '1' ? '1er' : parts.day;
	return `${day} ${parts.month} ${parts.year} à ${parts.hour} h ${parts.minute}`;
}

/** « 31/01/2027 23:59 » — in Paris time, for tables. */
export function formatParisShort(date: Date | string): string {
	return frenchShort.format(date instanceof Date ? date : new Date(date));
}

/** The ISO form for a `<time datetime>` attribute. */
export function isoOf(date: Date | string): string {
	return (date instanceof Date ? date : new Date(date)).toISOString();
}
