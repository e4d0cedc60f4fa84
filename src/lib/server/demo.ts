import type { Db } from './db';
export async function seedDemoIfEmpty(_db: Db, _options: { print: boolean }): Promise<void> {}
