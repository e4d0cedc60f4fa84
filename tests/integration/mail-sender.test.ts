// The mail sender against a real SMTP server (smtp-server, in this process) and a real database.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/lib/server/config';
import { enqueueMail } from '../../src/lib/server/mail/outbox';
import {
	backoffDelay,
	createMailSender,
	MAX_ATTEMPTS,
	MAX_BACKOFF_MS,
	startMailSender,
	wakeMailSender
} from '../../src/lib/server/mail/sender';
import { verifyEmailMail } from '../../src/lib/server/mail/templates';
import { logger } from '../../src/lib/server/log.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const FROM = 'Prix Impulsions <ne-pas-repondre@prix-impulsions.localhost>';

interface ReceivedMail {
	to: string[];
	subject: string;
	text: string;
	html: string;
}

interface TestSmtp {
	url: string;
	/** Messages the server accepted. */
	accepted: ReceivedMail[];
	/** DATA commands received, accepted or not. */
	attempts: number;
	close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 that refuses (451) the messages for which `refuse(n)` is true. */
async function startSmtp(refuse: (attempt: number) => boolean): Promise<TestSmtp> {
	const state: TestSmtp = {
		url: '',
		accepted: [],
		attempts: 0,
		close: () =>
			new Promise<void>((done) => {
				server.close(() => done());
			})
	};
	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		closeTimeout: 1_000,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				state.attempts++;
				if (refuse(state.attempts)) {
					const error = new Error('Mailbox busy, try again later') as Error & {
						responseCode: number;
					};
					error.responseCode = 451;
					callback(error);
					return;
				}
				const mail = parseMail(Buffer.concat(chunks).toString('latin1'));
				state.accepted.push({ to: session.envelope.rcptTo.map((r) => r.address), ...mail });
				callback();
			});
		}
	});
	await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
	state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
	return state;
}

// A small MIME reader, enough for what nodemailer writes: headers with RFC 2047 words, a
// multipart/alternative body whose parts are quoted-printable, base64 or 7bit.
function parseMail(raw: string): { subject: string; text: string; html: string } {
	const { headers, body } = splitPart(raw);
	const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
	if (!boundary) throw new Error('Message attendu en multipart/alternative.');
	const parts = body
		.split(`--${boundary}`)
		.slice(1, -1)
		.map((part) => splitPart(part.replace(/^\r\n/, '')));
	const find = (type: string) => {
		const part = parts.find((p) => (p.headers['content-type'] ?? '').startsWith(type));
		if (!part) throw new Error(`Partie ${type} absente.`);
		return decodeBody(part.body, part.headers['content-transfer-encoding'] ?? '7bit');
	};
	return {
		subject: decodeWords(headers['subject'] ?? ''),
		text: find('text/plain'),
		html: find('text/html')
	};
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
	const end = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ');
	const headers: Record<string, string> = {};
	for (const line of head.split('\r\n')) {
		const colon = line.indexOf(':');
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body: raw.slice(end + 4) };
}

function decodeBody(body: string, encoding: string): string {
	const bytes =
		encoding.toLowerCase() === 'base64'
			? Buffer.from(body.replace(/\s+/g, ''), 'base64')
			: encoding.toLowerCase() === 'quoted-printable'
				? decodeQuotedPrintable(body.replace(/=\r\n/g, ''))
				: Buffer.from(body, 'latin1');
	return bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, '');
}

function decodeQuotedPrintable(text: string): Buffer {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
			bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(text.charCodeAt(i));
	}
	return Buffer.from(bytes);
}

function decodeWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_all, _charset, kind: string, data: string) =>
			(kind.toUpperCase() === 'B'
				? Buffer.from(data, 'base64')
				: decodeQuotedPrintable(data.replaceAll('_', ' '))
			).toString('utf8')
		);
}

let t: TestDatabase;
const servers: TestSmtp[] = [];

async function smtp(refuse: (attempt: number) => boolean = () => false): Promise<TestSmtp> {
	const server = await startSmtp(refuse);
	servers.push(server);
	return server;
}

async function outboxRow(id: number) {
	return t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t?.close();
});
beforeEach(async () => {
	await t.db.deleteFrom('outbox').execute();
});
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
	vi.restoreAllMocks();
});

describe(`mail sender (${process.env.TEST_DB})`, () => {
	it('keeps a message refused with 451 pending with a back-off, then sends it once when due', async () => {
		const server = await smtp((attempt) => attempt === 1);
		const content = verifyEmailMail(
			'Camille Lefèvre',
			'https://prix.example.fr/verification/jeton-123'
		);
		const id = await enqueueMail(t.db, 'camille.lefevre@example.fr', content);
		let clock = new Date(Date.now() + 1_000);
		const sender = createMailSender({
			db: t.db,
			smtpUrl: server.url,
			from: FROM,
			now: () => clock
		});

		expect(await sender.sendDue()).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
		const refused = await outboxRow(id);
		expect(refused.status).toBe('pending');
		expect(refused.attempts).toBe(1);
		expect(refused.last_error).toContain('451');
		expect(refused.last_error).toContain('Mailbox busy');
		expect(refused.last_error).toBe(refused.last_error?.trim());
		expect(refused.next_attempt_at.getTime()).toBe(clock.getTime() + backoffDelay(1));
		expect(refused.sent_at).toBeNull();

		// Not due yet: nothing happens.
		expect(await sender.sendDue()).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });

		clock = new Date(clock.getTime() + backoffDelay(1) + 1_000);
		expect(await sender.sendDue()).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
		const sent = await outboxRow(id);
		expect(sent.status).toBe('sent');
		expect(sent.sent_at?.getTime()).toBe(clock.getTime());
		expect(sent.attempts).toBe(2);

		expect(server.attempts).toBe(2);
		expect(server.accepted).toHaveLength(1);
		const [mail] = server.accepted;
		expect(mail.to).toEqual(['camille.lefevre@example.fr']);
		expect(mail.subject).toBe(content.subject);
		expect(mail.text).toBe(content.text);
		expect(mail.html).toBe(content.html);

		// Sent is sent: a later run does not send it again.
		clock = new Date(clock.getTime() + MAX_BACKOFF_MS);
		expect((await sender.sendDue()).claimed).toBe(0);
		expect(server.accepted).toHaveLength(1);
		sender.close();
	});

	it('backs off 1, 2, 4 … minutes and marks the message failed, still kept, after MAX_ATTEMPTS refusals', async () => {
		const server = await smtp(() => true);
		const id = await enqueueMail(t.db, 'dominique@example.fr', {
			subject: 'Essai',
			text: 'Texte',
			html: '<p>Texte</p>'
		});
		let clock = new Date(Date.now() + 1_000);
		const sender = createMailSender({
			db: t.db,
			smtpUrl: server.url,
			from: FROM,
			now: () => clock
		});

		const delays: number[] = [];
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			const report = await sender.sendDue();
			const row = await outboxRow(id);
			expect(row.attempts).toBe(attempt);
			if (attempt < MAX_ATTEMPTS) {
				expect(report).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
				expect(row.status).toBe('pending');
				delays.push(row.next_attempt_at.getTime() - clock.getTime());
				clock = new Date(row.next_attempt_at.getTime() + 1);
			} else {
				expect(report).toEqual({ claimed: 1, sent: 0, retrying: 0, failed: 1 });
				expect(row.status).toBe('failed');
			}
		}
		expect(delays.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
		expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
		expect(backoffDelay(30)).toBe(MAX_BACKOFF_MS);

		clock = new Date(clock.getTime() + 10 * MAX_BACKOFF_MS);
		expect((await sender.sendDue()).claimed).toBe(0);
		const failed = await outboxRow(id);
		expect(failed.status).toBe('failed');
		expect(failed.last_error).toContain('451');
		expect(server.attempts).toBe(MAX_ATTEMPTS);
		expect(server.accepted).toHaveLength(0);
		sender.close();
	});

	it('sends each message once when several senders run at the same time', async () => {
		const server = await smtp();
		const recipients = Array.from({ length: 7 }, (_, i) => `personne${i}@example.fr`);
		for (const to of recipients)
			await enqueueMail(t.db, to, { subject: `Pour ${to}`, text: 'Texte', html: '<p>Texte</p>' });
		const clock = new Date(Date.now() + 1_000);
		const senders = [1, 2, 3].map(() =>
			createMailSender({ db: t.db, smtpUrl: server.url, from: FROM, now: () => clock })
		);

		const reports = await Promise.all([
			senders[0].sendDue(3),
			senders[1].sendDue(3),
			senders[2].sendDue(3),
			senders[0].sendDue(3)
		]);

		expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(recipients.length);
		expect(reports.reduce((sum, r) => sum + r.claimed, 0)).toBe(recipients.length);
		expect(server.accepted.map((m) => m.to[0]).sort()).toEqual([...recipients].sort());
		const statuses = await t.db.selectFrom('outbox').select(['status', 'attempts']).execute();
		expect(statuses.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
		for (const sender of senders) sender.close();
	});

	it('stops between two messages when asked: those claimed but not sent are due again at once', async () => {
		const server = await smtp();
		const content = { subject: 'Arrêt', text: 'Texte', html: '<p>Texte</p>' };
		const ids: number[] = [];
		for (const to of ['un@example.fr', 'deux@example.fr', 'trois@example.fr'])
			ids.push(await enqueueMail(t.db, to, content));
		const sender = createMailSender({ db: t.db, smtpUrl: server.url, from: FROM });
		const report = await sender.sendDue(10, () => server.attempts >= 1);
		sender.close();
		expect(report).toEqual({ claimed: 3, sent: 1, retrying: 0, failed: 0 });
		expect(server.accepted.map((m) => m.to[0])).toEqual(['un@example.fr']);
		for (const id of ids.slice(1)) {
			const row = await outboxRow(id);
			expect(row).toMatchObject({ status: 'pending', attempts: 0 });
			// Not left leased for LEASE_MS: the next run, or the next process, sends it.
			expect(row.next_attempt_at.getTime()).toBeLessThanOrEqual(Date.now());
		}
	});

	it('sends nothing when no message is due', async () => {
		const server = await smtp();
		const clock = new Date(Date.now() + 1_000);
		const sender = createMailSender({
			db: t.db,
			smtpUrl: server.url,
			from: FROM,
			now: () => clock
		});
		expect(await sender.sendDue()).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });

		const content = { subject: 'Plus tard', text: 'Texte', html: '<p>Texte</p>' };
		const later = await enqueueMail(t.db, 'plus-tard@example.fr', content);
		const sent = await enqueueMail(t.db, 'deja-envoye@example.fr', content);
		const failed = await enqueueMail(t.db, 'echec@example.fr', content);
		await t.db
			.updateTable('outbox')
			.set({ next_attempt_at: new Date(clock.getTime() + 60_000) })
			.where('id', '=', later)
			.execute();
		await t.db
			.updateTable('outbox')
			.set({ status: 'sent', sent_at: clock })
			.where('id', '=', sent)
			.execute();
		await t.db.updateTable('outbox').set({ status: 'failed' }).where('id', '=', failed).execute();

		expect(await sender.sendDue()).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
		expect(server.attempts).toBe(0);
		expect((await outboxRow(later)).attempts).toBe(0);
		sender.close();
	});

	it('the background sender delivers a waiting message when woken, and stops', async () => {
		const server = await smtp();
		vi.spyOn(logger, 'info').mockImplementation(() => {});
		await enqueueMail(t.db, 'reveil@example.fr', {
			subject: 'Réveil',
			text: 'Texte',
			html: '<p>Texte</p>'
		});
		const stop = startMailSender(t.db, testConfig(server.url));
		try {
			wakeMailSender();
			await vi.waitFor(() => expect(server.accepted).toHaveLength(1), { timeout: 10_000 });
			expect(server.accepted[0].to).toEqual(['reveil@example.fr']);
			await vi.waitFor(async () =>
				expect(
					(await t.db.selectFrom('outbox').select('status').executeTakeFirstOrThrow()).status
				).toBe('sent')
			);
		} finally {
			await stop();
		}
	});

	it('without SMTP, the background sender only says once that mail stays in the outbox', async () => {
		const info = vi.spyOn(logger, 'info').mockImplementation(() => {});
		await enqueueMail(t.db, 'garde@example.fr', { subject: 'Gardé', text: 'Texte', html: '' });
		const stop = startMailSender(t.db, testConfig(undefined));
		wakeMailSender();
		await new Promise((resolve) => setTimeout(resolve, 100));
		await stop();
		expect(info).toHaveBeenCalledTimes(1);
		expect(String(info.mock.calls[0][0])).toContain('/admin/courriels');
		const row = await t.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
		expect(row.status).toBe('pending');
		expect(row.attempts).toBe(0);
	});
});

function testConfig(smtpUrl: string | undefined): Config {
	return {
		port: 3000,
		origin: undefined,
		databaseUrl: undefined,
		pgliteDataDir: 'memory://',
		smtpUrl,
		mailFrom: FROM,
		secretKey: 'x'.repeat(32),
		secureCookies: false,
		demoData: false,
		logFormat: 'text'
	};
}
