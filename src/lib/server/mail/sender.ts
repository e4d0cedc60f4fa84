// The mail sender: delivers the outbox (outbox.ts) through SMTP, outside any request. A batch of due
// messages is claimed in a short transaction (FOR UPDATE SKIP LOCKED, plus a lease that pushes their next
// attempt forward), so two senders — two processes, or two overlapping runs — never send the same row.
// Each message is then sent and marked 'sent', or rescheduled with exponential back-off; after
// MAX_ATTEMPTS failed tries it becomes 'failed' and stays in the table for the organisers to see and resend.
import nodemailer from 'nodemailer';
import type { Selectable } from 'kysely';
import type { Db } from '../db';
import type { Config } from '../config';
import type { OutboxTable } from '../db/schema';
import { logger } from '../log.js';
import { onShutdown } from '../shutdown';

/** Delivery attempts after which a message is marked 'failed' (a manual resend grants one more). */
export const MAX_ATTEMPTS = 8;
/** How long a claimed message is reserved for the sender that claimed it. */
export const LEASE_MS = 10 * 60_000;
/** Back-off after the first failure, doubled after each further one, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 60_000;
export const MAX_BACKOFF_MS = 6 * 60 * 60_000;
/** Messages claimed per batch. */
export const BATCH_SIZE = 10;
/** Interval between two runs of the background sender. */
export const SEND_INTERVAL_MS = 5_000;

const MAX_ERROR_LENGTH = 1_000;

/** What the sender needs from a transport: nodemailer's `sendMail`. */
export interface MailTransport {
	sendMail(message: {
		from: string;
		to: string;
		subject: string;
		text: string;
		html: string;
	}): Promise<unknown>;
	close?(): void;
}

export interface MailSenderOptions {
	db: Db;
	/** smtp:// or smtps:// URL; not needed when `transport` is given. */
	smtpUrl?: string;
	/** The From header (config.mailFrom). */
	from: string;
	/** A ready transport, instead of one built from `smtpUrl`. */
	transport?: MailTransport;
	/** The clock, for tests. */
	now?: () => Date;
}

export interface SendReport {
	/** Messages claimed in this run. */
	claimed: number;
	sent: number;
	/** Failed this time, to be tried again later. */
	retrying: number;
	/** Failed for the last time: now 'failed'. */
	failed: number;
}

export interface MailSender {
	/**
	 * Sends the messages that are due now (at most `limit`), and reports what happened. When `stopping`
	 * turns true, no further message is sent: those claimed but not sent are due again at once.
	 */
	sendDue(limit?: number, stopping?: () => boolean): Promise<SendReport>;
	/** Closes the transport it created (not one it was given). */
	close(): void;
}

type OutboxRow = Selectable<OutboxTable>;

/** The delay before the next try after `attempts` failed ones: 1 min, 2, 4, 8 … capped at 6 h. */
export function backoffDelay(attempts: number): number {
	const exponent = Math.max(0, attempts - 1);
	return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(exponent, 30));
}

/** A readable, bounded error message for the outbox row. */
function errorMessage(error: unknown): string {
	const raw = error instanceof Error ? error.message : String(error);
	const message = raw.replace(/\s+/g, ' ').trim() || 'Erreur inconnue lors de l’envoi.';
	return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}

export function createMailSender(options: MailSenderOptions): MailSender {
	const { db, from } = options;
	const now = options.now ?? (() => new Date());
	const ownTransport = !options.transport;
	let transport = options.transport;
	if (!transport) {
		if (!options.smtpUrl) throw new Error('createMailSender : smtpUrl ou transport est requis.');
		transport = nodemailer.createTransport({
			url: options.smtpUrl,
			connectionTimeout: 30_000,
			greetingTimeout: 30_000,
			socketTimeout: 60_000
		});
	}
	const smtp = transport;

	/** Claims up to `limit` due messages, leasing them so no other sender takes them meanwhile. */
	async function claim(limit: number, at: Date): Promise<OutboxRow[]> {
		return db.transaction().execute(async (trx) => {
			const due = await trx
				.selectFrom('outbox')
				.select('id')
				.where('status', '=', 'pending')
				.where('next_attempt_at', '<=', at)
				.orderBy('id')
				.limit(limit)
				.forUpdate()
				.skipLocked()
				.execute();
			if (due.length === 0) return [];
			const rows = await trx
				.updateTable('outbox')
				.set({ next_attempt_at: new Date(at.getTime() + LEASE_MS) })
				.where(
					'id',
					'in',
					due.map((row) => row.id)
				)
				.returningAll()
				.execute();
			return rows.sort((a, b) => a.id - b.id);
		});
	}

	/** Gives back claimed messages not sent: due again at `at`, for the next run or process. */
	async function release(rows: OutboxRow[], at: Date): Promise<void> {
		await db
			.updateTable('outbox')
			.set({ next_attempt_at: at })
			.where(
				'id',
				'in',
				rows.map((row) => row.id)
			)
			.where('status', '=', 'pending')
			.execute();
	}

	async function deliver(row: OutboxRow, report: SendReport): Promise<void> {
		try {
			await smtp.sendMail({
				from,
				to: row.recipient,
				subject: row.subject,
				text: row.body_text,
				html: row.body_html
			});
		} catch (error) {
			const attempts = row.attempts + 1;
			const at = now();
			const last = attempts >= MAX_ATTEMPTS;
			await db
				.updateTable('outbox')
				.set({
					attempts,
					last_error: errorMessage(error),
					status: last ? 'failed' : 'pending',
					next_attempt_at: last ? at : new Date(at.getTime() + backoffDelay(attempts))
				})
				.where('id', '=', row.id)
				.where('status', '=', 'pending')
				.execute();
			if (last) report.failed++;
			else report.retrying++;
			return;
		}
		await db
			.updateTable('outbox')
			.set({ status: 'sent', sent_at: now(), attempts: row.attempts + 1 })
			.where('id', '=', row.id)
			.execute();
		report.sent++;
	}

	return {
		async sendDue(limit = BATCH_SIZE, stopping = () => false) {
			const at = now();
			const rows = await claim(limit, at);
			const report: SendReport = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
			for (const [i, row] of rows.entries()) {
				if (stopping()) {
					await release(rows.slice(i), at);
					break;
				}
				await deliver(row, report);
			}
			return report;
		},
		close() {
			if (ownTransport) smtp.close?.();
		}
	};
}

let running: { stop: () => Promise<void>; wake: () => void } | undefined;

/**
 * Starts the background sender when SMTP is configured, and returns the function that stops it (also
 * registered as a step of the server's stop, shutdown.ts): no new message is sent, the timer is
 * cleared, the transport closed, and the run under way awaited — the message being sent finishes, or
 * is left to its lease (sent again later) when the stop's bound comes first. Without SMTP, mail stays
 * in the outbox, where organisers read it at /admin/courriels.
 */
export function startMailSender(db: Db, config: Config): () => Promise<void> {
	void running?.stop();
	if (!config.smtpUrl) {
		logger.info(
			'Aucun serveur SMTP configuré (SMTP_URL) : les courriels restent dans la boîte d’envoi, consultables par les organisateurs sur /admin/courriels.'
		);
		return async () => {};
	}
	const sender = createMailSender({ db, smtpUrl: config.smtpUrl, from: config.mailFrom });
	let busy: Promise<void> | undefined;
	let again = false;
	let stopped = false;

	// One run at a time; a wake-up during a run asks for another run right after it.
	async function run(): Promise<void> {
		if (stopped) return;
		if (busy) {
			again = true;
			return;
		}
		busy = runBatches();
		await busy;
		busy = undefined;
	}

	async function runBatches(): Promise<void> {
		try {
			do {
				again = false;
				const report = await sender.sendDue(BATCH_SIZE, () => stopped);
				if (report.claimed === BATCH_SIZE) again = true;
				if (report.retrying + report.failed > 0)
					logger.warn(
						`Envoi des courriels : ${report.retrying + report.failed} échec(s), voir /admin/courriels.`
					);
			} while (again && !stopped);
		} catch (error) {
			if (!stopped) logger.error({ err: error }, 'Envoi des courriels interrompu.');
		}
	}

	const timer = setInterval(() => void run(), SEND_INTERVAL_MS);
	timer.unref();
	const current = {
		async stop() {
			stopped = true;
			clearInterval(timer);
			unregister();
			if (running === current) running = undefined;
			try {
				await busy;
			} finally {
				sender.close();
			}
		},
		wake() {
			setImmediate(() => void run()).unref();
		}
	};
	running = current;
	// A send under way may wait on a slow SMTP server: the database, closed after, keeps its time.
	const unregister = onShutdown('envoi des courriels arrêté', current.stop, { boundMs: 1_500 });
	logger.info('Envoi des courriels par SMTP activé.');
	current.wake();
	return current.stop;
}

/**
 * Asks the background sender to look at the outbox now rather than at its next tick; call it after the
 * transaction that wrote a message has committed. It only schedules a run: nothing is sent in the caller.
 */
export function wakeMailSender(): void {
	running?.wake();
}
