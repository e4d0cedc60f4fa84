// The command line of `npm run seed:large -- --entries 10000 --jurors 1000 [--seed 1] [--year 2026]
// [--reset]`, read into options with a French message for each mistake. Pure: no I/O.

export interface LargeSeedOptions {
	/** Candidatures of the edition. */
	entries: number;
	/** Jurors of the edition (all sit in the preselection; about one in six in the final round). */
	jurors: number;
	/** The generator's seed: the same options give the same edition. */
	seed: number;
	/** The edition's year (its calendar runs from January to July of that year). */
	year: number;
}

export const LARGE_SEED_DEFAULTS: LargeSeedOptions = {
	entries: 10_000,
	jurors: 1_000,
	seed: 1,
	year: 2026
};

export const LARGE_SEED_LIMITS = {
	entries: { min: 20, max: 200_000 },
	jurors: { min: 6, max: 20_000 },
	seed: { min: 0, max: 2 ** 32 - 1 },
	year: { min: 2000, max: 2100 }
} as const;

export const LARGE_SEED_USAGE = `Usage : npm run seed:large -- [--entries N] [--jurors N] [--seed N] [--year AAAA] [--reset]

Remplit la base (DATABASE_URL, sinon le dossier PGlite PGLITE_DATA_DIR, par défaut ./data) avec une
grande édition publiée, réaliste et reproductible.

  --entries N   nombre de candidatures (défaut ${LARGE_SEED_DEFAULTS.entries}, de ${LARGE_SEED_LIMITS.entries.min} à ${LARGE_SEED_LIMITS.entries.max})
  --jurors N    nombre de jurés (défaut ${LARGE_SEED_DEFAULTS.jurors}, de ${LARGE_SEED_LIMITS.jurors.min} à ${LARGE_SEED_LIMITS.jurors.max})
  --seed N      graine du générateur (défaut ${LARGE_SEED_DEFAULTS.seed}) : mêmes options, même édition
  --year AAAA   année de l’édition (défaut ${LARGE_SEED_DEFAULTS.year})
  --reset       vide d’abord la base si elle contient déjà des données (sinon le script refuse)`;

export type ParsedArgs =
	| { ok: true; options: LargeSeedOptions; reset: boolean; help: boolean }
	| { ok: false; error: string };

const NAMES: Record<string, keyof LargeSeedOptions> = {
	'--entries': 'entries',
	'--candidatures': 'entries',
	'--jurors': 'jurors',
	'--jures': 'jurors',
	'--seed': 'seed',
	'--graine': 'seed',
	'--year': 'year',
	'--annee': 'year'
};

const LABELS: Record<keyof LargeSeedOptions, string> = {
	entries: 'Le nombre de candidatures (--entries)',
	jurors: 'Le nombre de jurés (--jurors)',
	seed: 'La graine (--seed)',
	year: 'L’année (--year)'
};
/** « compris » or « comprise »: the labels' gender. */
const FEMININE = new Set<keyof LargeSeedOptions>(['seed', 'year']);

/** Reads the arguments (`--name value` or `--name=value`); answers the first mistake in French. */
export function parseLargeSeedArgs(argv: readonly string[]): ParsedArgs {
	const options: LargeSeedOptions = { ...LARGE_SEED_DEFAULTS };
	let reset = false;
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--reset') {
			reset = true;
			continue;
		}
		if (arg === '--help' || arg === '-h' || arg === '--aide') {
			help = true;
			continue;
		}
		const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		const key = NAMES[name];
		if (!key) return { ok: false, error: `Option inconnue : « ${arg} ».\n\n${LARGE_SEED_USAGE}` };
		const raw = inline ?? argv[++i];
		if (raw === undefined || raw === '' || raw.startsWith('--'))
			return { ok: false, error: `${LABELS[key]} attend une valeur, par exemple ${name} 1000.` };
		const text = raw.replace(/[_\s\u202f]/g, '');
		const value = Number(text);
		const { min, max } = LARGE_SEED_LIMITS[key];
		if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
			return { ok: false, error: `${LABELS[key]} doit être un nombre entier (reçu « ${raw} »).` };
		if (value < min || value > max)
			return {
				ok: false,
				error: `${LABELS[key]} doit être ${FEMININE.has(key) ? 'comprise' : 'compris'} entre ${formatInteger(min)} et ${formatInteger(max)} (reçu ${formatInteger(value)}).`
			};
		options[key] = value;
	}
	if (options.jurors * 2 > options.entries * 3 + 30)
		return {
			ok: false,
			error: `Trop de jurés pour ${formatInteger(options.entries)} candidatures : chaque juré doit pouvoir évaluer au moins deux dossiers (au plus ${formatInteger(Math.floor((options.entries * 3 + 30) / 2))} jurés).`
		};
	return { ok: true, options, reset, help };
}

/** 10000 → « 10 000 » (narrow no-break space, as French typography wants). */
export function formatInteger(n: number): string {
	return new Intl.NumberFormat('fr-FR').format(n).replace(/\s/g, '\u202f');
}
