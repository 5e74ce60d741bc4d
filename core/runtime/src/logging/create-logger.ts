import { pino, type Logger, type DestinationStream } from 'pino';
import { prettyDestination } from './pretty-destination.js';

/** `json`: one JSON object per line, for collectors; `pretty`: readable lines, for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/** The format the settings name (`LOG_FORMAT`), else pretty when `stream` is a terminal and JSON otherwise. */
export function resolveLogFormat(configured: LogFormat | undefined, stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return configured ?? (stream.isTTY === true ? 'pretty' : 'json');
}

/**
 * The process's root logger: JSON lines with ISO-8601 UTC times, or the same records as readable
 * lines (`format: 'pretty'`). Children add request, execution and plugin ids. `destination` is a
 * stream or a file descriptor (default 1, standard output).
 */
export function createLogger(options: { level: string; format?: LogFormat; destination?: DestinationStream | number }): Logger {
  const target = typeof options.destination === 'number' ? pino.destination({ dest: options.destination }) : options.destination;
  return pino(
    {
      level: options.level,
      base: { service: 'dwc' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['*.password', '*.token', '*.apiKey', '*.api_key', 'req.headers.authorization'], censor: '[redacted]' },
    },
    options.format === 'pretty' ? prettyDestination(target ?? pino.destination({ dest: 1, sync: true })) : target,
  );
}
