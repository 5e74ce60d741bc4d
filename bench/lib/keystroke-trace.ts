// Per-keystroke CPU time of the page's main thread, read from a Chromium trace (categories
// `devtools.timeline` and `toplevel`). Thread time (`tdur`) leaves out the time the thread waited
// for a core, so the figure holds on a machine shared with other work, unlike wall time.

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { type?: string } };
}

export interface KeystrokeCpu {
  /** CPU ms of the tasks that dispatched the key's text events (keydown, keypress, beforeinput, input and their handlers). */
  input: number;
  /** CPU ms of every main-thread task from the keydown to the next one: the input, and the frames and timers it caused. */
  total: number;
}

const TASK = 'ThreadControllerImpl::RunTask';
const TEXT_EVENTS = new Set(['keydown', 'keypress', 'textInput', 'beforeinput', 'input']);

/** One entry per `keydown` dispatched on the page's main thread, in order. */
export function keystrokeCpu(trace: { traceEvents: TraceEvent[] }): KeystrokeCpu[] {
  const events = trace.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const main = events.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts);
  const tasks: { ts: number; end: number; cpu: number; text: boolean; keydown: boolean }[] = [];
  for (const e of main) {
    const last = tasks.at(-1);
    if (e.name === TASK && (last === undefined || e.ts >= last.end)) tasks.push({ ts: e.ts, end: e.ts + (e.dur ?? 0), cpu: (e.tdur ?? e.dur ?? 0) / 1000, text: false, keydown: false });
    else if (e.name === 'EventDispatch' && last !== undefined && e.ts < last.end && TEXT_EVENTS.has(e.args?.data?.type ?? '')) {
      last.text = true;
      if (e.args?.data?.type === 'keydown') last.keydown = true;
    }
  }
  const starts = tasks.flatMap((t, i) => (t.keydown ? [i] : []));
  return starts.map((from, k) => {
    const window = tasks.slice(from, starts[k + 1] ?? tasks.length);
    return { input: window.filter((t) => t.text).reduce((s, t) => s + t.cpu, 0), total: window.reduce((s, t) => s + t.cpu, 0) };
  });
}
