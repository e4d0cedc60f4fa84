import { db } from '$lib/server/db/app';
import { listPublicEditions } from '$lib/server/db/public-editions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ editions: await listPublicEditions(db()) });
