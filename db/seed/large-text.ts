// What the large seed writes (`npm run seed:large`): people's names, établissements with valid UAI
// codes across the 30 académies, and French dossiers, comments and reports of realistic length,
// composed from fragments with a seeded generator (large-random.ts). Pure: no I/O.
import { ACADEMIES, academieOfUai, uaiChecksumLetter } from '../../src/lib/domain/uai';
import type { Random } from './large-random';

// ---------------------------------------------------------------------------------------------
// People

const FIRST_NAMES = [
	'Camille',
	'Nadia',
	'Julien',
	'Élise',
	'Thomas',
	'Sophie',
	'Ahmed',
	'Marc',
	'Inès',
	'Yann',
	'Pauline',
	'Karim',
	'Claire',
	'Hugo',
	'Léa',
	'Mathieu',
	'Chloé',
	'Nicolas',
	'Sarah',
	'Antoine',
	'Manon',
	'Olivier',
	'Fatima',
	'Laurent',
	'Émilie',
	'Sébastien',
	'Aurélie',
	'François',
	'Amina',
	'Benoît',
	'Céline',
	'David',
	'Estelle',
	'Guillaume',
	'Hélène',
	'Jérôme',
	'Karine',
	'Loïc',
	'Mélanie',
	'Noémie',
	'Patrick',
	'Rachid',
	'Sandrine',
	'Théo',
	'Valérie',
	'Xavier',
	'Zoé',
	'Gaëlle',
	'Maël',
	'Anaïs',
	'Bruno',
	'Delphine',
	'Farid',
	'Isabelle',
	'Jean-Marc',
	'Lucie',
	'Marie-Hélène',
	'Pierre',
	'Rémi',
	'Samia'
] as const;

const LAST_NAMES = [
	'Martin',
	'Bernard',
	'Dubois',
	'Thomas',
	'Robert',
	'Richard',
	'Petit',
	'Durand',
	'Leroy',
	'Moreau',
	'Simon',
	'Laurent',
	'Lefèvre',
	'Michel',
	'Garcia',
	'David',
	'Bertrand',
	'Roux',
	'Vincent',
	'Fournier',
	'Morel',
	'Girard',
	'André',
	'Mercier',
	'Dupont',
	'Lambert',
	'Bonnet',
	'François',
	'Martinez',
	'Legrand',
	'Garnier',
	'Faure',
	'Rousseau',
	'Blanc',
	'Guérin',
	'Muller',
	'Henry',
	'Roussel',
	'Nicolas',
	'Perrin',
	'Morin',
	'Mathieu',
	'Clément',
	'Gauthier',
	'Dumont',
	'Lopez',
	'Fontaine',
	'Chevalier',
	'Robin',
	'Benali',
	'Haddad',
	'Mansouri',
	'Le Goff',
	'Le Gall',
	'Nguyen',
	'Diallo',
	'Bœuf',
	'Kerjean',
	'Ferreira',
	'Da Silva'
] as const;

/** A person's name: « Prénom Nom ». */
export function personName(random: Random): string {
	return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

// ---------------------------------------------------------------------------------------------
// Établissements

/** A valid UAI code in one of the académie's départements (7 digits, then the checksum letter). */
export function uaiIn(random: Random, academie: (typeof ACADEMIES)[number]): string {
	const prefix = random.pick(academie.uaiPrefixes);
	const digits = `${prefix}${String(random.int(0, 9999)).padStart(4, '0')}`;
	return `${digits}${uaiChecksumLetter(digits)}`;
}

export type EtablissementKind = 'ecole' | 'college' | 'lycee' | 'service';

export interface Etablissement {
	uai: string;
	name: string;
	academie: string;
	kind: EtablissementKind;
	rural: boolean;
	/** Pupils, or agents for a service. */
	size: number;
}

const PATRONS = [
	'Jean-Moulin',
	'Victor-Hugo',
	'Jules-Ferry',
	'Louise-Michel',
	'Marie-Curie',
	'Jean-Jaurès',
	'Simone-Veil',
	'George-Sand',
	'Albert-Camus',
	'Pierre-Mendès-France',
	'Olympe-de-Gouges',
	'Paul-Langevin',
	'Jacques-Prévert',
	'Colette',
	'Condorcet',
	'Marcel-Pagnol',
	'Aimé-Césaire',
	'Germaine-Tillion',
	'Lucie-Aubrac',
	'Antoine-de-Saint-Exupéry',
	'Jean-de-La-Fontaine',
	'Gustave-Eiffel',
	'Rosa-Parks',
	'Joséphine-Baker',
	'Émile-Zola',
	'Jean-Macé'
] as const;

const SCHOOL_NAMES = [
	'Les Tilleuls',
	'Le Petit Prince',
	'Les Cerisiers',
	'La Fontaine',
	'Le Centre',
	'Les Coquelicots',
	'Les Marronniers',
	'Pasteur',
	'Les Hirondelles',
	'Le Bourg'
] as const;

const SERVICES = [
	'Direction des services départementaux de l’éducation nationale',
	'Rectorat, division des examens et concours',
	'Rectorat, service académique d’information et d’orientation',
	'Circonscription du premier degré',
	'Délégation régionale académique au numérique éducatif',
	'Centre d’information et d’orientation'
] as const;

/** An établissement of the académie, with a valid UAI code. */
export function etablissement(random: Random, academie: (typeof ACADEMIES)[number]): Etablissement {
	const uai = uaiIn(random, academie);
	const roll = random.next();
	const rural = random.chance(0.3);
	if (roll < 0.3)
		return {
			uai,
			name: `École ${random.chance(0.5) ? 'élémentaire' : 'primaire'} ${random.pick(SCHOOL_NAMES)}`,
			academie: academie.academie,
			kind: 'ecole',
			rural,
			size: random.int(60, 350)
		};
	if (roll < 0.62)
		return {
			uai,
			name: `Collège ${random.pick(PATRONS)}`,
			academie: academie.academie,
			kind: 'college',
			rural,
			size: random.int(250, 900)
		};
	if (roll < 0.9)
		return {
			uai,
			name: `Lycée ${random.chance(0.3) ? 'professionnel ' : ''}${random.pick(PATRONS)}`,
			academie: academie.academie,
			kind: 'lycee',
			rural,
			size: random.int(400, 2000)
		};
	return {
		uai,
		name: `${random.pick(SERVICES)} — académie ${academieArticle(academie.academie)}`,
		academie: academie.academie,
		kind: 'service',
		rural: false,
		size: random.int(15, 400)
	};
}

/** « de Lyon », « d’Amiens ». */
export function academieArticle(name: string): string {
	return /^[AEIOUÉÈ]/.test(name) ? `d’${name}` : `de ${name}`;
}

/**
 * `count` établissements with distinct UAI codes, spread over the 30 académies in proportion to their
 * number of départements (the large académies get more).
 */
export function etablissementPool(random: Random, count: number): Etablissement[] {
	const weights = ACADEMIES.map((a) => a.uaiPrefixes.length);
	const total = weights.reduce((a, b) => a + b, 0);
	const pool: Etablissement[] = [];
	const seen = new Set<string>();
	while (pool.length < count) {
		let roll = random.next() * total;
		let index = 0;
		while (roll >= weights[index]) roll -= weights[index++];
		const e = etablissement(random, ACADEMIES[index]);
		if (seen.has(e.uai)) continue;
		seen.add(e.uai);
		pool.push(e);
	}
	return pool;
}

/** Checks a generated UAI the way the dossier form does: valid and in a known académie. */
export const isKnownUai = (uai: string) => academieOfUai(uai) !== null;

// ---------------------------------------------------------------------------------------------
// Dossiers

interface Noun {
	word: string;
	feminine: boolean;
}

const NOUNS: Noun[] = [
	{ word: 'Un atelier', feminine: false },
	{ word: 'Une plateforme', feminine: true },
	{ word: 'Un réseau', feminine: false },
	{ word: 'Un dispositif', feminine: false },
	{ word: 'Une cellule', feminine: true },
	{ word: 'Un parcours', feminine: false },
	{ word: 'Un tableau de bord', feminine: false },
	{ word: 'Un guide', feminine: false },
	{ word: 'Une application', feminine: true },
	{ word: 'Un espace', feminine: false },
	{ word: 'Un club', feminine: false },
	{ word: 'Une charte', feminine: true },
	{ word: 'Un laboratoire', feminine: false },
	{ word: 'Une radio', feminine: true },
	{ word: 'Un tutorat', feminine: false },
	{ word: 'Une permanence', feminine: true },
	{ word: 'Un guichet unique', feminine: false },
	{ word: 'Une semaine', feminine: true },
	{ word: 'Un livret', feminine: false },
	{ word: 'Une classe', feminine: true }
];

const QUALIFIERS: [string, string][] = [
	['partagé', 'partagée'],
	['numérique', 'numérique'],
	['coopératif', 'coopérative'],
	['inclusif', 'inclusive'],
	['interdegrés', 'interdegrés'],
	['de proximité', 'de proximité'],
	['itinérant', 'itinérante'],
	['ouvert', 'ouverte'],
	['collaboratif', 'collaborative'],
	['intergénérationnel', 'intergénérationnelle'],
	['hebdomadaire', 'hebdomadaire'],
	['accessible', 'accessible']
];

const PURPOSES = [
	'pour l’orientation des élèves de troisième',
	'pour simplifier les inscriptions au lycée',
	'pour accueillir les nouveaux personnels',
	'contre le décrochage scolaire',
	'au service des familles allophones',
	'pour la lecture à voix haute en cycle 2',
	'pour préparer le grand oral',
	'pour réduire le gaspillage à la cantine',
	'pour les élèves à besoins éducatifs particuliers',
	'pour le remplacement des absences de courte durée',
	'entre collégiens et résidents d’EHPAD',
	'pour les stages d’observation en entreprise',
	'pour l’éducation aux médias et à l’information',
	'pour apprendre à coder dès l’école',
	'pour les mathématiques en seconde',
	'pour la santé mentale des lycéens',
	'pour accompagner les demandes de bourses',
	'pour la continuité pédagogique en zone rurale',
	'pour la transition écologique de l’établissement',
	'pour la liaison école-collège',
	'pour l’égalité entre filles et garçons en sciences',
	'pour les conventions de stage en voie professionnelle',
	'pour l’accueil des élèves en situation de handicap',
	'pour le bien-être des personnels'
];

/** A candidature's title: « Une plateforme partagée pour l’orientation des élèves de troisième ». */
export function entryTitle(random: Random): string {
	const noun = random.pick(NOUNS);
	const qualifier = random.pick(QUALIFIERS)[noun.feminine ? 1 : 0];
	return `${noun.word} ${qualifier} ${random.pick(PURPOSES)}`;
}

const PUBLICS = [
	'les élèves de sixième',
	'les lycéens de la voie professionnelle',
	'les familles éloignées de l’école',
	'les professeurs néo-titulaires',
	'les agents administratifs du rectorat',
	'les élèves allophones',
	'les élèves de cycle 3',
	'les assistants d’éducation',
	'les personnels de direction du bassin',
	'les élèves internes',
	'les parents délégués',
	'les apprentis du lycée des métiers'
];

const PROBLEMS = [
	'Chaque année, {public} arrivaient sans repères et les équipes passaient les premières semaines à répondre aux mêmes questions.',
	'Les démarches reposaient sur trois formulaires papier différents, remplis plusieurs fois et souvent incomplets.',
	'Le taux d’absentéisme de {public} dépassait {pct} % au deuxième trimestre, sans que les équipes disposent d’un suivi partagé.',
	'Les informations utiles étaient dispersées entre plusieurs services, et personne n’avait de vue d’ensemble.',
	'Un diagnostic conduit avec {public} a montré que {pct} % d’entre eux ne savaient pas à qui s’adresser en cas de difficulté.',
	'Les délais de traitement atteignaient {n} jours, ce qui retardait d’autant les réponses apportées aux familles.',
	'Les échanges entre l’école et le collège se limitaient à une réunion annuelle, trop tardive pour préparer l’entrée en sixième.',
	'Les enseignants constataient une baisse régulière de la motivation en fin d’année, en particulier chez {public}.',
	'Les outils existants n’étaient pas accessibles aux personnes en situation de handicap.',
	'Les appels au secrétariat se concentraient sur quelques semaines et saturaient le service.',
	'Faute de temps de concertation, les bonnes pratiques restaient confinées à quelques classes.',
	'Le territoire, très rural, impose des trajets de plus de {n} minutes pour rejoindre les ressources du bassin.'
];

const SOLUTIONS = [
	'L’équipe a conçu avec {public} un outil simple, testé pendant {n} semaines puis ajusté à partir de leurs retours.',
	'Un référent par niveau accompagne désormais chaque démarche, avec un calendrier affiché dès la rentrée.',
	'Les documents ont été réécrits en langage clair : une page, les informations utiles d’abord.',
	'Des binômes associant un enseignant et un personnel de vie scolaire animent des séances courtes chaque semaine.',
	'Un tableau partagé rend visibles en temps réel les besoins et les ressources disponibles.',
	'Le projet s’appuie sur des outils déjà disponibles dans l’environnement numérique de travail, sans coût supplémentaire.',
	'Les élèves eux-mêmes jouent le rôle de tuteurs, après une courte formation assurée par l’équipe.',
	'Un temps de concertation mensuel permet d’ajuster le dispositif et de partager les réussites.',
	'Des partenaires locaux (commune, associations, entreprises) interviennent selon un programme construit ensemble.',
	'Les familles sont associées dès le départ, avec des rencontres organisées en fin de journée.',
	'Chaque étape est documentée dans un guide que d’autres équipes peuvent reprendre tel quel.',
	'Une permanence téléphonique est proposée deux après-midi par semaine pendant les périodes chargées.'
];

const AUDIENCES = [
	'Le projet concerne directement {n} élèves et {m} personnels de l’établissement.',
	'Il s’adresse en priorité à {public}, puis à l’ensemble de la communauté éducative.',
	'Les familles sont les premières bénéficiaires : {n} foyers ont utilisé le dispositif la première année.',
	'Trois écoles du secteur et le collège de rattachement participent au projet.',
	'Les personnels administratifs y gagnent un temps précieux pendant les périodes de pointe.',
	'Le dispositif est ouvert à tous les volontaires, sans sélection préalable.'
];

const RESULTS = [
	'Le nombre d’appels au service a baissé de {pct} % en un an.',
	'{pct} % des participants se déclarent satisfaits ou très satisfaits dans l’enquête de fin d’année.',
	'Le délai moyen de traitement est passé de {n} à {m} jours.',
	'Les absences non justifiées ont diminué de {pct} % sur la période observée.',
	'Les résultats aux évaluations nationales progressent de {m} points dans les classes concernées.',
	'Les enseignants estiment gagner en moyenne {m} heures par mois.',
	'Aucun dossier incomplet n’a été signalé depuis la mise en place.',
	'Le taux de passage dans la voie choisie atteint {pct} %, contre {m} % auparavant.',
	'Les élèves tuteurs progressent eux aussi, selon leurs professeurs principaux.',
	'Un questionnaire anonyme, renseigné par {n} personnes, confirme ces constats.'
];

const TRANSFERS = [
	'Le guide de mise en œuvre, les modèles de documents et le calendrier type sont disponibles pour les équipes intéressées.',
	'Le projet ne demande ni matériel spécifique ni budget propre : il peut être repris dans tout établissement.',
	'Deux établissements voisins l’ont déjà adapté à leur contexte, avec des résultats comparables.',
	'La principale condition est un temps de coordination, estimé à {m} heures par mois.',
	'Une courte formation, d’une demi-journée, suffit pour lancer le dispositif.',
	'L’équipe propose d’accompagner à distance les premiers sites qui souhaitent l’essayer.'
];

const RESOURCES = [
	'Une décharge de {m} heures hebdomadaires pour le coordonnateur.',
	'Des heures supplémentaires effectives pour les intervenants, soit environ {n} heures par an.',
	'Un budget de {n} euros pour l’impression des supports et les déplacements.',
	'Aucun moyen supplémentaire : le projet utilise les outils et les temps de concertation existants.',
	'L’appui ponctuel du conseiller pédagogique de circonscription.',
	'Une salle disponible deux demi-journées par semaine.'
];

const SUMMARY_OPENINGS = [
	'Avec {public}, l’équipe a imaginé',
	'Pour répondre aux besoins de {public}, l’établissement a mis en place',
	'Depuis deux ans, l’équipe fait vivre',
	'À l’initiative des personnels, le service a créé'
];

function fill(random: Random, template: string): string {
	return template
		.replace(/\{public\}/g, () => random.pick(PUBLICS))
		.replace(/\{pct\}/g, () => String(random.int(12, 85)))
		.replace(/\{n\}/g, () => String(random.int(20, 600)))
		.replace(/\{m\}/g, () => String(random.int(2, 18)));
}

/** A paragraph of `min` to `max` distinct sentences from the list. */
function paragraph(random: Random, sentences: readonly string[], min: number, max: number) {
	return random
		.sample(sentences, random.int(min, max))
		.map((s) => fill(random, s))
		.join(' ');
}

export interface DossierText {
	summary: string;
	problem: string;
	solution: string;
	audience: string;
	results: string;
	transferability: string;
	resources: string;
}

/** Every field of a dossier, each within the form's limits (summary ≤ 500, others ≤ 5,000). */
export function dossierText(random: Random, title: string): DossierText {
	const subject = title.charAt(0).toLowerCase() + title.slice(1);
	const summary = `${fill(random, random.pick(SUMMARY_OPENINGS))} ${subject}. ${fill(
		random,
		random.pick(RESULTS)
	)}`;
	return {
		summary: summary.slice(0, 500),
		problem: [paragraph(random, PROBLEMS, 3, 5), paragraph(random, PROBLEMS, 2, 3)].join('\n\n'),
		solution: [paragraph(random, SOLUTIONS, 3, 5), paragraph(random, SOLUTIONS, 2, 4)].join('\n\n'),
		audience: paragraph(random, AUDIENCES, 2, 4),
		results: paragraph(random, RESULTS, 3, 6),
		transferability: paragraph(random, TRANSFERS, 2, 4),
		resources: paragraph(random, RESOURCES, 1, 3)
	};
}

// ---------------------------------------------------------------------------------------------
// The jury's comments, decisions and trial reports

const TEAM_COMMENTS = [
	'Un projet clair, bien documenté, dont les résultats sont mesurés.',
	'La démarche est convaincante ; précisez le temps réellement consacré par les équipes.',
	'Des résultats encourageants, à consolider sur une deuxième année.',
	'La transférabilité mériterait d’être mieux décrite : quelles conditions pour un autre établissement ?',
	'Bravo pour l’association des élèves à toutes les étapes du projet.',
	'Le dossier gagnerait à présenter des indicateurs chiffrés.',
	'Une idée simple et efficace, facile à reprendre ailleurs.',
	'Le coût du dispositif paraît élevé au regard du public touché.'
];

const JURY_COMMENTS = [
	'À retenir.',
	'Projet solide, mais peu innovant.',
	'Coup de cœur : à défendre en jury.',
	'Impact réel, documentation à compléter.',
	'Hésitation entre 2 et 3 sur l’impact.',
	'À discuter : résultats encore fragiles.',
	''
];

/** A juror's comments for the team and for the jury only. */
export function reviewComments(random: Random): { team: string; jury: string } {
	return {
		team: random.sample(TEAM_COMMENTS, random.int(1, 2)).join(' '),
		jury: random.pick(JURY_COMMENTS)
	};
}

export const INELIGIBILITY_REASONS = [
	'Le projet n’a pas encore été mis en œuvre auprès des usagers.',
	'Le projet relève d’une initiative privée, hors du service public d’éducation.',
	'Le dossier présente une action ponctuelle plutôt qu’une innovation durable.',
	'L’équipe ne compte aucun agent du ministère.'
] as const;

export const CHANGE_REQUESTS = [
	'Merci de préciser les indicateurs retenus et leur mode de mesure.',
	'Merci de joindre le bilan de la première année.',
	'Merci de compléter la rubrique « Moyens nécessaires ».'
] as const;

export const WITHDRAWAL_REASONS = [
	'L’équipe présentera le projet l’an prochain.',
	'Le porteur du projet a changé d’affectation.',
	''
] as const;

const PROTOCOL_OBJECTIVES = [
	'Vérifier que le dispositif produit les mêmes effets dans des contextes différents, en particulier en zone rurale et en éducation prioritaire.',
	'Mesurer le temps gagné par les équipes et la satisfaction des usagers après un trimestre de mise en œuvre.',
	'Identifier les conditions minimales de réussite et les adaptations nécessaires selon la taille de l’établissement.'
];

const SITE_TASKS = [
	'Désigner un référent et réunir l’équipe volontaire',
	'Présenter le dispositif aux usagers concernés',
	'Mettre en œuvre les séances prévues par le guide',
	'Relever les indicateurs avant et après l’essai',
	'Remplir le questionnaire de satisfaction',
	'Participer au bilan en visioconférence'
];

const INDICATORS: { name: string; unit: string; direction: 'increase' | 'decrease' | 'stable' }[] =
	[
		{ name: 'Appels au secrétariat par semaine', unit: 'appels', direction: 'decrease' },
		{ name: 'Élèves satisfaits', unit: '%', direction: 'increase' },
		{ name: 'Absences non justifiées par mois', unit: 'demi-journées', direction: 'decrease' },
		{ name: 'Dossiers complets au premier dépôt', unit: '%', direction: 'increase' },
		{ name: 'Temps de traitement moyen', unit: 'jours', direction: 'decrease' },
		{ name: 'Participation des familles aux réunions', unit: '%', direction: 'increase' }
	];

/** A trial protocol: objectives, duration, the sites' tasks (one per line) and 2 or 3 indicators. */
export function trialProtocol(random: Random) {
	return {
		objectives: random.pick(PROTOCOL_OBJECTIVES),
		weeks: random.int(6, 16),
		tasks: random.sample(SITE_TASKS, random.int(3, 5)),
		indicators: random.sample(INDICATORS, random.int(2, 3))
	};
}

export const SITE_MOTIVATIONS = [
	'Notre établissement rencontre exactement la difficulté décrite et l’équipe est prête à s’engager.',
	'Nous cherchons une solution simple à reproduire, et celle-ci a fait ses preuves.',
	'Le conseil pédagogique a retenu ce projet pour l’année ; la direction soutient la démarche.'
] as const;

export const REPORT_COMMENTS = [
	'L’essai s’est bien déroulé ; les élèves se sont approprié le dispositif rapidement.',
	'Des débuts difficiles, puis une vraie dynamique à partir de la quatrième semaine.',
	'Le guide fourni par l’équipe a été très utile ; quelques documents ont été adaptés.',
	'Résultats contrastés selon les classes, mais l’équipe souhaite continuer.'
] as const;
