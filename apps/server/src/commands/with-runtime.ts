import { userInfo } from 'node:os';
import { createLogger, createRuntime, resolveLogFormat, type DwcConfig, type Runtime } from '@dwc/runtime';
import { loadServerConfig } from '../load-server-config.js';

export interface CommandRuntimeOptions {
  /** Apply pending migrations first, as `dwc serve` does (commands that write); false leaves the schema as it is. */
  migrate: boolean;
  /** Load the plugins (commands that report on them). */
  plugins?: boolean;
  /** No log lines at all (commands that report problems themselves). */
  quiet?: boolean;
  /** The settings, when the command has loaded them already. */
  config?: DwcConfig;
}

/**
 * Builds what a `dwc` command needs through the server's own factory (createRuntime), so the
 * command sees the same vault (with its keyring reload and the new-key warning), audit log and
 * services as the server; without workers, and without the server's first-start duties (no setup
 * token, no owner). Logs go to standard error, so standard output carries only the command's
 * output. The runtime is closed after `work`, queued audit records flushed first.
 */
export async function withRuntime<T>(options: CommandRuntimeOptions, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const config = options.config ?? loadServerConfig();
  const level = options.quiet ? 'silent' : config.logLevel === 'info' ? 'warn' : config.logLevel;
  const logger = createLogger({ level, format: resolveLogFormat(config.logFormat, process.stderr), destination: 2 });
  const runtime = await createRuntime({ config, logger, migrate: options.migrate, workers: false, plugins: options.plugins ?? false, firstStart: false });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

/** Who a command acts as in the audit log: `cli:<OS user>`. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return `cli:${process.getuid?.() ?? 'unknown'}`;
  }
}
