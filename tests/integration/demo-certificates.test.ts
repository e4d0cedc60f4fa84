// The demo's past edition is published through the workflow, so its certificates are there on the
// first start: one per laureate team, named member, juror who reviewed and site that reported,
// dated at the publication, with codes signed by the server key; none for the editions in progress.
process.env.SECRET_KEY ??= 'clé de test des attestations, trente-deux caractères au moins';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../db/seed/demo';
import { checkCertificateCode } from '../../src/lib/server/certificates/codes';
import { publicationTime } from '../../src/lib/server/certificates/issue';
import { certificateSecret } from '../../src/lib/server/certificates/key';
import { userCertificates } from '../../src/lib/server/db/certificates';
import { seedDemoIfEmpty } from '../../src/lib/server/demo';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
	expect(await seedDemoIfEmpty(t.db, { print: false })).toBe(true);
});
afterAll(async () => {
	await t?.close();
});

const editions = () =>
	t.db.selectFrom('editions').select(['id', 'year', 'phase']).orderBy('year').execute();

describe('the demo’s certificates', () => {
	it('are issued for the published edition only', async () => {
		const counts = await t.db
			.selectFrom('certificates as c')
			.innerJoin('editions as ed', 'ed.id', 'c.edition_id')
			.groupBy('ed.phase')
			.select((eb) => ['ed.phase', eb.fn.countAll<number>().as('n')])
			.execute();
		expect(counts.map((c) => c.phase)).toEqual(['published']);
		expect(Number(counts[0].n)).toBeGreaterThan(10);
	});

	it('cover each laureate team, named member, juror who reviewed and site that reported', async () => {
		const [published] = (await editions()).filter((e) => e.phase === 'published');
		const expected = await sql<{ kind: string; n: number }>`
			select 'laureateTeam' as kind, count(*)::int as n from entries
				where edition_id = ${published.id} and state = 'laureate'
			union all select 'laureateMember', count(*)::int from entry_members m
				join entries e on e.id = m.entry_id
				where e.edition_id = ${published.id} and e.state = 'laureate' and m.publish_name
			union all select 'juror', count(distinct r.juror_id)::int from reviews r
				join entries e on e.id = r.entry_id
				where e.edition_id = ${published.id} and r.status = 'submitted'
			union all select 'trialSite', count(*)::int from trial_sites s
				join entries e on e.id = s.entry_id join trial_reports r on r.site_id = s.id
				where e.edition_id = ${published.id} and s.status = 'accepted' and r.status = 'submitted'`.execute(
			t.db
		);
		const issued = await t.db
			.selectFrom('certificates')
			.where('edition_id', '=', published.id)
			.groupBy('kind')
			.select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
			.execute();
		const byKind = (rows: { kind: string; n: number }[]) =>
			Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
		expect(byKind(issued)).toEqual(byKind(expected.rows));
		for (const n of Object.values(byKind(issued))) expect(n).toBeGreaterThan(0);
	});

	it('are dated at the publication and carry codes signed with the server key', async () => {
		const [published] = (await editions()).filter((e) => e.phase === 'published');
		const at = await publicationTime(t.db, published.id);
		expect(at).not.toBeNull();
		const rows = await t.db.selectFrom('certificates').select(['code', 'issued_at']).execute();
		const secret = certificateSecret();
		for (const row of rows) {
			expect(row.issued_at.toISOString()).toBe(at!.toISOString());
			expect(checkCertificateCode(secret, row.code)).toMatchObject({ ok: true });
		}
	});

	it('reach a demo team lead: his team’s certificate and his own', async () => {
		const lead = await t.db
			.selectFrom('users')
			.select(['id', 'name'])
			.where('email', '=', DEMO_ACCOUNTS.teams[0].email)
			.executeTakeFirstOrThrow();
		const own = await userCertificates(t.db, lead.id);
		expect(own.map((c) => c.kind).sort()).toEqual(['laureateMember', 'laureateTeam']);
		expect(own.find((c) => c.kind === 'laureateMember')?.recipient).toBe(lead.name);
	});
});
