// French labels of certificates (attestations), client-safe: their kinds, what each attests, the
// verification's answers. The certificate's PDF says the same in its own words
// (src/lib/server/pdf/certificate.ts).

export type CertificateKind = 'laureateMember' | 'laureateTeam' | 'juror' | 'trialSite';

export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, string> = {
	laureateTeam: 'Équipe lauréate',
	laureateMember: 'Membre d’une équipe lauréate',
	juror: 'Membre du jury',
	trialSite: 'Site d’essai'
};

/** Plural labels, for counts and filters. */
export const CERTIFICATE_KIND_PLURALS: Record<CertificateKind, string> = {
	laureateTeam: 'Équipes lauréates',
	laureateMember: 'Membres des équipes lauréates',
	juror: 'Membres du jury',
	trialSite: 'Sites d’essai'
};

export const certificateKindLabel = (kind: string) =>
	CERTIFICATE_KIND_LABELS[kind as CertificateKind] ?? kind;

/** What a certificate attests, in one sentence (its recipient and edition are shown beside it). */
export function certificateSubject(certificate: {
	kind: string;
	award: string | null;
	entry_title: string | null;
}): string {
	const entry = certificate.entry_title ? ` pour l’innovation « ${certificate.entry_title} »` : '';
	const granted = certificate.award === 'mention' ? 'Mention décernée' : 'Prix décerné';
	const given =
		certificate.award === 'mention' ? 'la mention a été décernée' : 'le prix a été décerné';
	switch (certificate.kind) {
		case 'laureateTeam':
			return `${granted} à cette équipe${entry}.`;
		case 'laureateMember':
			return `Membre de l’équipe à laquelle ${given}${entry}.`;
		case 'juror':
			return 'A siégé au jury de cette édition.';
		case 'trialSite':
			return certificate.entry_title
				? `A participé à la phase d’essai de l’innovation « ${certificate.entry_title} ».`
				: 'A participé à la phase d’essai d’une innovation.';
		default:
			return '';
	}
}

const frenchDate = new Intl.DateTimeFormat('fr-FR', {
	timeZone: 'Europe/Paris',
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});

/** « 1er juillet 2027 », « 14 juillet 2027 » — in Paris time, as the certificate prints it. */
export function formatCertificateDate(date: Date | string): string {
	const d = date instanceof Date ? date : new Date(date);
	const parts = Object.fromEntries(frenchDate.formatToParts(d).map((p) => [p.type, p.value]));
	return `${parts.day === '1' ? '1er' : parts.day} ${parts.month} ${parts.year}`;
}

/** The answers of /verifier when a code is not that of a certificate (each a 404). */
export const VERIFY_REFUSALS = {
	malformed:
		'Ce code n’a pas la forme d’un code d’attestation : 26 caractères (chiffres et lettres, sans i, l, o ni u), souvent écrits par groupes de quatre séparés par des tirets. Vérifiez qu’il a été recopié en entier.',
	signature:
		'Ce code n’a pas été émis par le Prix Impulsions : sa signature ne correspond pas. Vérifiez qu’il a été recopié sans erreur ; sinon, cette attestation n’est pas authentique.',
	unknown:
		'Ce code est bien signé mais ne correspond à aucune attestation du Prix Impulsions. Vérifiez qu’il a été recopié sans erreur, ou contactez le secrétariat du prix.'
} as const;
