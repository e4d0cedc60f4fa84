// Benchmarks only: counts the SQL queries each request runs, so that `npm run bench` can show that a
// page runs a bounded number of queries (DESIGN.md §6). Off unless the server starts with
// BENCH_QUERY_COUNT=1: then every Kysely instance opened by `openDatabase` reports its queries here
// (Kysely's `log` hook), counted per request through AsyncLocalStorage, and src/hooks.server.ts sends
// the count as the `x-query-count` response header, and the time the database took for them as
// `x-query-ms`. Off, nothing is stored and no header is sent.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface QueryCount {
	queries: number;
	/** Milliseconds spent in the database (as Kysely measures each query). */
	ms: number;
}

const counters = new AsyncLocalStorage<QueryCount>();

export const QUERY_COUNT_HEADER = 'x-query-count';
export const QUERY_TIME_HEADER = 'x-query-ms';

/** Is the counter on (BENCH_QUERY_COUNT=1)? Read at start-up. */
export function queryCountEnabled(env: Record<string, string | undefined> = process.env): boolean {
	return env.BENCH_QUERY_COUNT === '1';
}

/** Called by the database's log hook for each query (done or failed). */
export function noteQuery(ms = 0): void {
	const counter = counters.getStore();
	if (!counter) return;
	counter.queries += 1;
	counter.ms += ms;
}

/** Runs `work` with a fresh counter; answers its result, its number of queries and their time. */
export async function countQueries<T>(work: () => Promise<T>): Promise<[T, QueryCount]> {
	const counter = { queries: 0, ms: 0 };
	const result = await counters.run(counter, work);
	return [result, counter];
}
