// Entry point of `npm run organiser:add -- address` (see db/organiser-add.js): migrates the database
// (as the server does at start-up), then gives the organiser role (addOrganiserByCommand). Returns the
// process's exit code; every message is French.
import { loadConfig } from '../config';
import { openDatabase } from '../db/index';
import { migrateToLatest } from '../db/migrate';
import { INVITATION_DAYS } from './invitations';
import { addOrganiserByCommand } from './organisers';

export const ORGANISER_ADD_USAGE =
	'Usage : npm run organiser:add -- adresse@exemple.fr (une seule adresse électronique).';

export async function addOrganiserCommand(
	args: string[],
	print: (line: string) => void = console.info,
	printError: (line: string) => void = console.error
): Promise<number> {
	const addresses = args.filter((a) => a.trim() !== '');
	if (addresses.length !== 1) {
		printError(ORGANISER_ADD_USAGE);
		return 1;
	}
	const config = loadConfig();
	const handle = await openDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.pgliteDataDir
	});
	try {
		await migrateToLatest(handle.db);
		const origin = config.origin ?? `http://localhost:${config.port}`;
		const result = await addOrganiserByCommand(handle.db, addresses[0], origin);
		if (!result.ok) {
			printError(result.message);
			return 1;
		}
		if (result.kind === 'invited')
			print(
				`Aucun compte pour ${result.email} : invitation d’organisateur créée. Lien pour créer le compte et choisir le mot de passe (valable ${INVITATION_DAYS} jours, aussi envoyé par courriel) : ${result.link}`
			);
		else if (result.kind === 'already')
			print(`${result.name} (${result.email}) est déjà organisateur : rien à faire.`);
		else
			print(
				`${result.name} (${result.email}) est désormais organisateur ; un courriel l’en avertit. Il se connecte avec son mot de passe habituel.`
			);
		return 0;
	} finally {
		await handle.close();
	}
}
