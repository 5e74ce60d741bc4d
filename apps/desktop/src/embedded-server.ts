import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startHttpServer, type RunningHttpServer } from '@dwc/api';
import { createLogger, createRuntime, loadConfig, type DwcConfig, type Runtime } from '@dwc/runtime';
import { ConfigError } from '@dwc/sdk';
import { bundledPluginsDir, composeApiDeps } from '@dwc/server';
import type { Logger } from 'pino';
import { createDesktopGate, type DesktopGate } from './desktop-gate.js';
import { jwtSecretOf, OPERATOR_EMAIL, vapidKeysOf } from './local-operator.js';
import { trackRunningExecutions, type RunningExecutions } from './running-executions.js';
import { openWatchFolders } from './watch-folders.js';

export interface EmbeddedServerOptions {
  /** Electron's user-data folder; the database and files go in its `data` folder. */
  userDataDir: string;
  /** The secrets master key (base64), from the keychain or safeStorage. */
  masterKey: string;
  /** The environment settings are read from (OLLAMA_HOST, LOG_LEVEL, DWC_AI_* ...). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

export interface EmbeddedServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The per-launch secret; the window gets it as a cookie through `launchUrl`. */
  readonly secret: string;
  readonly dataDir: string;
  readonly runtime: Runtime;
  readonly running: RunningExecutions;
  launchUrl: DesktopGate['launchUrl'];
  /** The folders the operator chose to watch, besides DWC_WATCH_ROOTS. */
  watchFolders(): readonly string[];
  /**
   * Lets `file_watch` triggers watch `folder` (and what is inside it) from now on and after a
   * restart: kept in `<userData>/watch-folders.json`, read by the plugin at each check.
   */
  allowWatchFolder(folder: string): void;
  /** Stops taking requests, lets in-flight ones finish, then closes the runtime (workers, plugins, database). */
  close(): Promise<void>;
}

/**
 * Settings the desktop fixes whatever the environment says: loopback, a free port, SQLite, and
 * every secret the server would otherwise generate into its data folder (master key, JWT key,
 * VAPID pair) derived from the master key instead. Also what plugins read their secrets from.
 */
function desktopEnv(env: NodeJS.ProcessEnv, dataDir: string, masterKey: string): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _db,
    HOST: _host,
    PORT: _port,
    DWC_MASTER_KEY_FILE: _file,
    DWC_API_TOKEN: _token,
    DWC_CONFIG: _config,
    DWC_CORS_ORIGINS: _cors,
    DWC_ALLOW_REGISTRATION: _registration,
    DWC_ADMIN_EMAIL: _adminEmail,
    DWC_ADMIN_PASSWORD: _adminPassword,
    ...kept
  } = env;
  const vapid = vapidKeysOf(masterKey);
  return {
    ...kept,
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    HOST: '127.0.0.1',
    PORT: '0',
    DWC_DATA_DIR: dataDir,
    DWC_MASTER_KEY: masterKey,
    DWC_JWT_SECRET: jwtSecretOf(masterKey),
    DWC_CACHE_BACKEND: env.DWC_CACHE_BACKEND === 'redis' ? 'memory' : env.DWC_CACHE_BACKEND,
    LOG_FORMAT: env.LOG_FORMAT ?? 'json',
  };
}

/** The settings the desktop fixes may not come back through `dwc.config.json` either. */
function assertDesktopConfig(config: DwcConfig): void {
  const fixed = {
    databaseUrl: config.databaseUrl !== undefined,
    apiToken: config.apiToken !== undefined,
    corsOrigins: config.corsOrigins.length > 0,
    allowRegistration: config.allowRegistration,
    adminEmail: config.adminEmail !== undefined || config.adminPassword !== undefined,
  };
  const set = Object.entries(fixed).filter(([, on]) => on).map(([key]) => key);
  if (set.length > 0) {
    throw new ConfigError(`The desktop app runs on SQLite for its one local operator, and answers only its window; remove ${set.join(', ')} from dwc.config.json in the data folder.`);
  }
}

/**
 * Starts the runtime and the API in this process as the desktop app does: SQLite in
 * `<userData>/data`, 127.0.0.1 on a free port, every request gated by the per-launch secret and
 * the app's own Host/Origin, and the single local operator (created at the first launch URL).
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = join(options.userDataDir, 'data');
  const env = desktopEnv(options.env ?? process.env, dataDir, options.masterKey);
  // An optional dwc.config.json is read from the data folder, never from wherever the app was started.
  const config = loadConfig({ env, cwd: dataDir, defaults: { pluginsDir: bundledPluginsDir } });
  assertDesktopConfig(config);
  const logger = options.logger ?? createLogger({ level: config.logLevel, format: 'json' });
  const watchFolders = openWatchFolders(options.userDataDir, (message) => logger.warn(message));
  const runtime = await createRuntime({ config, logger, secretsEnv: env, extraWatchRoots: watchFolders.list });
  const secret = randomBytes(32).toString('base64url');
  let gate: DesktopGate | undefined;
  let server: RunningHttpServer;
  try {
    server = await startHttpServer({
      deps: composeApiDeps(runtime),
      port: 0,
      host: '127.0.0.1',
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      gates: (port) => {
        gate = createDesktopGate({
          port,
          secret,
          warn: (message) => logger.warn(message),
          signIn: async () => ({ refreshToken: (await runtime.security.onboarding.localOperatorSession(OPERATOR_EMAIL)).refresh_token }),
        });
        return gate.gates;
      },
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const resumed = await runtime.executionQueries.list({ status: 'running', limit: 500 });
  const running = trackRunningExecutions(runtime.events, resumed.items.map((item) => item.id));
  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    secret,
    dataDir,
    runtime,
    running,
    launchUrl: (path) => gate!.launchUrl(path),
    watchFolders: watchFolders.list,
    allowWatchFolder(folder) {
      watchFolders.add(folder);
      logger.info({ folder }, 'the operator allowed a folder to be watched');
    },
    close: () =>
      (closed ??= (async () => {
        running.stop();
        await server.close();
        await runtime.close();
      })()),
  };
}
