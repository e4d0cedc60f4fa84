/** A backup or restore that cannot go on, with a French message for the person who ran it. */
export class BackupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupError';
	}
}
