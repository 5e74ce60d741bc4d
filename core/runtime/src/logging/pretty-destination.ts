import { createRequire } from 'node:module';
import type { DestinationStream } from 'pino';
import type PinoPretty from 'pino-pretty';

/**
 * A pino destination that turns each JSON line into one readable line (time, level, message,
 * then the other fields on the same line; errors with their stack below) and writes it to
 * `target` synchronously, in this thread: no transport worker, nothing lost at exit. pino-pretty
 * is loaded only here, so JSON output never pays for it.
 */
export function prettyDestination(target: DestinationStream): DestinationStream {
  const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  const pretty = pinoPretty.prettyFactory({
    colorize: pinoPretty.isColorSupported,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    singleLine: true,
  });
  return { write: (line: string) => target.write(pretty(line)) };
}
