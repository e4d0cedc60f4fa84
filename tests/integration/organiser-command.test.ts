// `npm run organiser:add -- address`, run as an operator runs it (the script spawned through Vite's
// module loader), on an empty PGlite folder or PostgreSQL database: its messages, exit codes and what
// it leaves in the database.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/lib/server/auth/crypto';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db';
import { ROOT, serverDatabaseEnv } from '../helpers/server-process';

let database: Awaited<ReturnType<typeof serverDatabaseEnv>>;

// Each run starts Vite's module loader and opens the database: several seconds on a busy machine.

function organiserAdd(
	...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(process.env))
		if (
			value !== undefined &&
			!name.startsWith('VITEST') &&
			name !== 'DATABASE_URL' &&
			name !== 'ORIGIN'
		)
			env[name] = value;
	Object.assign(env, database.env, { ORIGIN: 'https://prix.example.fr' });
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(ROOT, 'db', 'organiser-add.js'), ...args], {
			cwd: ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
		child.on('error', reject);
		child.on('exit', (code) => resolve({ code, out, err }));
	});
}

/** The command's database, opened after the command has exited (one process at a time on PGlite). */
async function withDatabase<T>(use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
	const handle = await openDatabase(
		database.kind === 'postgres'
			? { databaseUrl: database.env.DATABASE_URL }
			: { dataDir: database.env.PGLITE_DATA_DIR }
	);
	try {
		return await use(handle);
	} finally {
		await handle.close();
	}
}

beforeAll(async () => {
	database = await serverDatabaseEnv();
});
afterAll(async () => {
	await database?.remove();
});

describe('npm run organiser:add', () => {
	it('refuses a malformed address or a missing one in French, with exit code 1', async () => {
		const bad = await organiserAdd('pas-une-adresse');
		expect(bad.code).toBe(1);
		expect(bad.err).toContain(
			'Adresse électronique refusée (« pas-une-adresse ») : Saisissez une adresse électronique valide'
		);
		const none = await organiserAdd();
		expect(none.code).toBe(1);
		expect(none.err).toContain('Usage : npm run organiser:add -- adresse@exemple.fr');
	}, 180_000);

	it('migrates an empty database, invites a new address and prints the link that is also mailed', async () => {
		const run = await organiserAdd('Premiere@Education.gouv.fr');
		expect(run.err).toBe('');
		expect(run.code).toBe(0);
		const match = run.out.match(
			/Aucun compte pour premiere@education\.gouv\.fr : invitation d’organisateur créée\. .*valable 14 jours.* : (https:\/\/prix\.example\.fr\/invitation\/([A-Za-z0-9_-]+))/
		);
		expect(match, run.out).not.toBeNull();
		const [, link, token] = match!;
		await withDatabase(async ({ db }) => {
			const invitation = await db.selectFrom('invitations').selectAll().executeTakeFirstOrThrow();
			expect(invitation).toMatchObject({
				email: 'premiere@education.gouv.fr',
				role: 'organiser',
				invited_by: null,
				token_hash: hashToken(token)
			});
			const mail = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
			expect(mail.recipient).toBe('premiere@education.gouv.fr');
			expect(mail.body_text).toContain(link);
			// An account of a team member, made organiser by the next run.
			await db
				.insertInto('users')
				.values({ email: 'equipe@ac-lyon.fr', name: 'Sam Équipe', password_hash: 'x' })
				.execute();
		});
	}, 120_000);

	it('makes an existing account organiser at once', async () => {
		const run = await organiserAdd('equipe@ac-lyon.fr');
		expect(run.code).toBe(0);
		expect(run.out).toContain('Sam Équipe (equipe@ac-lyon.fr) est désormais organisateur');
		await withDatabase(async ({ db }) => {
			const user = await db
				.selectFrom('users')
				.select(['id', 'is_organiser'])
				.where('email', '=', 'equipe@ac-lyon.fr')
				.executeTakeFirstOrThrow();
			expect(user.is_organiser).toBe(true);
			const events = await db.selectFrom('account_events').selectAll().execute();
			expect(events).toMatchObject([
				{ type: 'organiser_granted', user_id: user.id, source: 'command', actor_id: null }
			]);
		});
		const again = await organiserAdd('equipe@ac-lyon.fr');
		expect(again.code).toBe(0);
		expect(again.out).toContain('est déjà organisateur : rien à faire.');
	}, 180_000);
});
