// The procès-verbal of a jury round, as a PDF (PDFKit): the edition and the round, the date, the
// criteria and their weights, every candidature of the round with its scores, the decision and its
// rationale (from the event log), the recusals, and the fingerprint of the edition's event log with
// how to check it.
//
// Fonts: Marianne (the State's typeface, .woff from @gouvfr/dsfr) when the caller passes its bytes —
// PDFKit embeds a subset, every French character included. Without fonts, the standard Helvetica is
// used: it is WinAnsi-encoded, which covers French (é è à ç œ ’ « » …) but not, say, the narrow
// no-break space or ≥; such characters are replaced (see `winAnsi`). Tests use Helvetica without
// compression so that the text can be read back from the file.
import PDFDocument from 'pdfkit';
import { formatParisDateTime } from '$lib/domain/calendar';
import { AWARD_LABELS, ENTRY_STATE_LABELS } from '$lib/domain/labels';
import type { Db } from '../db';
import {
	alphaInterpretation,
	editionRecusals,
	roundAlpha,
	roundDecisions,
	roundEntries,
	roundReviews,
	type RankedEntryRow,
	type RecordedDecision,
	type Recusal
} from '../db/rankings';
import type { JuryRound } from '../db/schema';
import { deliberationOf } from '../workflow/deliberation';
import { verifyChain } from '../workflow/event-log';

export const ROUND_NAMES: Record<JuryRound, string> = {
	preselection: 'présélection',
	final: 'jury final'
};

/** « proces-verbal-2027-preselection.pdf » */
export const minutesFileName = (year: number, round: JuryRound) =>
	`proces-verbal-${year}-${round}.pdf`;

export interface MinutesEntry {
	entryId: number;
	title: string;
	state: string;
	categoryName: string | null;
	scores: RankedEntryRow | null;
	decision: RecordedDecision | null;
	recusals: Recusal[];
}

export interface MinutesData {
	edition: { id: number; year: number; title: string; phase: string };
	round: JuryRound;
	criteria: { label: string; weight: number; scaleMin: number; scaleMax: number }[];
	alpha: number | null;
	reviewCount: number;
	jurorCount: number;
	entries: MinutesEntry[];
	chain: { ok: boolean; length: number; fingerprint: string | null; brokenAt: number | null };
	generatedAt: Date;
}

/**
 * Everything the procès-verbal says, in a bounded number of queries. The candidatures of the round:
 * those scored in it, those with a decision of the round in the log, and those awaiting one now.
 * Null when the edition does not exist.
 */
export async function minutesData(
	db: Db,
	editionId: number,
	round: JuryRound,
	generatedAt = new Date()
): Promise<MinutesData | null> {
	const edition = await db
		.selectFrom('editions')
		.select(['id', 'year', 'title', 'phase'])
		.where('id', '=', editionId)
		.executeTakeFirst();
	if (!edition) return null;
	const awaiting = deliberationOf(edition.phase);
	const [criteria, reviews, ranked, decisions, recusals, chain, entries] = await Promise.all([
		db
			.selectFrom('criteria')
			.select(['label', 'weight', 'scale_min', 'scale_max'])
			.where('edition_id', '=', editionId)
			.where('round', '=', round)
			.orderBy('position')
			.orderBy('id')
			.execute(),
		roundReviews(db, editionId, round),
		roundEntries(db, editionId, round, { sort: 'normalised' }),
		roundDecisions(db, editionId, round),
		editionRecusals(db, editionId),
		verifyChain(db, editionId),
		db
			.selectFrom('entries as e')
			.leftJoin('categories as c', 'c.id', 'e.category_id')
			.select(['e.id', 'e.title', 'e.state', 'c.name as category_name'])
			.where('e.edition_id', '=', editionId)
			.orderBy('e.id')
			.execute()
	]);
	const scores = new Map(ranked.rows.map((r) => [r.entryId, r]));
	const inRound = entries.filter(
		(e) =>
			scores.has(e.id) ||
			decisions.has(e.id) ||
			(awaiting?.round === round && e.state === awaiting.awaiting)
	);
	const list: MinutesEntry[] = inRound.map((e) => ({
		entryId: e.id,
		title: e.title,
		state: e.state,
		categoryName: e.category_name,
		scores: scores.get(e.id) ?? null,
		decision: decisions.get(e.id) ?? null,
		recusals: recusals.get(e.id) ?? []
	}));
	list.sort(
		(a, b) =>
			(a.scores?.rankNormalised ?? Infinity) - (b.scores?.rankNormalised ?? Infinity) ||
			a.entryId - b.entryId
	);
	return {
		edition,
		round,
		criteria: criteria.map((c) => ({
			label: c.label,
			weight: c.weight,
			scaleMin: c.scale_min,
			scaleMax: c.scale_max
		})),
		alpha: roundAlpha(reviews),
		reviewCount: reviews.length,
		jurorCount: new Set(reviews.map((r) => r.jurorId)).size,
		entries: list,
		chain: chain.ok
			? { ok: true, length: chain.length, fingerprint: chain.fingerprint, brokenAt: null }
			: { ok: false, length: 0, fingerprint: null, brokenAt: chain.brokenAt.id },
		generatedAt
	};
}

/** The characters of Windows-1252 above 0x7F that are not Latin-1 (0x80–0x9F). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = {
	'\u202f': '\u00a0',
	'\u2009': ' ',
	'\u2007': ' ',
	'≥': '>=',
	'≤': '<=',
	α: 'alpha',
	'\u2011': '-',
	'\u2212': '-'
};

/** The text as Helvetica (WinAnsi) can show it: other characters replaced, or « ? ». */
export function winAnsi(text: string): string {
	let out = '';
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (code === 10 || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) out += ch;
		else if (WIN_ANSI_EXTRA.has(ch)) out += ch;
		else out += REPLACEMENTS[ch] ?? '?';
	}
	return out;
}

export interface MinutesFonts {
	regular: Uint8Array;
	bold: Uint8Array;
}

export interface RenderOptions {
	/** Compress the page streams (default true; tests turn it off to read the text). */
	compress?: boolean;
	/** Marianne's bytes; Helvetica when absent. */
	fonts?: MinutesFonts | null;
}

const fr = (n: number | null | undefined, digits = 2) =>
	n === null || n === undefined
		? '—'
		: n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function decisionText(d: RecordedDecision): string {
	switch (d.type) {
		case 'SHORTLIST':
			return 'présélectionnée';
		case 'REJECT_AT_PRESELECTION':
			return 'non présélectionnée';
		case 'AWARD':
			return d.award ? `lauréate — ${AWARD_LABELS[d.award] ?? d.award}` : 'lauréate';
		case 'NOT_AWARDED':
			return 'non primée';
		default:
			return d.type;
	}
}

/**
 * Writes the procès-verbal into a PDFKit document and ends it: the document is a Readable stream of
 * the PDF's bytes (pipe it, or read it with `for await`). Page numbers are written at the end, so the
 * pages are buffered (a procès-verbal is a few pages).
 */
export function renderMinutes(data: MinutesData, options: RenderOptions = {}): PDFKit.PDFDocument {
	const roundName = ROUND_NAMES[data.round];
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: 56, bottom: 56, left: 56, right: 56 },
		compress: options.compress ?? true,
		bufferPages: true,
		lang: 'fr-FR',
		displayTitle: true,
		info: {
			Title: `Procès-verbal — ${data.edition.title} — ${roundName}`,
			Author: 'Prix Impulsions — ministère de l’Éducation nationale',
			Subject: `Délibération du jury (${roundName})`,
			CreationDate: data.generatedAt
		}
	});
	const embedded = Boolean(options.fonts);
	if (options.fonts) {
		doc.registerFont('body', Buffer.from(options.fonts.regular));
		doc.registerFont('bold', Buffer.from(options.fonts.bold));
	} else {
		doc.registerFont('body', 'Helvetica');
		doc.registerFont('bold', 'Helvetica-Bold');
	}
	const t = (s: string) => (embedded ? s : winAnsi(s));
	const heading = (text: string, size = 14) => {
		doc.moveDown(0.8).font('bold').fontSize(size).fillColor('#000091').text(t(text));
		doc.moveDown(0.3).font('body').fontSize(10).fillColor('#161616');
	};
	const para = (text: string, opts: PDFKit.Mixins.TextOptions = {}) =>
		doc.font('body').fontSize(10).fillColor('#161616').text(t(text), opts);
	const label = (name: string, value: string) => {
		doc
			.font('bold')
			.fontSize(10)
			.text(t(`${name} : `), { continued: true });
		doc.font('body').text(t(value));
	};

	// Title block
	doc.font('bold').fontSize(9).fillColor('#161616');
	doc.text(t('MINISTÈRE DE L’ÉDUCATION NATIONALE'));
	doc.font('body').text(t('Prix Impulsions — secrétariat du prix'));
	doc.moveDown(1.5);
	doc
		.font('bold')
		.fontSize(20)
		.fillColor('#000091')
		.text(t('Procès-verbal de délibération du jury'));
	const year = String(data.edition.year);
	const editionName = data.edition.title.includes(year)
		? data.edition.title
		: `${data.edition.title} (${year})`;
	doc.moveDown(0.3).fontSize(13).text(t(editionName));
	doc.moveDown(0.8).font('body').fontSize(10).fillColor('#161616');
	label('Tour', roundName);
	label('Établi le', formatParisDateTime(data.generatedAt));
	label('Candidatures examinées', String(data.entries.length));
	label(
		'Évaluations prises en compte',
		`${data.reviewCount} (soumises et complètes), par ${data.jurorCount} juré${data.jurorCount > 1 ? 's' : ''}`
	);

	heading('Critères et pondérations');
	if (data.criteria.length === 0) para('Aucun critère n’est défini pour ce tour.');
	const totalWeight = data.criteria.reduce((s, c) => s + c.weight, 0);
	for (const c of data.criteria)
		para(
			`• ${c.label} — poids ${c.weight}${totalWeight > 0 ? ` (${fr((100 * c.weight) / totalWeight, 0)} %)` : ''}, barème de ${c.scaleMin} à ${c.scaleMax}`,
			{ indent: 8 }
		);
	para(
		'Chaque évaluation reçoit une note sur 20 : la moyenne pondérée des niveaux ramenés à leur barème. La note normalisée corrige la sévérité ou l’indulgence de chaque juré (notes centrées-réduites par juré, ramenées à la moyenne et à la dispersion du tour). Une candidature est « à discuter » quand ses notes s’écartent de plus de 6 points.',
		{ align: 'justify' }
	);

	heading('Fiabilité du jury');
	const interpretation = alphaInterpretation(data.alpha);
	para(
		data.alpha === null
			? interpretation.text
			: `Alpha de Krippendorff (intervalle) : ${fr(data.alpha)}. ${interpretation.text}`
	);

	heading('Candidatures, notes et décisions');
	if (data.entries.length === 0) para('Aucune candidature dans ce tour.');
	data.entries.forEach((e, i) => {
		if (doc.y > doc.page.height - 160) doc.addPage();
		doc
			.moveDown(0.6)
			.font('bold')
			.fontSize(11)
			.fillColor('#161616')
			.text(t(`${i + 1}. ${e.title}`));
		doc.font('body').fontSize(10);
		const state = ENTRY_STATE_LABELS[e.state] ?? e.state;
		para(`${e.categoryName ?? 'Sans catégorie'} — état actuel : ${state}`);
		if (e.scores) {
			const s = e.scores;
			para(
				`Notes : moyenne ${fr(s.mean)} / 20, normalisée ${fr(s.normalisedMean)} / 20, médiane ${fr(s.median)}, écart ${fr(s.spread)} ; ${s.n} évaluation${s.n > 1 ? 's' : ''} ; rang ${s.rankNormalised} (normalisé), ${s.rankRaw} (brut)${s.disagreement ? ' — à discuter' : ''}.`
			);
		} else para('Notes : aucune évaluation soumise et complète.');
		if (e.decision) {
			label(
				'Décision',
				`${decisionText(e.decision)}, le ${formatParisDateTime(e.decision.at)}${e.decision.actorName ? `, enregistrée par ${e.decision.actorName}` : ''}`
			);
			label('Justification', e.decision.rationale ?? '(aucune)');
		} else label('Décision', 'pas encore prise');
		label(
			'Récusations',
			e.recusals.length === 0
				? 'aucune'
				: e.recusals.map((r) => `${r.jurorName} (${r.reason.replace(/\.$/, '')})`).join(' ; ')
		);
	});

	heading('Empreinte du journal des événements');
	if (data.chain.fingerprint) {
		para(
			`Le journal de l’édition compte ${data.chain.length} événement${data.chain.length > 1 ? 's' : ''} à la date du procès-verbal ; sa chaîne d’empreintes a été vérifiée. Empreinte (SHA-256) du dernier événement :`
		);
		doc.moveDown(0.3).font('Courier').fontSize(9).text(data.chain.fingerprint);
		doc.moveDown(0.3);
		para(
			'Comment la vérifier : chaque événement du journal (changements de phase, décisions et leurs justifications) contient l’empreinte SHA-256 de l’événement précédent ; l’empreinte d’un événement est celle de son contenu en JSON canonique (RFC 8785). Recalculer la chaîne depuis le premier événement de l’édition, par exemple à partir du journal publié avec les données ouvertes, doit redonner exactement l’empreinte ci-dessus pour le dernier événement enregistré avant ce procès-verbal. Toute modification, suppression ou insertion d’un événement antérieur change cette empreinte.',
			{ align: 'justify' }
		);
	} else if (!data.chain.ok)
		para(
			`ATTENTION : la chaîne du journal est rompue à l’événement n° ${data.chain.brokenAt} ; le journal a été altéré. Ce procès-verbal ne peut pas en donner d’empreinte fiable.`
		);
	else para('Le journal de l’édition est vide : il n’a pas encore d’empreinte.');

	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc
			.font('body')
			.fontSize(8)
			.fillColor('#666666')
			.text(
				t(
					`Procès-verbal — ${data.edition.title} — ${roundName} — page ${i + 1 - range.start} sur ${range.count}`
				),
				doc.page.margins.left,
				doc.page.height - 36,
				{ width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'center' }
			);
		doc.page.margins.bottom = bottom;
	}
	doc.end();
	return doc;
}

/** The whole PDF in memory (tests, small documents). */
export async function minutesBuffer(
	data: MinutesData,
	options: RenderOptions = {}
): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of renderMinutes(data, options)) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
