import { readFile, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path';
import { defineTrigger, z, type DocumentFormat, type HostInfo, type TriggerStartContext } from '@dwc/sdk';
import picomatch from 'picomatch';
import { isInside, resolveWatchedFolder } from './watch-roots.js';
import { fileWatchEs } from './i18n-es.js';

const FORMATS: Readonly<Record<string, DocumentFormat>> = { '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html', '.json': 'json' };

export function fileWatchSettingsSchema(host: Pick<HostInfo, 'watchRoots'>) {
  return z.strictObject({
    folder: z
      .string()
      .min(1)
      .max(1_000)
      .refine(isAbsolute, 'must be an absolute path')
      // host.watchRoots is read at each check: the desktop adds the folders its operator picks while it runs.
      .refine((folder) => host.watchRoots.some((root) => isInside(folder, root)), {
        error: () => (host.watchRoots.length === 0 ? 'no folder may be watched: set DWC_WATCH_ROOTS on the server, or choose the folder in the desktop app' : `must be inside one of ${host.watchRoots.join(', ')} (DWC_WATCH_ROOTS, or a folder chosen in the desktop app)`),
      })
      .meta({ description: 'Absolute path of the folder to watch', 'x-dwc-widget': 'folder' }),
    patterns: z.array(z.string().min(1).max(200)).min(1).max(50).default(['**/*']).meta({ description: 'Globs relative to the folder, e.g. `**/*.md`; a file matching any of them counts' }),
    events: z.array(z.enum(['add', 'change'])).min(1).default(['add']).meta({ description: 'Fire when a file appears (`add`), changes (`change`), or both' }),
    debounce_ms: z.int().min(0).max(60_000).default(500).meta({ description: 'Quiet time after a file\'s last write before it fires (once)' }),
    max_bytes: z.int().min(1).max(50_000_000).default(5_000_000).meta({ description: 'Larger files are skipped with a warning' }),
  });
}

export type FileWatchSettings = z.output<ReturnType<typeof fileWatchSettingsSchema>>;

/** Hands one file to a run: the document (its text) and `{file: {path, name, size, event, modified_at}}` as the input. */
async function fire(folder: string, path: string, event: 'add' | 'change', settings: FileWatchSettings, ctx: Pick<TriggerStartContext, 'emit' | 'log'>): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) return;
  const rel = relative(folder, path).split(sep).join('/');
  if (info.size > settings.max_bytes) {
    ctx.log.warn({ path: rel, size: info.size, max_bytes: settings.max_bytes }, 'file_watch skipped a file over max_bytes');
    return;
  }
  const content = await readFile(path, 'utf8');
  const file = { path: rel, name: basename(path), size: info.size, event, modified_at: info.mtime.toISOString() };
  await ctx.emit({ file }, {
    documents: [{ title: basename(path).slice(0, 500), content, format: FORMATS[extname(path).toLowerCase()] ?? 'text', metadata: { source: 'file_watch', path: rel, size: info.size } }],
  });
}

/** Watches the folder; each matching file fires once per quiet period of `debounce_ms` after its last event. */
export async function watchFolder(settings: FileWatchSettings, ctx: Pick<TriggerStartContext, 'emit' | 'log' | 'signal'>, roots: readonly string[]): Promise<() => Promise<void>> {
  const folder = await resolveWatchedFolder(settings.folder, roots);
  // chokidar loads when the first folder is watched, not at start.
  const { watch } = await import('chokidar');
  const matches = picomatch(settings.patterns, { dot: false });
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const watcher = watch(folder, { ignoreInitial: true, persistent: true, followSymlinks: false });
  const onEvent = (event: 'add' | 'change') => (path: string) => {
    const absolute = isAbsolute(path) ? path : join(folder, path);
    if (!matches(relative(folder, absolute).split(sep).join('/'))) return;
    clearTimeout(timers.get(absolute));
    timers.set(absolute, setTimeout(() => {
      timers.delete(absolute);
      if (ctx.signal.aborted) return;
      const done = fire(folder, absolute, event, settings, ctx)
        .catch((error: unknown) => ctx.log.error({ err: error, path: absolute }, 'file_watch could not hand the file to a run'))
        .finally(() => inFlight.delete(done));
      inFlight.add(done);
    }, settings.debounce_ms));
  };
  for (const event of settings.events) watcher.on(event, onEvent(event));
  watcher.on('error', (error) => ctx.log.warn({ err: error }, 'file_watch watcher error'));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return async () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    await watcher.close();
    await Promise.all(inFlight);
  };
}

/** The `file_watch` trigger, allowed only under the host's `DWC_WATCH_ROOTS`. */
export function fileWatchTrigger(host: Pick<HostInfo, 'watchRoots'>) {
  return defineTrigger({
    type: 'file_watch',
    title: 'File watch',
    description: 'Runs when a file matching the patterns appears or changes in a folder under DWC_WATCH_ROOTS (or chosen in the desktop app); the file is handed to the run as a document (`input.documents`) with `input.file` = {path, name, size, event, modified_at}.',
    i18n: fileWatchEs,
    settings: fileWatchSettingsSchema(host),
    runsOn: 'one',
    start: (settings, ctx) => watchFolder(settings, ctx, host.watchRoots),
  });
}
