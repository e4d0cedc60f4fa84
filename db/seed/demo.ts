// The demo shown on the first start: an organiser, jurors, teams, and three editions — a past one with
// its laureates (published), the current one in its trial phase, and the next one in eligibility — with
// candidatures in every state. Every phase and state is reached through `advance`, as in real use, so
// each candidature has a consistent, hash-chained history. Later features extend it.
import type { Db } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/auth/password';
import { advanceEdition, advanceEntry } from '../../src/lib/server/workflow/advance';
import type {
	Award,
	EditionEventType,
	EditionPhase,
	EntryEventType
} from '../../src/lib/server/workflow/rules';

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
const THEMES = ['Faire plus simple', 'Travailler autrement', 'Mieux répondre aux usagers'];

interface Step {
	type: EntryEventType;
	reason?: string;
	award?: Award;
	dueInDays?: number;
}

interface DemoEntry {
	title: string;
	summary: string;
	category: number;
	lead: number;
	member?: number;
	publishNames?: boolean;
	steps: Step[];
}

// The steps that take a candidature to a state, by the phase each is taken in.
const SUBMIT: Step = { type: 'SUBMIT' };
const ELIGIBLE: Step = { type: 'DECLARE_ELIGIBLE' };
const TO_FINALIST: Step[] = [
	SUBMIT,
	ELIGIBLE,
	{ type: 'SHORTLIST', reason: 'Un projet solide, transférable à d’autres établissements.' },
	{ type: 'START_TRIAL' },
	{ type: 'COMPLETE_TRIAL' }
];

const PAST: DemoEntry[] = [
	{
		title: 'Les convocations aux examens en langage clair',
		summary:
			'Les convocations du baccalauréat ont été réécrites avec des candidats : une page, les informations utiles d’abord, et un taux d’appels au service divisé par trois.',
		category: 0,
		lead: 2,
		publishNames: true,
		steps: [
			...TO_FINALIST,
			{ type: 'AWARD', award: 'prize', reason: 'Un gain net pour les familles.' }
		]
	},
	{
		title: 'Le laboratoire de fabrication partagé du lycée',
		summary:
			'Un fablab ouvert aux écoles du secteur, où des lycéens forment les professeurs des écoles à la découpe laser et à l’impression 3D pour leurs projets de classe.',
		category: 1,
		lead: 0,
		member: 0,
		publishNames: true,
		steps: [...TO_FINALIST, { type: 'AWARD', award: 'prize' }]
	},
	{
		title: 'Un parcours d’orientation construit avec les entreprises du territoire',
		summary:
			'Des professionnels viennent chaque mois présenter leur métier en classe de quatrième et accueillent des élèves pour une journée d’observation.',
		category: 2,
		lead: 1,
		publishNames: true,
		steps: [...TO_FINALIST, { type: 'AWARD', award: 'prize' }]
	},
	{
		title: 'La salle des professeurs réaménagée par les équipes',
		summary:
			'Les personnels ont repensé ensemble leur salle : un espace de travail calme, un coin d’échange, et des créneaux de concertation affichés.',
		category: 2,
		lead: 1,
		member: 1,
		steps: [...TO_FINALIST, { type: 'AWARD', award: 'mention' }]
	},
	{
		title: 'Un agenda partagé des sorties scolaires',
		summary:
			'Les demandes de sortie passent par un agenda commun qui vérifie encadrement et transport avant validation par la direction.',
		category: 0,
		lead: 0,
		steps: [...TO_FINALIST, { type: 'NOT_AWARDED', reason: 'Un outil utile, encore peu évalué.' }]
	},
	{
		title: 'La radio du collège',
		summary:
			'Une émission hebdomadaire préparée par les élèves et diffusée dans la cour et en ligne.',
		category: 1,
		lead: 2,
		steps: [SUBMIT, ELIGIBLE, { type: 'REJECT_AT_PRESELECTION' }]
	}
];

const CURRENT: DemoEntry[] = [
	{
		title: 'La cour de récréation rendue aux élèves',
		summary:
			'Les élèves ont conçu avec la commune une cour végétalisée, ombragée et partagée ; les conflits signalés ont baissé de moitié en un an.',
		category: 1,
		lead: 0,
		steps: [SUBMIT, ELIGIBLE, { type: 'SHORTLIST' }]
	},
	{
		title: 'Des ateliers d’écriture entre collégiens et résidents d’EHPAD',
		summary:
			'Chaque trimestre, une classe de cinquième écrit avec les résidents d’un EHPAD voisin un recueil de souvenirs publié et offert aux familles.',
		category: 1,
		lead: 1,
		member: 1,
		steps: [SUBMIT, ELIGIBLE, { type: 'SHORTLIST' }, { type: 'START_TRIAL' }]
	},
	{
		title: 'Un guichet unique pour les demandes de bourses',
		summary:
			'La DSDEN a regroupé les trois formulaires de demande de bourse en un seul parcours accompagné, avec un rendez-vous téléphonique proposé aux familles.',
		category: 0,
		lead: 2,
		steps: TO_FINALIST
	},
	{
		title: 'Le tutorat entre pairs en mathématiques',
		summary:
			'Des élèves de terminale accompagnent chaque semaine des élèves de seconde volontaires, avec un cahier de suivi partagé avec les professeurs.',
		category: 1,
		lead: 2,
		steps: [SUBMIT, ELIGIBLE, { type: 'REJECT_AT_PRESELECTION' }]
	},
	{
		title: 'Un tableau de bord des remplacements',
		summary:
			'Un tableur partagé qui rend visibles en temps réel les absences non remplacées et les ressources disponibles dans le bassin.',
		category: 0,
		lead: 1,
		steps: [
			SUBMIT,
			{
				type: 'DECLARE_INELIGIBLE',
				reason: 'Le projet n’a pas encore été mis en œuvre auprès des usagers.'
			}
		]
	},
	{
		title: 'Le prêt de matériel numérique aux familles',
		summary: 'Des tablettes prêtées aux familles sans équipement pendant les périodes d’examens.',
		category: 0,
		lead: 0,
		member: 0,
		steps: [SUBMIT, { type: 'WITHDRAW', reason: 'L’équipe présentera le projet l’an prochain.' }]
	}
];

const NEXT: DemoEntry[] = [
	{
		title: 'Le livret d’accueil numérique des nouveaux personnels',
		summary:
			'Un livret en ligne, co-écrit avec les agents arrivés l’an dernier, qui réunit en une page les démarches des deux premières semaines dans l’établissement.',
		category: 0,
		lead: 0,
		member: 0,
		steps: []
	},
	{
		title: 'Un club d’échecs intergénérationnel',
		summary: 'Des retraités du quartier animent chaque semaine un club d’échecs au collège.',
		category: 1,
		lead: 1,
		steps: [SUBMIT]
	},
	{
		title: 'Des menus de cantine choisis avec les élèves',
		summary:
			'Une commission d’élèves élabore chaque mois les menus avec le chef et la diététicienne ; le gaspillage a baissé d’un tiers.',
		category: 1,
		lead: 1,
		member: 1,
		steps: [
			SUBMIT,
			{
				type: 'REQUEST_CHANGES',
				reason: 'Merci de préciser les indicateurs de gaspillage et leur mode de mesure.',
				dueInDays: 10
			}
		]
	},
	{
		title: 'Les inscriptions en ligne simplifiées',
		summary:
			'Un formulaire unique, prérempli avec les données déjà connues, pour les inscriptions en lycée.',
		category: 0,
		lead: 2,
		steps: [
			SUBMIT,
			{ type: 'REQUEST_CHANGES', reason: 'Merci de joindre le bilan de la première rentrée.' },
			{ type: 'RESUBMIT' },
			ELIGIBLE
		]
	},
	{
		title: 'Une application de covoiturage pour les personnels',
		summary:
			'Une application proposée aux agents de la circonscription pour partager leurs trajets.',
		category: 2,
		lead: 0,
		steps: [
			SUBMIT,
			{
				type: 'DECLARE_INELIGIBLE',
				reason: 'Le projet relève d’une initiative privée, hors du service public d’éducation.'
			}
		]
	}
];

const DAY = 24 * 60 * 60_000;

/** Calendars in days from now: the past edition, the current one, the next one. */
function calendar(offsets: number[], now: number) {
	const [open, close, eligibility, preselection, trialStart, trialEnd, final, ceremony] =
		offsets.map((days) => new Date(now + days * DAY));
	return {
		opens_at: open,
		submissions_close_at: close,
		eligibility_at: eligibility,
		preselection_at: preselection,
		trial_starts_at: trialStart,
		trial_ends_at: trialEnd,
		final_at: final,
		ceremony_at: ceremony
	};
}

const LEAVE: Partial<Record<EditionPhase, EditionEventType>> = {
	draft: 'OPEN',
	open: 'CLOSE_SUBMISSIONS',
	eligibility: 'START_PRESELECTION',
	preselection: 'START_TRIAL',
	trial: 'START_FINAL',
	final: 'START_DELIBERATION',
	deliberation: 'PUBLISH',
	published: 'ARCHIVE'
};

// The phase each candidature step of the demo is taken in.
const STEP_PHASE: Record<EntryEventType, EditionPhase> = {
	SUBMIT: 'open',
	REQUEST_CHANGES: 'eligibility',
	RESUBMIT: 'eligibility',
	DECLARE_ELIGIBLE: 'eligibility',
	DECLARE_INELIGIBLE: 'eligibility',
	SHORTLIST: 'preselection',
	REJECT_AT_PRESELECTION: 'preselection',
	START_TRIAL: 'trial',
	COMPLETE_TRIAL: 'trial',
	AWARD: 'deliberation',
	NOT_AWARDED: 'deliberation',
	WITHDRAW: 'open'
};

const TEAM_EVENTS = new Set<EntryEventType>(['SUBMIT', 'RESUBMIT', 'WITHDRAW']);

function ok<T extends { ok: boolean }>(result: T, what: string): T {
	if (!result.ok)
		throw new Error(`Démo : ${what} refusé — ${(result as { reason?: string }).reason}`);
	return result;
}

/** Fills an empty database with the demo, in one transaction. */
export async function seedDemo(db: Db, origin = 'http://localhost:3000'): Promise<void> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const now = Date.now();
	const year = new Date(now).getFullYear();
	await db.transaction().execute(async (trx) => {
		const verified = new Date(now - 800 * DAY);
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

		const organiser = await insertUser(DEMO_ACCOUNTS.organiser, true);
		const jurors: number[] = [];
		for (const j of DEMO_ACCOUNTS.jurors) jurors.push(await insertUser(j));
		const leads: number[] = [];
		for (const t of DEMO_ACCOUNTS.teams) leads.push(await insertUser(t));
		const colleagues: number[] = [];
		for (const c of DEMO_ACCOUNTS.colleagues) colleagues.push(await insertUser(c));

		const editions = [
			{
				year: year - 1,
				target: 'published' as EditionPhase,
				entries: PAST,
				dates: calendar([-750, -660, -655, -630, -600, -480, -470, -450], now)
			},
			{
				year,
				target: 'trial' as EditionPhase,
				entries: CURRENT,
				dates: calendar([-390, -300, -295, -270, -40, 60, 75, 100], now)
			},
			{
				year: year + 1,
				target: 'eligibility' as EditionPhase,
				entries: NEXT,
				dates: calendar([-60, -4, -3, 20, 60, 150, 165, 190], now)
			}
		];

		for (const edition of editions) {
			const { id: editionId } = await trx
				.insertInto('editions')
				.values({ year: edition.year, title: `Prix Impulsions ${edition.year}`, ...edition.dates })
				.returning('id')
				.executeTakeFirstOrThrow();
			const categories = await trx
				.insertInto('categories')
				.values(CATEGORIES.map((name, position) => ({ edition_id: editionId, name, position })))
				.returning('id')
				.execute();
			await trx
				.insertInto('edition_themes')
				.values(THEMES.map((name, position) => ({ edition_id: editionId, name, position })))
				.execute();
			await trx
				.insertInto('edition_jurors')
				.values(jurors.map((user_id) => ({ edition_id: editionId, user_id })))
				.execute();

			const scripts: { id: number; entry: DemoEntry; next: number }[] = [];
			for (const entry of edition.entries) {
				const { id } = await trx
					.insertInto('entries')
					.values({
						edition_id: editionId,
						category_id: categories[entry.category].id,
						title: entry.title,
						summary: entry.summary,
						created_at: edition.dates.opens_at,
						updated_at: edition.dates.opens_at
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				const publish = entry.publishNames ?? false;
				await trx
					.insertInto('entry_members')
					.values([
						{ entry_id: id, user_id: leads[entry.lead], role: 'lead', publish_name: publish },
						...(entry.member === undefined
							? []
							: [
									{
										entry_id: id,
										user_id: colleagues[entry.member],
										role: 'member' as const,
										publish_name: publish
									}
								])
					])
					.execute();
				scripts.push({ id, entry, next: 0 });
			}

			// Walk the edition through its phases; in each, take the candidatures' steps of that phase.
			const phaseStart: Record<EditionPhase, Date> = {
				draft: new Date(edition.dates.opens_at.getTime() - DAY),
				open: edition.dates.opens_at,
				eligibility: edition.dates.eligibility_at,
				preselection: edition.dates.preselection_at,
				trial: edition.dates.trial_starts_at,
				final: edition.dates.final_at,
				deliberation: new Date(edition.dates.ceremony_at.getTime() - 7 * DAY),
				published: edition.dates.ceremony_at,
				archived: new Date(edition.dates.ceremony_at.getTime() + 365 * DAY)
			};
			let phase: EditionPhase = 'draft';
			for (;;) {
				let minute = 60;
				for (const script of scripts)
					while (script.next < script.entry.steps.length) {
						const step = script.entry.steps[script.next];
						const stepPhase = STEP_PHASE[step.type];
						if (stepPhase !== phase) break;
						const at = new Date(phaseStart[phase].getTime() + minute++ * 60_000);
						ok(
							await advanceEntry(
								trx,
								script.id,
								{
									type: step.type,
									reason: step.reason,
									award: step.award,
									dueAt: step.dueInDays
										? new Date(now + step.dueInDays * DAY).toISOString()
										: undefined,
									at
								},
								{ userId: TEAM_EVENTS.has(step.type) ? leads[script.entry.lead] : organiser },
								origin
							),
							`${step.type} « ${script.entry.title} »`
						);
						script.next++;
					}
				if (phase === edition.target) break;
				const move = LEAVE[phase]!;
				ok(
					await advanceEdition(
						trx,
						editionId,
						{ type: move, at: nextStart(phaseStart, phase) },
						{ userId: organiser },
						origin
					),
					`${move} ${edition.year}`
				);
				phase = nextPhase(phase);
			}
		}
	});
}

const ORDER: EditionPhase[] = [
	'draft',
	'open',
	'eligibility',
	'preselection',
	'trial',
	'final',
	'deliberation',
	'published',
	'archived'
];
const nextPhase = (phase: EditionPhase) => ORDER[ORDER.indexOf(phase) + 1];
/** A phase is entered at its start date (the opening a minute before its first submissions). */
const nextStart = (starts: Record<EditionPhase, Date>, phase: EditionPhase) =>
	new Date(starts[nextPhase(phase)].getTime() - 60_000);
