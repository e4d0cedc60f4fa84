import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addAttachments,
	findAttachment,
	listAttachments,
	removeAttachment
} from '../../src/lib/server/db/attachments';
import { advanceEntry } from '../../src/lib/server/workflow/advance';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
const ids: Record<'lead' | 'member' | 'other' | 'organiser', number> = {
	lead: 0,
	member: 0,
	other: 0,
	organiser: 0
};
let editionId: number;

const pdf = (text = 'contenu') => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function newEntry(title = 'Une innovation') {
	const { id } = await t.db
		.insertInto('entries')
		.values({ edition_id: editionId, title })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('entry_members')
		.values([
			{ entry_id: id, user_id: ids.lead, role: 'lead' },
			{ entry_id: id, user_id: ids.member, role: 'member' }
		])
		.execute();
	return id;
}

async function storedCount(entryId: number) {
	return (await listAttachments(t.db, entryId)).length;
}

beforeAll(async () => {
	t = await createTestDatabase();
	for (const key of Object.keys(ids) as (keyof typeof ids)[])
		ids[key] = (
			await t.db
				.insertInto('users')
				.values({
					email: `${key}@ac-lyon.fr`,
					name: `Personne ${key}`,
					password_hash: 'x',
					is_organiser: key === 'organiser'
				})
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	editionId = (
		await t.db
			.insertInto('editions')
			.values({ year: 2041, title: 'Édition de test' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
});
afterAll(async () => {
	await t?.close();
});

describe('attachments', () => {
	it('stores an accepted file with its SHA-256, its sniffed type and a safe name', async () => {
		const entryId = await newEntry();
		const bytes = pdf('bilan');
		const result = await addAttachments(t.db, ids.member, entryId, [
			{ name: 'Bilan de l’année.exe', bytes }
		]);
		expect(result).toMatchObject({ ok: true, refused: [] });
		if (!result.ok) throw new Error('refused');
		expect(result.added.map((a) => a.fileName)).toEqual(['Bilan de l’année.pdf']);
		const [listed] = await listAttachments(t.db, entryId);
		expect(listed).toMatchObject({
			file_name: 'Bilan de l’année.pdf',
			mime: 'application/pdf',
			size: bytes.length,
			sha256: sha(bytes),
			uploader_name: 'Personne member'
		});
		const stored = await findAttachment(t.db, entryId, listed.id);
		expect(Buffer.from(stored!.content).equals(Buffer.from(bytes))).toBe(true);
		expect(await findAttachment(t.db, entryId + 1000, listed.id)).toBeUndefined();
	});

	it('refuses each bad upload with its French message and stores nothing of it', async () => {
		const entryId = await newEntry();
		const program = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
		const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]);
		const tooBig = new Uint8Array(10 * 1024 * 1024 + 1);
		tooBig.set(pdf());
		const result = await addAttachments(t.db, ids.lead, entryId, [
			{ name: 'rapport.pdf', bytes: program },
			{ name: 'annexe.pdf', bytes: elf },
			{ name: 'gros.pdf', bytes: tooBig },
			{ name: 'vide.pdf', bytes: new Uint8Array(0) },
			{ name: '../..', bytes: pdf() }
		]);
		if (!result.ok) throw new Error(result.message);
		expect(result.added).toEqual([]);
		expect(result.refused.map((r) => r.message)).toEqual([
			expect.stringMatching(/« rapport\.pdf » n’est pas d’un type accepté/),
			expect.stringMatching(/« annexe\.pdf » n’est pas d’un type accepté/),
			expect.stringMatching(/« gros\.pdf » dépasse 10 Mo/),
			'Le fichier « vide.pdf » est vide.',
			expect.stringMatching(/nom de fichier .* n’est pas valide/)
		]);
		expect(await storedCount(entryId)).toBe(0);
	});

	it('keeps only the last segment of a name with ../', async () => {
		const entryId = await newEntry();
		const result = await addAttachments(t.db, ids.lead, entryId, [
			{ name: '../../etc/passwd.pdf', bytes: pdf() }
		]);
		expect(result).toMatchObject({ ok: true, added: [{ fileName: 'passwd.pdf' }], refused: [] });
	});

	it('refuses an 11th file, counting those already stored, and keeps the good ones of a batch', async () => {
		const entryId = await newEntry();
		const first = await addAttachments(
			t.db,
			ids.lead,
			entryId,
			Array.from({ length: 8 }, (_, i) => ({ name: `piece-${i}.pdf`, bytes: pdf(String(i)) }))
		);
		expect(first).toMatchObject({ ok: true, refused: [] });
		const second = await addAttachments(t.db, ids.member, entryId, [
			{ name: 'neuf.pdf', bytes: pdf('9') },
			{ name: 'faux.pdf', bytes: new TextEncoder().encode('MZ pas un pdf') },
			{ name: 'dix.pdf', bytes: pdf('10') },
			{ name: 'onze.pdf', bytes: pdf('11') }
		]);
		if (!second.ok) throw new Error(second.message);
		expect(second.added.map((a) => a.fileName)).toEqual(['neuf.pdf', 'dix.pdf']);
		expect(second.refused.map((r) => r.name)).toEqual(['faux.pdf', 'onze.pdf']);
		expect(second.refused[1].message).toMatch(/au plus 10 pièces jointes/);
		expect(await storedCount(entryId)).toBe(10);
		const third = await addAttachments(t.db, ids.lead, entryId, [
			{ name: 'encore.pdf', bytes: pdf() }
		]);
		expect(third).toMatchObject({ ok: true, added: [], refused: [{ name: 'encore.pdf' }] });
		expect(await storedCount(entryId)).toBe(10);
	});

	it('lets only team members add or remove, and only while the dossier is editable', async () => {
		const entryId = await newEntry();
		for (const who of ['other', 'organiser'] as const) {
			expect(
				await addAttachments(t.db, ids[who], entryId, [{ name: 'a.pdf', bytes: pdf() }])
			).toEqual({
				ok: false,
				message: 'Seuls les membres de l’équipe peuvent modifier le dossier.'
			});
		}
		const added = await addAttachments(t.db, ids.lead, entryId, [
			{ name: 'a.pdf', bytes: pdf('a') },
			{ name: 'b.pdf', bytes: pdf('b') }
		]);
		if (!added.ok) throw new Error(added.message);
		const [a, b] = added.added;
		expect(await removeAttachment(t.db, ids.other, entryId, a.id)).toMatchObject({ ok: false });
		expect(await removeAttachment(t.db, ids.member, entryId, a.id)).toEqual({
			ok: true,
			fileName: 'a.pdf'
		});
		expect(await removeAttachment(t.db, ids.member, entryId, a.id)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/n’existe pas/)
		});
		// Once withdrawn, the dossier is read-only: nothing is added or removed.
		expect(
			await advanceEntry(t.db, entryId, { type: 'WITHDRAW', reason: 'Test' }, { userId: ids.lead })
		).toMatchObject({ ok: true });
		expect(await removeAttachment(t.db, ids.lead, entryId, b.id)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/lecture seule/)
		});
		expect(
			await addAttachments(t.db, ids.lead, entryId, [{ name: 'c.pdf', bytes: pdf() }])
		).toMatchObject({ ok: false, message: expect.stringMatching(/lecture seule/) });
		expect((await listAttachments(t.db, entryId)).map((x) => x.file_name)).toEqual(['b.pdf']);
	});
});
