// Reading the outbox for the organisers (/admin/courriels), and sending a failed message again.
import type { Db } from '../db';
import type { OutboxStatus } from '../db/schema';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed'];

export function isOutboxStatus(value: unknown): value is OutboxStatus {
	return (OUTBOX_STATUSES as readonly unknown[]).includes(value);
}

export interface OutboxListOptions {
	/** 1-based; a page past the last one gives the last page. */
	page: number;
	pageSize: number;
	status?: OutboxStatus;
	/** Part of the recipient's address, case-insensitive. */
	recipient?: string;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
function likeContains(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page of the outbox, newest first, with the total of matching messages (two queries). */
export async function listOutbox(db: Db, options: OutboxListOptions) {
	const pageSize = Math.max(1, Math.floor(options.pageSize));
	const recipient = options.recipient?.trim();
	let filtered = db.selectFrom('outbox');
	if (options.status) filtered = filtered.where('status', '=', options.status);
	if (recipient) filtered = filtered.where('recipient', 'ilike', likeContains(recipient));

	const { total } = await filtered
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.executeTakeFirstOrThrow();
	const count = Number(total);
	const pageCount = Math.max(1, Math.ceil(count / pageSize));
	const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pageCount);

	const rows = await filtered
		.select([
			'id',
			'recipient',
			'subject',
			'status',
			'attempts',
			'next_attempt_at',
			'last_error',
			'created_at',
			'sent_at'
		])
		.orderBy('id', 'desc')
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.execute();

	return { rows, total: count, page, pageSize, pageCount };
}

export type OutboxListItem = Awaited<ReturnType<typeof listOutbox>>['rows'][number];

/** One message with its bodies, or undefined. */
export async function findOutboxMessage(db: Db, id: number) {
	return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Puts a failed message back in the queue, due now; its attempt count is kept (so the sender makes one
 * more try before marking it failed again). Returns false when the message is not 'failed'.
 */
export async function retryOutboxMessage(db: Db, id: number, now = new Date()): Promise<boolean> {
	const result = await db
		.updateTable('outbox')
		.set({ status: 'pending', next_attempt_at: now })
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}
