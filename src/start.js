// Starts the built server (`npm start`, `npm run serve`). adapter-node takes the site's origin from
// ORIGIN, and without it assumes https — then every form posted from http://localhost would be refused
// as cross-site. A local start therefore defaults ORIGIN to http://localhost:PORT; behind a proxy, set
// ORIGIN to the public URL (README, Configuration). It also allows request bodies of 12 MB (uploads).
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const port = process.env.PORT || '3000';
process.env.ORIGIN ||= `http://localhost:${port}`;
// Attachments are up to 10 MB each (checked with a French message); the request may carry a bit more.
process.env.BODY_SIZE_LIMIT ||= '12M';
const server = join(resolve(process.env.BUILD_DIR || 'build'), 'index.js');
console.info(`Prix Impulsions : ouvrez ${process.env.ORIGIN}`);
await import(pathToFileURL(server).href);
