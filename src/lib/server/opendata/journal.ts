// The public copy of an edition's event log (/editions/<année>/journal.json) and the script anyone can
// run to check it. Pure.
//
// Every event of the edition's chain is listed, oldest first, with its date, its hash and the previous
// event's hash, so that anyone can check that the chain is unbroken and ends at the published
// fingerprint. The CONTENT of an event is published only for the edition's phase changes (see
// `publicChain`): for those, the script recomputes the hash from the content itself. A candidature's
// events stay private — they hold reasons told to the team, trial sites' names and UAI… — and only
// their hashes are published: their content is checked by the organisers (`verifyChain`, whose result
// the deliberation minutes print). Each event's content includes a random salt (event-log.ts), published
// with the content of the public ones and kept private for the others: without it, a hidden event's
// hash cannot be recomputed by guessing its content (which entry, which decision…). Since each hash covers the previous one, no event can be changed,
// removed or inserted without changing every later hash, the fingerprint included: whoever kept a
// fingerprint published earlier (on this page, in the minutes) can check it is still in the chain.
import { saltMember, type EventContent } from '../workflow/event-log';
import type { EventEntity } from '../db/schema';

export interface ChainRow {
	id: number;
	edition_id: number;
	prev_hash: string | null;
	hash: string;
	created_at: Date;
	public: boolean;
	entity: string | null;
	entity_id: number | null;
	actor_id: number | null;
	type: string | null;
	from_state: string | null;
	to_state: string | null;
	payload: unknown;
	machine_version: number | null;
	/** Only for public events (null otherwise, and for events written before salts existed). */
	salt: string | null;
}

export interface JournalLink {
	/** 1 for the edition's first event. */
	rang: number;
	/** When the event was recorded (ISO 8601, UTC, milliseconds). */
	date: string;
	empreinte_precedente: string | null;
	empreinte: string;
	/** What the hash covers, exactly as hashed: only for the edition's phase changes. */
	contenu: EventContent | null;
}

export interface PublicJournal {
	annee: number;
	description: string;
	algorithme: string;
	evenements: number;
	contenus_publies: number;
	empreinte: string | null;
	chaine: JournalLink[];
}

export function publicJournal(year: number, rows: readonly ChainRow[]): PublicJournal {
	const chaine = rows.map((row, index): JournalLink => ({
		rang: index + 1,
		date: row.created_at.toISOString(),
		empreinte_precedente: row.prev_hash,
		empreinte: row.hash,
		contenu: row.public
			? {
					editionId: row.edition_id,
					entity: row.entity as EventEntity,
					entityId: row.entity_id as number,
					actorId: row.actor_id,
					type: row.type as string,
					from: row.from_state as string,
					to: row.to_state as string,
					payload: row.payload,
					createdAt: row.created_at.toISOString(),
					machineVersion: row.machine_version as number,
					prevHash: row.prev_hash,
					...saltMember(row.salt)
				}
			: null
	}));
	return {
		annee: year,
		description:
			'Journal chaîné des événements de l’édition du Prix Impulsions. Chaque événement contient l’empreinte du précédent ; le contenu n’est publié que pour les changements de phase de l’édition, les événements des candidatures ne sont publiés que par leurs empreintes. Chaque contenu comprend un sel aléatoire (salt, 128 bits), publié avec les contenus publics et gardé secret pour les autres : l’empreinte d’un événement non publié ne peut pas être retrouvée en essayant des contenus possibles.',
		algorithme:
			'empreinte = SHA-256 (hexadécimal) du JSON canonique (RFC 8785 : clés triées, sans espaces) du contenu, qui inclut prevHash, l’empreinte de l’événement précédent, et salt, le sel aléatoire de l’événement (absent des événements enregistrés avant le 8 décembre 2026).',
		evenements: chaine.length,
		contenus_publies: chaine.filter((l) => l.contenu !== null).length,
		empreinte: chaine.at(-1)?.empreinte ?? null,
		chaine
	};
}

/** Shown on the edition page, and run as is by the tests: `node verifier-journal.mjs journal.json`. */
export const JOURNAL_CHECK_SCRIPT = `// verifier-journal.mjs — usage : node verifier-journal.mjs journal.json [empreinte publiée auparavant]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// JSON canonique : clés triées, aucun espace (RFC 8785 pour ces valeurs).
const canon = (v) =>
  Array.isArray(v) ? \`[\${v.map(canon).join(',')}]\`
  : v !== null && typeof v === 'object'
    ? \`{\${Object.keys(v).sort().map((k) => \`\${JSON.stringify(k)}:\${canon(v[k])}\`).join(',')}}\`
    : JSON.stringify(v);
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

const [file, known] = process.argv.slice(2);
const journal = JSON.parse(readFileSync(file, 'utf8'));
let previous = null;
let recomputed = 0;
for (const link of journal.chaine) {
  if (link.empreinte_precedente !== previous)
    throw new Error(\`Rang \${link.rang} : la chaîne est rompue.\`);
  if (link.contenu) {
    if (link.contenu.prevHash !== previous || sha256(canon(link.contenu)) !== link.empreinte)
      throw new Error(\`Rang \${link.rang} : le contenu ne correspond pas à son empreinte.\`);
    recomputed += 1;
  }
  previous = link.empreinte;
}
if (previous !== journal.empreinte)
  throw new Error('La dernière empreinte n’est pas celle annoncée par le journal.');
if (known && !journal.chaine.some((link) => link.empreinte === known))
  throw new Error('Cette empreinte n’est pas dans la chaîne : l’historique a été modifié depuis.');
console.log(\`Chaîne intègre : \${journal.chaine.length} événements, \${recomputed} contenus recalculés.\`);
console.log(\`Empreinte : \${previous}\`);
`;
