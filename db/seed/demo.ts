// The demo shown on the first start: an organiser, jurors, teams, and three editions — a past one with
// its laureates (published), the current one in its trial phase, and the next one in eligibility — with
// candidatures in every state. Every phase and state is reached through `advance`, as in real use, so
// each candidature has a consistent, hash-chained history. Later features extend it.
//
// Every candidature is created with its dossier (demo-dossiers.ts): complete for those that are submitted,
// partial for the drafts, so that the completeness panel has something to show. Submitted ones carry one
// to three attachments, small real PDF and PNG files generated below and checked as an upload would be.
import { crc32, deflateSync } from 'node:zlib';
import { DOSSIER_LABELS, checkDossierDraft } from '../../src/lib/domain/dossier';
import { whyNotEditDossier } from '../../src/lib/server/auth/permissions';
import type { Db } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/auth/password';
import { sha256Hex } from '../../src/lib/server/db/attachments';
import { loadEntryAccess } from '../../src/lib/server/db/entry-access';
import { safeFileName } from '../../src/lib/server/files/names';
import { attachmentProblem, sniffFileType } from '../../src/lib/server/files/sniff';
import { advanceEdition, advanceEntry } from '../../src/lib/server/workflow/advance';
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
			const themes = await trx
				.insertInto('edition_themes')
				.values(THEMES.map((name, position) => ({ edition_id: editionId, name, position })))
				.returning('id')
				.execute();
			await trx
				.insertInto('edition_jurors')
				.values(jurors.map((user_id) => ({ edition_id: editionId, user_id })))
				.execute();

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
			let phase: EditionPhase = 'draft';
			for (;;) {
				let minute = 60;
				for (const script of scripts)
					while (script.next < script.entry.steps.length) {
						const step = script.entry.steps[script.next];
						const stepPhase = STEP_PHASE[step.type];
						if (stepPhase !== phase) break;
						const at = new Date(phaseStart[phase].getTime() + minute++ * 60_000);
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
