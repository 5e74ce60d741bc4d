import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/**
 * The REDIS_URL tests run against, once it answers PING. Outside CI an unset or silent REDIS_URL
 * skips the Redis tests with a printed notice; with CI=true it is an error, so CI never skips them.
 */
export async function redisForTests(suite: string): Promise<string | undefined> {
  const url = process.env.REDIS_URL;
  const problem = url ? await pingProblem(url) : 'REDIS_URL is not set';
  if (problem === undefined) return url;
  if (process.env.CI === 'true') throw new Error(`${suite}: Redis tests must run in CI, but ${problem}.`);
  // eslint-disable-next-line no-console -- a skipped suite says so in the test output
  console.warn(`NOTICE ${suite}: skipped, ${problem} (set REDIS_URL=redis://127.0.0.1:6379 to run them).`);
  return undefined;
}

/** A key prefix no other test run shares. */
export function uniquePrefix(label: string): string {
  return `dwc-test:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

function pingProblem(url: string): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (problem: string | undefined) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(1_000, () => done(`Redis at ${hostname}:${port} did not answer within 1 s`));
    socket.once('error', (error) => done(`Redis at ${hostname}:${port} is unreachable (${error.message})`));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', () => done(undefined));
  });
}
