// `npm run seed:large -- --entries 10000 --jurors 1000`: the large edition (db/seed/large-cli.ts).
import { runModule } from '../run-module.js';

await runModule('/db/seed/large-cli.ts', 'main', [process.argv.slice(2)], { stack: true });
