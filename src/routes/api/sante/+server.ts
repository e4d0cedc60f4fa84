import { json } from '@sveltejs/kit';
import { ping } from '$lib/server/db';
import { appDatabase } from '$lib/server/db/app';
import type { RequestHandler } from './$types';

/** Health check: the database answers a query. */
export const GET: RequestHandler = async () => {
	const { db, kind } = appDatabase();
	try {
		await ping(db);
		return json({ status: 'ok', database: kind }, { headers: { 'cache-control': 'no-store' } });
	} catch {
		return json(
			{ status: 'error', database: kind, message: 'La base de données ne répond pas.' },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
