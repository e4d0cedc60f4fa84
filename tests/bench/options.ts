// The command line of `npm run bench -- [--entries N] [--jurors N] [--duration S] [--connections N]
// [--out FILE] [--keep]`, with a French message per mistake. Pure: no I/O.

export interface BenchOptions {
	entries: number;
	jurors: number;
	/** Seconds of load per measured address. */
	duration: number;
	connections: number;
	/** Where the Markdown report goes (relative to the repository). */
	out: string;
	/** Keep the temporary build and databases (for a look after). */
	keep: boolean;
	/** An existing build folder to measure instead of building (while working on the bench). */
	build: string | null;
	smallEntries: number;
	smallJurors: number;
}

export const BENCH_DEFAULTS: BenchOptions = {
	entries: 10_000,
	jurors: 1_000,
	duration: 5,
	connections: 10,
	out: 'BENCHMARKS.md',
	keep: false,
	build: null,
	smallEntries: 200,
	smallJurors: 40
};

export const BENCH_USAGE = `Usage : npm run bench -- [--entries N] [--jurors N] [--duration S] [--connections N] [--out FICHIER] [--keep]

Construit l’application dans un dossier temporaire, crée une grande édition dans une base neuve
(PGlite, ou une base créée puis supprimée sur le serveur de DATABASE_URL), mesure, puis écrit
BENCHMARKS.md.

  --entries N      candidatures de la grande édition (défaut ${BENCH_DEFAULTS.entries})
  --jurors N       jurés (défaut ${BENCH_DEFAULTS.jurors})
  --duration S     secondes de charge par adresse (défaut ${BENCH_DEFAULTS.duration})
  --connections N  connexions simultanées (défaut ${BENCH_DEFAULTS.connections})
  --out FICHIER    rapport Markdown (défaut ${BENCH_DEFAULTS.out})
  --keep           garder la construction et les bases temporaires
  --build DOSSIER  mesurer une construction existante (gardée par --keep) au lieu de construire`;

/** Option → [field, min, max, French label, is the label feminine]. */
const NUMERIC: Record<string, [keyof BenchOptions, number, number, string, boolean?]> = {
	'--entries': ['entries', 20, 200_000, 'Le nombre de candidatures (--entries)'],
	'--jurors': ['jurors', 6, 20_000, 'Le nombre de jurés (--jurors)'],
	'--duration': ['duration', 1, 120, 'La durée de charge (--duration)', true],
	'--connections': ['connections', 1, 1000, 'Le nombre de connexions (--connections)'],
	'--small-entries': ['smallEntries', 20, 10_000, 'La petite édition (--small-entries)', true],
	'--small-jurors': ['smallJurors', 6, 1_000, 'Les jurés de la petite édition (--small-jurors)']
};

export type ParsedBenchArgs =
	{ ok: true; options: BenchOptions; help: boolean } | { ok: false; error: string };

export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
	const options: BenchOptions = { ...BENCH_DEFAULTS };
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h' || arg === '--aide') {
			help = true;
			continue;
		}
		if (arg === '--keep') {
			options.keep = true;
			continue;
		}
		const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
		if (name === '--out' || name === '--build') {
			const value = inline ?? argv[++i];
			if (!value || value.startsWith('--'))
				return {
					ok: false,
					error:
						name === '--out'
							? 'L’option --out attend un nom de fichier, par exemple --out BENCHMARKS.md.'
							: 'L’option --build attend un dossier de construction, par exemple --build /tmp/impulsions-bench-x/app/build.'
				};
			if (name === '--out') options.out = value;
			else options.build = value;
			continue;
		}
		const spec = NUMERIC[name];
		if (!spec) return { ok: false, error: `Option inconnue : « ${arg} ».\n\n${BENCH_USAGE}` };
		const [key, min, max, label, feminine] = spec;
		const raw = inline ?? argv[++i];
		if (raw === undefined || raw === '' || raw.startsWith('--'))
			return { ok: false, error: `${label} attend une valeur, par exemple ${name} ${min * 10}.` };
		const text = raw.replace(/[_\s\u202f]/g, '');
		const value = Number(text);
		if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
			return { ok: false, error: `${label} doit être un nombre entier (reçu « ${raw} »).` };
		if (value < min || value > max)
			return {
				ok: false,
				error: `${label} doit être ${feminine ? 'comprise' : 'compris'} entre ${min} et ${max} (reçu ${value}).`
			};
		(options[key] as number) = value;
	}
	return { ok: true, options, help };
}
