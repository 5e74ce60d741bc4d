import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError, InputError, type EventBus } from '@dwc/sdk';
import type { Logger } from 'pino';
import { createAiRuntime, type AiRuntime } from './ai/create-ai-runtime.js';
import type { CacheStore } from './cache/cache-store.js';
import { createCacheStore } from './cache/create-cache-store.js';
import type { DwcConfig } from './config/settings.js';
import { createDocumentStore, type DocumentStore } from './documents/document-store.js';
import { createDocumentQueries, type DocumentQueries } from './documents/document-queries.js';
import { configureExpressionEvaluator, type WorkflowDefinition } from './engine/index.js';
import { createEventBus } from './events/event-bus.js';
import { startPostgresEventBridge, type PostgresEventBridge } from './events/postgres-event-bridge.js';
import { createExecutionRunner } from './executions/execution-runner.js';
import { createExecutionService, type ExecutionService } from './executions/execution-service.js';
import { createExecutionStore, type ExecutionStore } from './executions/execution-store.js';
import { createExecutionQueries, type ExecutionQueries } from './executions/execution-queries.js';
import { checkReadiness, type ReadinessReport } from './health/readiness.js';
import { discoverPlugins } from './plugin-host/discover-plugins.js';
import { hostInfo } from './plugin-host/host-info.js';
import { createPluginHost, type PluginConfigStore, type PluginHost } from './plugin-host/plugin-host.js';
import { createRegistries, type Registries } from './plugin-host/registries.js';
import { sdkVersion } from './plugin-host/sdk-version.js';
import { createJobStore, type JobStore } from './queue/job-store.js';
import { isLeased } from './queue/job-types.js';
import { createTaskService, type TaskService } from './queue/task-service.js';
import { createWorkerPool, type PoolLane, type WorkerPool } from './queue/worker-pool.js';
import { createNotifyRuntime, type NotifyRuntime } from './notify/create-notify.js';
import { startWorkflowNotifier } from './notify/workflow-notifier.js';
import { startApprovalNotifier } from './notify/approval-notifier.js';
import { createExecutionPruner, type ExecutionPruner } from './retention/execution-pruner.js';
import { createMetricsRuntime, type MetricsRuntime } from './metrics/create-metrics.js';
import { ANALYTICS_REPORT_ACTION, createAnalyticsReportAction } from './analytics/analytics-report-action.js';
import { openDatabase, pluginConfigRepository, type Database } from './storage/index.js';
import { sqlClientOf } from './storage/sql-client.js';
import { createWorkflowStore } from './workflows/workflow-store.js';
import { createSchedulerService, type SchedulerService } from './scheduler/scheduler-service.js';
import { syncWorkflowSchedules } from './scheduler/workflow-schedule-sync.js';
import { scheduleTrigger } from './scheduler/schedule-trigger.js';
import { createWorkflowService, type WorkflowService } from './workflows/workflow-service.js';
import { createActionCatalog, type ActionCatalog } from './actions/action-catalog.js';
import { builtinTriggers, RUNTIME_PLUGIN } from './triggers/builtin-triggers.js';
import { createTriggerFirer } from './triggers/fire-trigger.js';
import { postgresLeaderLock, soleProcess } from './triggers/leader-lock.js';
import { recentRecords } from './triggers/recent-records.js';
import { createTriggerCatalog, type TriggerCatalog } from './triggers/trigger-catalog.js';
import { createTriggerHost, type TriggerHost } from './triggers/trigger-host.js';
import { createTriggerStateStore } from './triggers/trigger-state-store.js';
import { createAuditService, type AuditService } from './security/audit/audit-service.js';
import { startBruteForceDetector } from './security/audit/brute-force-detector.js';
import { resolveKeyring, loadKeyringFromFiles, type MasterKeySource } from './security/vault/master-key-files.js';
import { pluginSecretSource } from './security/vault/plugin-secret-source.js';
import { createSecretVault, type SecretVault } from './security/vault/secret-vault.js';
import type { Keyring } from './security/vault/keyring.js';
import type { AuditRecorder } from './security/audit-recorder.js';
import { createSecurity, type SecurityServices } from './security/create-security.js';
import type { FirstOwner } from './security/users/onboarding.js';
import { createWaitStore } from './waits/wait-store.js';
import { createWaitService, type WaitService } from './waits/wait-service.js';
import { createAutomationStore } from './automations/automation-store.js';
import { createAutomationService, type AutomationService } from './automations/automation-service.js';

/** Everything a running dwc process holds, independent of HTTP. */
export interface Runtime {
  config: DwcConfig;
  logger: Logger;
  database: Database;
  events: EventBus;
  registries: Registries;
  plugins: PluginHost;
  /** Workflows, each save checked against the actions its steps use. */
  workflows: WorkflowService;
  /** Every step type a workflow may use, with its schemas. */
  actions: ActionCatalog;
  /** Every trigger type, with its settings schema. */
  triggerTypes: TriggerCatalog;
  /** The triggers of active workflows: their listeners, and the webhook paths. */
  triggers: TriggerHost;
  executions: ExecutionService;
  /** Reads of executions: lists, steps, outputs, analytics. */
  executionQueries: ExecutionQueries;
  executionStore: ExecutionStore;
  tasks: TaskService;
  /** Schedules: each planned occurrence starts one execution, task or `schedule.fired` event. */
  scheduler: SchedulerService;
  jobs: JobStore;
  documents: DocumentStore;
  /** Reads of documents for users (one, a list, lineage). */
  documentQueries: DocumentQueries;
  workers: WorkerPool;
  /** Removes finished executions past the retention (started with the workers). */
  pruner: ExecutionPruner;
  /** The cache the settings choose (DWC_CACHE_BACKEND); plugins see it through `ctx.cache`. */
  cache: CacheStore;
  /** The hash-chained audit log (an `AuditRecorder`) and its queries. */
  audit: AuditService;
  /** The encrypted secrets vault. */
  vault: SecretVault;
  /** The vault's keyring as loaded at start and where it came from (`DWC_MASTER_KEY` or the key files); resolved on first call. */
  masterKeys(): { keyring: Keyring; source: MasterKeySource };
  /** The one-time setup token issued at this start because no owner exists yet; for the start banner or log line. */
  setupToken?: string;
  /** AI service, usage accounting, embeddings and AI workflows. */
  ai: AiRuntime;
  /** Notifications: the outbox and its delivery worker, templates, inboxes, push subscriptions. */
  notify: NotifyRuntime;
  /** Accounts, sessions, tokens, API keys, MFA. */
  security: SecurityServices;
  /** Waiting steps: approve or reject approvals; events resume `wait.event` steps. */
  waits: WaitService;
  /** Automations: CRUD, runs as executions, AI decisions, feedback and variant odds. */
  automations: AutomationService;
  /** Metrics of this process, their stored rollups, analytics and the exporters. */
  metrics: MetricsRuntime;
  readiness(): Promise<ReadinessReport>;
  /** Stops the workers (waiting for running jobs), disposes plugins, closes the cache and the database. Safe to call twice. */
  close(): Promise<void>;
}

export interface CreateRuntimeOptions {
  config: DwcConfig;
  logger: Logger;
  /** Run pending migrations at start (the default); `dwc doctor` reports them instead. */
  migrate?: boolean;
  /** Start the job workers (the default); commands that only inspect pass false. */
  workers?: boolean;
  /** Load the plugins (the default); commands that run no steps pass false. */
  plugins?: boolean;
  /**
   * A server's first-start duties (the default when migrating): resolve the secrets master key,
   * creating the key file if needed, and create the first owner or issue a setup token. `dwc`
   * commands pass false; the key is then resolved when the vault is first used.
   */
  firstStart?: boolean;
  /** Folder DWC_PLUGINS names are resolved from. */
  cwd?: string;
  /** Also receives every security event the audit log records (tests listen here). */
  audit?: AuditRecorder;
  /** Where plugin secrets missing from the vault are read (default `process.env`); the desktop app passes its own. */
  secretsEnv?: NodeJS.ProcessEnv;
  /**
   * Folders plugins may watch besides DWC_WATCH_ROOTS, read at every check: the desktop app
   * passes the folders its operator picked, which may grow while it runs.
   */
  extraWatchRoots?: () => readonly string[];
}

const unmigratedPluginStore: PluginConfigStore = {
  get: async () => undefined,
  list: async () => [],
  save: async () => {
    throw new ConfigError('The database is not migrated yet; run `dwc migrate` before changing plugin settings.');
  },
};

/** Opens the database, applies migrations, loads the plugins and starts the workers. */
export async function createRuntime(options: CreateRuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  configureExpressionEvaluator({ timeoutMs: config.expressionTimeoutMs, memoryMb: config.expressionMemoryMb });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  let openedCache: CacheStore | undefined;
  try {
    const cache = (openedCache = await createCacheStore(config, { logger, dataDir: config.dataDir }));
    if (options.migrate !== false) await database.migrate();
    const migrated = options.migrate !== false || (await database.pendingMigrations()).length === 0;
    const events = createEventBus(logger);
    const registries = createRegistries();
    for (const trigger of builtinTriggers) registries.triggers.register(trigger, RUNTIME_PLUGIN);
    registries.triggers.register(scheduleTrigger, RUNTIME_PLUGIN);
    const sql = sqlClientOf(database);
    const audit = createAuditService({ sql, logger });
    let keys: ReturnType<typeof resolveKeyring> | undefined;
    // Resolved on first use, so inspection commands never create a key file; the server resolves it at start (below).
    const masterKeys = () => {
      if (keys === undefined) {
        keys = resolveKeyring(config);
        if (keys.source.kind === 'file' && keys.source.created) {
          logger.warn({ path: keys.source.files.path }, `created the secrets master key ${keys.source.files.path} (mode 0600); back it up: secrets cannot be read without it`);
        }
      }
      return keys;
    };
    const firstStart = options.firstStart ?? options.migrate !== false;
    if (firstStart) masterKeys();
    const vault = createSecretVault({
      sql,
      keyring: () => masterKeys().keyring,
      audit,
      reloadKeyring: () => {
        const { source, keyring } = masterKeys();
        return source.kind === 'file' ? loadKeyringFromFiles(source.files, keyring.keys().map((k) => k.key)).keyring : keyring;
      },
    });
    const stopDetector = startBruteForceDetector({
      audit,
      events,
      logger,
      thresholds: { perIp: config.alertLoginFailuresPerIp, perUser: config.alertLoginFailuresPerUser, windowMs: config.alertWindowSeconds * 1000 },
    });
    const plugins = createPluginHost({
      logger,
      events,
      registries,
      // An unmigrated database (inspection commands skip migrating) has no stored plugin settings yet.
      store: migrated ? pluginConfigRepository(database.dataSource) : unmigratedPluginStore,
      // Before migrations ran (inspection commands) there is no vault table: environment only.
      secrets: pluginSecretSource(migrated ? { vault, audit, env: options.secretsEnv } : { vault: undefined, audit: undefined, env: options.secretsEnv }),
      cache,
      sdkVersion: sdkVersion(),
      host: hostInfo(config, options.extraWatchRoots),
      dataDir: config.dataDir,
    });
    if (options.plugins !== false) {
      const { candidates, missing } = await discoverPlugins({ pluginsDir: config.pluginsDir, packageNames: config.plugins, cwd: options.cwd ?? process.cwd() });
      await plugins.load(candidates);
      plugins.reportMissing(missing);
    }

    // Security events go to the hash-chained audit log, and also to `options.audit` when a caller (a test) listens.
    const securityAudit = options.audit ? { record: async (entry: Parameters<typeof audit.record>[0]) => (await audit.record(entry), await options.audit!.record(entry)) } : audit;
    const security = createSecurity({ sql, config, audit: securityAudit, logger });
    const firstOwner = firstStart ? await ensureFirstOwner(security, config) : undefined;
    const jobs = createJobStore(sql);
    const executionStore = createExecutionStore(sql, jobs);
    const workflowStore = createWorkflowStore<WorkflowDefinition>(sql);
    const actions = createActionCatalog(registries);
    const workflows = createWorkflowService({
      store: workflowStore, actions, triggers: registries.triggers, events,
      channels: { get: (type) => registries.channels.get(type), types: () => registries.channels.list().map((c) => c.definition.type) },
    });
    const documents = createDocumentStore(sql);
    let bridge: PostgresEventBridge | undefined;
    const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const metrics = createMetricsRuntime({
      config,
      sql,
      events,
      logger,
      process: workerId,
      isRemoteEvent: () => bridge?.receiving() ?? false,
      workflowName: async (id) => (await workflowStore.get(id))?.name,
      queueDepth: async () => {
        const stats = await jobs.stats();
        // On SQLite a run started at once has no job row; it is running all the same.
        return { queued: stats.queued, running: stats.running + workers.unstoredRunning() };
      },
      exporters: () => registries.exporters.list().map((entry) => entry.definition),
    });
    const ai = createAiRuntime({ config, sql, registries, events, documents, cache, logger, plugins: () => plugins.providersOf('ai-provider'), onUsage: (entry) => metrics.app.aiCall(entry) });
    const waitStore = createWaitStore(sql);
    const runner = createExecutionRunner({
      executions: executionStore, workflows: workflowStore, registries, events, logger, stepAi: ai.stepAi, waits: waitStore,
      callLimits: { maxDepth: config.maxCallDepth, maxDescendants: config.maxDescendants },
    });
    // Called only after start-up, once `workers` exists.
    const wake = () => {
      workers.wake();
      bridge?.notifyJobs();
    };
    const tasks = createTaskService({ jobs, registries, onQueued: wake });
    const workers: WorkerPool = createWorkerPool({
      jobs,
      workerId,
      logger: logger.child({ component: 'worker' }),
      concurrency: config.workerConcurrency,
      waitingConcurrency: config.waitingRunConcurrency,
      leaseMs: config.jobLeaseMs,
      pollMs: database.dialect === 'postgres' ? 250 : 1_000,
      handlers: {
        execution: async (job, ctx) => {
          await runner.run((job.payload as { execution_id: string }).execution_id, { workerId: ctx.workerId, signal: ctx.signal, abort: ctx.abort });
        },
        task: tasks.handle,
      },
      onJobStarted: (job) => metrics.app.jobStarted(job.kind, (Date.now() - Math.max(job.runAt.getTime(), job.createdAt.getTime())) / 1000),
    });
    const notify = createNotifyRuntime({ sql, config, registries, events, logger, workerId: workers.workerId, onQueued: () => bridge?.notifyJobs() });
    if (!registries.actions.has(ANALYTICS_REPORT_ACTION)) {
      registries.actions.register(createAnalyticsReportAction({ summary: metrics.summary, insights: metrics.insights, documents, notifications: notify.service }), '@dwc/runtime');
    }
    if (config.databaseUrl && options.workers !== false) {
      bridge = await startPostgresEventBridge({ databaseUrl: config.databaseUrl, events, logger, onJobsQueued: () => (workers.wake(), notify.worker.wake()) });
    }
    if (options.workers !== false && config.workerConcurrency > 0) {
      if (database.dialect === 'sqlite') {
        const released = await jobs.releaseAll();
        const requeued = await executionStore.queueUnfinished();
        if (released + requeued > 0) logger.info({ jobs: released + requeued }, 'resuming jobs left running by a previous process');
      }
      workers.start();
    }
    if (options.workers !== false && config.notifyConcurrency > 0) await notify.start();
    const stopApprovalNotifier = startApprovalNotifier({
      events,
      service: notify.service,
      // Without the in-app channel installed there is no inbox to tell the approvers in.
      users: async () => (registries.channels.get('in_app') ? security.accounts.list() : []),
      logger,
    });
    const stopWorkflowNotifier = startWorkflowNotifier({
      events,
      service: notify.service,
      workflow: async (id, version) => (await workflowStore.version(id, version))?.definition,
      logger,
    });
    const pruner = createExecutionPruner({
      database, sql, logger: logger.child({ component: 'retention' }), intervalMs: config.executionPruneIntervalMs,
      retention: { days: config.executionRetentionDays, count: config.executionRetentionCount },
    });
    if (options.workers !== false) pruner.start();
    const scheduler = createSchedulerService({
      sql, executions: executionStore, jobs, tasks, events, logger: logger.child({ component: 'scheduler' }),
      pollMs: config.schedulerPollMs, misfireGraceMs: config.schedulerMisfireGraceMs, onQueued: wake,
    });
    const stopScheduleSync = syncWorkflowSchedules({ events, scheduler, logger });
    if (options.workers !== false) scheduler.start();
    if (options.workers !== false) await metrics.start(registries.exporters.list().map((entry) => entry.definition));
    const executions = createExecutionService({
      executions: executionStore,
      workflows: workflowStore,
      events,
      onQueued: wake,
      // A pool that is not running (API-only process) never reserves, so runs go through the queue.
      dispatch: {
        // On SQLite one process owns the file and queues its unfinished runs again at start, so a run it starts needs no job row.
        claim: database.dialect === 'sqlite' ? { lease: false, workerId: workers.workerId } : { lease: true, workerId: workers.workerId, leaseMs: config.jobLeaseMs },
        reserve: (waiting): PoolLane | undefined => (waiting && workers.reserve('waiting') ? 'waiting' : workers.reserve('worker') ? 'worker' : undefined),
        release: (lane) => workers.release(lane),
        run: (execution, job, lane) => workers.runClaimed(job, (_job, ctx) => runner.run(execution.id, { workerId: ctx.workerId, signal: ctx.signal, abort: ctx.abort, created: execution, jobStored: isLeased(job) }), lane),
      },
    });
    const triggers = createTriggerHost({
      workflows: workflowStore,
      triggers: registries.triggers,
      events,
      fire: createTriggerFirer({ executions, sql }),
      state: createTriggerStateStore(sql),
      records: (workflowId) => recentRecords(sql, workflowId),
      leader: config.databaseUrl && options.workers !== false ? await postgresLeaderLock({ databaseUrl: config.databaseUrl, logger }) : soleProcess,
      logger: logger.child({ component: 'triggers' }),
      listen: options.workers !== false,
    });
    if (migrated) await triggers.start();

    const waits = createWaitService({ waits: waitStore, executions: executionStore, events, audit: securityAudit, logger, onWake: wake });
    const stopWaitListener = options.workers !== false && migrated ? await waits.listen() : undefined;
    const automations = createAutomationService({
      store: createAutomationStore(sql), workflows, actions, executions, executionStore, events, logger,
      generate: (request) => ai.service.generate(request),
      userEmail: async (id) => (await security.accounts.get(id).catch(() => undefined))?.email ?? null,
    });
    const stopAutomationListener = options.workers !== false && migrated ? automations.listen() : undefined;

    let closed: Promise<void> | undefined;
    return {
      config,
      logger,
      database,
      events,
      registries,
      plugins,
      workflows,
      actions,
      triggerTypes: createTriggerCatalog(registries.triggers),
      triggers,
      executions,
      executionQueries: createExecutionQueries({ executions: executionStore, workflows: workflowStore }),
      executionStore,
      tasks,
      scheduler,
      jobs,
      documents,
      documentQueries: createDocumentQueries(documents),
      workers,
      pruner,
      cache,
      audit,
      vault,
      masterKeys,
      setupToken: firstOwner?.state === 'setup_token' ? firstOwner.token : undefined,
      ai,
      notify,
      security,
      waits,
      automations,
      metrics,
      readiness: () =>
        checkReadiness({
          pingDatabase: () => database.ping(),
          plugins: plugins.list(),
          aiProviders: registries.aiProviders.list().map((entry) => entry.definition),
          aiHealth: (provider) => ai.service.health(provider.type),
          logger,
          cache: { backend: config.cacheBackend, store: cache },
        }),
      close: () =>
        (closed ??= (async () => {
          await triggers.stop();
          stopScheduleSync();
          await scheduler.stop();
          stopWaitListener?.();
          stopAutomationListener?.();
          await Promise.all([workers.stop(config.shutdownTimeoutMs), notify.stop(config.shutdownTimeoutMs), pruner.stop()]);
          await metrics.stop();
          await ai.close();
          await bridge?.close();
          await plugins.disposeAll();
          stopDetector();
          stopWorkflowNotifier();
          stopApprovalNotifier();
          await audit.close();
          await cache.close();
          await database.close();
        })()),
    };
  } catch (error) {
    await openedCache?.close();
    await database.close();
    throw error;
  }
}

/** The first owner from DWC_ADMIN_EMAIL + DWC_ADMIN_PASSWORD, or a setup token for the caller to show; a weak password stops the start. */
async function ensureFirstOwner(security: SecurityServices, config: DwcConfig): Promise<FirstOwner> {
  if ((config.adminEmail === undefined) !== (config.adminPassword === undefined)) {
    throw new ConfigError('Set both DWC_ADMIN_EMAIL and DWC_ADMIN_PASSWORD to create the first owner, or neither to get a setup token.');
  }
  try {
    return await security.onboarding.ensureFirstOwner({ email: config.adminEmail, password: config.adminPassword });
  } catch (error) {
    if (error instanceof InputError) throw new ConfigError(`DWC_ADMIN_PASSWORD: ${error.message}`, { details: error.details });
    throw error;
  }
}
