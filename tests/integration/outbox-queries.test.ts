// The organisers' view of the outbox: pages, filters, and sending a failed message again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../src/lib/server/mail/outbox';
import {
	findOutboxMessage,
	listOutbox,
	retryOutboxMessage
} from '../../src/lib/server/mail/queries';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t?.close();
});
beforeEach(async () => {
	await t.db.deleteFrom('outbox').execute();
});

const content = (n: number) => ({
	subject: `Message ${n}`,
	text: `Texte ${n}`,
	html: `<p>${n}</p>`
});

/** Writes `count` messages to `recipient(i)`, oldest first, and returns their ids. */
async function enqueueMany(count: number, recipient: (i: number) => string): Promise<number[]> {
	const ids: number[] = [];
	for (let i = 1; i <= count; i++) ids.push(await enqueueMail(t.db, recipient(i), content(i)));
	return ids;
}

describe(`outbox queries (${process.env.TEST_DB})`, () => {
	it('lists the outbox newest first, one page at a time, with the total', async () => {
		const ids = await enqueueMany(30, (i) => `personne${i}@example.fr`);

		const first = await listOutbox(t.db, { page: 1, pageSize: 25 });
		expect(first.total).toBe(30);
		expect(first.pageCount).toBe(2);
		expect(first.page).toBe(1);
		expect(first.rows.map((r) => r.id)).toEqual(ids.slice(5).reverse());

		const second = await listOutbox(t.db, { page: 2, pageSize: 25 });
		expect(second.rows.map((r) => r.id)).toEqual(ids.slice(0, 5).reverse());
		expect(second.rows[0]).toMatchObject({
			recipient: 'personne5@example.fr',
			subject: 'Message 5',
			status: 'pending',
			attempts: 0
		});
		expect(second.rows[0]).not.toHaveProperty('body_text');
	});

	it('gives the last page for a page number past the end, and page 1 for nonsense', async () => {
		await enqueueMany(3, (i) => `p${i}@example.fr`);
		const past = await listOutbox(t.db, { page: 9, pageSize: 2 });
		expect(past.page).toBe(2);
		expect(past.rows).toHaveLength(1);
		expect((await listOutbox(t.db, { page: -4, pageSize: 2 })).page).toBe(1);
		expect((await listOutbox(t.db, { page: Number.NaN, pageSize: 2 })).page).toBe(1);
	});

	it('answers an empty outbox with no rows, a total of 0 and one page', async () => {
		expect(await listOutbox(t.db, { page: 1, pageSize: 25 })).toEqual({
			rows: [],
			total: 0,
			page: 1,
			pageSize: 25,
			pageCount: 1
		});
	});

	it('filters by status and by part of the recipient, case-insensitively, together', async () => {
		const ids = await enqueueMany(6, (i) => (i % 2 ? `alice${i}@ecole.fr` : `bob${i}@lycee.fr`));
		await t.db
			.updateTable('outbox')
			.set({ status: 'sent' })
			.where('id', 'in', ids.slice(0, 2))
			.execute();
		await t.db.updateTable('outbox').set({ status: 'failed' }).where('id', '=', ids[2]).execute();

		const sent = await listOutbox(t.db, { page: 1, pageSize: 25, status: 'sent' });
		expect(sent.total).toBe(2);
		expect(sent.rows.every((r) => r.status === 'sent')).toBe(true);

		const alice = await listOutbox(t.db, { page: 1, pageSize: 25, recipient: '  ALICE ' });
		expect(alice.rows.map((r) => r.recipient)).toEqual([
			'alice5@ecole.fr',
			'alice3@ecole.fr',
			'alice1@ecole.fr'
		]);

		const both = await listOutbox(t.db, {
			page: 1,
			pageSize: 25,
			status: 'pending',
			recipient: 'ecole'
		});
		expect(both.rows.map((r) => r.recipient)).toEqual(['alice5@ecole.fr']);
		expect(both.total).toBe(1);
	});

	it('takes % and _ in the recipient search literally', async () => {
		await enqueueMail(t.db, 'jean_dupont@example.fr', content(1));
		await enqueueMail(t.db, 'jeanxdupont@example.fr', content(2));
		const underscore = await listOutbox(t.db, { page: 1, pageSize: 25, recipient: 'jean_' });
		expect(underscore.rows.map((r) => r.recipient)).toEqual(['jean_dupont@example.fr']);
		expect((await listOutbox(t.db, { page: 1, pageSize: 25, recipient: '%' })).total).toBe(0);
	});

	it('finds one message with its bodies, or nothing', async () => {
		const id = await enqueueMail(t.db, 'lecture@example.fr', content(7));
		expect(await findOutboxMessage(t.db, id)).toMatchObject({
			id,
			recipient: 'lecture@example.fr',
			body_text: 'Texte 7',
			body_html: '<p>7</p>'
		});
		expect(await findOutboxMessage(t.db, id + 1000)).toBeUndefined();
	});

	it('puts a failed message back in the queue, due now, keeping its attempts and last error', async () => {
		const id = await enqueueMail(t.db, 'renvoi@example.fr', content(1));
		await t.db
			.updateTable('outbox')
			.set({
				status: 'failed',
				attempts: 8,
				last_error: '451 Mailbox busy',
				next_attempt_at: new Date('2020-01-01T00:00:00Z')
			})
			.where('id', '=', id)
			.execute();
		const now = new Date('2030-06-01T12:00:00Z');

		expect(await retryOutboxMessage(t.db, id, now)).toBe(true);
		const row = await findOutboxMessage(t.db, id);
		expect(row).toMatchObject({ status: 'pending', attempts: 8, last_error: '451 Mailbox busy' });
		expect(row?.next_attempt_at.getTime()).toBe(now.getTime());
	});

	it('refuses to resend a message that is not failed, or does not exist', async () => {
		const pending = await enqueueMail(t.db, 'attente@example.fr', content(1));
		const sent = await enqueueMail(t.db, 'envoye@example.fr', content(2));
		const sentAt = new Date('2030-01-01T00:00:00Z');
		await t.db
			.updateTable('outbox')
			.set({ status: 'sent', sent_at: sentAt, attempts: 1 })
			.where('id', '=', sent)
			.execute();

		expect(await retryOutboxMessage(t.db, pending)).toBe(false);
		expect(await retryOutboxMessage(t.db, sent)).toBe(false);
		expect(await retryOutboxMessage(t.db, sent + 1000)).toBe(false);
		expect(await findOutboxMessage(t.db, sent)).toMatchObject({ status: 'sent', attempts: 1 });
	});
});
