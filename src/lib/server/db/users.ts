// Query functions for user accounts.
import type { Db } from './index';

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string) {
	return db
		.selectFrom('users')
		.selectAll()
		.where('email', '=', normaliseEmail(email))
		.executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
	db: Db,
	user: {
		email: string;
		name: string;
		passwordHash: string;
		verified?: boolean;
		organiser?: boolean;
	}
) {
	return db
		.insertInto('users')
		.values({
			email: normaliseEmail(user.email),
			name: user.name.trim(),
			password_hash: user.passwordHash,
			email_verified_at: user.verified ? new Date() : null,
			is_organiser: user.organiser ?? false
		})
		.returning(['id', 'email', 'name'])
		.executeTakeFirstOrThrow();
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string) {
	await db
		.updateTable('users')
		.set({ password_hash: passwordHash, updated_at: new Date() })
		.where('id', '=', userId)
		.execute();
}

export async function markEmailVerified(db: Db, userId: number) {
	await db
		.updateTable('users')
		.set({ email_verified_at: new Date(), updated_at: new Date() })
		.where('id', '=', userId)
		.where('email_verified_at', 'is', null)
		.execute();
}

export async function makeOrganiser(db: Db, userId: number) {
	await db.updateTable('users').set({ is_organiser: true }).where('id', '=', userId).execute();
}
