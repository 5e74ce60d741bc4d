// The expression process: a child Node.js process that evaluates the expressions the main thread
// hands over, one at a time, under its own heap limit. Started by expression-process-pool.ts.
import jsonata from 'jsonata';
import { toPlainJson } from './to-plain-json.js';

/** One evaluation asked of the expression process. */
export interface ProcessJob {
  id: number;
  /** JSONata text, operators already rewritten. */
  source: string;
  data: unknown;
  bindings: Readonly<Record<string, unknown>> | undefined;
  timeoutMs: number;
  maxDepth: number;
}

/** What JSONata threw, reduced to what crosses the process boundary. */
export interface ProcessFailure {
  code: unknown;
  position: unknown;
  token: unknown;
  message: unknown;
  value: unknown;
}

export type ProcessReply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ProcessFailure };

const MAX_CACHED = 200;
const compiled = new Map<string, jsonata.Expression>();

function compile(job: ProcessJob): jsonata.Expression {
  const key = `${job.timeoutMs}:${job.maxDepth}:${job.source}`;
  let expression = compiled.get(key);
  if (!expression) {
    expression = jsonata(job.source, { timeout: job.timeoutMs, stack: job.maxDepth });
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(key, expression);
  }
  return expression;
}

function failure(error: unknown): ProcessFailure {
  const { code, position, token, message, value } = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as Partial<ProcessFailure>;
  const plain = (field: unknown) => (typeof field === 'string' || typeof field === 'number' ? field : undefined);
  return { code: plain(code), position: plain(position), token: plain(token), message: plain(message), value: plain(value) };
}

const send = (reply: ProcessReply): void => void process.send!(reply);

async function evaluate(job: ProcessJob): Promise<void> {
  let reply: ProcessReply;
  try {
    const value = await compile(job).evaluate(job.data, job.bindings as Record<string, unknown> | undefined);
    reply = { id: job.id, ok: true, value: toPlainJson(value) };
  } catch (error) {
    reply = { id: job.id, ok: false, error: failure(error) };
  }
  send(reply);
}

if (process.send === undefined) throw new Error('expression-process.js runs as a child process of the runtime');
process.on('message', (job: ProcessJob) => void evaluate(job));
// The parent went away: nothing left to answer.
process.on('disconnect', () => process.exit(0));
send({ ready: true });
