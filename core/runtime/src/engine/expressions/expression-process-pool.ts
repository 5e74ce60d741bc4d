import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { UnavailableError } from '@dwc/sdk';
import type { JsonValue } from '../../storage/json-value.js';
import { ExpressionError, expressionMemoryLimit, expressionTimeout, toExpressionError } from './expression-error.js';
import type { ProcessFailure, ProcessJob, ProcessReply } from './expression-process.js';

export interface ProcessPoolLimits {
  /** Wall-clock limit of one evaluation in the process; it is killed when an evaluation runs past it. */
  timeoutMs: number;
  /** Heap of the process (`--max-old-space-size`); reaching it ends the process, not the server. */
  memoryMb: number;
  maxDepth: number;
  /** The process exits after this long without work. */
  idleMs: number;
}

export interface OffloadRequest {
  /** The text the author wrote, for errors. */
  expression: string;
  jsonataSource: string;
  mapPosition(position: number): number;
  data: unknown;
  bindings: Readonly<Record<string, unknown>> | undefined;
  signal: AbortSignal | undefined;
}

export interface ExpressionProcessPool {
  run(request: OffloadRequest): Promise<JsonValue | undefined>;
  /** How many evaluations were handed over, and how many times a process was started. */
  stats(): { offloaded: number; processStarts: number };
  /** Ends the process once the evaluations it holds are answered. */
  close(): void;
}

const EXPRESSION_PROCESS_NICENESS = 10;
const START_TIMEOUT_MS = 30_000;

/** A JSONata built-in that blocks past the timeout (one regex, one huge sort) is killed this much later. */
const KILL_GRACE_MS = 100;

interface Job {
  request: OffloadRequest;
  id: number;
  resolve(value: JsonValue | undefined): void;
  reject(error: unknown): void;
  onAbort?: () => void;
}

interface Running {
  child: ChildProcess;
  ready: boolean;
  stderr: string;
}

/**
 * One child process, started on first use, that evaluates expressions handed over from the main
 * thread, one at a time in order. Each evaluation is bounded in time (the process is killed past
 * `timeoutMs`) and in memory (the process's heap limit); either failure ends only the process,
 * which the next evaluation starts again. A child process rather than a worker thread: a worker
 * that reaches its `resourceLimits` heap during one large allocation aborts the whole server
 * (nodejs/node#47224; `[1..9999999]` under 64 MB does it on Node 20).
 */
export function createExpressionProcessPool(limits: ProcessPoolLimits): ExpressionProcessPool {
  const queue: Job[] = [];
  let running: Running | undefined;
  let current: Job | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let closing = false;
  let nextId = 1;
  let offloaded = 0;
  let processStarts = 0;

  const start = (): Running => {
    processStarts++;
    const child = fork(processScript(), [], {
      execArgv: [`--max-old-space-size=${limits.memoryMb}`],
      // Nothing of the server's environment (secrets included) is needed to evaluate JSONata; inside
      // Electron (the desktop app) the Electron binary must run as plain Node.
      env: process.versions.electron === undefined ? {} : { ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    // Below the server's priority: a heavy expression takes the CPU the server leaves, not its turn.
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, EXPRESSION_PROCESS_NICENESS);
      } catch {
        // not permitted here: it runs at the server's priority
      }
    }
    const state: Running = { child, ready: false, stderr: '' };
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      state.stderr = (state.stderr + chunk).slice(-4096);
    });
    // A pipe keeps the event loop alive as much as the process does.
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    child.on('message', (reply: ProcessReply) => onReply(state, reply));
    child.on('exit', (code, signal) => onExit(state, code, signal));
    // A process that cannot be spawned or signalled; 'exit' may not follow, so this settles it.
    child.on('error', (error) => {
      state.stderr += `\n${error.message}`;
      onExit(state, null, null);
    });
    // A process that never says it is ready would hold its queue for ever.
    setTimeout(() => {
      if (state.ready || state !== running) return;
      state.stderr += `\nnot ready within ${START_TIMEOUT_MS} ms`;
      child.kill('SIGKILL');
      onExit(state, null, null);
    }, START_TIMEOUT_MS).unref();
    idle(child);
    return state;
  };

  // While it holds no evaluation, the process must not keep the server's event loop alive.
  const idle = (child: ChildProcess) => {
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
  };
  const busy = (child: ChildProcess) => {
    child.ref();
    (child.channel as { ref?: () => void } | undefined)?.ref?.();
  };

  const settle = (job: Job) => {
    if (job.onAbort) job.request.signal?.removeEventListener('abort', job.onAbort);
  };

  const onReply = (state: Running, reply: ProcessReply) => {
    if (state !== running) return;
    if ('ready' in reply) {
      state.ready = true;
      pump();
      return;
    }
    const job = current;
    if (!job || reply.id !== job.id) return;
    clearTimeout(killTimer);
    current = undefined;
    settle(job);
    if (reply.ok) job.resolve(reply.value as JsonValue | undefined);
    else job.reject(failureError(job.request, reply.error, limits));
    pump();
  };

  const onExit = (state: Running, code: number | null, signal: NodeJS.Signals | null) => {
    if (state !== running) return;
    running = undefined;
    clearTimeout(killTimer);
    const job = current;
    current = undefined;
    if (job) {
      settle(job);
      job.reject(exitError(job.request, state, code, signal, limits));
    }
    if (!state.ready) {
      // It never came up: the next start would fail the same way.
      const error = new UnavailableError(`The expression process could not start (${describeExit(code, signal)}): ${lastLine(state.stderr)}`, { code: 'expression_evaluator_unavailable' });
      for (const waiting of queue.splice(0)) {
        settle(waiting);
        waiting.reject(error);
      }
    }
    pump();
  };

  /** Ends the process now and fails the evaluation it held with `reason`'s error; the next one starts afresh. */
  const kill = (state: Running, reason: 'timeout' | 'abort' | 'close') => {
    state.child.kill('SIGKILL');
    if (state !== running) return;
    running = undefined;
    clearTimeout(killTimer);
    const job = current;
    current = undefined;
    if (job) {
      settle(job);
      job.reject(reason === 'timeout' ? expressionTimeout(job.request.expression, limits.timeoutMs) : (job.request.signal?.reason ?? new Error('aborted')));
    }
    pump();
  };

  const pump = () => {
    if (current) return;
    const job = queue.shift();
    if (!job) {
      if (running) {
        idle(running.child);
        if (closing) kill(running, 'close');
        else {
          clearTimeout(idleTimer);
          const state = running;
          idleTimer = setTimeout(() => {
            if (state === running && !current && queue.length === 0) kill(state, 'close');
          }, limits.idleMs).unref();
        }
      }
      return;
    }
    clearTimeout(idleTimer);
    running ??= start();
    busy(running.child);
    if (!running.ready) {
      queue.unshift(job);
      return;
    }
    const message: ProcessJob = {
      id: job.id, source: job.request.jsonataSource, data: job.request.data, bindings: job.request.bindings, timeoutMs: limits.timeoutMs, maxDepth: limits.maxDepth,
    };
    try {
      running.child.send(message);
    } catch (error) {
      settle(job);
      job.reject(new ExpressionError(`its data cannot be handed to the expression process: ${(error as Error).message}`, {
        expression: job.request.expression, position: null, token: null, jsonata_code: null,
      }, error));
      pump();
      return;
    }
    current = job;
    const state = running;
    killTimer = setTimeout(() => kill(state, 'timeout'), limits.timeoutMs + KILL_GRACE_MS);
  };

  return {
    run(request) {
      offloaded++;
      return new Promise((resolve, reject) => {
        const job: Job = { request, id: nextId++, resolve, reject };
        const signal = request.signal;
        if (signal) {
          if (signal.aborted) return reject(signal.reason);
          job.onAbort = () => {
            const waiting = queue.indexOf(job);
            if (waiting >= 0) {
              queue.splice(waiting, 1);
              reject(signal.reason);
            } else if (current === job && running) kill(running, 'abort');
          };
          signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queue.push(job);
        pump();
      });
    },
    stats: () => ({ offloaded, processStarts }),
    close() {
      closing = true;
      if (running && !current && queue.length === 0) kill(running, 'close');
    },
  };
}

function failureError(request: OffloadRequest, failure: ProcessFailure, limits: ProcessPoolLimits): ExpressionError {
  if (failure.code === 'D1012') return expressionTimeout(request.expression, limits.timeoutMs, failure);
  return toExpressionError(failure, request.expression, request.mapPosition);
}

function exitError(request: OffloadRequest, state: Running, code: number | null, signal: NodeJS.Signals | null, limits: ProcessPoolLimits): unknown {
  // V8 aborts on a full heap; the kernel's OOM killer sends SIGKILL.
  if (signal === 'SIGABRT' || signal === 'SIGKILL' || /heap out of memory/i.test(state.stderr)) {
    return expressionMemoryLimit(request.expression, limits.memoryMb, new Error(lastLine(state.stderr)));
  }
  return new UnavailableError(`The expression process ended unexpectedly (${describeExit(code, signal)}): ${lastLine(state.stderr)}`, { code: 'expression_evaluator_unavailable' });
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal === null ? `exit code ${code}` : `signal ${signal}`;
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter((line) => line.trim() !== '').at(-1) ?? 'no output';
}

/** The built expression process; under a TypeScript test runner this module is the source, so it points into dist/. */
function processScript(): string {
  const url = new URL('./expression-process.js', import.meta.url);
  if (import.meta.url.endsWith('.ts')) url.pathname = url.pathname.replace(/\/src\/(engine\/expressions\/expression-process\.js)$/, '/dist/$1');
  return fileURLToPath(url);
}
