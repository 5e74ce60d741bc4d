import { pino, type Logger, type DestinationStream } from 'pino';

/** The process's root logger: JSON lines with ISO-8601 UTC times. Children add request, execution and plugin ids. */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'dwc' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['*.password', '*.token', '*.apiKey', '*.api_key', 'req.headers.authorization'], censor: '[redacted]' },
    },
    options.destination,
  );
}
