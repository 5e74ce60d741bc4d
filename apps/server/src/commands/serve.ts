import { startHttpServer } from '@dwc/api';
import { createLogger, createRuntime } from '@dwc/runtime';
import { composeApiDeps } from '../compose-api-deps.js';
import { loadServerConfig } from '../load-server-config.js';

/** Starts the headless server and shuts it down cleanly on SIGINT/SIGTERM (a second signal forces exit). */
export async function serve(): Promise<void> {
  const config = loadServerConfig();
  const logger = createLogger({ level: config.logLevel });
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
  const plugins = runtime.plugins.list();
  logger.info(
    {
      url: server.url,
      database: runtime.database.dialect,
      plugins: plugins.filter((p) => p.state === 'active').map((p) => p.name),
      failed_plugins: plugins.filter((p) => p.state === 'failed').map((p) => p.name),
    },
    `dwc listening on ${server.url} (database: ${runtime.database.dialect} ${runtime.database.describe()}; plugins: ${plugins.filter((p) => p.state === 'active').map((p) => p.name).join(', ') || 'none'})`,
  );

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
