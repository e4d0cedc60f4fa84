// `npm run db:backup -- FILE` and `npm run db:restore -- FILE [--remplacer]` (src/lib/server/backup).
// The first argument, given by package.json, is the mode: backup or restore.
import { runModule } from './run-module.js';

const [mode, ...args] = process.argv.slice(2);
await runModule('/src/lib/server/backup/cli.ts', 'main', [mode, args]);
