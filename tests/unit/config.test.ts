import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/lib/server/config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'impulsions-config-'));

function problems(env: Record<string, string>): string[] {
	try {
		loadConfig({ PGLITE_DATA_DIR: dataDir(), ...env });
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	return [];
}

describe('configuration', () => {
	it('has working defaults: port 3000, PGlite in ./data, demo data, no SMTP', () => {
		const dir = dataDir();
		const config = loadConfig({ PGLITE_DATA_DIR: dir });
		expect(config).toMatchObject({
			port: 3000,
			databaseUrl: undefined,
			smtpUrl: undefined,
			demoData: true,
			secureCookies: false
		});
		expect(config.pgliteDataDir).toBe(dir);
	});

	it('generates a secret key once and keeps it in the PGlite data folder', () => {
		const dir = dataDir();
		const first = loadConfig({ PGLITE_DATA_DIR: dir }).secretKey;
		expect(first).toMatch(/^[0-9a-f]{64}$/);
		expect(readFileSync(join(dir, 'secret.key'), 'utf8')).toBe(first);
		expect(loadConfig({ PGLITE_DATA_DIR: dir }).secretKey).toBe(first);
	});

	it('names every malformed value in French', () => {
		const found = problems({
			PORT: '99999',
			ORIGIN: 'localhost:3000',
			DATABASE_URL: 'mysql://x',
			SMTP_URL: 'http://smtp',
			MAIL_FROM: 'pas une adresse',
			SECRET_KEY: 'court',
			DEMO_DATA: 'peut-être'
		});
		expect(found).toHaveLength(7);
		expect(found.join('\n')).toMatch(/PORT doit être un entier/);
		expect(found.join('\n')).toMatch(/ORIGIN doit être une URL/);
		expect(found.join('\n')).toMatch(/DATABASE_URL doit être une URL postgres/);
		expect(found.join('\n')).toMatch(/SMTP_URL doit être une URL smtp/);
		expect(found.join('\n')).toMatch(/MAIL_FROM doit être une adresse/);
		expect(found.join('\n')).toMatch(/SECRET_KEY doit compter au moins 32/);
		expect(found.join('\n')).toMatch(/DEMO_DATA doit valoir true ou false/);
	});

	it('requires a secret key with PostgreSQL, and then turns the demo off by default', () => {
		expect(problems({ DATABASE_URL: 'postgres://u:p@localhost/db' })).toEqual([
			'SECRET_KEY est obligatoire avec PostgreSQL (par exemple : openssl rand -hex 32).'
		]);
		const config = loadConfig({
			DATABASE_URL: 'postgres://u:p@localhost/db',
			SECRET_KEY: 'k'.repeat(32)
		});
		expect(config.demoData).toBe(false);
	});

	it('uses secure cookies when the site is served over https', () => {
		expect(
			loadConfig({ PGLITE_DATA_DIR: dataDir(), ORIGIN: 'https://prix.example.fr' }).secureCookies
		).toBe(true);
	});

	it('accepts a sender written as « Name <address> »', () => {
		expect(problems({ MAIL_FROM: 'Prix Impulsions <prix@education.gouv.fr>' })).toEqual([]);
	});
});
