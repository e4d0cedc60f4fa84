import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
	plugins: [sveltekit()],
	// The DSFR stylesheet carries old IE hacks that LightningCSS rejects without error recovery.
	css: { lightningcss: { errorRecovery: true } },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration-pglite',
					include: ['tests/integration/**/*.test.ts'],
					env: { TEST_DB: 'pglite' },
					// After each file: the workflow's invariants on every database it opened.
					setupFiles: ['tests/setup/invariants.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			...(withPostgres
				? [
						{
							extends: true as const,
							test: {
								name: 'integration-postgres',
								include: ['tests/integration/**/*.test.ts'],
								env: { TEST_DB: 'postgres' },
								setupFiles: ['tests/setup/invariants.ts'],
								testTimeout: 30_000,
								hookTimeout: 60_000
							}
						}
					]
				: [])
		]
	}
});
