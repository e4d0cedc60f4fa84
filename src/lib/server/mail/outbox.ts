// The mail outbox: a message is a row written in the same transaction as what caused it; the sender
// (sender.ts) delivers it afterwards. Never send mail inside a request.
import type { Db } from '../db';
import type { MailContent } from './templates';

export async function enqueueMail(db: Db, to: string, content: MailContent): Promise<number> {
	const row = await db
		.insertInto('outbox')
		.values({
			recipient: to,
			subject: content.subject,
			body_text: content.text,
			body_html: content.html
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}
