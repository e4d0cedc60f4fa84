// The Prix Impulsions' historical scoring grid, given to every new edition (and, lazily, to an older
// edition the first time its organisers open its criteria): four criteria for the preselection, the
// same four plus « Résultats de la phase d’essai » for the final round. Each is scored on a 1–4
// scale, with a descriptor for each level. Organisers adapt the grid per edition. Pure: no I/O.
import type { JuryRound } from '../db/schema';

/** A criterion as it is configured: what the jury reads and how it weighs. */
export interface CriterionDraft {
	label: string;
	description: string;
	/** An integer from 0 to 100; what counts is its share of the round's total. */
	weight: number;
	scaleMin: number;
	scaleMax: number;
	/** One descriptor per level, from scaleMin to scaleMax. */
	levels: string[];
}

const EFFICIENCE = {
	label: 'Efficience du projet',
	description:
		'Les résultats obtenus au regard des moyens engagés (temps, personnes, budget) : le projet fait mieux, ou autant avec moins.',
	levels: [
		'Moyens disproportionnés au regard des résultats, ou non décrits.',
		'Moyens importants pour des résultats modestes.',
		'Bon équilibre entre les moyens engagés et les résultats obtenus.',
		'Résultats nettement supérieurs aux moyens engagés, avec des gains mesurés (temps, coûts, simplicité).'
	]
};

const IMPACT = {
	label: 'Impact pour les usagers et le fonctionnement des services',
	description:
		'Ce que le projet change concrètement pour les élèves, les familles, les personnels ou les partenaires, et pour l’organisation du service.',
	levels: [
		'Impact non démontré ou marginal.',
		'Impact réel mais limité à un petit public ou à un aspect secondaire du service.',
		'Impact net pour les usagers ou le service, étayé par des constats.',
		'Impact important et mesuré, pour les usagers comme pour le fonctionnement du service.'
	]
};

const TRANSFERABILITE = {
	label: 'Transférabilité',
	description:
		'La possibilité de reproduire le projet dans d’autres écoles, établissements ou services : conditions, ressources et accompagnement nécessaires.',
	levels: [
		'Projet très lié à son contexte, difficilement reproductible.',
		'Reproductible sous des conditions fortes (moyens, compétences rares).',
		'Reproductible ailleurs avec un accompagnement raisonnable ; les conditions sont décrites.',
		'Facilement reproductible, documenté et outillé pour être essaimé.'
	]
};

const INNOVANT = {
	label: 'Caractère innovant',
	description:
		'La nouveauté de la démarche, de l’outil ou de l’organisation au regard des pratiques existantes dans le service public d’éducation.',
	levels: [
		'Pratique déjà largement répandue.',
		'Adaptation modeste de pratiques existantes.',
		'Démarche nouvelle dans son contexte, qui renouvelle les pratiques.',
		'Démarche originale et inventive, sans équivalent connu.'
	]
};

const RESULTATS_ESSAI = {
	label: 'Résultats de la phase d’essai',
	description:
		'Ce que les sites d’essai ont constaté en reproduisant l’innovation : mise en œuvre, résultats obtenus, difficultés rencontrées et levées.',
	levels: [
		'Essai non conduit ou non concluant.',
		'Essai conduit avec des résultats mitigés ou des difficultés non résolues.',
		'Essai concluant sur la plupart des sites, avec des résultats positifs.',
		'Essai pleinement concluant : résultats positifs et mesurés sur les sites, qui souhaitent poursuivre.'
	]
};

const onScale = (
	c: { label: string; description: string; levels: string[] },
	weight: number
): CriterionDraft => ({ ...c, weight, scaleMin: 1, scaleMax: 4, levels: [...c.levels] });

/** The historical grid of each round; weights add up to 100 in each. */
export function defaultCriteria(round: JuryRound): CriterionDraft[] {
	return round === 'preselection'
		? [
				onScale(EFFICIENCE, 25),
				onScale(IMPACT, 30),
				onScale(TRANSFERABILITE, 25),
				onScale(INNOVANT, 20)
			]
		: [
				onScale(EFFICIENCE, 20),
				onScale(IMPACT, 25),
				onScale(TRANSFERABILITE, 20),
				onScale(INNOVANT, 15),
				onScale(RESULTATS_ESSAI, 20)
			];
}
