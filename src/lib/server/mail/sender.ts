import type { Db } from '../db';
import type { Config } from '../config';
export function startMailSender(_db: Db, _config: Config): void {}
