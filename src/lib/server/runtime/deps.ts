import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';

/** What every service factory receives. */
export interface ServiceDeps {
	orm: MikroORM;
	config: AppConfig;
	logger: Logger;
	/** Call after a transaction that wrote outbox rows has committed. */
	afterCommit: () => void;
}
