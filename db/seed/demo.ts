// The demo shown on the first start: an organiser, jurors, teams, an edition in progress with
// candidatures in different states, and a past edition with its laureates. Later features extend it.
import type { Db } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/auth/password';

export const DEMO_PASSWORD = 'impulsions-demo';

export const DEMO_ACCOUNTS = {
	organiser: { email: 'organisation@demo.impulsions.fr', name: 'Claire Martin' },
	jurors: [
		{ email: 'jure.benali@demo.impulsions.fr', name: 'Ahmed Benali' },
		{ email: 'jure.durand@demo.impulsions.fr', name: 'Sophie Durand' },
		{ email: 'jure.lefevre@demo.impulsions.fr', name: 'Marc Lefèvre' }
	],
	teams: [
		{ email: 'equipe.lycee@demo.impulsions.fr', name: 'Nadia Haddad' },
		{ email: 'equipe.college@demo.impulsions.fr', name: 'Julien Moreau' },
		{ email: 'equipe.dsden@demo.impulsions.fr', name: 'Élise Fontaine' }
	],
	colleagues: [
		{ email: 'collegue.lycee@demo.impulsions.fr', name: 'Thomas Girard' },
		{ email: 'collegue.college@demo.impulsions.fr', name: 'Camille Roux' }
	]
} as const;

const CATEGORIES = ['Prix de la simplification', 'Prix du projet innovant', 'Prix spécial du jury'];

interface DemoEntry {
	title: string;
	summary: string;
	category: number;
	state: string;
	award?: 'prize' | 'mention';
	lead: number;
	member?: number;
	publishNames?: boolean;
}

const CURRENT_ENTRIES: DemoEntry[] = [
	{
		title: 'Le livret d’accueil numérique des nouveaux personnels',
		summary:
			'Un livret en ligne, co-écrit avec les agents arrivés l’an dernier, qui réunit en une page les démarches des deux premières semaines dans l’établissement.',
		category: 0,
		state: 'draft',
		lead: 0,
		member: 0
	},
	{
		title: 'Des ateliers d’écriture entre collégiens et résidents d’EHPAD',
		summary:
			'Chaque trimestre, une classe de cinquième écrit avec les résidents d’un EHPAD voisin un recueil de souvenirs publié et offert aux familles.',
		category: 1,
		state: 'submitted',
		lead: 1,
		member: 1
	},
	{
		title: 'Un guichet unique pour les demandes de bourses',
		summary:
			'La DSDEN a regroupé les trois formulaires de demande de bourse en un seul parcours accompagné, avec un rendez-vous téléphonique proposé aux familles.',
		category: 0,
		state: 'changesRequested',
		lead: 2
	},
	{
		title: 'La cour de récréation rendue aux élèves',
		summary:
			'Les élèves ont conçu avec la commune une cour végétalisée, ombragée et partagée ; les conflits signalés ont baissé de moitié en un an.',
		category: 1,
		state: 'eligible',
		lead: 0
	},
	{
		title: 'Un tableau de bord des remplacements',
		summary:
			'Un tableur partagé qui rend visibles en temps réel les absences non remplacées et les ressources disponibles dans le bassin.',
		category: 0,
		state: 'ineligible',
		lead: 1
	},
	{
		title: 'Le tutorat entre pairs en mathématiques',
		summary:
			'Des élèves de terminale accompagnent chaque semaine des élèves de seconde volontaires, avec un cahier de suivi partagé avec les professeurs.',
		category: 1,
		state: 'withdrawn',
		lead: 2
	}
];

const PAST_ENTRIES: DemoEntry[] = [
	{
		title: 'Les convocations aux examens en langage clair',
		summary:
			'Les convocations du baccalauréat ont été réécrites avec des candidats : une page, les informations utiles d’abord, et un taux d’appels au service divisé par trois.',
		category: 0,
		state: 'laureate',
		award: 'prize',
		lead: 2,
		publishNames: true
	},
	{
		title: 'Le laboratoire de fabrication partagé du lycée',
		summary:
			'Un fablab ouvert aux écoles du secteur, où des lycéens forment les professeurs des écoles à la découpe laser et à l’impression 3D pour leurs projets de classe.',
		category: 1,
		state: 'laureate',
		award: 'prize',
		lead: 0,
		member: 0,
		publishNames: true
	},
	{
		title: 'Un parcours d’orientation construit avec les entreprises du territoire',
		summary:
			'Des professionnels viennent chaque mois présenter leur métier en classe de quatrième et accueillent des élèves pour une journée d’observation.',
		category: 2,
		state: 'laureate',
		award: 'prize',
		lead: 1,
		publishNames: true
	},
	{
		title: 'La salle des professeurs réaménagée par les équipes',
		summary:
			'Les personnels ont repensé ensemble leur salle : un espace de travail calme, un coin d’échange, et des créneaux de concertation affichés.',
		category: 2,
		state: 'laureate',
		award: 'mention',
		lead: 1,
		member: 1,
		publishNames: false
	},
	{
		title: 'Un agenda partagé des sorties scolaires',
		summary:
			'Les demandes de sortie passent par un agenda commun qui vérifie encadrement et transport avant validation par la direction.',
		category: 0,
		state: 'notAwarded',
		lead: 0
	},
	{
		title: 'La radio du collège',
		summary:
			'Une émission hebdomadaire préparée par les élèves et diffusée dans la cour et en ligne.',
		category: 1,
		state: 'notShortlisted',
		lead: 2
	}
];

/** Fills an empty database with the demo. Runs in one transaction. */
export async function seedDemo(db: Db): Promise<void> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db.transaction().execute(async (trx) => {
		const verified = new Date();
		const insertUser = async (u: { email: string; name: string }, organiser = false) =>
			(
				await trx
					.insertInto('users')
					.values({
						email: u.email,
						name: u.name,
						password_hash: passwordHash,
						email_verified_at: verified,
						is_organiser: organiser
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;

		await insertUser(DEMO_ACCOUNTS.organiser, true);
		const jurors = [];
		for (const j of DEMO_ACCOUNTS.jurors) jurors.push(await insertUser(j));
		const leads = [];
		for (const t of DEMO_ACCOUNTS.teams) leads.push(await insertUser(t));
		const colleagues = [];
		for (const c of DEMO_ACCOUNTS.colleagues) colleagues.push(await insertUser(c));

		const year = new Date().getFullYear();
		const editions = [
			{
				year: year - 1,
				title: `Prix Impulsions ${year - 1}`,
				phase: 'published',
				entries: PAST_ENTRIES,
				opens_at: new Date(`${year - 2}-11-01T08:00:00Z`),
				submissions_close_at: new Date(`${year - 1}-01-31T22:59:00Z`),
				ceremony_at: new Date(`${year - 1}-06-25T14:00:00Z`)
			},
			{
				year,
				title: `Prix Impulsions ${year}`,
				phase: 'eligibility',
				entries: CURRENT_ENTRIES,
				opens_at: new Date(`${year - 1}-11-01T08:00:00Z`),
				submissions_close_at: new Date(`${year}-01-31T22:59:00Z`),
				ceremony_at: new Date(`${year}-06-24T14:00:00Z`)
			}
		];

		for (const { entries, ...edition } of editions) {
			const { id: editionId } = await trx
				.insertInto('editions')
				.values(edition)
				.returning('id')
				.executeTakeFirstOrThrow();
			const categories = await trx
				.insertInto('categories')
				.values(CATEGORIES.map((name, position) => ({ edition_id: editionId, name, position })))
				.returning('id')
				.execute();
			await trx
				.insertInto('edition_jurors')
				.values(jurors.map((user_id) => ({ edition_id: editionId, user_id })))
				.execute();
			for (const entry of entries) {
				const { id: entryId } = await trx
					.insertInto('entries')
					.values({
						edition_id: editionId,
						category_id: categories[entry.category].id,
						title: entry.title,
						summary: entry.summary,
						state: entry.state,
						award: entry.award ?? null
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				const members: {
					entry_id: number;
					user_id: number;
					role: 'lead' | 'member';
					publish_name: boolean;
				}[] = [
					{
						entry_id: entryId,
						user_id: leads[entry.lead],
						role: 'lead',
						publish_name: entry.publishNames ?? false
					}
				];
				if (entry.member !== undefined)
					members.push({
						entry_id: entryId,
						user_id: colleagues[entry.member],
						role: 'member',
						publish_name: entry.publishNames ?? false
					});
				await trx.insertInto('entry_members').values(members).execute();
			}
		}
	});
}
