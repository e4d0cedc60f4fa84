// The demo's trial phase: the teams' protocols and indicators, schools and services that volunteer to
// try a short-listed innovation (some accepted, one declined, some waiting), and their reports —
// submitted before the trial is completed in the past edition, in progress in the current one.
// Each step is logged in the candidature's history (entry notes) at a date within the trial.
import type { Db } from '../../src/lib/server/db';
import type {
	FidelityLevel,
	IndicatorDirection,
	TrialSiteArea,
	TrialSiteKind
} from '../../src/lib/server/db/schema';
import { academieOfUai } from '../../src/lib/domain/uai';
import { appendEntryNote, withEntryLocked } from '../../src/lib/server/workflow/entry-notes';

/** The contacts of the demo's trial sites (password: the demo's). */
export const DEMO_SITE_CONTACTS = [
	{ email: 'site.marseille@demo.impulsions.fr', name: 'Karim Mansouri' },
	{ email: 'site.lille@demo.impulsions.fr', name: 'Pauline Lefort' },
	{ email: 'site.rennes@demo.impulsions.fr', name: 'Yann Le Goff' },
	{ email: 'site.toulouse@demo.impulsions.fr', name: 'Inès Garcia' }
] as const;

interface DemoSite {
	name: string;
	uai: string;
	kind: TrialSiteKind;
	priority: boolean;
	area: TrialSiteArea;
	size: number;
	/** Index in DEMO_SITE_CONTACTS. */
	contact: number;
}

const SITES: DemoSite[] = [
	{
		name: 'École élémentaire Saint-Charles, Marseille',
		uai: '0132045C',
		kind: 'ecole',
		priority: true,
		area: 'urbain',
		size: 220,
		contact: 0
	},
	{
		name: 'Collège Jean-Moulin, Lille',
		uai: '0590871B',
		kind: 'college',
		priority: true,
		area: 'urbain',
		size: 540,
		contact: 1
	},
	{
		name: 'Collège des Monts d’Arrée, Huelgoat',
		uai: '0351377G',
		kind: 'college',
		priority: false,
		area: 'rural',
		size: 310,
		contact: 2
	},
	{
		name: 'Lycée Bellevue, Toulouse',
		uai: '0310962C',
		kind: 'lycee',
		priority: false,
		area: 'urbain',
		size: 1200,
		contact: 3
	},
	{
		name: 'École primaire du Val, Saverne',
		uai: '0671520N',
		kind: 'ecole',
		priority: false,
		area: 'rural',
		size: 140,
		contact: 0
	},
	{
		name: 'Service départemental de la vie scolaire, Clermont-Ferrand',
		uai: '0631188Z',
		kind: 'service',
		priority: false,
		area: 'urbain',
		size: 45,
		contact: 1
	},
	{
		name: 'Lycée professionnel Les Feuillants, Poitiers',
		uai: '0861043S',
		kind: 'lycee',
		priority: true,
		area: 'urbain',
		size: 480,
		contact: 2
	},
	{
		name: 'Collège Roland-Garros, Le Tampon',
		uai: '9740588W',
		kind: 'college',
		priority: true,
		area: 'rural',
		size: 620,
		contact: 3
	}
];

interface DemoIndicator {
	name: string;
	unit: string;
	direction: IndicatorDirection;
	/** Typical value before the trial, and after it at a site that follows the protocol well. */
	before: number;
	after: number;
}

interface DemoProtocol {
	objectives: string;
	weeks: number;
	tasks: string[];
	capacity: number;
	indicators: DemoIndicator[];
}

type SitePlan =
	| { site: number; status: 'volunteer' | 'declined'; motivation?: string }
	| {
			site: number;
			status: 'accepted';
			/** No report yet, a draft, or a submitted report reaching `effect` of the expected change. */
			report?: { submitted: boolean; effect: number; satisfaction: number; continues: boolean };
	  };

export interface DemoTrial {
	protocol: DemoProtocol;
	sites: SitePlan[];
}

const submitted = (effect: number, satisfaction: number, continues = true) => ({
	submitted: true,
	effect,
	satisfaction,
	continues
});

/** The trials of the demo, by candidature title. */
export const DEMO_TRIALS: Record<string, DemoTrial> = {
	'Les convocations aux examens en langage clair': {
		protocol: {
			objectives:
				'Réécrire avec des usagers une convocation ou un courrier type du service, puis mesurer les appels et les erreurs de présentation.',
			weeks: 10,
			tasks: [
				'Réunir un atelier de relecture avec cinq usagers',
				'Réécrire le courrier selon la grille fournie',
				'Envoyer la nouvelle version pendant une session complète',
				'Compter les appels reçus au sujet du courrier'
			],
			capacity: 3,
			indicators: [
				{
					name: 'Appels au service au sujet du courrier',
					unit: 'appels par session',
					direction: 'decrease',
					before: 420,
					after: 150
				},
				{
					name: 'Candidats se présentant sans pièce requise',
					unit: '%',
					direction: 'decrease',
					before: 6,
					after: 2.5
				}
			]
		},
		sites: [
			{ site: 5, status: 'accepted', report: submitted(0.9, 5) },
			{ site: 3, status: 'accepted', report: submitted(0.7, 4) },
			{ site: 6, status: 'accepted', report: submitted(0.5, 4) }
		]
	},
	'Le laboratoire de fabrication partagé du lycée': {
		protocol: {
			objectives:
				'Ouvrir l’atelier de fabrication du lycée à deux écoles du secteur et former leurs enseignants avec les lycéens.',
			weeks: 12,
			tasks: [
				'Signer une convention avec deux écoles',
				'Organiser quatre séances de formation animées par des lycéens',
				'Accueillir un projet de classe de chaque école'
			],
			capacity: 3,
			indicators: [
				{
					name: 'Enseignants du premier degré formés',
					unit: 'enseignants',
					direction: 'increase',
					before: 0,
					after: 12
				},
				{
					name: 'Projets de classe réalisés à l’atelier',
					unit: 'projets',
					direction: 'increase',
					before: 0,
					after: 6
				}
			]
		},
		sites: [
			{ site: 3, status: 'accepted', report: submitted(0.8, 5) },
			{ site: 6, status: 'accepted', report: submitted(0.6, 4) },
			{ site: 7, status: 'declined' }
		]
	},
	'Un parcours d’orientation construit avec les entreprises du territoire': {
		protocol: {
			objectives:
				'Faire intervenir chaque mois un professionnel en classe de quatrième et proposer une journée d’observation.',
			weeks: 16,
			tasks: [
				'Constituer un réseau de dix professionnels volontaires',
				'Planifier une intervention par mois',
				'Organiser la journée d’observation'
			],
			capacity: 2,
			indicators: [
				{
					name: 'Élèves ayant un projet d’orientation écrit',
					unit: '%',
					direction: 'increase',
					before: 35,
					after: 70
				}
			]
		},
		sites: [
			{ site: 1, status: 'accepted', report: submitted(0.9, 5) },
			{ site: 2, status: 'accepted', report: submitted(0.6, 4) }
		]
	},
	'La salle des professeurs réaménagée par les équipes': {
		protocol: {
			objectives: 'Réaménager un espace commun des personnels avec eux, en trois ateliers.',
			weeks: 8,
			tasks: [
				'Mener un questionnaire auprès des personnels',
				'Tenir trois ateliers de conception',
				'Réaliser les aménagements votés'
			],
			capacity: 2,
			indicators: [
				{
					name: 'Personnels satisfaits de l’espace commun',
					unit: '%',
					direction: 'increase',
					before: 30,
					after: 75
				}
			]
		},
		sites: [
			{ site: 0, status: 'accepted', report: submitted(0.7, 4) },
			{ site: 4, status: 'accepted', report: submitted(0.3, 3, false) }
		]
	},
	'Un agenda partagé des sorties scolaires': {
		protocol: {
			objectives: 'Faire passer toutes les demandes de sortie d’un trimestre par un agenda commun.',
			weeks: 12,
			tasks: ['Paramétrer l’agenda commun', 'Former les enseignants', 'Suivre les demandes'],
			capacity: 2,
			indicators: [
				{
					name: 'Délai moyen de validation d’une sortie',
					unit: 'jours',
					direction: 'decrease',
					before: 12,
					after: 5
				}
			]
		},
		sites: [
			{ site: 2, status: 'accepted', report: submitted(0.4, 3, false) },
			{ site: 7, status: 'accepted', report: submitted(0.2, 2, false) }
		]
	},
	'La cour de récréation rendue aux élèves': {
		protocol: {
			objectives:
				'Concevoir avec les élèves et la commune une cour plus ombragée et mieux partagée, puis suivre les conflits signalés.',
			weeks: 20,
			tasks: [
				'Réunir un conseil d’élèves sur la cour',
				'Cartographier les usages de la cour',
				'Réaliser au moins deux aménagements',
				'Relever chaque semaine les conflits signalés'
			],
			capacity: 3,
			indicators: [
				{
					name: 'Conflits signalés pendant les récréations',
					unit: 'par semaine',
					direction: 'decrease',
					before: 14,
					after: 7
				},
				{
					name: 'Surface ombragée de la cour',
					unit: 'm²',
					direction: 'increase',
					before: 40,
					after: 160
				}
			]
		},
		sites: [
			{
				site: 4,
				status: 'volunteer',
				motivation:
					'Notre cour est entièrement goudronnée et la commune est prête à financer des plantations.'
			},
			{
				site: 0,
				status: 'volunteer',
				motivation:
					'Les conflits dans la cour pèsent sur les après-midis ; le conseil d’élèves demande des changements.'
			}
		]
	},
	'Des ateliers d’écriture entre collégiens et résidents d’EHPAD': {
		protocol: {
			objectives:
				'Faire écrire ensemble une classe de cinquième et les résidents d’un EHPAD voisin, et publier un recueil.',
			weeks: 12,
			tasks: [
				'Signer une convention avec un EHPAD voisin',
				'Tenir six ateliers d’écriture d’une heure',
				'Publier et offrir le recueil aux familles'
			],
			capacity: 4,
			indicators: [
				{
					name: 'Élèves ayant écrit au moins un texte complet',
					unit: '%',
					direction: 'increase',
					before: 55,
					after: 90
				},
				{
					name: 'Résidents participant aux ateliers',
					unit: 'résidents',
					direction: 'increase',
					before: 0,
					after: 12
				}
			]
		},
		sites: [
			{ site: 1, status: 'accepted', report: submitted(0.8, 5) },
			{
				site: 2,
				status: 'accepted',
				report: { submitted: false, effect: 0.5, satisfaction: 4, continues: true }
			},
			{
				site: 4,
				status: 'volunteer',
				motivation:
					'Une maison de retraite se trouve à deux rues de l’école ; nos élèves de CM2 pourraient y écrire.'
			},
			{ site: 0, status: 'declined' }
		]
	},
	'Un guichet unique pour les demandes de bourses': {
		protocol: {
			objectives:
				'Regrouper les formulaires de demande de bourse en un parcours unique et proposer un rendez-vous téléphonique.',
			weeks: 10,
			tasks: [
				'Publier le formulaire unique',
				'Proposer un rendez-vous téléphonique à chaque famille',
				'Suivre les dossiers incomplets'
			],
			capacity: 3,
			indicators: [
				{
					name: 'Dossiers de bourse incomplets',
					unit: '%',
					direction: 'decrease',
					before: 28,
					after: 9
				},
				{
					name: 'Délai moyen de traitement',
					unit: 'jours',
					direction: 'decrease',
					before: 21,
					after: 12
				}
			]
		},
		sites: [
			{ site: 5, status: 'accepted', report: submitted(0.8, 4) },
			{ site: 6, status: 'accepted', report: submitted(0.6, 5) },
			{ site: 3, status: 'accepted', report: submitted(0.4, 3, false) }
		]
	}
};

const MOTIVATION =
	'Notre équipe connaît la même difficulté ; la direction soutient l’essai et nous pouvons le mener cette année.';

/** One decimal, as a site would write it. */
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Seeds a candidature's trial between `from` and `to`: the protocol (by the lead), the sites that
 * volunteer (their contacts), the lead's decisions, and the reports. All in the caller's
 * transaction; each step logged in the candidature's history at its date.
 */
export async function seedTrial(
	trx: Db,
	entryId: number,
	trial: DemoTrial,
	people: { lead: number; contacts: number[] },
	window: { from: Date; to: Date }
): Promise<void> {
	const span = window.to.getTime() - window.from.getTime();
	const when = (share: number) => new Date(window.from.getTime() + Math.round(span * share));
	const contactOf = async (index: number) =>
		trx
			.selectFrom('users')
			.select(['id', 'name', 'email'])
			.where('id', '=', people.contacts[index])
			.executeTakeFirstOrThrow();

	await withEntryLocked(trx, entryId, async (lockedTrx, entry) => {
		const p = trial.protocol;
		const savedAt = when(0.02);
		await lockedTrx
			.insertInto('trial_protocols')
			.values({
				entry_id: entryId,
				objectives: p.objectives,
				duration_weeks: p.weeks,
				site_tasks: p.tasks.join('\n'),
				capacity: p.capacity,
				version: 1,
				updated_at: savedAt,
				updated_by: people.lead
			})
			.execute();
		const indicators = await lockedTrx
			.insertInto('trial_indicators')
			.values(
				p.indicators.map((i, position) => ({
					entry_id: entryId,
					position,
					name: i.name,
					unit: i.unit,
					direction: i.direction
				}))
			)
			.returning('id')
			.execute();
		await appendEntryNote(lockedTrx, entry, {
			type: 'SAVE_PROTOCOL',
			actorId: people.lead,
			payload: { indicators: indicators.length },
			at: savedAt
		});

		for (const [n, plan] of trial.sites.entries()) {
			const site = SITES[plan.site];
			const contact = await contactOf(site.contact);
			const volunteeredAt = when(0.05 + 0.03 * n);
			const { id: siteId } = await lockedTrx
				.insertInto('trial_sites')
				.values({
					entry_id: entryId,
					name: site.name,
					uai: site.uai,
					academie: academieOfUai(site.uai)?.academie ?? null,
					kind: site.kind,
					priority_education: site.priority,
					area: site.area,
					size: site.size,
					contact_user_id: contact.id,
					contact_name: contact.name,
					contact_email: contact.email,
					motivation: ('motivation' in plan && plan.motivation) || MOTIVATION,
					head_agreement: true,
					created_at: volunteeredAt
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await appendEntryNote(lockedTrx, entry, {
				type: 'VOLUNTEER_SITE',
				actorId: contact.id,
				payload: { site: siteId },
				at: volunteeredAt
			});
			if (plan.status === 'volunteer') continue;

			const decidedAt = when(0.2 + 0.02 * n);
			await lockedTrx
				.updateTable('trial_sites')
				.set({
					status: plan.status,
					decided_at: decidedAt,
					decided_by: people.lead,
					decline_reason:
						plan.status === 'declined'
							? 'Notre capacité d’accompagnement est atteinte pour cette année.'
							: ''
				})
				.where('id', '=', siteId)
				.execute();
			await appendEntryNote(lockedTrx, entry, {
				type: plan.status === 'accepted' ? 'ACCEPT_SITE' : 'DECLINE_SITE',
				actorId: people.lead,
				payload: { site: siteId },
				at: decidedAt
			});
			if (plan.status !== 'accepted' || !plan.report) continue;

			const r = plan.report;
			const reportAt = when(0.85 + 0.03 * n);
			const fidelity: FidelityLevel[] = p.tasks.map((_, i) =>
				r.effect >= 0.6 || i < p.tasks.length - 1 ? 'full' : 'partial'
			);
			const { id: reportId } = await lockedTrx
				.insertInto('trial_reports')
				.values({
					site_id: siteId,
					status: r.submitted ? 'submitted' : 'draft',
					fidelity: JSON.stringify(r.submitted ? fidelity : fidelity.slice(0, 1)),
					adaptations:
						r.effect >= 0.6
							? 'Aucune adaptation notable : le protocole a été suivi tel quel.'
							: 'Le calendrier a été resserré ; une étape a été menée en partie faute de temps.',
					satisfaction: r.satisfaction,
					will_continue: r.submitted ? r.continues : null,
					continue_reason: r.submitted
						? r.continues
							? 'Les équipes veulent poursuivre l’an prochain et l’étendre à d’autres classes.'
							: 'Les moyens humains manquent pour poursuivre sans accompagnement.'
						: '',
					comments: r.submitted ? 'Merci à l’équipe porteuse pour sa disponibilité.' : '',
					version: r.submitted ? 2 : 1,
					updated_at: reportAt,
					submitted_at: r.submitted ? reportAt : null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await lockedTrx
				.insertInto('trial_report_values')
				.values(
					p.indicators.map((indicator, i) => {
						// Each site starts a little apart from the typical value.
						const before = round1(indicator.before * (0.9 + 0.1 * ((plan.site + i) % 3)));
						const after = round1(before + (indicator.after - indicator.before) * r.effect);
						return {
							report_id: reportId,
							indicator_id: indicators[i].id,
							before,
							after: r.submitted || i === 0 ? after : null
						};
					})
				)
				.execute();
			if (r.submitted)
				await appendEntryNote(lockedTrx, entry, {
					type: 'SUBMIT_TRIAL_REPORT',
					actorId: contact.id,
					payload: { site: siteId },
					at: reportAt
				});
		}
	});
}
