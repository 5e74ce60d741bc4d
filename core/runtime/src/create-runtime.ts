import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError, InputError, type EventBus } from '@dwc/sdk';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { DwcConfig } from './config/settings.js';
import { createDocumentStore, type DocumentStore } from './documents/document-store.js';
import type { WorkflowDefinition } from './engine/index.js';
import { createEventBus } from './events/event-bus.js';
import { startPostgresEventBridge, type PostgresEventBridge } from './events/postgres-event-bridge.js';
import { createExecutionRunner } from './executions/execution-runner.js';
import { createExecutionService, type ExecutionService } from './executions/execution-service.js';
import { createExecutionStore, type ExecutionStore } from './executions/execution-store.js';
import { checkReadiness, type ReadinessReport } from './health/readiness.js';
import { discoverPlugins } from './plugin-host/discover-plugins.js';
import { createPluginHost, type PluginConfigStore, type PluginHost } from './plugin-host/plugin-host.js';
import { createRegistries, type Registries } from './plugin-host/registries.js';
import { sdkVersion } from './plugin-host/sdk-version.js';
import { createJobStore, type JobStore } from './queue/job-store.js';
import { createTaskService, type TaskService } from './queue/task-service.js';
import { createWorkerPool, type WorkerPool } from './queue/worker-pool.js';
import { openDatabase, pluginConfigRepository, type Database } from './storage/index.js';
import { sqlClientOf } from './storage/sql-client.js';
import { createWorkflowStore, type WorkflowStore } from './workflows/workflow-store.js';
import type { AuditRecorder } from './security/audit-recorder.js';
import { createSecurity, type SecurityServices } from './security/create-security.js';
import { createLogAuditRecorder } from './security/log-audit-recorder.js';

/** Everything a running dwc process holds, independent of HTTP. */
export interface Runtime {
  config: DwcConfig;
  logger: Logger;
  database: Database;
  events: EventBus;
  registries: Registries;
  plugins: PluginHost;
  workflows: WorkflowStore<WorkflowDefinition>;
  executions: ExecutionService;
  executionStore: ExecutionStore;
  tasks: TaskService;
  jobs: JobStore;
  documents: DocumentStore;
  workers: WorkerPool;
  /** Accounts, sessions, tokens, API keys, MFA. */
  security: SecurityServices;
  readiness(): Promise<ReadinessReport>;
  /** Stops the workers (waiting for running jobs), disposes plugins, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

export interface CreateRuntimeOptions {
  config: DwcConfig;
  logger: Logger;
  /** Run pending migrations at start (the default); `dwc doctor` reports them instead. */
  migrate?: boolean;
  /** Start the job workers (the default); commands that only inspect pass false. */
  workers?: boolean;
  /** Folder DWC_PLUGINS names are resolved from. */
  cwd?: string;
  /** Where security events go; default: one structured log line each (`createLogAuditRecorder`). */
  audit?: AuditRecorder;
}

const unmigratedPluginStore: PluginConfigStore = {
  get: async () => undefined,
  save: async () => {
    throw new ConfigError('The database is not migrated yet; run `dwc migrate` before changing plugin settings.');
  },
};

/** Opens the database, applies migrations, loads the plugins and starts the workers. */
export async function createRuntime(options: CreateRuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  try {
    if (options.migrate !== false) await database.migrate();
    const migrated = options.migrate !== false || (await database.pendingMigrations()).length === 0;
    const events = createEventBus(logger);
    const registries = createRegistries();
    const plugins = createPluginHost({
      logger,
      events,
      registries,
      // An unmigrated database (inspection commands skip migrating) has no stored plugin settings yet.
      store: migrated ? pluginConfigRepository(database.dataSource) : unmigratedPluginStore,
      secrets: { get: (name) => process.env[name] },
      cache: new LRUCache({ max: 10_000 }),
      sdkVersion: sdkVersion(),
    });
    const { candidates, missing } = await discoverPlugins({ pluginsDir: config.pluginsDir, packageNames: config.plugins, cwd: options.cwd ?? process.cwd() });
    await plugins.load(candidates);
    plugins.reportMissing(missing);

    const sql = sqlClientOf(database);
    const security = createSecurity({ sql, config, audit: options.audit ?? createLogAuditRecorder(logger), logger });
    if (options.migrate !== false) await ensureFirstOwner(security, config);
    const jobs = createJobStore(sql);
    const executionStore = createExecutionStore(sql, jobs);
    const workflows = createWorkflowStore<WorkflowDefinition>(sql);
    const runner = createExecutionRunner({ executions: executionStore, workflows, registries, events, logger });
    let bridge: PostgresEventBridge | undefined;
    // Called only after start-up, once `workers` exists.
    const wake = () => {
      workers.wake();
      bridge?.notifyJobs();
    };
    const tasks = createTaskService({ jobs, registries, onQueued: wake });
    const workers: WorkerPool = createWorkerPool({
      jobs,
      workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
      logger: logger.child({ component: 'worker' }),
      concurrency: config.workerConcurrency,
      leaseMs: config.jobLeaseMs,
      pollMs: database.dialect === 'postgres' ? 250 : 1_000,
      handlers: {
        execution: async (job, ctx) => {
          await runner.run((job.payload as { execution_id: string }).execution_id, { workerId: ctx.workerId, signal: ctx.signal });
        },
        task: tasks.handle,
      },
    });
    if (config.databaseUrl && options.workers !== false) {
      bridge = await startPostgresEventBridge({ databaseUrl: config.databaseUrl, events, logger, onJobsQueued: () => workers.wake() });
    }
    if (options.workers !== false && config.workerConcurrency > 0) {
      if (database.dialect === 'sqlite') {
        const released = await jobs.releaseAll();
        if (released > 0) logger.info({ jobs: released }, 'resuming jobs left running by a previous process');
      }
      workers.start();
    }
    const executions = createExecutionService({ executions: executionStore, workflows, events, onQueued: wake });

    let closed: Promise<void> | undefined;
    return {
      config,
      logger,
      database,
      events,
      registries,
      plugins,
      workflows,
      executions,
      executionStore,
      tasks,
      jobs,
      documents: createDocumentStore(sql),
      workers,
      security,
      readiness: () =>
        checkReadiness({
          pingDatabase: () => database.ping(),
          plugins: plugins.list(),
          aiProviders: registries.aiProviders.list().map((entry) => entry.definition),
          logger,
        }),
      close: () =>
        (closed ??= (async () => {
          await workers.stop(config.shutdownTimeoutMs);
          await bridge?.close();
          await plugins.disposeAll();
          await database.close();
        })()),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The first owner from DWC_ADMIN_EMAIL + DWC_ADMIN_PASSWORD, or a logged setup token; a weak password stops the start. */
async function ensureFirstOwner(security: SecurityServices, config: DwcConfig): Promise<void> {
  if ((config.adminEmail === undefined) !== (config.adminPassword === undefined)) {
    throw new ConfigError('Set both DWC_ADMIN_EMAIL and DWC_ADMIN_PASSWORD to create the first owner, or neither to get a setup token.');
  }
  try {
    await security.onboarding.ensureFirstOwner({ email: config.adminEmail, password: config.adminPassword });
  } catch (error) {
    if (error instanceof InputError) throw new ConfigError(`DWC_ADMIN_PASSWORD: ${error.message}`, { details: error.details });
    throw error;
  }
}
