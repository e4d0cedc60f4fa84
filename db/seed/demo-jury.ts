// The jury of the demo (demo.ts): the three jurors' établissements and expertise, the conflicts of
// interest they declared, and their reviews, by candidature title and round. Levels follow the order
// of the round's grid — the prize's historical grid (src/lib/server/jury/default-criteria.ts):
//   preselection: efficience, impact, transférabilité, caractère innovant;
//   final: the same four, then « Résultats de la phase d’essai ».
// Which juror reviews which candidature is not written here: the seed runs the automatic assignment
// (conflicts and expertise respected), then checks that each assignment has its review below, and
// each review below its assignment.

/** The demo jurors, in the order of DEMO_ACCOUNTS.jurors. */
export const JUROR_KEYS = ['benali', 'durand', 'lefevre'] as const;
export type JurorKey = (typeof JUROR_KEYS)[number];

export interface DemoJuror {
	/** Where the juror works: the same in every edition. */
	uai: string;
	/** Indexes in the edition's categories; none: every category. */
	expertise: number[];
}

export const DEMO_JURORS: Record<JurorKey, DemoJuror> = {
	// An inspector in the académie de Lyon, who knows simplification and innovative projects.
	benali: { uai: '0690173N', expertise: [0, 1] },
	// A deputy head at the Lycée des Iris, Lormont: the établissement of « Le tutorat entre pairs en
	// mathématiques », hence an automatic conflict with it.
	durand: { uai: '0332163X', expertise: [] },
	// A head of department in the académie de Lille.
	lefevre: { uai: '0596122J', expertise: [] }
};

/** A conflict declared by a juror on a candidature assigned to him (one per edition). */
export interface DemoConflict {
	juror: JurorKey;
	reason: string;
}

export const DEMO_CONFLICTS: Record<string, DemoConflict> = {
	'La radio du collège': {
		juror: 'benali',
		reason:
			'J’ai formé l’équipe de la radio à l’éducation aux médias lors d’un stage académique et je suis resté en contact avec elle : je préfère ne pas évaluer ce projet.'
	},
	'Un guichet unique pour les demandes de bourses': {
		juror: 'lefevre',
		reason:
			'J’ai conseillé la DSDEN de la Gironde lors de la conception du guichet unique : je ne peux pas évaluer ce projet en toute impartialité.'
	},
	'Les inscriptions en ligne simplifiées': {
		juror: 'durand',
		reason:
			'Mon lycée a testé le formulaire d’inscription prérempli avec la DSDEN de la Gironde, et j’ai participé à sa conception.'
	}
};

export interface DemoReview {
	/** One per criterion of the round, in its order; null: not scored yet (drafts only). */
	levels: (number | null)[];
	/** The comment for the team, and the one for the jury only. */
	team: string;
	jury: string;
	/** Started, not submitted. */
	draft?: boolean;
}

type RoundReviews = Partial<Record<JurorKey, DemoReview>>;

export const DEMO_REVIEWS: Record<string, { preselection?: RoundReviews; final?: RoundReviews }> = {
	// The past edition: a complete preselection and a complete final round.
	'Les convocations aux examens en langage clair': {
		preselection: {
			benali: {
				levels: [4, 4, 3, 3],
				team: 'Une simplification exemplaire, mesurée par la baisse des appels au service. Précisez comment les modèles de convocation pourront être repris par d’autres académies.',
				jury: 'Gain très net pour les familles ; la transférabilité dépend de l’outil d’édition des convocations, à vérifier pendant l’essai.'
			},
			durand: {
				levels: [4, 4, 4, 3],
				team: 'Démarche rigoureuse, construite avec les candidats, et des résultats chiffrés convaincants. Bravo pour la documentation des modèles.',
				jury: 'Mon premier choix dans la catégorie simplification.'
			},
			lefevre: {
				levels: [3, 4, 4, 3],
				team: 'Projet très clair et facile à reproduire. Le temps passé par les agents à réécrire les convocations mériterait d’être chiffré.',
				jury: 'À retenir : l’innovation est modérée, mais l’impact est indiscutable.'
			}
		},
		final: {
			benali: {
				levels: [4, 4, 4, 3, 4],
				team: 'L’essai dans trois DSDEN confirme les résultats : la démarche est prête à être généralisée.',
				jury: 'Prix mérité.'
			},
			durand: {
				levels: [4, 4, 4, 3, 4],
				team: 'Des résultats d’essai très solides et une documentation exemplaire pour les services qui reprennent le projet.',
				jury: 'Premier de mon classement.'
			},
			lefevre: {
				levels: [4, 4, 3, 3, 4],
				team: 'Un projet abouti, dont l’essai a montré la robustesse. Le guide de rédaction est un vrai plus.',
				jury: 'Favorable au prix.'
			}
		}
	},
	'Le laboratoire de fabrication partagé du lycée': {
		preselection: {
			benali: {
				levels: [3, 4, 3, 4],
				team: 'Un projet ambitieux qui crée un vrai lien entre le lycée et les écoles du secteur. Le budget d’équipement gagnerait à être détaillé.',
				jury: 'Très innovant ; vérifier que les coûts de maintenance sont soutenables.'
			},
			durand: {
				levels: [4, 4, 3, 4],
				team: 'La formation des professeurs des écoles par les lycéens est une idée remarquable, qui valorise les élèves.',
				jury: 'Coup de cœur. La transférabilité suppose un lycée équipé : à discuter en jury.'
			},
			lefevre: {
				levels: [3, 3, 3, 4],
				team: 'Démarche originale. Le dossier gagnerait à montrer l’effet sur les apprentissages des élèves des écoles.',
				jury: 'À retenir, mais l’impact reste surtout qualitatif.'
			}
		},
		final: {
			benali: {
				levels: [3, 4, 3, 4, 4],
				team: 'Les deux lycées d’essai ont ouvert leur atelier aux écoles avec succès. La question du financement dans la durée reste posée.',
				jury: 'Prix, avec une réserve sur les coûts.'
			},
			durand: {
				levels: [4, 4, 3, 4, 3],
				team: 'Une réussite, portée par des élèves très impliqués. L’essai montre qu’un accompagnement au démarrage est nécessaire.',
				jury: 'Prix.'
			},
			lefevre: {
				levels: [3, 4, 3, 4, 4],
				team: 'Essai concluant et démarche originale ; le kit de démarrage proposé aux sites d’essai est précieux.',
				jury: 'Favorable au prix.'
			}
		}
	},
	'Un parcours d’orientation construit avec les entreprises du territoire': {
		preselection: {
			durand: {
				levels: [3, 4, 4, 3],
				team: 'Un partenariat solide et durable avec les entreprises du territoire, facile à reproduire ailleurs.',
				jury: 'Bon dossier, bien documenté ; les retours des élèves sont très positifs.'
			},
			lefevre: {
				levels: [3, 3, 4, 3],
				team: 'Le parcours est bien construit. Des indicateurs sur les choix d’orientation des élèves renforceraient le dossier.',
				jury: 'Transférable et peu coûteux : à retenir.'
			}
		},
		final: {
			durand: {
				levels: [3, 4, 4, 3, 4],
				team: 'L’essai dans deux collèges ruraux montre que le parcours fonctionne aussi loin des bassins d’emploi.',
				jury: 'Prix spécial du jury.'
			},
			lefevre: {
				levels: [4, 4, 3, 3, 3],
				team: 'Un parcours efficace et peu coûteux ; l’essai a montré qu’il est difficile de mobiliser les entreprises dans la durée.',
				jury: 'Favorable au prix.'
			}
		}
	},
	'La salle des professeurs réaménagée par les équipes': {
		preselection: {
			durand: {
				levels: [3, 3, 3, 3],
				team: 'Une démarche participative intéressante, qui améliore le quotidien des personnels. L’effet sur le fonctionnement du collège pourrait être davantage objectivé.',
				jury: 'Projet modeste, mais exemplaire dans sa méthode.'
			},
			lefevre: {
				levels: [3, 3, 2, 3],
				team: 'Bonne idée, bien conduite. Les conditions pour la reproduire (budget, accompagnement) restent à préciser.',
				jury: 'Plutôt favorable : la transférabilité est limitée par l’aménagement des locaux.'
			}
		},
		final: {
			durand: {
				levels: [3, 3, 3, 3, 3],
				team: 'Les sites d’essai ont repris la démarche participative, avec de bons retours des personnels.',
				jury: 'Une mention me semble juste.'
			},
			lefevre: {
				levels: [3, 3, 3, 2, 3],
				team: 'Essai positif, même si les aménagements ont été plus modestes ailleurs, faute de budget.',
				jury: 'Mention.'
			}
		}
	},
	'Un agenda partagé des sorties scolaires': {
		preselection: {
			benali: {
				levels: [3, 3, 3, 2],
				team: 'Un outil utile, qui sécurise les sorties scolaires. Le dossier doit mieux montrer le temps gagné par les équipes.',
				jury: 'Outil pratique mais peu innovant ; à retenir de justesse.'
			},
			durand: {
				levels: [3, 3, 3, 3],
				team: 'Une réponse concrète à un vrai besoin des équipes, avec une validation plus rapide des demandes.',
				jury: 'Correct sur tous les critères, sans point fort marquant.'
			},
			lefevre: {
				levels: [3, 2, 3, 2],
				team: 'L’outil est bien pensé ; son effet pour les élèves et les familles reste à démontrer.',
				jury: 'Impact limité aux personnels : je le retiendrais en bas de liste.'
			}
		},
		final: {
			benali: {
				levels: [2, 3, 3, 2, 2],
				team: 'L’essai a montré l’intérêt de l’outil, mais les équipes se le sont approprié de façon inégale.',
				jury: 'Pas de prix : résultats d’essai trop partiels.'
			},
			durand: {
				levels: [3, 3, 2, 2, 2],
				team: 'L’outil rend service ; les sites d’essai ont eu du mal à l’adapter à leurs propres circuits de validation.',
				jury: 'Non primé.'
			},
			lefevre: {
				levels: [2, 2, 3, 2, 2],
				team: 'Un outil utile, encore peu évalué : mesurez le temps gagné avant de le proposer à d’autres établissements.',
				jury: 'Non primé.'
			}
		}
	},
	'La radio du collège': {
		preselection: {
			durand: {
				levels: [2, 2, 2, 2],
				team: 'Un beau projet éducatif, porté avec enthousiasme par les élèves. Il relève toutefois de l’action pédagogique plus que de la transformation du service public que le prix distingue.',
				jury: 'Hors du cœur du prix ; ne pas retenir.'
			},
			lefevre: {
				levels: [2, 2, 1, 2],
				team: 'L’émission est de qualité. Pour une prochaine candidature, montrez ce qu’elle change pour l’organisation du collège ou pour les familles.',
				jury: 'Projet sympathique mais très lié à l’équipe en place : non transférable en l’état.'
			}
		}
	},

	// The current edition: a complete preselection; the final round has begun in a few drafts.
	'La cour de récréation rendue aux élèves': {
		preselection: {
			benali: {
				levels: [3, 4, 3, 3],
				team: 'Un projet exemplaire de participation des élèves, avec un effet mesuré sur le climat scolaire.',
				jury: 'À retenir ; la transférabilité dépend du partenariat avec la commune.'
			},
			durand: {
				levels: [4, 4, 3, 4],
				team: 'La conception de la cour avec les élèves et la commune est remarquable, et la baisse des conflits est documentée.',
				jury: 'Coup de cœur.'
			},
			lefevre: {
				levels: [3, 4, 3, 3],
				team: 'Résultats probants. Précisez le coût des travaux et leur financement pour les écoles qui voudraient s’en inspirer.',
				jury: 'À retenir.'
			}
		},
		final: {
			durand: {
				levels: [4, 4, null, null, null],
				team: '',
				jury: 'L’essai n’a pas commencé : je compléterai après les visites des écoles d’essai.',
				draft: true
			}
		}
	},
	'Des ateliers d’écriture entre collégiens et résidents d’EHPAD': {
		preselection: {
			benali: {
				levels: [3, 3, 4, 3],
				team: 'Un projet intergénérationnel simple à reproduire, qui donne aux élèves l’envie d’écrire.',
				jury: 'À retenir.'
			},
			durand: {
				levels: [4, 4, 3, 3],
				team: 'Une belle démarche, aux effets visibles sur les élèves comme sur les résidents.',
				jury: 'À retenir pour l’essai.'
			},
			lefevre: {
				levels: [3, 4, 4, 3],
				team: 'Projet peu coûteux et facile à transférer ; le recueil publié met joliment en valeur le travail des élèves.',
				jury: 'Favorable.'
			}
		},
		final: {
			lefevre: {
				levels: [3, 4, 4, 3, null],
				team: 'L’essai est en cours dans deux collèges ; les premiers retours des enseignants sont encourageants.',
				jury: 'Je noterai les résultats de l’essai à sa clôture.',
				draft: true
			}
		}
	},
	'Un guichet unique pour les demandes de bourses': {
		preselection: {
			benali: {
				levels: [4, 4, 3, 3],
				team: 'Une simplification majeure pour les familles, mesurée par la hausse des demandes abouties.',
				jury: 'Très bon dossier.'
			},
			durand: {
				levels: [4, 4, 4, 3],
				team: 'Démarche exemplaire, centrée sur les familles ; le parcours est documenté pour être repris par d’autres DSDEN.',
				jury: 'Mon premier choix.'
			}
		},
		final: {
			benali: {
				levels: [4, 4, 3, null, null],
				team: 'Le parcours unique a été repris sans difficulté par les services d’essai.',
				jury: 'J’attends le bilan chiffré des sites d’essai pour noter les deux derniers critères.',
				draft: true
			}
		}
	},
	'Le tutorat entre pairs en mathématiques': {
		preselection: {
			benali: {
				levels: [2, 3, 2, 1],
				team: 'Un dispositif utile aux élèves, mais déjà répandu : le dossier ne montre pas ce qu’il apporte de nouveau.',
				jury: 'Pratique courante ; ne pas retenir.'
			},
			lefevre: {
				levels: [2, 2, 2, 2],
				team: 'Le tutorat est bien organisé. Pour une prochaine candidature, mesurez ses effets sur les résultats des élèves de seconde.',
				jury: 'Ne pas retenir cette année.'
			}
		}
	}
};
