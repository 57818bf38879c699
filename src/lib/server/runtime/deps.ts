import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboxBatch } from '../realtime/outbox.ts';

/** What every service factory receives. */
export interface ServiceDeps {
	orm: MikroORM;
	config: AppConfig;
	logger: Logger;
	/** Hand over the outbox rows of a transaction once it has committed, to publish them at once. */
	afterCommit: (batch: OutboxBatch) => void;
	/** The clock; tests inject one to move time without waiting. Defaults to Date.now. */
	now?: () => number;
}
