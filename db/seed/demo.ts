// The demo shown on the first start: an organiser, jurors, teams, and three editions — a past one with
// its laureates (published), the current one in its trial phase, and the next one in eligibility — with
// candidatures in every state. Every phase and state is reached through `advance`, as in real use, so
// each candidature has a consistent, hash-chained history. Later features extend it.
//
// Every candidature is created with its dossier (demo-dossiers.ts): complete for those that are submitted,
// partial for the drafts, so that the completeness panel has something to show. Submitted ones carry one
// to three attachments, small real PDF and PNG files generated below and checked as an upload would be.
//
// The jury (demo-jury.ts): each edition has the prize's historical criteria, the three demo jurors with
// their rounds, établissement and expertise, and a conflict declared by one of them. The past edition
// and the current one went through a complete preselection — assignments made by the automatic
// assignment, reviews submitted before the decisions, which they agree with; the past edition also
// through a complete final round, its feedback released to the teams; the current one has its final
// round assigned, with a few reviews begun. The next edition has its first assignments prepared.
import { crc32, deflateSync } from 'node:zlib';
import { DOSSIER_LABELS, checkDossierDraft } from '../../src/lib/domain/dossier';
import { CONFLICT_REASON_MAX } from '../../src/lib/domain/jury-labels';
import { whyNotEditDossier, whyNotSubmitReview } from '../../src/lib/server/auth/permissions';
import type { Db } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/auth/password';
import { ROUND_STATES } from '../../src/lib/server/db/assignments';
import { sha256Hex } from '../../src/lib/server/db/attachments';
import { editionConflicts } from '../../src/lib/server/db/conflicts';
import { insertDefaultCriteria, listCriteria } from '../../src/lib/server/db/criteria';
import { FEEDBACK_PHASES, RELEASE_FEEDBACK } from '../../src/lib/server/db/feedback';
import { validateJuror } from '../../src/lib/server/db/jurors';
import { checkReview } from '../../src/lib/server/db/reviews';
import { loadEntryAccess } from '../../src/lib/server/db/entry-access';
import type { JuryRound } from '../../src/lib/server/db/schema';
import { safeFileName } from '../../src/lib/server/files/names';
import { attachmentProblem, sniffFileType } from '../../src/lib/server/files/sniff';
import { assignJurors } from '../../src/lib/server/jury/assignment';
import { advanceEdition, advanceEntry } from '../../src/lib/server/workflow/advance';
import { EDITION_MACHINE_VERSION } from '../../src/lib/server/workflow/edition.machine';
import { appendEvent } from '../../src/lib/server/workflow/event-log';
import type {
	Award,
	EditionEventType,
	EditionPhase,
	EntryEventType
} from '../../src/lib/server/workflow/rules';
import {
	DEMO_DOSSIERS,
	type Colour,
	type DemoDossier,
	type DemoFile,
	type DemoPicture
} from './demo-dossiers';
import {
	DEMO_CONFLICTS,
	DEMO_JURORS,
	DEMO_REVIEWS,
	JUROR_KEYS,
	type DemoReview,
	type JurorKey
} from './demo-jury';
import { DEMO_SITE_CONTACTS, DEMO_TRIALS, seedTrial } from './demo-trial';

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
	/** Index in CATEGORIES; none for a draft that has not chosen yet. */
	category?: number;
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
	},
	{
		title: 'La signature électronique des conventions de stage',
		summary:
			'Les conventions de stage des élèves de la voie professionnelle, signées en ligne par l’entreprise, la famille et le lycée.',
		lead: 0,
		steps: []
	}
];

const DAY = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;

type JurorRounds = Partial<Record<JurorKey, { preselection: boolean; final: boolean }>>;

interface DemoEdition {
	year: number;
	/** The phase the demo leaves it in. */
	target: EditionPhase;
	entries: DemoEntry[];
	dates: ReturnType<typeof calendar>;
	/** The rounds the jurors sit in, when not both. */
	rounds?: JurorRounds;
}

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
		const siteContacts: number[] = [];
		for (const c of DEMO_SITE_CONTACTS) siteContacts.push(await insertUser(c));

		const editions: DemoEdition[] = [
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
				dates: calendar([-60, -4, -3, 20, 60, 150, 165, 190], now),
				// This year, Ahmed Benali sits in the preselection only.
				rounds: { benali: { preselection: true, final: false } }
			}
		];
		const jurorIds = Object.fromEntries(JUROR_KEYS.map((key, i) => [key, jurors[i]])) as Record<
			JurorKey,
			number
		>;

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
			const themes = await trx
				.insertInto('edition_themes')
				.values(THEMES.map((name, position) => ({ edition_id: editionId, name, position })))
				.returning('id')
				.execute();
			await insertDefaultCriteria(trx, editionId);
			await seatJurors(
				trx,
				editionId,
				jurorIds,
				categories.map((c) => c.id),
				edition.rounds ?? {}
			);

			const scripts: { id: number; entry: DemoEntry; dossier: DemoDossier; next: number }[] = [];
			for (const entry of edition.entries) {
				const dossier = DEMO_DOSSIERS[entry.title];
				if (!dossier) throw new Error(`Démo : pas de dossier pour « ${entry.title} »`);
				// Checked as a draft save is: limits, UAI code, category and themes; the académie derived.
				const checked = checkDossierDraft(
					{
						title: entry.title,
						summary: entry.summary,
						etablissement_name: dossier.etablissement?.name ?? '',
						problem: dossier.text.problem ?? '',
						solution: dossier.text.solution ?? '',
						audience: dossier.text.audience ?? '',
						results: dossier.text.results ?? '',
						transferability: dossier.text.transferability ?? '',
						resources: dossier.text.resources ?? '',
						uai: dossier.etablissement?.uai ?? '',
						category_id: entry.category === undefined ? '' : String(categories[entry.category].id),
						themes: (dossier.themes ?? []).map((i) => String(themes[i].id)),
						publication_consent: dossier.consent ?? false
					},
					{ categoryIds: categories.map((c) => c.id), themeIds: themes.map((t) => t.id) }
				);
				if (!checked.ok)
					throw new Error(
						`Démo : dossier « ${entry.title} » refusé — ${Object.values(checked.errors).join(' ')}`
					);
				const { themes: themeIds, ...columns } = checked.values;
				const { id } = await trx
					.insertInto('entries')
					.values({
						edition_id: editionId,
						...columns,
						created_at: edition.dates.opens_at,
						updated_at: edition.dates.opens_at
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				if (themeIds.length > 0)
					await trx
						.insertInto('entry_themes')
						.values(themeIds.map((theme_id) => ({ entry_id: id, theme_id })))
						.execute();
				const publish = entry.publishNames ?? false;
				const lead = leads[entry.lead];
				await trx
					.insertInto('entry_members')
					.values([
						{ entry_id: id, user_id: lead, role: 'lead', publish_name: publish },
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
				// The files come in the minutes after the creation, before the first submission.
				for (const [i, file] of (dossier.files ?? []).entries()) {
					const by = i % 2 === 1 && entry.member !== undefined ? colleagues[entry.member] : lead;
					const at = new Date(edition.dates.opens_at.getTime() + (10 + i) * 60_000);
					await attach(trx, id, by, demoFile(file, entry.title, dossier), at);
				}
				scripts.push({ id, entry, dossier, next: 0 });
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
			const jury: JuryContext = {
				editionId,
				titles: new Map(scripts.map((s) => [s.id, s.entry.title])),
				jurors: jurorIds
			};
			let phase: EditionPhase = 'draft';
			for (;;) {
				// The jury scores a round in its phase, before the decisions taken in that phase.
				if (phase === 'preselection')
					await juryRound(trx, jury, 'preselection', true, {
						assigned: new Date(phaseStart.preselection.getTime() + 2 * HOUR),
						from: new Date(phaseStart.preselection.getTime() + 3 * DAY),
						to: new Date(
							Math.min(
								phaseStart.trial.getTime() - 3 * DAY,
								phaseStart.preselection.getTime() + 45 * DAY
							)
						)
					});
				if (phase === 'final')
					await juryRound(trx, jury, 'final', true, {
						assigned: new Date(phaseStart.final.getTime() + 2 * HOUR),
						from: new Date(phaseStart.final.getTime() + DAY),
						to: new Date(phaseStart.deliberation.getTime() - DAY)
					});
				// The preselection's decisions are taken at the end of the phase, once the jury has scored.
				const stepsStart =
					phase === 'preselection'
						? new Date(phaseStart.trial.getTime() - 2 * DAY)
						: phaseStart[phase];
				let minute = 60;
				// The trial phase runs in two passes: the trials start, the sites volunteer, are chosen
				// and report, then the trials are completed (COMPLETE_TRIAL needs the reports).
				const trialsDone = Math.min(phaseStart.final.getTime() - 3 * DAY, now - 2 * DAY);
				for (const pass of phase === 'trial' ? [1, 2] : [1]) {
					if (pass === 2) {
						for (const script of scripts) {
							const trial = DEMO_TRIALS[script.entry.title];
							if (!trial) continue;
							const completes = script.entry.steps.some((s) => s.type === 'COMPLETE_TRIAL');
							await seedTrial(
								trx,
								script.id,
								trial,
								{ lead: leads[script.entry.lead], contacts: siteContacts },
								{
									from: new Date(phaseStart.trial.getTime() + DAY),
									to: new Date(completes ? trialsDone - HOUR : now - HOUR)
								}
							);
						}
						minute = 0;
					}
					const passStart = pass === 2 ? new Date(trialsDone) : stepsStart;
					for (const script of scripts)
						while (script.next < script.entry.steps.length) {
							const step = script.entry.steps[script.next];
							const stepPhase = STEP_PHASE[step.type];
							if (stepPhase !== phase) break;
							if (phase === 'trial' && pass === 1 && step.type === 'COMPLETE_TRIAL') break;
							const at = new Date(passStart.getTime() + minute++ * 60_000);
							// The team answers a request for changes with the files asked for, then resubmits.
							if (step.type === 'RESUBMIT')
								for (const file of script.dossier.answerFiles ?? [])
									await attach(
										trx,
										script.id,
										leads[script.entry.lead],
										demoFile(file, script.entry.title, script.dossier),
										new Date(at.getTime() - 30_000)
									);
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

			// Where the edition stands: the feedback of the past edition released to its teams, the
			// final round of the current one assigned and begun, the first assignments of the next one.
			// The current edition's final drafts are a liberty of the demo: the application opens the
			// scoring of a round in its phase only (whyNotScore), and the edition is still in its trial;
			// until the final phase starts, `saveReview` refuses to change them.
			if (edition.target === 'published')
				await releaseFeedback(
					trx,
					editionId,
					organiser,
					new Date(phaseStart.published.getTime() + 2 * DAY)
				);
			if (edition.target === 'trial')
				await juryRound(trx, jury, 'final', false, {
					assigned: new Date(now - 10 * DAY),
					from: new Date(now - 6 * DAY),
					to: new Date(now - 2 * DAY)
				});
			if (edition.target === 'eligibility')
				await juryRound(trx, jury, 'preselection', false, {
					assigned: new Date(phaseStart.eligibility.getTime() + DAY),
					from: new Date(now),
					to: new Date(now)
				});
		}
	});
}

/**
 * The demo jurors join the edition's jury as the jury page adds them (server/db/jurors.ts, whose
 * functions open their own transaction): rounds, expertise and UAI checked by `validateJuror`, the
 * académie derived from the UAI.
 */
async function seatJurors(
	trx: Db,
	editionId: number,
	jurorIds: Record<JurorKey, number>,
	categoryIds: number[],
	rounds: JurorRounds
): Promise<void> {
	const seats = JUROR_KEYS.map((key) => {
		const juror = DEMO_JURORS[key];
		const checked = validateJuror(
			{
				email: '',
				preselection: rounds[key]?.preselection ?? true,
				final: rounds[key]?.final ?? true,
				expertise: juror.expertise.map((i) => String(categoryIds[i])),
				uai: juror.uai
			},
			categoryIds
		);
		if (!checked.ok)
			throw new Error(`Démo : juré ${key} refusé — ${Object.values(checked.errors).join(' ')}`);
		return { userId: jurorIds[key], input: checked.input };
	});
	await trx
		.insertInto('edition_jurors')
		.values(
			seats.map(({ userId, input }) => ({
				edition_id: editionId,
				user_id: userId,
				preselection: input.preselection,
				final: input.final,
				uai: input.uai,
				academie: input.academie
			}))
		)
		.execute();
	const expertise = seats.flatMap(({ userId, input }) =>
		input.categoryIds.map((category_id) => ({
			edition_id: editionId,
			user_id: userId,
			category_id
		}))
	);
	if (expertise.length > 0) await trx.insertInto('juror_expertise').values(expertise).execute();
}

interface JuryContext {
	editionId: number;
	/** The edition's candidatures: title by id. */
	titles: Map<number, string>;
	jurors: Record<JurorKey, number>;
}

/**
 * One jury round as it happens in the application, whose functions open their own transaction:
 *   - in the preselection, the first round, the conflicts the jurors declared (demo-jury.ts), a day
 *     after the assignment they were on (the organisers then ran the assignment again);
 *   - the automatic assignment of the candidatures in the round's scope, as `runAssignment` makes it
 *     (server/db/assignments.ts): K jurors each, none conflicted, within their expertise;
 *   - the reviews of demo-jury.ts, checked as the scoring form checks them (`checkReview`, and every
 *     criterion scored to submit), one after the other between `from` and `to`.
 * `complete`: every assignment has its review, submitted. Throws when the assignment and the reviews
 * of demo-jury.ts disagree.
 */
async function juryRound(
	trx: Db,
	jury: JuryContext,
	round: JuryRound,
	complete: boolean,
	times: { assigned: Date; from: Date; to: Date }
): Promise<void> {
	const { editionId, titles } = jury;
	const keyOf = new Map(JUROR_KEYS.map((key) => [jury.jurors[key], key]));
	if (round === 'preselection') {
		const declared = [...titles].flatMap(([entryId, title]) => {
			const conflict = DEMO_CONFLICTS[title];
			if (!conflict) return [];
			if (!conflict.reason.trim() || conflict.reason.length > CONFLICT_REASON_MAX)
				throw new Error(`Démo : raison du conflit sur « ${title} » vide ou trop longue`);
			const jurorId = jury.jurors[conflict.juror];
			return [
				{
					entry_id: entryId,
					juror_id: jurorId,
					source: 'juror' as const,
					reason: conflict.reason,
					declared_by: jurorId,
					created_at: new Date(times.assigned.getTime() + DAY)
				}
			];
		});
		if (declared.length > 0) await trx.insertInto('conflicts').values(declared).execute();
	}

	const { jurors_per_entry: k } = await trx
		.selectFrom('editions')
		.select('jurors_per_entry')
		.where('id', '=', editionId)
		.executeTakeFirstOrThrow();
	const entries = await trx
		.selectFrom('entries as e')
		.leftJoin('categories as c', 'c.id', 'e.category_id')
		.where('e.edition_id', '=', editionId)
		.where('e.state', 'in', ROUND_STATES[round])
		.select(['e.id', 'e.category_id', 'c.name as category_name'])
		.orderBy('e.id')
		.execute();
	const seats = await trx
		.selectFrom('edition_jurors as j')
		.innerJoin('users as u', 'u.id', 'j.user_id')
		.where('j.edition_id', '=', editionId)
		.where(round === 'final' ? 'j.final' : 'j.preselection', '=', true)
		.select(['u.id', 'u.name'])
		.orderBy('u.id')
		.execute();
	const expertise = await trx
		.selectFrom('juror_expertise')
		.where('edition_id', '=', editionId)
		.select(['user_id', 'category_id'])
		.execute();
	const conflicts = await editionConflicts(trx, editionId);
	const { assignments } = assignJurors({
		entries: entries.map((e) => ({
			id: e.id,
			categoryId: e.category_id ?? 0,
			categoryName: e.category_name ?? 'Sans catégorie'
		})),
		jurors: seats.map((j) => ({
			id: j.id,
			name: j.name,
			expertise: expertise.filter((x) => x.user_id === j.id).map((x) => x.category_id)
		})),
		conflicts: conflicts.map((c) => [c.jurorId, c.entryId] as const),
		fixed: [],
		k
	});
	if (assignments.length > 0)
		await trx
			.insertInto('assignments')
			.values(
				assignments.map(([juror_id, entry_id]) => ({
					entry_id,
					round,
					juror_id,
					manual: false,
					created_at: times.assigned
				}))
			)
			.execute();

	// The reviews of demo-jury.ts, each on an assignment.
	const assigned = new Set(assignments.map(([jurorId, entryId]) => `${jurorId}:${entryId}`));
	for (const [entryId, title] of titles)
		for (const key of Object.keys(DEMO_REVIEWS[title]?.[round] ?? {}) as JurorKey[])
			if (!assigned.has(`${jury.jurors[key]}:${entryId}`))
				throw new Error(`Démo : ${key} n’est pas affecté à « ${title} » (${round})`);
	const criteria = await listCriteria(trx, editionId, round);
	const done = new Map<number, number>();
	const planned = assignments
		.flatMap(([jurorId, entryId]) => {
			const title = titles.get(entryId)!;
			const review: DemoReview | undefined = DEMO_REVIEWS[title]?.[round]?.[keyOf.get(jurorId)!];
			if (complete && (!review || review.draft))
				throw new Error(
					`Démo : pas d’évaluation soumise par ${keyOf.get(jurorId)} de « ${title} » (${round})`
				);
			if (!review) return [];
			if (review.levels.length !== criteria.length)
				throw new Error(`Démo : ${review.levels.length} niveaux pour « ${title} » (${round})`);
			const checked = checkReview(criteria, {
				levels: Object.fromEntries(criteria.map((c, i) => [c.id, review.levels[i]])),
				commentTeam: review.team,
				commentJury: review.jury
			});
			if (!checked.ok)
				throw new Error(
					`Démo : évaluation de « ${title} » refusée — ${Object.values(checked.errors).join(' ')}`
				);
			const missing = criteria.filter((c) => checked.values.levels[c.id] === null);
			const refusal = whyNotSubmitReview(
				criteria.length,
				missing.map((c) => c.label)
			);
			if (!review.draft && refusal)
				throw new Error(`Démo : évaluation de « ${title} » non soumise — ${refusal}`);
			// Each juror works through his candidatures in order, the jurors side by side.
			const turn = done.get(jurorId) ?? 0;
			done.set(jurorId, turn + 1);
			return [{ jurorId, entryId, turn, review, levels: checked.values.levels }];
		})
		.sort((a, b) => a.turn - b.turn || a.jurorId - b.jurorId || a.entryId - b.entryId);
	if (planned.length === 0) return;
	const span = times.to.getTime() - times.from.getTime();
	const inserted = await trx
		.insertInto('reviews')
		.values(
			planned.map((p, i) => {
				const at = new Date(
					times.from.getTime() + Math.round(((i + 1) * span) / (planned.length + 1))
				);
				const submitted = !p.review.draft;
				return {
					entry_id: p.entryId,
					round,
					juror_id: p.jurorId,
					status: submitted ? ('submitted' as const) : ('draft' as const),
					comment_team: p.review.team.trim(),
					comment_jury: p.review.jury.trim(),
					// As `saveReview` leaves them: version 1 once saved, 2 once submitted.
					version: submitted ? 2 : 1,
					updated_at: at,
					submitted_at: submitted ? at : null
				};
			})
		)
		.returning(['id', 'entry_id', 'juror_id'])
		.execute();
	const scores = inserted.flatMap((r) => {
		const { levels } = planned.find((p) => p.entryId === r.entry_id && p.jurorId === r.juror_id)!;
		return criteria.flatMap((c) =>
			levels[c.id] === null ? [] : [{ review_id: r.id, criterion_id: c.id, level: levels[c.id]! }]
		);
	});
	if (scores.length > 0) await trx.insertInto('scores').values(scores).execute();
}

/**
 * Releases the jury's comments to the teams as `releaseFeedback` does (server/db/feedback.ts, which
 * opens its own transaction): in a phase that allows it, once reviews are submitted; sets
 * feedback_released_at, bumps the edition's version and logs RELEASE_FEEDBACK in its chain.
 */
async function releaseFeedback(
	trx: Db,
	editionId: number,
	organiser: number,
	at: Date
): Promise<void> {
	const edition = await trx
		.selectFrom('editions')
		.select(['phase', 'version'])
		.where('id', '=', editionId)
		.forUpdate()
		.executeTakeFirstOrThrow();
	if (!(FEEDBACK_PHASES as readonly string[]).includes(edition.phase))
		throw new Error(`Démo : avis du jury communiqués en phase ${edition.phase}`);
	const { n } = await trx
		.selectFrom('reviews as r')
		.innerJoin('entries as e', 'e.id', 'r.entry_id')
		.where('e.edition_id', '=', editionId)
		.where('r.status', '=', 'submitted')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	if (Number(n) === 0) throw new Error('Démo : aucun avis du jury à communiquer');
	await trx
		.updateTable('editions')
		.set({ feedback_released_at: at, version: edition.version + 1 })
		.where('id', '=', editionId)
		.execute();
	await appendEvent(trx, {
		editionId,
		entity: 'edition',
		entityId: editionId,
		actorId: organiser,
		type: RELEASE_FEEDBACK,
		from: edition.phase,
		to: edition.phase,
		payload: { reviews: Number(n) },
		at,
		machineVersion: EDITION_MACHINE_VERSION
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

/**
 * Stores a file as the attachments page does (server/db/attachments.ts): the team member must be
 * allowed to edit the dossier in its current state, the file passes the same checks (type from its
 * bytes, size, name, number of files), and the row keeps the content with its SHA-256. `addAttachments`
 * itself opens a transaction, which the demo's single transaction cannot nest.
 */
async function attach(
	trx: Db,
	entryId: number,
	userId: number,
	file: { name: string; bytes: Uint8Array },
	at: Date
): Promise<void> {
	const access = await loadEntryAccess(trx, userId, entryId);
	const { n } = await trx
		.selectFrom('attachments')
		.where('entry_id', '=', entryId)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const type = sniffFileType(file.bytes);
	const problem =
		(access ? whyNotEditDossier(access.relation, access.entry.state) : 'Candidature inconnue.') ??
		attachmentProblem(file.name, file.bytes, Number(n)) ??
		(type ? null : 'Type non reconnu.');
	if (problem || !type)
		throw new Error(`Démo : pièce jointe « ${file.name} » refusée — ${problem}`);
	await trx
		.insertInto('attachments')
		.values({
			entry_id: entryId,
			file_name: safeFileName(file.name, type.extension),
			mime: type.mime,
			size: file.bytes.length,
			sha256: sha256Hex(file.bytes),
			content: file.bytes,
			uploaded_by: userId,
			created_at: at
		})
		.execute();
}

/** The bytes of a demo attachment: a one-page PDF or a PNG picture. */
export function demoFile(
	file: DemoFile,
	title: string,
	dossier: DemoDossier
): { name: string; bytes: Uint8Array } {
	if ('png' in file) return { name: file.name, bytes: pngPicture(file.png) };
	const blocks: { text: string; bold?: boolean }[] = (file.pdf.paragraphs ?? []).map((text) => ({
		text
	}));
	for (const field of file.pdf.from ?? []) {
		blocks.push({ text: DOSSIER_LABELS[field], bold: true });
		blocks.push({ text: dossier.text[field] ?? '' });
	}
	const subtitle = [title, dossier.etablissement?.name].filter(Boolean).join(' — ');
	return { name: file.name, bytes: pdfDocument(file.pdf.heading, subtitle, blocks) };
}

// ---------------------------------------------------------------------------------------------
// Small real files, written by hand: a PDF 1.4 of one A4 page in the standard Helvetica fonts
// (WinAnsi encoding, so French accents show), and an 8-bit RGB PNG.

/** WinAnsi codes of the characters outside Latin-1 that French text uses. */
const WIN_ANSI: Record<string, number> = {
	'€': 0x80,
	'…': 0x85,
	Œ: 0x8c,
	'‘': 0x91,
	'’': 0x92,
	'“': 0x93,
	'”': 0x94,
	'–': 0x96,
	'—': 0x97,
	œ: 0x9c,
	'\u202f': 0xa0
};

/** A PDF literal string of `text` in WinAnsi, as a one-byte-per-character (latin1) string. */
function pdfText(text: string): string {
	let out = '(';
	for (const c of text) {
		const code = c.codePointAt(0)!;
		const byte =
			(code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)
				? code
				: (WIN_ANSI[c] ?? 0x3f);
		if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += '\\';
		out += String.fromCharCode(byte);
	}
	return `${out})`;
}

/** Cuts a paragraph into lines of at most `width` characters, between words. */
function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

/** A PDF with a heading, a subtitle and paragraphs (bold ones for labels), on one A4 page. */
export function pdfDocument(
	heading: string,
	subtitle: string,
	blocks: { text: string; bold?: boolean }[]
): Uint8Array {
	const body: string[] = [];
	let lines = 0;
	for (const block of blocks) {
		const font = block.bold ? '/F2' : '/F1';
		body.push(`${font} 10.5 Tf`);
		for (const line of wrap(block.text, 88)) {
			body.push(`${pdfText(line)} Tj T*`);
			lines++;
		}
		if (!block.bold) {
			body.push('T*');
			lines++;
		}
	}
	if (lines > 48) throw new Error(`Démo : « ${heading} » dépasse une page.`);
	const content = [
		'0 0 0.569 rg 56 796 483 6 re f',
		`BT /F2 16 Tf 0 0 0.569 rg 56 764 Td ${pdfText(heading)} Tj ET`,
		`BT /F1 9 Tf 0.35 g 12 TL 56 746 Td ${wrap(subtitle, 100)
			.map((line) => `${pdfText(line)} Tj T*`)
			.join(' ')} ET`,
		'0.8 G 0.5 w 56 722 m 539 722 l S',
		`BT 0.1 g 15 TL 56 700 Td ${body.join('\n')} ET`,
		`BT /F1 8 Tf 0.35 g 56 40 Td ${pdfText('Prix Impulsions — pièce jointe de la démonstration')} Tj ET`
	].join('\n');
	// The title in the document's properties: UTF-16BE with its byte order mark, in hexadecimal.
	const title = Array.from(heading, (c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R /Lang (fr-FR) >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ' +
			'/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		`<< /Title <feff${title}> /Producer (Prix Impulsions) >>`
	];
	// One character per byte throughout (latin1), so string lengths are byte offsets.
	let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((object, i) => {
		offsets.push(pdf.length);
		pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\n`;
	pdf += `startxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

const COLOURS: Record<Colour, [number, number, number]> = {
	blue: [0, 0, 145],
	red: [225, 0, 15],
	green: [24, 117, 60],
	grey: [160, 160, 160],
	sand: [238, 222, 186],
	white: [255, 255, 255]
};

/** A 320 × 200 PNG of the picture: blocks on a 16 × 10 grid of 20-pixel cells, or a bar chart. */
export function pngPicture(picture: DemoPicture): Uint8Array {
	const [width, height, cell] = [320, 200, 20];
	const rects: { x: number; y: number; w: number; h: number; colour: Colour }[] = [];
	if ('blocks' in picture) {
		for (const [x, y, w, h, colour] of picture.blocks)
			rects.push({ x: x * cell, y: y * cell, w: w * cell, h: h * cell, colour });
	} else {
		const max = Math.max(...picture.bars);
		const slot = 280 / picture.bars.length;
		rects.push({ x: 0, y: 0, w: width, h: 8, colour: 'blue' });
		picture.bars.forEach((value, i) => {
			const h = Math.round((value / max) * 150);
			const x = Math.round(20 + i * slot + slot * 0.2);
			rects.push({ x, y: 180 - h, w: Math.round(slot * 0.6), h, colour: picture.colour ?? 'blue' });
		});
		rects.push({ x: 16, y: 180, w: 288, h: 2, colour: 'grey' });
	}
	// Each row: filter type 0, then RGB triples; white where no block is drawn.
	const stride = 1 + width * 3;
	const raw = Buffer.alloc(stride * height, 255);
	for (let y = 0; y < height; y++) raw[y * stride] = 0;
	for (const r of rects) {
		const [red, green, blue] = COLOURS[r.colour];
		for (let y = Math.max(0, r.y); y < Math.min(height, r.y + r.h); y++)
			for (let x = Math.max(0, r.x); x < Math.min(width, r.x + r.w); x++) {
				const at = y * stride + 1 + x * 3;
				raw[at] = red;
				raw[at + 1] = green;
				raw[at + 2] = blue;
			}
	}
	const chunk = (type: string, data: Buffer) => {
		const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(typed));
		return Buffer.concat([length, typed, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter choice, no interlace
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', header),
			chunk('IDAT', deflateSync(raw, { level: 9 })),
			chunk('IEND', Buffer.alloc(0))
		])
	);
}
