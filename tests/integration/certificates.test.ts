// Certificates (src/lib/server/certificates, db/certificates.ts): issued when the results are
// published — who gets what — idempotently; the missing ones issued later by an organiser, logged;
// revocation logged once, refused twice in French; each person finds only his own certificates.
process.env.SECRET_KEY ??= 'clé de test des attestations, trente-deux caractères au moins';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	checkCertificateCode,
	formatCode,
	newCertificateCode
} from '../../src/lib/server/certificates/codes';
import { issueMissingCertificates } from '../../src/lib/server/certificates/issue';
import { certificateSecret } from '../../src/lib/server/certificates/key';
import { revokeCertificate } from '../../src/lib/server/certificates/revoke';
import { verifyCertificate } from '../../src/lib/server/certificates/verify';
import {
	findCertificateByCode,
	findUserCertificate,
	listEditionCertificates,
	userCertificates,
	validEditionCertificates
} from '../../src/lib/server/db/certificates';
import { setPublishName } from '../../src/lib/server/db/members';
import { advanceEdition } from '../../src/lib/server/workflow/advance';
import { entityEvents } from '../../src/lib/server/workflow/event-log';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
const PUBLISHED_AT = new Date('2027-07-01T08:00:00.000Z');
const u: Record<string, number> = {};
const e: Record<string, number> = {};
const s: Record<string, number> = {};
let edition: number;
let otherEdition: number;

const PEOPLE = {
	organiser: 'Orga Nisatrice',
	lead: 'Anne Arnaud',
	shy: 'Bruno Discret',
	coauthor: 'Chloé Bœuf',
	mentionLead: 'Dina Durand',
	loser: 'Emile Essai',
	jurorDone: 'Juliette Notée',
	jurorDraft: 'Jules Brouillon',
	jurorIdle: 'Jean Absent',
	siteContact: 'Sandrine Site',
	otherContact: 'Samuel Autre'
};

beforeAll(async () => {
	t = await createTestDatabase();
	const users = await t.db
		.insertInto('users')
		.values(
			Object.entries(PEOPLE).map(([key, name]) => ({
				email: `${key.toLowerCase()}@ac-test.fr`,
				name,
				password_hash: 'x',
				is_organiser: key === 'organiser'
			}))
		)
		.returning(['id', 'email'])
		.execute();
	for (const user of users) {
		const key = Object.keys(PEOPLE).find((k) => `${k.toLowerCase()}@ac-test.fr` === user.email)!;
		u[key] = user.id;
	}
	[edition, otherEdition] = (
		await t.db
			.insertInto('editions')
			.values([
				{ year: 2027, title: 'Prix Impulsions 2027', phase: 'deliberation' },
				{ year: 2028, title: 'Prix Impulsions 2028', phase: 'deliberation' }
			])
			.returning('id')
			.execute()
	).map((r) => r.id);
	const category = await t.db
		.insertInto('categories')
		.values({ edition_id: edition, name: 'Projet innovant' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const entry = async (key: string, values: Record<string, unknown>) => {
		e[key] = (
			await t.db
				.insertInto('entries')
				.values({ edition_id: edition, title: key, state: 'notAwarded', ...values })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	};
	await entry('prize', {
		title: 'Tutorat entre pairs',
		state: 'laureate',
		award: 'prize',
		etablissement_name: 'Lycée Jean-Moulin',
		category_id: category.id
	});
	await entry('mention', {
		title: 'Cartable numérique',
		state: 'laureate',
		award: 'mention',
		etablissement_name: ''
	});
	await entry('notAwarded', { title: 'Potager pédagogique', state: 'notAwarded' });
	await t.db
		.insertInto('entry_members')
		.values([
			{ entry_id: e.prize, user_id: u.lead, role: 'lead', publish_name: true },
			{ entry_id: e.prize, user_id: u.shy, role: 'member', publish_name: false },
			{ entry_id: e.prize, user_id: u.coauthor, role: 'member', publish_name: true },
			{ entry_id: e.mention, user_id: u.mentionLead, role: 'lead', publish_name: true },
			{ entry_id: e.notAwarded, user_id: u.loser, role: 'lead', publish_name: true }
		])
		.execute();
	await t.db
		.insertInto('edition_jurors')
		.values(
			[u.jurorDone, u.jurorDraft, u.jurorIdle].map((id) => ({ edition_id: edition, user_id: id }))
		)
		.execute();
	await t.db
		.insertInto('reviews')
		.values([
			{
				entry_id: e.prize,
				round: 'final',
				juror_id: u.jurorDone,
				status: 'submitted',
				submitted_at: new Date('2027-05-01T10:00:00Z')
			},
			{ entry_id: e.mention, round: 'final', juror_id: u.jurorDraft, status: 'draft' }
		])
		.execute();
	const site = async (
		key: string,
		status: 'accepted' | 'declined' | 'volunteer',
		contact?: number
	) => {
		s[key] = (
			await t.db
				.insertInto('trial_sites')
				.values({
					entry_id: e.notAwarded,
					name: `École ${key}`,
					status,
					contact_user_id: contact ?? null
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	};
	await site('reported', 'accepted', u.siteContact);
	await site('draft', 'accepted', u.otherContact);
	await site('declined', 'declined', u.otherContact);
	await site('volunteer', 'volunteer', u.otherContact);
	await t.db
		.insertInto('trial_reports')
		.values([
			{ site_id: s.reported, status: 'submitted', submitted_at: new Date('2027-04-01T10:00:00Z') },
			{ site_id: s.draft, status: 'draft' }
		])
		.execute();
});

afterAll(async () => {
	await t?.close();
});

async function certificatesOf(editionId: number) {
	return t.db
		.selectFrom('certificates')
		.selectAll()
		.where('edition_id', '=', editionId)
		.orderBy('id')
		.execute();
}

describe('issuing certificates when the results are published', () => {
	it('gives nothing before the results are published', async () => {
		expect(await certificatesOf(edition)).toEqual([]);
		expect(await issueMissingCertificates(t.db, edition, { userId: u.organiser })).toEqual({
			ok: false,
			status: 409,
			reason:
				'Les attestations sont émises quand les résultats de l’édition sont publiés : ce n’est pas encore le cas.'
		});
	});

	it('issues one per laureate team, named member, juror who reviewed and site that reported', async () => {
		const published = await advanceEdition(
			t.db,
			edition,
			{ type: 'PUBLISH', at: PUBLISHED_AT },
			{ userId: u.organiser }
		);
		expect(published).toMatchObject({ ok: true, to: 'published' });
		const rows = await certificatesOf(edition);
		const issued = rows.map((r) => [r.kind, r.recipient, r.entry_title, r.award]);
		expect(issued).toEqual(
			expect.arrayContaining([
				['laureateTeam', 'Lycée Jean-Moulin', 'Tutorat entre pairs', 'prize'],
				// Without an établissement, the team is named by its innovation.
				['laureateTeam', 'Cartable numérique', 'Cartable numérique', 'mention'],
				['laureateMember', PEOPLE.lead, 'Tutorat entre pairs', 'prize'],
				['laureateMember', PEOPLE.coauthor, 'Tutorat entre pairs', 'prize'],
				['laureateMember', PEOPLE.mentionLead, 'Cartable numérique', 'mention'],
				['juror', PEOPLE.jurorDone, null, null],
				['trialSite', 'École reported', 'Potager pédagogique', null]
			])
		);
		expect(rows).toHaveLength(7);
		const recipients = rows.map((r) => r.recipient);
		// No consent to publish his name: no certificate; a draft review, or none: no juror's one;
		// a site without a transmitted report, declined or only volunteering: none.
		for (const absent of [
			PEOPLE.shy,
			PEOPLE.loser,
			PEOPLE.jurorDraft,
			PEOPLE.jurorIdle,
			'École draft',
			'École declined',
			'École volunteer'
		])
			expect(recipients).not.toContain(absent);
		expect(rows.find((r) => r.kind === 'laureateTeam' && r.award === 'prize')).toMatchObject({
			category_name: 'Projet innovant'
		});
	});

	it('dates every certificate at the publication and signs its code with the server key', async () => {
		const rows = await certificatesOf(edition);
		const secret = certificateSecret();
		for (const row of rows) {
			expect(row.issued_at.toISOString()).toBe(PUBLISHED_AT.toISOString());
			expect(row.code).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
			expect(checkCertificateCode(secret, row.code)).toEqual({ ok: true, id: row.code });
			expect(checkCertificateCode('une autre clé', row.code)).toEqual({
				ok: false,
				reason: 'signature'
			});
		}
		expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
	});

	it('issues nothing twice: asking again finds nothing missing and logs nothing', async () => {
		const before = await certificatesOf(edition);
		const events = (await entityEvents(t.db, 'edition', edition)).length;
		const again = await issueMissingCertificates(t.db, edition, { userId: u.organiser });
		expect(again).toMatchObject({ ok: true, issued: 0 });
		expect(await certificatesOf(edition)).toEqual(before);
		expect(await entityEvents(t.db, 'edition', edition)).toHaveLength(events);
	});

	it('issues the certificate of a member who consents later, logged, dated at the publication', async () => {
		expect(await setPublishName(t.db, u.shy, e.prize, true)).toEqual({ ok: true });
		const result = await issueMissingCertificates(t.db, edition, { userId: u.organiser });
		expect(result).toMatchObject({
			ok: true,
			issued: 1,
			counts: { laureateMember: 1, laureateTeam: 0, juror: 0, trialSite: 0 }
		});
		const shy = (await certificatesOf(edition)).find((r) => r.user_id === u.shy);
		expect(shy).toMatchObject({ kind: 'laureateMember', recipient: PEOPLE.shy });
		expect(shy!.issued_at.toISOString()).toBe(PUBLISHED_AT.toISOString());
		const last = (await entityEvents(t.db, 'edition', edition)).at(-1);
		expect(last).toMatchObject({
			type: 'ISSUE_CERTIFICATES',
			from_state: 'published',
			to_state: 'published',
			payload: { issued: 1 }
		});
		expect(JSON.stringify(last!.payload)).not.toContain(PEOPLE.shy);
	});

	it('lists an edition’s certificates by kind with their counts, a page at a time', async () => {
		const all = await listEditionCertificates(t.db, edition, { pageSize: 3 });
		expect(all.total).toBe(8);
		expect(all.pages).toBe(3);
		expect(all.rows).toHaveLength(3);
		expect(all.rows.map((r) => r.kind)).toEqual(['laureateTeam', 'laureateTeam', 'laureateMember']);
		expect(all.byKind).toEqual({
			laureateTeam: { issued: 2, revoked: 0 },
			laureateMember: { issued: 4, revoked: 0 },
			juror: { issued: 1, revoked: 0 },
			trialSite: { issued: 1, revoked: 0 }
		});
		const last = await listEditionCertificates(t.db, edition, { pageSize: 3, page: 3 });
		expect(last.rows.map((r) => r.kind)).toEqual(['juror', 'trialSite']);
		const jurors = await listEditionCertificates(t.db, edition, { kind: 'juror' });
		expect(jurors.total).toBe(1);
		expect(jurors.rows.map((r) => r.recipient)).toEqual([PEOPLE.jurorDone]);
		expect((await listEditionCertificates(t.db, otherEdition)).total).toBe(0);
	});
});

describe('revoking a certificate', () => {
	it('asks for a reason', async () => {
		const row = (await certificatesOf(edition))[0];
		expect(await revokeCertificate(t.db, edition, row.id, { userId: u.organiser }, '  ')).toEqual({
			ok: false,
			status: 400,
			reason: 'Indiquez le motif de la révocation : il sera affiché à qui vérifie l’attestation.'
		});
	});

	it('revokes once, logged in the edition’s chain without the name nor the reason', async () => {
		const row = (await certificatesOf(edition)).find((r) => r.user_id === u.coauthor)!;
		const at = new Date('2027-09-15T09:00:00.000Z');
		const result = await revokeCertificate(
			t.db,
			edition,
			row.id,
			{ userId: u.organiser },
			'  Membre ajouté par erreur à l’équipe.  ',
			at
		);
		expect(result).toMatchObject({ ok: true });
		const revoked = await findCertificateByCode(t.db, row.code);
		expect(revoked).toMatchObject({
			revoked_reason: 'Membre ajouté par erreur à l’équipe.',
			edition_year: 2027
		});
		expect(revoked!.revoked_at!.toISOString()).toBe(at.toISOString());
		const last = (await entityEvents(t.db, 'edition', edition)).at(-1)!;
		expect(last).toMatchObject({
			type: 'REVOKE_CERTIFICATE',
			actor_name: PEOPLE.organiser,
			from_state: 'published',
			to_state: 'published',
			payload: { kind: 'laureateMember' }
		});
		const payload = JSON.stringify(last.payload);
		expect(payload).not.toContain(PEOPLE.coauthor);
		expect(payload).not.toContain('erreur');
		expect(payload).toContain(row.code.slice(0, 4));

		const twice = await revokeCertificate(t.db, edition, row.id, { userId: u.organiser }, 'Encore');
		expect(twice).toEqual({
			ok: false,
			status: 409,
			reason:
				'Cette attestation a déjà été révoquée, le 15 septembre 2027 : elle ne peut pas l’être deux fois.'
		});
		const counts = await listEditionCertificates(t.db, edition);
		expect(counts.byKind.laureateMember).toEqual({ issued: 4, revoked: 1 });
		const valid = await validEditionCertificates(t.db, edition).execute();
		expect(valid.map((v) => v.id)).not.toContain(row.id);
		expect(valid).toHaveLength(7);
	});

	it('refuses a certificate of another edition, or none', async () => {
		const row = (await certificatesOf(edition))[0];
		expect(
			await revokeCertificate(t.db, otherEdition, row.id, { userId: u.organiser }, 'Motif')
		).toEqual({ ok: false, status: 404, reason: 'Cette attestation n’existe pas.' });
	});
});

describe('each person’s own certificates', () => {
	const mine = async (key: string) =>
		(await userCertificates(t.db, u[key])).map((c) => [c.kind, c.recipient]);

	it('gives a member his own and his team’s, nobody else’s', async () => {
		expect(await mine('lead')).toEqual([
			['laureateTeam', 'Lycée Jean-Moulin'],
			['laureateMember', PEOPLE.lead]
		]);
		// The shy member consented later: his own, and the team's all along.
		expect(await mine('shy')).toEqual([
			['laureateTeam', 'Lycée Jean-Moulin'],
			['laureateMember', PEOPLE.shy]
		]);
		expect(await mine('mentionLead')).toEqual([
			['laureateTeam', 'Cartable numérique'],
			['laureateMember', PEOPLE.mentionLead]
		]);
		expect(await mine('loser')).toEqual([]);
	});

	it('gives a juror who reviewed his own, and a site’s contact his site’s', async () => {
		expect(await mine('jurorDone')).toEqual([['juror', PEOPLE.jurorDone]]);
		expect(await mine('jurorDraft')).toEqual([]);
		expect(await mine('siteContact')).toEqual([['trialSite', 'École reported']]);
		expect(await mine('otherContact')).toEqual([]);
		expect(await mine('organiser')).toEqual([]);
	});

	it('finds a certificate by id only for its recipients', async () => {
		const rows = await certificatesOf(edition);
		const leadOwn = rows.find((r) => r.user_id === u.lead)!;
		const team = rows.find((r) => r.kind === 'laureateTeam' && r.entry_id === e.prize)!;
		expect(await findUserCertificate(t.db, u.lead, leadOwn.id)).toMatchObject({ id: leadOwn.id });
		expect(await findUserCertificate(t.db, u.coauthor, team.id)).toMatchObject({ id: team.id });
		expect(await findUserCertificate(t.db, u.coauthor, leadOwn.id)).toBeUndefined();
		expect(await findUserCertificate(t.db, u.mentionLead, team.id)).toBeUndefined();
		expect(await findUserCertificate(t.db, u.siteContact, leadOwn.id)).toBeUndefined();
		expect(await findUserCertificate(t.db, u.organiser, leadOwn.id)).toBeUndefined();
	});
});

describe('verifying a code (/verifier)', () => {
	it('shows a valid certificate, a revoked one with its reason, and refuses unknown or altered codes', async () => {
		const rows = await certificatesOf(edition);
		const valid = rows.find((r) => r.kind === 'juror')!;
		const revoked = rows.find((r) => r.revoked_at !== null)!;
		const secret = certificateSecret();
		expect(await verifyCertificate(t.db, formatCode(valid.code), secret)).toMatchObject({
			status: 'valid',
			code: formatCode(valid.code),
			certificate: { recipient: PEOPLE.jurorDone, edition_title: 'Prix Impulsions 2027' }
		});
		// Any accepted spelling: upper case, without dashes.
		expect(await verifyCertificate(t.db, valid.code.toUpperCase(), secret)).toMatchObject({
			status: 'valid'
		});
		expect(await verifyCertificate(t.db, revoked.code, secret)).toMatchObject({
			status: 'revoked',
			certificate: { revoked_reason: 'Membre ajouté par erreur à l’équipe.' }
		});
		// Signed with the right key, but never issued.
		expect(await verifyCertificate(t.db, newCertificateCode(secret), secret)).toEqual({
			status: 'unknown'
		});
		const altered =
			valid.code.slice(0, 5) + (valid.code[5] === 'a' ? 'b' : 'a') + valid.code.slice(6);
		expect(await verifyCertificate(t.db, altered, secret)).toEqual({ status: 'signature' });
		expect(await verifyCertificate(t.db, valid.code.slice(1), secret)).toEqual({
			status: 'malformed'
		});
	});
});
