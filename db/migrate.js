// `npm run db:migrate`: applies db/migrations to DATABASE_URL (or the PGlite folder) and exits.
import { runModule } from './run-module.js';

await runModule('/src/lib/server/db/cli.ts', 'runMigrations', []);
