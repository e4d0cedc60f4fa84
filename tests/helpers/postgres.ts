// Test databases on the TEST_DATABASE_URL server: created under a random name, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Creates an empty database named `prefix_<random>` and answers its name and URL. */
export async function createPostgresDatabase(
	adminUrl: string,
	prefix: string
): Promise<{ name: string; url: string }> {
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return { name, url: url.toString() };
}

/**
 * Drops the database, ending its sessions. An autovacuum worker on it cannot be ended by a role
 * without pg_signal_backend (« must be a member of the role whose process is being terminated »):
 * then it tries again, a few times, until the worker is gone.
 */
export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
	const dropper = new pg.Client({ connectionString: adminUrl });
	await dropper.connect();
	try {
		for (let attempt = 1; ; attempt++) {
			try {
				await dropper.query(`drop database if exists ${name} with (force)`);
				return;
			} catch (error) {
				if (attempt >= 20) throw error;
				await new Promise((r) => setTimeout(r, 300));
			}
		}
	} finally {
		await dropper.end();
	}
}
