// Conflicts of interest the application can see by itself, from who is in a team and where people
// work. The conflicts a juror declares are stored separately; both kinds bar the same assignments.
// Pure: no I/O.

import { normaliseUai } from '../../domain/uai';

/** The juror as the conflict rules see him: his account and where he works, when known. */
export interface ConflictJuror {
	userId: number;
	uai: string | null;
	academie: string | null;
}

/** The candidature as the conflict rules see it: its team and its établissement. */
export interface ConflictEntry {
	id: number;
	memberUserIds: readonly number[];
	uai: string | null;
	academie: string | null;
}

/** The edition's setting: does sharing an académie bar an assignment? */
export interface ConflictRule {
	sameAcademie: boolean;
}

export type AutomaticConflictCode = 'member' | 'sameEtablissement' | 'sameAcademie';

/** A reason why the juror may not review the candidature, with its French explanation. */
export interface AutomaticConflict {
	code: AutomaticConflictCode;
	text: string;
}

/**
 * The reasons, in a fixed order, why this juror may not review this candidature; empty when there
 * is none. An unknown UAI or académie (null or blank) never makes a conflict.
 */
export function automaticConflicts(
	juror: ConflictJuror,
	entry: ConflictEntry,
	rule: ConflictRule
): AutomaticConflict[] {
	const reasons: AutomaticConflict[] = [];
	if (entry.memberUserIds.includes(juror.userId)) {
		reasons.push({ code: 'member', text: 'Le juré est membre de l’équipe.' });
	}
	const uai = normaliseUai(juror.uai ?? '');
	if (uai && uai === normaliseUai(entry.uai ?? '')) {
		reasons.push({
			code: 'sameEtablissement',
			text: `Le juré travaille dans le même établissement (UAI ${uai}).`
		});
	}
	const academie = juror.academie?.trim();
	if (rule.sameAcademie && academie && academie === entry.academie?.trim()) {
		reasons.push({
			code: 'sameAcademie',
			text: `Le juré et l’équipe relèvent de la même académie (${academie}).`
		});
	}
	return reasons;
}
