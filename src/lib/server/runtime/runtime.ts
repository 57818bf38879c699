import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.ts';
import { resolveSecrets, type Secrets } from '../config/secrets.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres.ts';
import type { Logger } from '../logging/logger.ts';
import { createAuthService } from '../auth/auth.service.ts';
import { createSessionService } from '../auth/session.service.ts';
import { createRateLimits } from '../auth/rate-limits.ts';
import { createNoticeService } from '../notices/notice.service.ts';
import { createAuditService } from '../audit/audit.service.ts';
import { createUserService } from '../users/user.service.ts';
import { createRoleService } from '../roles/role.service.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { createFieldCrypto, parseKeyRing, type FieldCrypto } from '../crypto/field-crypto.ts';
import { createEncryptedFileStore, createLocalFileStore, type EncryptedFileStore } from '../files/file-store.ts';
import type { PayloadSealer } from '../realtime/outbox.ts';
import { createPatientService, type PatientService } from '../patients/patient.service.ts';
import { createPatientImportService, type PatientImportService } from '../patients/import/import.service.ts';
import { createPatientPortalService, type PatientPortalService } from '../patients/patient-portal.service.ts';
import { createBookingService, type BookingService } from '../scheduling/booking.service.ts';
import { createCatalogueService, type CatalogueService } from '../scheduling/catalogue.service.ts';
import { createWaitlistService, type WaitlistService } from '../scheduling/waitlist.service.ts';
import { createQueueService, type QueueService } from '../queue/queue.service.ts';
import { createBoardService, type BoardService } from '../boards/board.service.ts';
import { createPatientFilesService, type PatientFilesService } from '../patients/patient-files.service.ts';
import { createNotificationService, type NotificationService } from '../notifications/notification.service.ts';
import { JobRunner } from '../jobs/job-runner.ts';
import { REMINDER_JOB, reminderHandler, reminderPlanner } from '../reminders/reminder-jobs.ts';
import { createSmsProvider, type SmsProvider } from '../sms/sms-provider.ts';
import { seedDemoPatients } from '../demo/demo-patients.ts';
import { seedDemoScheduling } from '../demo/demo-scheduling.ts';
import { createMfaService } from '../mfa/mfa.service.ts';
import { createPasswordService } from '../auth/password.service.ts';
import { createApiTokenService } from '../auth/api-token.service.ts';
import { createSettingsService } from '../tenancy/settings.service.ts';
import { createActivityService } from '../activity/activity.service.ts';
import { createProfileService } from '../profile/profile.service.ts';
import { createSecretBox } from '../crypto/secret-box.ts';
import { OutboxRelay } from '../realtime/outbox-relay.ts';
import type { OutboxBatch } from '../realtime/outbox.ts';
import { syncSystemRoles } from '../access/system-roles.ts';
import { demoUserList, isDemoDatabase, isEmptyDatabase, seedDemo } from '../demo/seed.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import type { ServiceDeps } from './deps.ts';

export interface Runtime {
	config: AppConfig;
	logger: Logger;
	orm: MikroORM;
	secrets: Secrets;
	/** True when the database holds the demo hospital: the login page lists the demo users. */
	demoMode: boolean;
	relay: OutboxRelay;
	/** Background jobs (appointment reminders): started with the process, stopped by close(). */
	jobs: JobRunner;
	/** Where text messages go (SMS_PROVIDER). */
	sms: SmsProvider;
	metrics: Metrics;
	/** Present when REDIS_URL is set; the realtime layer duplicates it for the adapter. */
	redis: Redis | undefined;
	mailer: Mailer;
	/** Patient-data encryption (fields, files, sealed outbox payloads) under the configured key ring. */
	fieldCrypto: FieldCrypto;
	/** Uploaded documents, photos and import files, encrypted at rest under DATA_DIR/files. */
	files: EncryptedFileStore;
	services: {
		sessions: ReturnType<typeof createSessionService>;
		auth: ReturnType<typeof createAuthService>;
		notices: ReturnType<typeof createNoticeService>;
		audit: ReturnType<typeof createAuditService>;
		users: ReturnType<typeof createUserService>;
		mfa: ReturnType<typeof createMfaService>;
		passwords: ReturnType<typeof createPasswordService>;
		tokens: ReturnType<typeof createApiTokenService>;
		settings: ReturnType<typeof createSettingsService>;
		activity: ReturnType<typeof createActivityService>;
		profile: ReturnType<typeof createProfileService>;
		roles: ReturnType<typeof createRoleService>;
		patients: PatientService;
		patientImports: PatientImportService;
		portal: PatientPortalService;
		booking: BookingService;
		catalogue: CatalogueService;
		waitlist: WaitlistService;
		queue: QueueService;
		boards: BoardService;
		patientFiles: PatientFilesService;
		notifications: NotificationService;
		demo: { users: () => ReturnType<typeof demoUserList> };
	};
	readiness(): Promise<{ ok: boolean; checks: Record<string, 'ok' | 'failing'> }>;
	close(): Promise<void>;
}

/**
 * Build everything the process needs, once: database (embedded when DATABASE_URL is unset),
 * migrations, demo seed, secrets, relay and services.
 */
export async function createRuntime(config: AppConfig, logger: Logger): Promise<Runtime> {
	let embedded: EmbeddedDatabase | undefined;
	let url = config.databaseUrl;
	if (!url) {
		embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'skinspire', logger });
		url = embedded.url;
		logger.info({ port: config.embeddedPgPort, dataDir: config.dataDir }, 'using the embedded PostgreSQL (DATABASE_URL is not set)');
	}
	let orm: MikroORM;
	try {
		orm = await openDatabase(url, logger);
	} catch (e) {
		await embedded?.stop().catch(() => undefined);
		throw e;
	}
	try {
		const applied = await migrate(orm);
		if (applied.length) logger.info({ migrations: applied }, 'database migrated');

		const shouldSeed = config.seedDemo === 'true' || (config.seedDemo === 'auto' && !!embedded);
		if (shouldSeed && (await isEmptyDatabase(orm))) {
			await seedDemo(orm);
			logger.info('demo data seeded: sign in as reception@demo.skinspire.app / skinspire-demo');
		}
		await syncSystemRoles(orm);
		const demoMode = await isDemoDatabase(orm);
		const secrets = resolveSecrets({ appSecret: config.appSecret, patientDataKeys: config.patientDataKeys, patientIndexKey: config.patientIndexKey, dataDir: config.dataDir, demoMode, logger });

		const fieldCrypto = createFieldCrypto(parseKeyRing(secrets.patientDataKeys, secrets.patientIndexKey));
		if (demoMode) {
			await seedDemoPatients(orm, fieldCrypto);
			await seedDemoScheduling(orm, { queue: config.demoQueue });
		}
		const files = createEncryptedFileStore(createLocalFileStore(path.join(config.dataDir, 'files')), fieldCrypto);

		const metrics = createMetrics();
		// Events carrying health data are stored encrypted in the outbox, under the patient-data keys.
		const sealer: PayloadSealer = {
			seal: (room, payload) => fieldCrypto.encrypt(JSON.stringify(payload), `outbox:${room}`),
			open: (room, sealed) => JSON.parse(fieldCrypto.decrypt(sealed, `outbox:${room}`))
		};
		const relay = new OutboxRelay(orm, logger, config.outboxSweepMs, sealer);
		const afterCommit = (batch: OutboxBatch) => {
			if (config.fault === 'crash-after-commit') {
				// The crash test: die between commit and publish, as a power cut would.
				process.kill(process.pid, 'SIGKILL');
			}
			relay.publishCommitted(batch.rows);
		};
		const deps: ServiceDeps = { orm, config, logger, afterCommit };
		const sessions = createSessionService(deps);
		const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir, logger });
		const redis = config.redisUrl
			? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true })
			: undefined;
		const sms = createSmsProvider(config.smsProvider ?? (demoMode ? 'file' : 'none'), { dataDir: config.dataDir, logger });
		const jobs = new JobRunner(orm, logger, {
			pollMs: config.jobPollMs,
			planners: [reminderPlanner(config.reminderLeadMinutes)],
			handlers: { [REMINDER_JOB]: reminderHandler({ orm, crypto: fieldCrypto, mailer, sms, logger }) }
		});
		const rateLimits = createRateLimits(redis, { signInPer5Minutes: config.rateLimitSignIn, keyPrefix: config.redisKeyPrefix });
		let redisErrorLogged = 0;
		redis?.on('error', (err) => {
			// ioredis reconnects by itself; an unhandled 'error' event would crash the process.
			if (Date.now() - redisErrorLogged > 10_000) {
				redisErrorLogged = Date.now();
				logger.error({ err: { message: err.message } }, 'redis unavailable; retrying');
			}
		});

		const runtime: Runtime = {
			config,
			logger,
			orm,
			secrets,
			demoMode,
			relay,
			jobs,
			sms,
			metrics,
			redis,
			mailer,
			fieldCrypto,
			files,
			services: {
				sessions,
				auth: createAuthService({ ...deps, appSecret: secrets.appSecret, rateLimits }, sessions),
				tokens: createApiTokenService(deps),
				settings: createSettingsService(deps),
				activity: createActivityService(deps),
				profile: createProfileService(deps),
				passwords: createPasswordService({ ...deps, mailer, sessions, rateLimits }),
				mfa: createMfaService({ ...deps, box: createSecretBox(secrets.appSecret, 'mfa-totp'), sessions, rateLimits }),
				notices: createNoticeService({ ...deps, mailer }),
				audit: createAuditService(deps),
				users: createUserService({ ...deps, mailer, sessions }),
				roles: createRoleService(deps),
				patients: createPatientService({ ...deps, crypto: fieldCrypto, sealer }),
				patientImports: createPatientImportService({ ...deps, crypto: fieldCrypto, files }),
				portal: createPatientPortalService({ ...deps, crypto: fieldCrypto, sealer, mailer }),
				// A cancel, no-show or move hands the freed time to the waitlist, which offers it to the branch.
				booking: createBookingService({ ...deps, onTimeFreed: (actor, freed) => runtime.services.waitlist.offerFreedTime(actor, freed) }),
				waitlist: createWaitlistService({ ...deps, crypto: fieldCrypto, sealer, mailer, booking: () => runtime.services.booking }),
				queue: createQueueService(deps),
				boards: createBoardService({ ...deps, rateLimits }),
				catalogue: createCatalogueService(deps),
				patientFiles: createPatientFilesService({ ...deps, files, sealer }),
				notifications: createNotificationService(deps),
				demo: { users: () => (demoMode ? demoUserList() : []) }
			},
			async readiness() {
				const checks: Record<string, 'ok' | 'failing'> = {};
				try {
					await orm.em.fork().execute('select 1');
					checks.database = 'ok';
				} catch {
					checks.database = 'failing';
				}
				if (redis) {
					try {
						await Promise.race([redis.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);
						checks.redis = 'ok';
					} catch {
						checks.redis = 'failing';
					}
				}
				return { ok: Object.values(checks).every((c) => c === 'ok'), checks };
			},
			async close() {
				await jobs.stop();
				await relay.stop();
				redis?.disconnect();
				await orm.close(true);
				await embedded?.stop();
			}
		};
		return runtime;
	} catch (e) {
		await orm.close(true).catch(() => undefined);
		await embedded?.stop().catch(() => undefined);
		throw e;
	}
}
