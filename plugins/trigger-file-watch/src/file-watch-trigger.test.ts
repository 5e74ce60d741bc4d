import { appendFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z, type TriggerEmitOptions } from '@dwc/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileWatchSettingsSchema, watchFolder } from './file-watch-trigger.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never;

describe('file_watch', () => {
  let root: string;
  let stop: (() => Promise<void>) | undefined;
  const fired: { data: Record<string, unknown>; options?: TriggerEmitOptions }[] = [];
  const ctx = () => ({ log: silent, signal: new AbortController().signal, emit: async (data: Record<string, unknown>, options?: TriggerEmitOptions) => (fired.push({ data, options }), { executionId: 'x' }) });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dwc-file-watch-'));
    fired.length = 0;
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('fires once per file after the writes settle, handing the file over as a document', async () => {
    const schema = fileWatchSettingsSchema({ watchRoots: [root] });
    stop = await watchFolder(schema.parse({ folder: root, patterns: ['**/*.md'], debounce_ms: 300 }), ctx(), [root]);
    const file = join(root, 'note.md');
    await writeFile(file, '# one');
    for (const more of ['\ntwo', '\nthree']) {
      await sleep(50);
      await appendFile(file, more);
    }
    await writeFile(join(root, 'skip.txt'), 'not matching');
    await sleep(1_200);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.data).toMatchObject({ file: { path: 'note.md', name: 'note.md', event: 'add' } });
    expect(fired[0]!.options?.documents?.[0]).toMatchObject({ title: 'note.md', content: '# one\ntwo\nthree', format: 'markdown' });
  });

  it('refuses a folder outside DWC_WATCH_ROOTS at save, and a link leading out of it at start', async () => {
    const schema = fileWatchSettingsSchema({ watchRoots: [join(root, 'allowed')] });
    expect(schema.safeParse({ folder: join(root, 'other') }).success).toBe(false);
    expect(fileWatchSettingsSchema({ watchRoots: [] }).safeParse({ folder: root }).success).toBe(false);
    await mkdir(join(root, 'allowed'));
    await mkdir(join(root, 'secret'));
    await symlink(join(root, 'secret'), join(root, 'allowed', 'escape'));
    const settings = schema.parse({ folder: join(root, 'allowed', 'escape') });
    await expect(watchFolder(settings, ctx(), [join(root, 'allowed')])).rejects.toThrow(/outside the folders DWC_WATCH_ROOTS allows/);
  });

  it('accepts a folder added to the host\'s roots after the schema was built, and marks the folder field for a folder picker', () => {
    const roots: string[] = [];
    const schema = fileWatchSettingsSchema({ get watchRoots() { return roots; } });
    expect(schema.safeParse({ folder: root }).error?.issues[0]?.message).toMatch(/no folder may be watched/);
    roots.push(root);
    expect(schema.safeParse({ folder: join(root, 'inbox') }).success).toBe(true);
    expect(z.toJSONSchema(schema, { io: 'input' }).properties?.folder).toMatchObject({ type: 'string', 'x-dwc-widget': 'folder' });
  });
});
