import { startHttpServer } from '@dwc/api';
import { createLogger, createRuntime, resolveLogFormat, setupTokenMessage, type Runtime } from '@dwc/runtime';
import { composeApiDeps } from '../compose-api-deps.js';
import { loadServerConfig } from '../load-server-config.js';
import { productVersion } from '../paths.js';
import { openUrl, startBanner, type StartInfo } from '../start-banner.js';

/** Starts the headless server and shuts it down cleanly on SIGINT/SIGTERM (a second signal forces exit). */
export async function serve(): Promise<void> {
  const config = loadServerConfig();
  const format = resolveLogFormat(config.logFormat);
  const logger = createLogger({ level: config.logLevel, format });
  const runtime = await createRuntime({ config, logger });
  // Shared rate-limit counts when REDIS_URL is set; otherwise each process counts in memory.
  const redis = config.redisUrl ? (await import('@dwc/api/redis-rate-limit')).createRedisRateLimitStore(config.redisUrl) : undefined;
  let server;
  try {
    server = await startHttpServer({ deps: composeApiDeps(runtime, { rateLimitStore: redis?.store }), port: config.port, host: config.host ?? '::', shutdownTimeoutMs: config.shutdownTimeoutMs });
  } catch (error) {
    await redis?.close();
    await runtime.close();
    throw error;
  }
  announce(runtime, openUrl(config.host, server.port), format);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms (DWC_SHUTDOWN_TIMEOUT_MS); exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs + 1_000);
    force.unref();
    await server.close();
    await redis?.close();
    await runtime.close();
    logger.info('stopped');
    logger.flush();
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

/** Says the server is ready: the banner on a terminal, log lines (with the setup token on first start) otherwise. */
function announce(runtime: Runtime, url: string, format: 'pretty' | 'json'): void {
  const plugins = runtime.plugins.list();
  const info: StartInfo = {
    version: productVersion,
    url,
    database: { dialect: runtime.database.dialect, where: runtime.database.describe() },
    plugins,
    setupToken: runtime.setupToken,
  };
  if (format === 'pretty') {
    process.stdout.write(startBanner(info, { color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined }));
    return;
  }
  const active = plugins.filter((p) => p.state === 'active').map((p) => p.name);
  runtime.logger.info(
    { url, database: runtime.database.dialect, plugins: active, failed_plugins: plugins.filter((p) => p.state === 'failed').map((p) => p.name) },
    `dwc listening on ${url} (database: ${runtime.database.dialect} ${runtime.database.describe()}; plugins: ${active.join(', ') || 'none'})`,
  );
  if (info.setupToken !== undefined) runtime.logger.warn({ setup_token: info.setupToken }, setupTokenMessage(info.setupToken, url));
}
