// Fills an empty database with the demo on the first start and prints how to log in.
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../../db/seed/demo';
import { DEMO_SITE_CONTACTS } from '../../../db/seed/demo-trial';
import type { Db } from './db';
import { logger } from './log.js';

export async function isEmpty(db: Db): Promise<boolean> {
	const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
	return row === undefined;
}

export async function seedDemoIfEmpty(
	db: Db,
	options: { print: boolean; origin?: string }
): Promise<boolean> {
	if (!(await isEmpty(db))) {
		const demo = await db
			.selectFrom('users')
			.select('id')
			.where('email', '=', DEMO_ACCOUNTS.organiser.email)
			.executeTakeFirst();
		if (options.print && demo) logger.info(demoLogins('Données de démonstration déjà présentes.'));
		return false;
	}
	await seedDemo(db, options.origin);
	if (options.print) logger.info(demoLogins('Base remplie avec les données de démonstration.'));
	return true;
}

export function demoLogins(title: string): string {
	const line = (role: string, a: { email: string }) => `  ${role.padEnd(22)} ${a.email}`;
	return [
		title,
		`Comptes de démonstration (mot de passe commun : ${DEMO_PASSWORD}) :`,
		line('Organisatrice', DEMO_ACCOUNTS.organiser),
		...DEMO_ACCOUNTS.jurors.map((j) => line('Juré', j)),
		...DEMO_ACCOUNTS.teams.map((t) => line('Porteur de projet', t)),
		...DEMO_ACCOUNTS.colleagues.map((c) => line('Membre d’équipe', c)),
		...DEMO_SITE_CONTACTS.map((c) => line('Site d’essai', c))
	].join('\n');
}
