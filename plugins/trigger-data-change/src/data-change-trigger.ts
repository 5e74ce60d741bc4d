import { createHash } from 'node:crypto';
import { defineTrigger, pollEvery, z, type TriggerStartContext } from '@dwc/sdk';
import { dataChangeEs } from './i18n-es.js';

export const dataChangeSettingsSchema = z
  .strictObject({
    source: z.enum(['http', 'documents', 'executions']).default('http').meta({
      description: '`http`: a JSON list at `url`; `documents`: documents other workflows produce; `executions`: other workflows\' runs (each status change is a change)',
    }),
    url: z.url({ protocol: /^https?$/ }).optional().meta({ description: 'With `http`: an HTTP(S) URL answering JSON' }),
    headers: z.record(z.string(), z.string()).default({}),
    items_path: z.string().max(200).default('').meta({ description: 'With `http`: dotted path to the list of items in the answer (`data.items`); empty: the answer itself' }),
    id_field: z.string().max(200).default('id').meta({ description: 'Dotted path to each item\'s identity; a changed item keeps it' }),
    window: z.int().min(1).max(1_000).default(200).meta({ description: 'With `documents` or `executions`: how many of the latest are compared at each poll' }),
    interval_ms: z.int().min(1_000).max(86_400_000).default(60_000),
    emit_existing: z.boolean().default(false).meta({ description: 'On the first poll, fire for the items already there (otherwise they are only remembered)' }),
  })
  .refine((s) => s.source !== 'http' || s.url !== undefined, { message: 'an `http` source needs a `url`', path: ['url'] });

export type DataChangeSettings = z.output<typeof dataChangeSettingsSchema>;

/** The remembered content hash of each item seen, by id, kept in the trigger's stored state. */
export const SEEN_KEY = 'seen';
/** Items remembered at most; the oldest are forgotten first. */
const MAX_SEEN = 50_000;

function at(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** JSON with object keys sorted, so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const contentHash = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('hex');

export type FetchJson = (url: string, headers: Record<string, string>, signal: AbortSignal) => Promise<unknown>;

type PollContext = Pick<TriggerStartContext, 'emit' | 'state' | 'signal' | 'log' | 'records'>;

const fetchJson: FetchJson = async (url, headers, signal) => {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal, redirect: 'follow' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
};

/**
 * One poll: fetches the source, and fires once for each item that is new or whose content changed
 * since it was last seen. What was seen is stored (per item id, a content hash) before the next
 * poll, so a restart neither refires nor misses. Returns how many items fired.
 */
async function readItems(settings: DataChangeSettings, ctx: PollContext, fetch: FetchJson): Promise<unknown[]> {
  if (settings.source !== 'http') return (await ctx.records.recent(settings.source, settings.window)).reverse();
  const answer = await fetch(settings.url!, settings.headers, ctx.signal);
  const items = at(answer, settings.items_path);
  if (!Array.isArray(items)) throw new Error(`the answer of ${settings.url} has no list at "${settings.items_path || '(root)'}"`);
  return items;
}

export async function pollOnce(settings: DataChangeSettings, ctx: PollContext, fetch: FetchJson = fetchJson): Promise<number> {
  const items = await readItems(settings, ctx, fetch);
  const stored = await ctx.state.get<Record<string, string>>(SEEN_KEY);
  const seen = stored ?? {};
  const firstPoll = stored === undefined;
  let fired = 0;
  for (const item of items) {
    const rawId = at(item, settings.id_field);
    const id = rawId === undefined ? contentHash(item) : String(rawId);
    const hash = contentHash(item);
    const previous = seen[id];
    if (previous === hash) continue;
    if (!firstPoll || settings.emit_existing) {
      await ctx.emit({ item, id, change: previous === undefined ? 'new' : 'changed' });
      fired++;
    }
    delete seen[id];
    seen[id] = hash;
    // Remembered after each fire, so a crash between two items does not fire the first again.
    if (!firstPoll || settings.emit_existing) await ctx.state.set(SEEN_KEY, seen);
  }
  const ids = Object.keys(seen);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_SEEN))) delete seen[id];
  await ctx.state.set(SEEN_KEY, seen);
  return fired;
}

export const dataChangeTrigger = defineTrigger({
  type: 'data_change',
  title: 'Data change',
  description: 'Polls an HTTP JSON list, or watches the documents or executions of other workflows, and runs once per new or changed item; the input is {item, id, change: "new" | "changed"}. What was seen is stored, so a restart does not fire again.',
  i18n: dataChangeEs,
  settings: dataChangeSettingsSchema,
  runsOn: 'one',
  async start(settings, ctx) {
    const check = () => pollOnce(settings, ctx).then((fired) => void (fired > 0 && ctx.log.info({ fired }, 'data changed')));
    return pollEvery(ctx, settings.interval_ms, check, 'data_change poll');
  },
});
