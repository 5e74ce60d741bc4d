import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWatchFolders, WATCH_FOLDERS_FILE } from './watch-folders.js';

describe('the folders the operator chose to watch', () => {
  let userData: string;
  beforeEach(() => (userData = mkdtempSync(join(tmpdir(), 'dwc-watch-folders-'))));
  afterEach(() => rmSync(userData, { recursive: true, force: true }));

  it('are written to the user-data folder at once and read back at the next launch, each once', () => {
    const first = openWatchFolders(userData);
    expect(first.list()).toEqual([]);
    first.add('/home/op/Invoices');
    first.add('/home/op/Invoices/');
    first.add('/home/op/Scans');
    expect(JSON.parse(readFileSync(join(userData, WATCH_FOLDERS_FILE), 'utf8'))).toEqual({ folders: ['/home/op/Invoices', '/home/op/Scans'] });
    expect(openWatchFolders(userData).list()).toEqual(['/home/op/Invoices', '/home/op/Scans']);
  });

  it('refuses a relative path, and starts empty with a warning from a damaged file', () => {
    expect(() => openWatchFolders(userData).add('Invoices')).toThrow(/absolute path/);
    writeFileSync(join(userData, WATCH_FOLDERS_FILE), '{"folders": "/etc"}');
    const warnings: string[] = [];
    expect(openWatchFolders(userData, (m) => warnings.push(m)).list()).toEqual([]);
    expect(warnings[0]).toMatch(/not a list of folders/);
  });
});
