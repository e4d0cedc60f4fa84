// The form of a school or service volunteering to try a short-listed innovation: read as typed (so
// that nothing is lost on a refusal), then checked field by field with a French message each. The
// académie comes from the UAI code, never asked. Pure: no I/O.
import { limitText } from '$lib/domain/dossier';
import {
	MOTIVATION_MAX,
	SITE_AREAS,
	SITE_KINDS,
	SITE_NAME_MAX,
	SITE_SIZE_MAX,
	SITE_SIZE_MIN,
	type TrialSiteArea,
	type TrialSiteKind
} from '$lib/domain/trial-site-labels';
import { academieOfUai, normaliseUai, uaiProblem } from '$lib/domain/uai';
import { emailProblem, field, nameProblem, type FieldErrors } from '$lib/domain/validation';
import { normaliseEmail } from '../db/users';
import { parseInteger } from '$lib/domain/integer';

export type VolunteerField =
	| 'name'
	| 'uai'
	| 'kind'
	| 'priorityEducation'
	| 'area'
	| 'size'
	| 'contactName'
	| 'contactEmail'
	| 'motivation'
	| 'headAgreement';

/** The form as typed: every value a string (or the checkbox), so that it can be shown again. */
export interface VolunteerValues {
	name: string;
	uai: string;
	kind: string;
	/** 'oui' | 'non' | '' (not answered). */
	priorityEducation: string;
	area: string;
	size: string;
	contactName: string;
	contactEmail: string;
	motivation: string;
	headAgreement: boolean;
}

/** A checked application, ready to be stored. */
export interface VolunteerSite {
	name: string;
	uai: string;
	academie: string;
	kind: TrialSiteKind;
	priorityEducation: boolean;
	area: TrialSiteArea;
	size: number;
	contactName: string;
	contactEmail: string;
	motivation: string;
}

/** The account that volunteers: its name and address are the contact's by default. */
export interface VolunteerAccount {
	name: string;
	email: string;
}

/** An empty form, the contact filled in from the account. */
export function emptyVolunteerValues(account?: VolunteerAccount | null): VolunteerValues {
	return {
		name: '',
		uai: '',
		kind: '',
		priorityEducation: '',
		area: '',
		size: '',
		contactName: account?.name ?? '',
		contactEmail: account?.email ?? '',
		motivation: '',
		headAgreement: false
	};
}

/** Reads the form's fields as typed (line ends normalised). */
export function readVolunteerForm(form: FormData): VolunteerValues {
	const text = (name: string) => field(form, name).replace(/\r\n/g, '\n');
	return {
		name: text('name'),
		uai: text('uai'),
		kind: text('kind'),
		priorityEducation: text('priorityEducation'),
		area: text('area'),
		size: text('size'),
		contactName: text('contactName'),
		contactEmail: text('contactEmail'),
		motivation: text('motivation'),
		headAgreement: field(form, 'headAgreement') === 'oui'
	};
}

const isKind = (value: string): value is TrialSiteKind =>
	(SITE_KINDS as readonly string[]).includes(value);
const isArea = (value: string): value is TrialSiteArea =>
	(SITE_AREAS as readonly string[]).includes(value);

/** A whole number typed with or without thousands separators (« 1 200 »), else null. */
function wholeNumber(text: string): number | null {
	const compact = text.replace(/[\s\u00a0\u202f]/g, '');
	return parseInteger(compact);
}

/**
 * Checks the form: the application, or a French message per field. The contact's name and address,
 * left empty, are the account's.
 */
export function checkVolunteer(
	values: VolunteerValues,
	account?: VolunteerAccount | null
): { ok: true; site: VolunteerSite } | { ok: false; errors: FieldErrors<VolunteerField> } {
	const errors: FieldErrors<VolunteerField> = {};

	const name = values.name.trim();
	if (!name) errors.name = 'Indiquez le nom de l’établissement ou du service.';
	else if (name.length > SITE_NAME_MAX)
		errors.name = `Le nom compte ${name.length} caractères : ${limitText(SITE_NAME_MAX)}.`;

	const uai = normaliseUai(values.uai);
	const academie = academieOfUai(uai);
	const uaiError = uaiProblem(uai);
	if (uaiError) errors.uai = uaiError;

	const kind = values.kind.trim();
	if (!isKind(kind)) errors.kind = 'Choisissez le type de site : école, collège, lycée ou service.';

	const priority = values.priorityEducation.trim();
	if (priority !== 'oui' && priority !== 'non')
		errors.priorityEducation = 'Indiquez si le site relève de l’éducation prioritaire.';

	const area = values.area.trim();
	if (!isArea(area)) errors.area = 'Indiquez si le site est en milieu rural ou urbain.';

	const size = wholeNumber(values.size);
	if (values.size.trim() === '')
		errors.size = 'Indiquez le nombre d’élèves (ou d’agents, pour un service) concernés.';
	else if (size === null || size < SITE_SIZE_MIN || size > SITE_SIZE_MAX)
		errors.size = `Indiquez un nombre entier entre ${SITE_SIZE_MIN} et ${new Intl.NumberFormat('fr-FR').format(SITE_SIZE_MAX).replace(/\s/g, '\u202f')}.`;

	const contactName = values.contactName.trim() || account?.name.trim() || '';
	const contactNameError = nameProblem(contactName);
	if (contactNameError)
		errors.contactName = contactName
			? contactNameError
			: 'Indiquez les prénom et nom de la personne à contacter.';

	const contactEmail = values.contactEmail.trim() || account?.email.trim() || '';
	const contactEmailError = emailProblem(contactEmail);
	if (contactEmailError)
		errors.contactEmail = contactEmail
			? contactEmailError
			: 'Indiquez l’adresse électronique de la personne à contacter.';

	const motivation = values.motivation.trim();
	if (!motivation)
		errors.motivation =
			'Expliquez en quelques lignes pourquoi le site souhaite essayer cette innovation.';
	else if (motivation.length > MOTIVATION_MAX)
		errors.motivation = `La motivation compte ${motivation.length} caractères : ${limitText(MOTIVATION_MAX)}. Raccourcissez le texte.`;

	if (!values.headAgreement)
		errors.headAgreement =
			'L’accord du chef d’établissement (ou du responsable du service) est nécessaire pour participer à l’essai.';

	if (Object.keys(errors).length > 0 || !academie || !isKind(kind) || !isArea(area) || !size)
		return { ok: false, errors };
	return {
		ok: true,
		site: {
			name,
			uai,
			academie: academie.academie,
			kind,
			priorityEducation: priority === 'oui',
			area,
			size,
			contactName,
			contactEmail: normaliseEmail(contactEmail),
			motivation
		}
	};
}
