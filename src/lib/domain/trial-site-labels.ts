// French labels of a trial site's context and status, and the limits of the volunteer form.
// Client-safe: no I/O.
// The same values as the database's checks (src/lib/server/db/schema.ts).

export const SITE_KINDS = ['ecole', 'college', 'lycee', 'service'] as const;
export const SITE_AREAS = ['rural', 'urbain'] as const;
export const SITE_STATUSES = ['volunteer', 'accepted', 'declined'] as const;
export type TrialSiteKind = (typeof SITE_KINDS)[number];
export type TrialSiteArea = (typeof SITE_AREAS)[number];
export type TrialSiteStatus = (typeof SITE_STATUSES)[number];

export const SITE_KIND_LABELS: Record<TrialSiteKind, string> = {
	ecole: 'École',
	college: 'Collège',
	lycee: 'Lycée',
	service: 'Service (DSDEN, rectorat, administration)'
};

export const SITE_AREA_LABELS: Record<TrialSiteArea, string> = {
	rural: 'Rural',
	urbain: 'Urbain'
};

/** What the team sees of a site's application. */
export const SITE_STATUS_LABELS: Record<TrialSiteStatus, string> = {
	volunteer: 'À examiner',
	accepted: 'Accepté',
	declined: 'Décliné'
};

/** DSFR badge class of each status. */
export const SITE_STATUS_BADGES: Record<TrialSiteStatus, string> = {
	volunteer: 'fr-badge--new',
	accepted: 'fr-badge--success',
	declined: 'fr-badge--error'
};

export const SITE_ORIGIN_LABELS: Record<'volunteer' | 'invited', string> = {
	volunteer: 'Volontaire',
	invited: 'Invité'
};

export const siteKindLabel = (kind: string | null) =>
	kind ? (SITE_KIND_LABELS[kind as TrialSiteKind] ?? kind) : '—';
export const siteAreaLabel = (area: string | null) =>
	area ? (SITE_AREA_LABELS[area as TrialSiteArea] ?? area) : '—';
export const siteStatusLabel = (status: string) =>
	SITE_STATUS_LABELS[status as TrialSiteStatus] ?? status;

/** Longest name of an établissement or service. */
export const SITE_NAME_MAX = 200;
/** Longest motivation, in characters. */
export const MOTIVATION_MAX = 2000;
/** Longest reason given to a declined site. */
export const DECLINE_REASON_MAX = 1000;
/** Pupils (or agents) concerned: bounds of the database's check. */
export const SITE_SIZE_MIN = 1;
export const SITE_SIZE_MAX = 100_000;
/** How many sites a team may take at most (the database's check). */
export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 50;
/** Capacity when the team has not set one (the database's default). */
export const DEFAULT_CAPACITY = 3;

/** « académie de Lyon », « académie d’Amiens » (elided before a vowel). */
export const academieName = (name: string) =>
	/^[AEIOUYÉÈÊÎÔ]/i.test(name) ? `académie d’${name}` : `académie de ${name}`;
