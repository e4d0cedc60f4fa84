// PostgreSQL's own client programs (pg_dump, pg_restore, psql from Debian's postgresql-client), run as
// child processes. The password leaves the URL for the PGPASSWORD variable, so that it does not show in
// the list of processes.
import { spawn, spawnSync } from 'node:child_process';
import { BackupError } from './errors';

export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/** The tool's major version; BackupError (French) when it is not installed. */
export function toolMajorVersion(tool: PgTool, env: NodeJS.ProcessEnv = process.env): number {
	const result = spawnSync(tool, ['--version'], { encoding: 'utf8', env });
	if (result.error || result.status !== 0)
		throw new BackupError(
			`${tool} est introuvable : installez les outils clients de PostgreSQL ` +
				'(sous Debian : apt-get install postgresql-client), dans une version au moins égale ' +
				'à celle du serveur, puis recommencez.'
		);
	const match = /\(PostgreSQL\)\s+(\d+)/.exec(result.stdout);
	if (!match)
		throw new BackupError(
			`${tool} --version a répondu « ${result.stdout.trim()} » : version inconnue.`
		);
	return Number(match[1]);
}

/** Connection arguments and environment for a database URL (password in PGPASSWORD). */
export function connection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
	const url = new URL(databaseUrl);
	const env: NodeJS.ProcessEnv = { ...process.env };
	if (url.password) {
		env.PGPASSWORD = decodeURIComponent(url.password);
		url.password = '';
	}
	return { dbname: url.toString(), env };
}

/** Runs the tool; BackupError with what it printed when it fails. */
export function runTool(
	tool: PgTool,
	args: string[],
	env: NodeJS.ProcessEnv,
	what: string
): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
		let errors = '';
		child.stderr.on('data', (chunk) => (errors += chunk));
		child.on('error', (error) =>
			reject(new BackupError(`${tool} n’a pas pu être lancé : ${error.message}`))
		);
		child.on('close', (code) => {
			if (code === 0) resolve();
			else
				reject(
					new BackupError(
						`${what} a échoué (${tool}, code ${code}) :\n${errors.trim() || '(aucun message)'}`
					)
				);
		});
	});
}
