// Configuration from the environment, validated once at start-up with a clear message per bad value.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LOG_FORMATS, type LogFormat } from './log.js';

export interface Config {
	port: number;
	origin: string | undefined;
	databaseUrl: string | undefined;
	pgliteDataDir: string;
	smtpUrl: string | undefined;
	mailFrom: string;
	secretKey: string;
	secureCookies: boolean;
	demoData: boolean;
	/** How the log is written (log.js): `text` lines for a person, or `json` lines for a collector. */
	logFormat: LogFormat;
}

export class ConfigError extends Error {
	constructor(public readonly problems: string[]) {
		super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

type Env = Record<string, string | undefined>;

const MAIL_FROM_RE = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

/**
 * Reads and validates the configuration. The secret key, when not given, is generated once and kept in
 * the PGlite data folder (demo use); with PostgreSQL in production it must be given.
 */
export function loadConfig(env: Env = process.env): Config {
	const problems: string[] = [];
	const value = (name: string) => {
		const v = env[name]?.trim();
		return v ? v : undefined;
	};

	let port = 3000;
	const rawPort = value('PORT');
	if (rawPort !== undefined) {
		port = Number(rawPort);
		if (!Number.isInteger(port) || port < 1 || port > 65535)
			problems.push(`PORT doit être un entier entre 1 et 65535 (reçu « ${rawPort} »).`);
	}

	const origin = value('ORIGIN');
	if (origin !== undefined && !isUrl(origin, ['http:', 'https:']))
		problems.push(
			`ORIGIN doit être une URL http(s) sans chemin, par exemple https://prix.example.fr (reçu « ${origin} »).`
		);

	const databaseUrl = value('DATABASE_URL');
	if (databaseUrl !== undefined && !isUrl(databaseUrl, ['postgres:', 'postgresql:']))
		problems.push(
			'DATABASE_URL doit être une URL postgres://utilisateur:motdepasse@hôte:port/base.'
		);

	const pgliteDataDir = resolve(value('PGLITE_DATA_DIR') ?? './data');

	const smtpUrl = value('SMTP_URL');
	if (smtpUrl !== undefined && !isUrl(smtpUrl, ['smtp:', 'smtps:']))
		problems.push(
			'SMTP_URL doit être une URL smtp://… ou smtps://… (par exemple smtp://utilisateur:motdepasse@smtp.example.fr:587).'
		);

	const mailFrom =
		value('MAIL_FROM') ?? 'Prix Impulsions <ne-pas-repondre@prix-impulsions.localhost>';
	if (!MAIL_FROM_RE.test(mailFrom))
		problems.push(
			`MAIL_FROM doit être une adresse électronique, éventuellement « Nom <adresse> » (reçu « ${mailFrom} »).`
		);

	let secretKey = value('SECRET_KEY');
	if (secretKey !== undefined && secretKey.length < 32)
		problems.push(
			'SECRET_KEY doit compter au moins 32 caractères (par exemple : openssl rand -hex 32).'
		);
	if (secretKey === undefined && databaseUrl !== undefined)
		problems.push(
			'SECRET_KEY est obligatoire avec PostgreSQL (par exemple : openssl rand -hex 32).'
		);

	const demoRaw = value('DEMO_DATA');
	if (demoRaw !== undefined && !['true', 'false', '1', '0'].includes(demoRaw))
		problems.push(`DEMO_DATA doit valoir true ou false (reçu « ${demoRaw} »).`);
	const demoData =
		demoRaw === undefined ? databaseUrl === undefined : demoRaw === 'true' || demoRaw === '1';

	const logRaw = value('LOG_FORMAT');
	const logFormat = (logRaw ?? 'text') as LogFormat;
	if (!LOG_FORMATS.includes(logFormat))
		problems.push(`LOG_FORMAT doit valoir text ou json (reçu « ${logRaw} »).`);

	if (problems.length > 0) throw new ConfigError(problems);

	secretKey ??= dataDirSecret(pgliteDataDir);

	return {
		port,
		origin,
		databaseUrl,
		pgliteDataDir,
		smtpUrl,
		mailFrom,
		secretKey,
		secureCookies: origin ? origin.startsWith('https:') : false,
		demoData,
		logFormat
	};
}

function isUrl(text: string, protocols: string[]): boolean {
	try {
		return protocols.includes(new URL(text).protocol);
	} catch {
		return false;
	}
}

/** A key generated on the first start and kept beside the embedded database. */
function dataDirSecret(dir: string): string {
	const file = join(dir, 'secret.key');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	mkdirSync(dir, { recursive: true });
	const key = randomBytes(32).toString('hex');
	writeFileSync(file, key, { mode: 0o600 });
	return key;
}

let current: Config | undefined;

/** The process-wide configuration, read on first use. */
export function config(): Config {
	current ??= loadConfig();
	return current;
}
