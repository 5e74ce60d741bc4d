// Peak resident set size of a process while a load runs, sampled from /proc.
import { rssMb } from './server-process.js';

/** Samples `pid`'s RSS every `everyMs` until `stop()`, which returns the largest figure in MB. */
export function sampleRss(pid: number, everyMs = 200): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(pid));
    } catch {
      // the process ended; keep the last peak
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
