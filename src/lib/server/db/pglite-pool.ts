// A minimal pg-Pool look-alike over one PGlite instance, so that Kysely's own PostgresDialect drives it.
// PGlite has a single connection: connect() hands it to one caller at a time, the others wait in a queue.
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

export class PGlitePool implements PostgresPool {
	#busy = false;
	#waiting: Array<() => void> = [];

	constructor(private readonly pglite: PGlite) {}

	async connect(): Promise<PostgresPoolClient> {
		if (this.#busy) await new Promise<void>((resolve) => this.#waiting.push(resolve));
		this.#busy = true;
		return {
			query: ((sql: string, parameters: readonly unknown[]) =>
				this.pglite.query(sql, parameters as unknown[], { rowMode: 'object' })) as never,
			release: () => {
				const next = this.#waiting.shift();
				if (next) next();
				else this.#busy = false;
			}
		};
	}

	async end(): Promise<void> {
		await this.pglite.close();
	}
}
