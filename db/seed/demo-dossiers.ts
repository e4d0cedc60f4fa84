// The demo's dossiers: for each candidature of db/seed/demo.ts (by title), its établissement, themes,
// texts and attachments. Submitted candidatures have complete dossiers; the drafts are partly filled, so
// that the completeness panel has something to show. The établissements and figures are invented; the
// UAI codes are valid (checksum letter and département), and the académie is derived from them.
// Attachments are described here and generated as small real PDF and PNG files by the seed.
import type { DossierTextField } from '../../src/lib/domain/dossier';

/** The dossier's long texts (title and summary are in demo.ts, the établissement below). */
export type DemoText = Exclude<DossierTextField, 'title' | 'summary' | 'etablissement_name'>;

export type Colour = 'blue' | 'red' | 'green' | 'grey' | 'sand' | 'white';

/** A picture on a grid of 16 × 10 cells: blocks [x, y, width, height, colour], or a bar chart. */
export type DemoPicture =
	{ blocks: [number, number, number, number, Colour][] } | { bars: number[]; colour?: Colour };

/**
 * A file the team attaches: a one-page PDF (its heading, free paragraphs, then dossier texts under
 * their labels), or a PNG picture.
 */
export type DemoFile =
	| { name: string; pdf: { heading: string; paragraphs?: string[]; from?: DemoText[] } }
	| { name: string; png: DemoPicture };

export interface Etablissement {
	name: string;
	uai: string;
}

export interface DemoDossier {
	etablissement?: Etablissement;
	/** Indexes in the edition's themes. */
	themes?: number[];
	text: Partial<Record<DemoText, string>>;
	consent?: boolean;
	/** Attached before the first submission, the first by the lead, the next by a co-author if any. */
	files?: DemoFile[];
	/** Attached by the lead in answer to a request for changes, just before resubmitting. */
	answerFiles?: DemoFile[];
}

const LYCEE: Etablissement = {
	name: 'Lycée polyvalent Louise-Michel, Vénissieux',
	uai: '0693734J'
};
const ECOLE: Etablissement = {
	name: 'École élémentaire Paul-Langevin, Vénissieux',
	uai: '0691482L'
};
const CIRCONSCRIPTION: Etablissement = {
	name: 'Circonscription de l’éducation nationale de Vénissieux',
	uai: '0692617V'
};
const COLLEGE: Etablissement = { name: 'Collège Jules-Verne, Rezé', uai: '0440921M' };
const DSDEN: Etablissement = {
	name: 'Direction des services départementaux de l’éducation nationale de la Gironde',
	uai: '0331544Z'
};
const COLLEGE_LIBOURNE: Etablissement = {
	name: 'Collège Aliénor-d’Aquitaine, Libourne',
	uai: '0330887K'
};
const LYCEE_LORMONT: Etablissement = { name: 'Lycée des Iris, Lormont', uai: '0332163X' };

export const DEMO_ETABLISSEMENTS = [
	LYCEE,
	ECOLE,
	CIRCONSCRIPTION,
	COLLEGE,
	DSDEN,
	COLLEGE_LIBOURNE,
	LYCEE_LORMONT
];

// Themes of every demo edition: 0 Faire plus simple, 1 Travailler autrement, 2 Mieux répondre aux
// usagers.
const SIMPLER = 0;
const OTHERWISE = 1;
const USERS = 2;

/** A chessboard for the chess club's poster. */
const chessboard: [number, number, number, number, Colour][] = [
	[3, 0, 10, 10, 'grey'],
	...Array.from({ length: 64 }, (_, i): [number, number, number, number, Colour] => {
		const [column, row] = [i % 8, Math.floor(i / 8)];
		return [4 + column, 1 + row, 1, 1, (column + row) % 2 === 0 ? 'sand' : 'blue'];
	})
];

/** A dashboard: one cell per school and day, red when a class has had no lesson for a week. */
const dashboard: [number, number, number, number, Colour][] = [
	[0, 0, 16, 1, 'blue'],
	...Array.from({ length: 32 }, (_, i): [number, number, number, number, Colour] => {
		const [column, row] = [i % 8, Math.floor(i / 8)];
		return [
			1 + column * 2,
			2 + row * 2,
			1,
			1,
			i % 7 === 3 ? 'red' : i % 5 === 1 ? 'sand' : 'green'
		];
	})
];

export const DEMO_DOSSIERS: Record<string, DemoDossier> = {
	// The past edition.
	'Les convocations aux examens en langage clair': {
		etablissement: DSDEN,
		themes: [SIMPLER, USERS],
		consent: true,
		text: {
			problem:
				'Les convocations au baccalauréat tenaient sur trois pages de mentions réglementaires. Les candidats y cherchaient l’heure et le lieu de leur épreuve sans les trouver, et le service des examens recevait plus de 4 000 appels dans les deux semaines précédant la session, pour la plupart sur des questions dont la réponse figurait dans le document.',
			solution:
				'Douze candidats volontaires, deux gestionnaires du service des examens et une professeure de lettres ont réécrit la convocation en trois ateliers. La nouvelle version tient sur une page : l’heure, le lieu et les pièces à apporter d’abord, en gros caractères ; les règles de l’examen ensuite, en phrases courtes ; les mentions obligatoires en annexe. Chaque version a été relue par des candidats qui ne l’avaient jamais vue.',
			audience:
				'Les 18 000 candidats au baccalauréat du département et leurs familles, ainsi que les gestionnaires du service des examens qui répondent à leurs questions.',
			results:
				'Sur la session, les appels au service ont été divisés par trois (de 4 100 à 1 350). Les retards à la première épreuve ont baissé de 40 %. Dans une enquête auprès de 600 candidats, 92 % disent avoir trouvé sans aide l’heure et le lieu de leur épreuve.',
			transferability:
				'La méthode est décrite dans un guide de douze pages : composition du groupe, déroulé des ateliers, grille de relecture. Elle vaut pour tout courrier adressé aux usagers ; deux autres départements de l’académie l’ont reprise pour les convocations au diplôme national du brevet.',
			resources:
				'Trois demi-journées d’ateliers, une vingtaine d’heures de travail du service des examens et la relecture des mentions obligatoires par le service juridique du rectorat. Aucune dépense : la convocation est toujours produite par l’application nationale.'
		},
		files: [
			{
				name: 'Modèle-de-convocation.pdf',
				pdf: {
					heading: 'Convocation à l’épreuve de philosophie',
					paragraphs: [
						'Le lundi 15 juin, de 8 h à 12 h. Présentez-vous à 7 h 30.',
						'Lieu : lycée Montaigne, 118 cours Victor-Hugo, Bordeaux. Salle indiquée à l’entrée.',
						'À apporter : cette convocation, une pièce d’identité avec photo, des stylos à encre bleue ou noire.',
						'Interdit dans la salle : téléphone, montre connectée, tout document.',
						'En cas de retard, présentez-vous quand même : vous pouvez entrer jusqu’à 9 h.',
						'Une question ? Service des examens, du lundi au vendredi de 9 h à 17 h.'
					]
				}
			},
			{ name: 'Appels-au-service-des-examens.png', png: { bars: [41, 38, 14, 13] } },
			{
				name: 'Guide-de-la-méthode.pdf',
				pdf: {
					heading: 'Réécrire un courrier avec ses usagers',
					from: ['solution', 'transferability']
				}
			}
		]
	},
	'Le laboratoire de fabrication partagé du lycée': {
		etablissement: LYCEE,
		themes: [OTHERWISE],
		consent: true,
		text: {
			problem:
				'Les écoles du secteur voulaient mener des projets de fabrication (maquettes, objets pour la classe, robots simples) mais n’avaient ni les machines ni la formation pour s’en servir. Au lycée, les machines de la section de sciences de l’ingénieur restaient inutilisées une grande partie de la semaine.',
			solution:
				'Le lycée ouvre son atelier deux après-midi par semaine aux écoles du secteur. Des lycéens volontaires de première et de terminale, encadrés par deux professeurs, forment les professeurs des écoles à la découpe laser, à l’impression 3D et à la conception assistée par ordinateur, puis accompagnent les classes qui viennent fabriquer leurs projets. Une convention avec la commune organise le transport des élèves.',
			audience:
				'Quatorze écoles élémentaires du secteur : 41 professeurs des écoles formés et près de 900 élèves de cycle 3 accueillis dans l’année ; 26 lycéens tuteurs.',
			results:
				'En un an, 38 projets de classe ont été fabriqués au laboratoire. Les 41 professeurs formés déclarent pouvoir utiliser seuls les machines. Les lycéens tuteurs ont validé des compétences de leur enseignement de spécialité, et trois d’entre eux se destinent au professorat.',
			transferability:
				'Il faut un atelier équipé, deux professeurs volontaires et une convention de transport avec la commune. Le lycée met à disposition son planning de réservation, ses fiches de sécurité et le programme de formation en quatre séances.',
			resources:
				'Six heures hebdomadaires de professeurs, prises sur la dotation du lycée, et 3 000 euros par an de consommables financés par la commune et la région.'
		},
		files: [
			{
				name: 'Planning-des-ateliers.pdf',
				pdf: {
					heading: 'Planning des ateliers — premier trimestre',
					paragraphs: [
						'Mardi de 13 h 30 à 16 h 30 : écoles Jean-Jaurès, Pasteur et Charles-Perrault.',
						'Jeudi de 13 h 30 à 16 h 30 : écoles Anatole-France, Joliot-Curie et Jean-Moulin.',
						'Formation des professeurs des écoles : quatre mercredis matin, de 9 h à 12 h.',
						'Réservation des machines auprès des professeurs référents, deux semaines à l’avance.'
					]
				}
			},
			{
				name: 'Affiche-du-projet.png',
				png: {
					blocks: [
						[0, 0, 16, 2, 'blue'],
						[0, 2, 16, 1, 'red'],
						[2, 4, 3, 4, 'grey'],
						[6, 5, 3, 3, 'sand'],
						[10, 4, 4, 4, 'green'],
						[0, 9, 16, 1, 'blue']
					]
				}
			}
		]
	},
	'Un parcours d’orientation construit avec les entreprises du territoire': {
		etablissement: COLLEGE,
		themes: [USERS, OTHERWISE],
		consent: true,
		text: {
			problem:
				'Les élèves de troisième trouvaient leur stage d’observation au dernier moment, souvent chez un proche, et beaucoup ne connaissaient que quelques métiers. Les familles les moins informées étaient les plus démunies au moment des vœux d’orientation.',
			solution:
				'Dès la quatrième, un professionnel vient chaque mois présenter son métier en classe pendant une heure. Un réseau de trente entreprises et services publics du territoire, constitué avec la chambre de commerce, accueille ensuite les élèves pour une journée d’observation. Chaque élève tient un carnet de découverte qui sert de base à son entretien d’orientation en troisième.',
			audience:
				'Les 180 élèves de quatrième et de troisième du collège, leurs familles, et les entreprises partenaires.',
			results:
				'95 % des élèves de troisième ont trouvé leur stage dans le réseau ou grâce à lui, contre 60 % auparavant. Les élèves citent en moyenne neuf métiers découverts, contre trois. Les demandes de changement d’orientation en fin de seconde ont baissé d’un quart.',
			transferability:
				'Il faut un professeur coordinateur et un partenaire économique local pour constituer le réseau. Le collège partage ses modèles de convention, le carnet de découverte et le calendrier annuel des interventions.',
			resources:
				'Deux heures hebdomadaires de coordination et l’engagement bénévole des professionnels. Le carnet est imprimé par le collège (400 euros par an).'
		},
		files: [
			{
				name: 'Carnet-de-découverte.pdf',
				pdf: {
					heading: 'Mon carnet de découverte des métiers',
					paragraphs: [
						'Métier présenté : ........................  Par : ........................',
						'Ce que fait cette personne au quotidien : ........................',
						'La formation qu’elle a suivie : ........................',
						'Ce qui m’a surpris : ........................',
						'Ce métier m’intéresse : oui / peut-être / non, parce que ........................'
					]
				}
			}
		]
	},
	'La salle des professeurs réaménagée par les équipes': {
		etablissement: COLLEGE,
		themes: [OTHERWISE],
		consent: true,
		text: {
			problem:
				'La salle des professeurs servait à la fois de lieu de pause, de travail et de réunion : bruyante et encombrée, elle était désertée par les personnels, qui préféraient travailler chez eux. Les temps de concertation se tenaient dans les couloirs.',
			solution:
				'Un groupe de douze personnels (professeurs, assistants d’éducation, agents, secrétariat) a interrogé tous ses collègues, puis dessiné un plan en trois espaces : un espace de travail silencieux de six postes, un coin d’échange et une petite salle de concertation que l’on réserve. Les travaux ont été faits pendant les vacances avec le soutien du département.',
			audience: 'Les 75 personnels du collège, toutes catégories confondues.',
			results:
				'La fréquentation de l’espace de travail a doublé d’après les relevés de réservation. 84 % des personnels se disent satisfaits de l’aménagement, contre 31 % avant les travaux. Quarante réunions de concertation se sont tenues dans la salle réservable sur l’année.',
			transferability:
				'La démarche d’enquête et d’aménagement participatif vaut pour tout établissement. Le collège tient à disposition le questionnaire, les plans et la liste du mobilier retenu.',
			resources:
				'12 000 euros de mobilier financés par le département, et une dizaine de réunions du groupe de travail.'
		},
		files: [
			{
				name: 'Plan-de-la-salle.png',
				png: {
					blocks: [
						[0, 0, 16, 10, 'grey'],
						[1, 1, 7, 8, 'white'],
						[9, 1, 6, 4, 'white'],
						[9, 6, 6, 3, 'white'],
						[2, 2, 2, 1, 'sand'],
						[5, 2, 2, 1, 'sand'],
						[2, 4, 2, 1, 'sand'],
						[5, 4, 2, 1, 'sand'],
						[2, 6, 2, 1, 'sand'],
						[5, 6, 2, 1, 'sand'],
						[10, 2, 4, 2, 'blue'],
						[10, 7, 2, 1, 'green'],
						[13, 7, 1, 1, 'green']
					]
				}
			},
			{
				name: 'Enquête-auprès-des-personnels.pdf',
				pdf: { heading: 'Enquête auprès des personnels : résultats', from: ['results'] }
			}
		]
	},
	'Un agenda partagé des sorties scolaires': {
		etablissement: LYCEE,
		themes: [SIMPLER],
		consent: true,
		text: {
			problem:
				'Les demandes de sortie circulaient sur papier entre le professeur, la vie scolaire, l’intendance et la direction. Il fallait jusqu’à trois semaines pour obtenir une validation, et des sorties étaient annulées faute d’accompagnateurs ou de car réservé à temps.',
			solution:
				'Un agenda partagé dans l’espace numérique de travail remplace le formulaire papier. Le professeur y saisit sa sortie ; l’outil vérifie le taux d’encadrement, signale les conflits avec les examens et les autres sorties, puis transmet la demande à l’intendance pour le transport et à la direction pour validation.',
			audience:
				'Les 140 professeurs du lycée, la vie scolaire, l’intendance et l’équipe de direction ; indirectement, les 1 600 élèves.',
			results:
				'Sur le premier trimestre d’utilisation, le délai moyen de validation est passé de trois semaines à six jours. Aucune sortie n’a été annulée faute d’encadrement depuis la mise en service.',
			transferability:
				'L’agenda repose sur les outils standard de l’espace numérique de travail : un modèle de formulaire et trois règles de vérification, que l’établissement peut exporter.',
			resources:
				'Une vingtaine d’heures de paramétrage par le référent numérique et une demi-journée de présentation aux équipes.'
		},
		files: [
			{
				name: 'Mode-d’emploi-de-l’agenda.pdf',
				pdf: { heading: 'Organiser une sortie avec l’agenda partagé', from: ['solution'] }
			}
		]
	},
	'La radio du collège': {
		etablissement: COLLEGE_LIBOURNE,
		themes: [OTHERWISE],
		consent: true,
		text: {
			problem:
				'Beaucoup d’élèves prenaient peu la parole en classe, et l’information de la vie scolaire passait mal : les affiches n’étaient pas lues, les annonces en classe vite oubliées.',
			solution:
				'Un club radio réunit chaque semaine une quinzaine d’élèves, de la sixième à la troisième. Ils préparent une émission de vingt minutes (vie du collège, interviews, chroniques), diffusée dans la cour à la pause méridienne et mise en ligne sur l’espace numérique de travail. La professeure documentaliste et un assistant d’éducation les accompagnent ; la DSDEN a fourni le matériel.',
			audience: 'Les quinze élèves du club, et les 620 élèves du collège qui écoutent l’émission.',
			results:
				'Trente émissions ont été diffusées dans l’année. Les professeurs des élèves du club constatent une prise de parole plus assurée à l’oral. Chaque émission en ligne est écoutée en moyenne 150 fois.',
			transferability:
				'Un micro, un enregistreur et un logiciel libre de montage suffisent. La DSDEN a rédigé une fiche pratique sur le droit à l’image et à la voix des élèves.',
			resources: 'Une heure hebdomadaire de la professeure documentaliste et 600 euros de matériel.'
		},
		files: [
			{
				name: 'Grille-des-émissions.pdf',
				pdf: {
					heading: 'Grille d’une émission de vingt minutes',
					paragraphs: [
						'0 à 3 minutes : le générique et les nouvelles du collège.',
						'3 à 10 minutes : l’interview de la semaine (un agent, un professeur, un ancien élève).',
						'10 à 16 minutes : deux chroniques préparées par les élèves.',
						'16 à 20 minutes : l’agenda de la semaine et le morceau choisi par la classe invitée.'
					]
				}
			}
		]
	},

	// The current edition.
	'La cour de récréation rendue aux élèves': {
		etablissement: ECOLE,
		themes: [USERS, OTHERWISE],
		consent: true,
		text: {
			problem:
				'La cour de l’école, entièrement goudronnée, était brûlante dès le mois de mai et occupée surtout par le football. Les conflits signalés à la récréation étaient nombreux, et beaucoup d’élèves, en particulier les plus jeunes, restaient le long des murs.',
			solution:
				'Pendant une année, chaque classe a observé la cour, proposé des aménagements puis voté un plan, avec les services techniques de la commune. La cour a été en partie désimperméabilisée : arbres, potager, coin calme, zones de jeux délimitées et planning de partage du terrain de sport. Les lycéens de la filière aménagements paysagers du lycée Louise-Michel ont réalisé les plantations avec les élèves.',
			audience:
				'Les 310 élèves de l’école, les enseignants et les animateurs du périscolaire, qui partagent la cour.',
			results:
				'Les conflits signalés à la récréation ont baissé de moitié entre l’année précédant les travaux et l’année suivante (de 212 à 98). En juin, le sol est plus frais de 8 °C sous les arbres. 81 % des élèves disent se sentir bien dans la cour, contre 47 % avant.',
			transferability:
				'La démarche suppose un partenariat avec la commune, propriétaire de la cour. L’école a formalisé le déroulé des ateliers de concertation avec les élèves, utilisable dans toute école, même sans gros travaux.',
			resources:
				'140 000 euros de travaux financés par la commune et l’agence de l’eau, et une dizaine de séances de classe pour la concertation.'
		},
		files: [
			{
				name: 'Plan-de-la-cour.png',
				png: {
					blocks: [
						[0, 0, 16, 10, 'sand'],
						[0, 0, 5, 4, 'green'],
						[11, 0, 5, 3, 'green'],
						[6, 4, 6, 5, 'grey'],
						[0, 6, 4, 4, 'green'],
						[13, 6, 3, 4, 'blue']
					]
				}
			},
			{
				name: 'Bilan-de-la-première-année.pdf',
				pdf: { heading: 'Bilan de la première année', from: ['results', 'resources'] }
			}
		]
	},
	'Des ateliers d’écriture entre collégiens et résidents d’EHPAD': {
		etablissement: COLLEGE,
		themes: [USERS],
		consent: true,
		text: {
			problem:
				'Les élèves de cinquième manquaient de motivation pour écrire des textes longs, et les résidents de l’EHPAD voisin, isolés, avaient peu d’occasions de rencontrer des jeunes.',
			solution:
				'Chaque trimestre, une classe de cinquième passe quatre séances à l’EHPAD : les élèves recueillent les souvenirs des résidents en entretien, les mettent en forme en classe, puis les relisent avec eux. Les élèves mettent le recueil en page ; il est imprimé et offert aux familles des résidents lors d’une lecture publique.',
			audience:
				'Trois classes de cinquième par an (84 élèves), une trentaine de résidents de l’EHPAD et leurs familles.',
			results:
				'Trois recueils publiés, 96 textes écrits. Les professeurs de français constatent des écrits plus longs et mieux relus ; l’EHPAD observe une participation plus forte aux activités collectives.',
			transferability:
				'Il faut un établissement médico-social partenaire, à distance de marche, et une convention. Le collège partage son guide d’entretien et la maquette du recueil.',
			resources:
				'Deux heures de français par semaine pendant quatre semaines pour chaque classe, et 800 euros d’impression par an payés par le foyer socio-éducatif.'
		},
		files: [
			{
				name: 'Extrait-du-recueil.pdf',
				pdf: {
					heading: 'Souvenirs de la rue des Chantiers',
					paragraphs: [
						'« En 1958, j’avais quatorze ans et je travaillais déjà à l’atelier de mon oncle, au bord de la Loire. Le matin, on entendait les sirènes des chantiers navals avant même le jour. »',
						'Souvenir de Mme Yvonne L., recueilli et mis en forme par Inès, Lucas et Maëlys, classe de 5e B.'
					]
				}
			},
			{
				name: 'Guide-d’entretien.pdf',
				pdf: {
					heading: 'Guide d’entretien avec un résident',
					paragraphs: [
						'Présentez-vous et expliquez le projet de recueil.',
						'Demandez la permission d’écrire et de publier le souvenir raconté.',
						'Posez des questions ouvertes : où, quand, avec qui, qu’avez-vous ressenti ?',
						'Relisez ensemble le texte avant la publication.'
					]
				}
			}
		]
	},
	'Un guichet unique pour les demandes de bourses': {
		etablissement: DSDEN,
		themes: [SIMPLER, USERS],
		consent: true,
		text: {
			problem:
				'Une famille dont les enfants étaient au collège et au lycée remplissait plusieurs formulaires, à des dates différentes, avec les mêmes pièces justificatives. Une partie des familles éligibles renonçait : les établissements estimaient qu’un quart des élèves qui auraient droit à une bourse n’en faisaient pas la demande.',
			solution:
				'La DSDEN a regroupé les trois formulaires en un seul parcours, qui reprend les informations déjà connues et ne demande chaque pièce qu’une fois. Une gestionnaire propose un rendez-vous téléphonique à chaque famille qui commence sa demande sans la terminer, et les secrétariats des établissements disposent d’une fiche pour accompagner les familles sur place.',
			audience:
				'Les familles des 92 000 collégiens et lycéens du département, les gestionnaires de bourses de la DSDEN et les secrétariats des établissements.',
			results:
				'À la première campagne, le nombre de demandes déposées a augmenté de 18 %, et celui des demandes incomplètes a été divisé par deux. Le délai moyen de traitement est passé de sept à trois semaines.',
			transferability:
				'Le parcours s’appuie sur le téléservice national existant : ce qui change, c’est l’accompagnement. Le guide des gestionnaires et le script des rendez-vous téléphoniques sont réutilisables par toute DSDEN.',
			resources:
				'Deux gestionnaires mobilisées à mi-temps pendant la campagne, sans recrutement supplémentaire.'
		},
		files: [
			{
				name: 'Parcours-de-demande.pdf',
				pdf: {
					heading: 'Le parcours de demande de bourse, pas à pas',
					paragraphs: [
						'1. La famille se connecte avec son compte ÉduConnect : ses enfants scolarisés sont déjà listés.',
						'2. Elle vérifie ses ressources, reprises de l’avis d’imposition.',
						'3. Elle dépose une seule fois les pièces demandées pour tous ses enfants.',
						'4. Sans demande terminée sous huit jours, une gestionnaire propose un rendez-vous téléphonique.'
					]
				}
			},
			{ name: 'Demandes-par-campagne.png', png: { bars: [62, 64, 63, 75], colour: 'green' } },
			{
				name: 'Script-des-rendez-vous.pdf',
				pdf: {
					heading: 'Script des rendez-vous téléphoniques',
					paragraphs: [
						'Bonjour, je suis gestionnaire des bourses à la DSDEN. Vous avez commencé une demande de bourse : puis-je vous aider à la terminer ?',
						'Vérifier ensemble la liste des enfants, puis les ressources, puis les pièces manquantes.',
						'Conclure en rappelant la date limite et le numéro direct du service.'
					]
				}
			}
		]
	},
	'Le tutorat entre pairs en mathématiques': {
		etablissement: LYCEE_LORMONT,
		themes: [OTHERWISE],
		consent: true,
		text: {
			problem:
				'Un quart des élèves de seconde arrivaient avec des lacunes en calcul qui les empêchaient de suivre, et l’aide aux devoirs proposée par les professeurs touchait peu d’élèves.',
			solution:
				'Chaque semaine, une heure de tutorat réunit des binômes : un élève de terminale qui suit la spécialité mathématiques et un élève de seconde volontaire. Les professeurs forment les tuteurs en deux séances ; un cahier de suivi partagé indique ce qui a été travaillé et permet au professeur de seconde d’ajuster ses cours.',
			audience:
				'45 élèves de seconde et 30 tuteurs de terminale, encadrés par quatre professeurs de mathématiques.',
			results:
				'De janvier à juin, les élèves tutorés ont progressé en moyenne de 2,5 points aux évaluations communes, contre 1 point pour les élèves volontaires encore en attente d’un tuteur. 90 % des tuteurs souhaitent continuer.',
			transferability:
				'Une salle, un créneau commun dans les emplois du temps et un professeur référent suffisent. Le lycée partage le cahier de suivi et le contenu des deux séances de formation.',
			resources:
				'Une heure hebdomadaire de professeur référent, prise sur l’accompagnement personnalisé.'
		},
		files: [
			{
				name: 'Cahier-de-suivi.pdf',
				pdf: {
					heading: 'Cahier de suivi du tutorat',
					paragraphs: [
						'Séance du : ........  Tuteur : ........  Élève : ........',
						'Notion travaillée : ........',
						'Ce qui est acquis : ........',
						'À revoir avec le professeur : ........'
					]
				}
			}
		]
	},
	'Un tableau de bord des remplacements': {
		etablissement: COLLEGE,
		themes: [SIMPLER],
		consent: true,
		text: {
			problem:
				'Dans le bassin, les chefs d’établissement apprenaient souvent trop tard qu’une absence ne serait pas remplacée, et les ressources disponibles (professeurs en sous-service, remplaçants de zone) n’étaient pas connues de tous.',
			solution:
				'Un tableur partagé entre les neuf collèges et lycées du bassin recense chaque matin les absences de plus de deux jours non remplacées et les heures disponibles déclarées par chaque établissement. Un code couleur signale les classes sans cours depuis plus d’une semaine.',
			audience:
				'Les chefs d’établissement et les secrétariats des neuf établissements du bassin, puis les familles, qui seraient informées plus tôt.',
			results:
				'Un prototype a été essayé pendant un mois par trois établissements ; il a permis de repérer 60 heures disponibles qui n’étaient pas utilisées. L’information des familles est prévue pour l’an prochain.',
			transferability:
				'Le tableur et son mode d’emploi peuvent être copiés par tout bassin ; il faut qu’une personne en assure la mise à jour chaque matin.',
			resources:
				'Une demi-heure par jour pour la mise à jour, et une réunion de bassin par trimestre.'
		},
		files: [
			{
				name: 'Capture-du-tableau-de-bord.png',
				png: { blocks: dashboard }
			}
		]
	},
	'Le prêt de matériel numérique aux familles': {
		etablissement: LYCEE,
		themes: [USERS],
		consent: true,
		text: {
			problem:
				'Pendant les révisions et les examens, une partie des élèves n’avait ni ordinateur ni tablette à la maison pour accéder aux ressources en ligne et aux sujets d’entraînement.',
			solution:
				'Le lycée prête pour quatre à six semaines des tablettes reconditionnées aux familles qui en font la demande, avec une clé de connexion pour celles qui n’ont pas d’accès à internet. La convention de prêt est signée au secrétariat, et le matériel est réinitialisé à son retour.',
			audience:
				'Les élèves de première et de terminale sans équipement, soit environ 80 familles par an.',
			results:
				'74 tablettes prêtées lors de la dernière session, toutes rendues. Les élèves équipés ainsi ont utilisé les sujets d’entraînement en ligne autant que les autres.',
			transferability:
				'Un stock de tablettes (dotation régionale ou reconditionnement), une convention de prêt type et un gestionnaire du parc informatique.',
			resources:
				'80 tablettes reconditionnées (dotation régionale), 1 500 euros par an d’abonnements de connexion et quelques heures du gestionnaire du parc.'
		},
		files: [
			{
				name: 'Convention-de-prêt.pdf',
				pdf: {
					heading: 'Convention de prêt d’une tablette',
					paragraphs: [
						'Entre le lycée polyvalent Louise-Michel et M. ou Mme ........, responsable légal de l’élève ........',
						'Le lycée prête une tablette et son chargeur du ........ au ........, pour le travail scolaire de l’élève.',
						'La famille s’engage à rendre le matériel en bon état à la date prévue ; il sera réinitialisé à son retour.'
					]
				}
			}
		]
	},

	// The next edition.
	'Le livret d’accueil numérique des nouveaux personnels': {
		// A draft nearly complete: results, transferability and the consent are still missing.
		etablissement: LYCEE,
		themes: [OTHERWISE],
		text: {
			problem:
				'Chaque rentrée, une trentaine de nouveaux personnels arrivent au lycée : professeurs, assistants d’éducation, agents. Ils recevaient les informations au compte-gouttes et passaient leurs deux premières semaines à chercher à qui s’adresser pour leur badge, leurs accès numériques ou leur emploi du temps.',
			solution:
				'Un livret en ligne, co-écrit avec les agents arrivés l’an dernier, réunit en une page les démarches des deux premières semaines, les contacts utiles et un plan du lycée. Chaque nouvel arrivant en reçoit le lien avec son affectation, et un collègue référent l’accueille le premier jour.',
			audience:
				'Les nouveaux personnels du lycée, toutes catégories confondues : une trentaine par an.',
			resources:
				'Une quinzaine d’heures de rédaction pour le groupe de travail, et une mise à jour avant chaque rentrée.'
		}
	},
	'La signature électronique des conventions de stage': {
		// A draft barely started: a title, a summary and the problem.
		text: {
			problem:
				'Chaque convention de stage passe entre quatre signataires sur papier : il faut en moyenne trois semaines pour la compléter, et certains élèves commencent leur stage sans convention signée.'
		}
	},
	'Un club d’échecs intergénérationnel': {
		etablissement: COLLEGE,
		themes: [USERS],
		consent: true,
		text: {
			problem:
				'À la pause méridienne, une partie des élèves n’avait pas d’activité encadrée, et des retraités du quartier cherchaient à s’engager auprès des jeunes.',
			solution:
				'Quatre retraités du club d’échecs du quartier animent chaque jeudi, à la pause méridienne, un club au CDI. Les élèves apprennent les règles, disputent un tournoi interne puis rencontrent les joueurs du club de la ville. Un assistant d’éducation assure l’encadrement.',
			audience:
				'Une trentaine d’élèves de la sixième à la troisième, inscrits à l’année, et quatre bénévoles.',
			results:
				'32 élèves inscrits, dont 12 filles, présents en moyenne à 85 % des séances. Les incidents à la pause méridienne ont baissé parmi les élèves inscrits. Huit élèves ont rejoint le club de la ville.',
			transferability:
				'Il faut une association locale partenaire et une convention de bénévolat. Le collège partage sa convention et la progression sur l’année.',
			resources:
				'Dix jeux d’échecs (200 euros), une salle à la pause méridienne et une heure hebdomadaire d’assistant d’éducation.'
		},
		files: [
			{ name: 'Affiche-du-club.png', png: { blocks: chessboard } },
			{
				name: 'Convention-avec-le-club.pdf',
				pdf: {
					heading: 'Convention de bénévolat avec le club d’échecs',
					paragraphs: [
						'Les bénévoles du club animent une séance chaque jeudi de 12 h 30 à 13 h 30, au CDI.',
						'Un assistant d’éducation du collège est présent à chaque séance.',
						'Le club prête les pendules ; le collège fournit les jeux et la salle.'
					]
				}
			}
		]
	},
	'Des menus de cantine choisis avec les élèves': {
		etablissement: COLLEGE,
		themes: [USERS, OTHERWISE],
		consent: true,
		text: {
			problem:
				'Les élèves se plaignaient des menus, et une part importante des repas servis finissait à la poubelle. Le chef et la diététicienne n’avaient aucun retour organisé des élèves.',
			solution:
				'Une commission de douze élèves élus, de la sixième à la troisième, se réunit chaque mois avec le chef et la diététicienne pour composer les menus du mois suivant, dans le respect des règles nutritionnelles. Ses membres relaient les avis de leur classe et présentent les menus à leurs camarades.',
			audience:
				'Les 480 demi-pensionnaires du collège, l’équipe de restauration et la diététicienne du département.',
			results:
				'Le gaspillage a baissé d’un tiers en six mois, et la fréquentation de la demi-pension a augmenté de 5 %. Les élèves de la commission ont présenté leur travail au conseil d’administration.',
			transferability:
				'Il faut un chef volontaire et une diététicienne disponible une heure par mois. Le collège partage le règlement de la commission et ses fiches de menus.',
			resources:
				'Une heure de réunion par mois et le temps de préparation du chef ; aucun surcoût sur les denrées.'
		},
		files: [
			{
				name: 'Menus-du-trimestre.pdf',
				pdf: {
					heading: 'Menus choisis par la commission — octobre',
					paragraphs: [
						'Lundi : carottes râpées, hachis parmentier, yaourt, pomme.',
						'Mardi : velouté de potiron, poulet rôti et haricots verts, fromage, compote.',
						'Jeudi : salade de lentilles, poisson pané et riz, crème à la vanille.',
						'Vendredi : repas végétarien choisi par les sixièmes : lasagnes aux légumes, clémentine.'
					]
				}
			},
			{ name: 'Pesées-des-restes.png', png: { bars: [48, 45, 41, 37, 34, 32], colour: 'green' } }
		]
	},
	'Les inscriptions en ligne simplifiées': {
		etablissement: DSDEN,
		themes: [SIMPLER, USERS],
		consent: true,
		text: {
			problem:
				'À l’entrée en seconde, les familles remplissaient un dossier papier de douze pages, en grande partie déjà connu de l’administration (identité, adresse, responsables légaux). Les secrétariats des lycées ressaisissaient ces informations pendant tout le mois de juillet.',
			solution:
				'Un formulaire unique en ligne, prérempli avec les données déjà connues, que la famille vérifie et complète. Les lycées récupèrent les informations dans leur logiciel de gestion, sans ressaisie. Les collèges accompagnent sur place les familles sans accès à internet.',
			audience:
				'Les 14 000 familles d’élèves entrant en seconde dans les 38 lycées publics du département, et les secrétariats de ces lycées.',
			results:
				'À la première rentrée, 87 % des inscriptions ont été faites en ligne. Le temps de saisie des secrétariats a été divisé par quatre, et le nombre de dossiers incomplets à la rentrée est passé de 900 à 150.',
			transferability:
				'Le formulaire s’appuie sur les téléservices nationaux ; il faut un paramétrage par l’équipe académique et une information des collèges d’origine. Le cahier des charges est disponible.',
			resources:
				'Deux mois de paramétrage par la cellule informatique de la DSDEN et une formation d’une demi-journée pour les secrétariats.'
		},
		files: [
			{
				name: 'Formulaire-d’inscription.pdf',
				pdf: {
					heading: 'Inscription en seconde : le formulaire en ligne',
					paragraphs: [
						'Déjà rempli : l’identité de l’élève, son adresse, ses responsables légaux, son collège d’origine.',
						'À vérifier par la famille : les coordonnées et les autorisations.',
						'À compléter : le régime (externe, demi-pensionnaire, interne) et les options choisies.'
					]
				}
			}
		],
		answerFiles: [
			{
				name: 'Bilan-de-la-première-rentrée.pdf',
				pdf: { heading: 'Bilan de la première rentrée', from: ['results'] }
			}
		]
	},
	'Une application de covoiturage pour les personnels': {
		etablissement: CIRCONSCRIPTION,
		themes: [OTHERWISE],
		consent: true,
		text: {
			problem:
				'Les enseignants de la circonscription, répartis dans vingt écoles souvent mal desservies, font de longs trajets seuls en voiture, en particulier pour les animations pédagogiques.',
			solution:
				'Une application de covoiturage développée par une entreprise est proposée aux agents : chacun y publie ses trajets réguliers et ceux des animations pédagogiques, et l’application met en relation les personnes qui font le même trajet.',
			audience: 'Les 420 enseignants et personnels de la circonscription.',
			results: '90 inscrits en trois mois et 35 trajets partagés par semaine.',
			transferability: 'L’application est proposée à toute collectivité, sur abonnement.',
			resources: 'Un abonnement annuel de 2 400 euros, offert par l’entreprise la première année.'
		},
		files: [
			{
				name: 'Présentation-de-l’application.pdf',
				pdf: { heading: 'Présentation de l’application', from: ['solution', 'resources'] }
			}
		]
	}
};
