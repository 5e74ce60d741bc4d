import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, UnavailableError } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from './database.js';
import { silentLogger } from './test-support/open-test-database.js';

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function openError(options: Parameters<typeof openDatabase>[0]): Promise<Error> {
  const result = await openDatabase(options).then(
    async (database) => {
      await database.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  if (!(result instanceof Error)) throw new Error('openDatabase should have failed');
  return result;
}

describe('openDatabase errors', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'dwc-open-errors-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('names DATABASE_URL and host:port/db, hints at the server, and hides the password when Postgres is unreachable', async () => {
    const port = await closedPort();
    const error = await openError({
      databaseUrl: `postgres://dwc:Sup3r-Secret@127.0.0.1:${port}/dwc`,
      dataDir: folder,
      logger: silentLogger,
    });
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toContain(`Cannot connect to Postgres at 127.0.0.1:${port}/dwc (DATABASE_URL)`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('Is the server running');
    expect(error.message).not.toContain('Sup3r-Secret');
  });

  it('says to create the database when it does not exist, without the password', async () => {
    const url = new URL(inject('postgresUrl'));
    url.pathname = '/dwc_no_such_database';
    if (url.password === '') url.password = 'Unused-Secret';
    const error = await openError({ databaseUrl: url.toString(), dataDir: folder, logger: silentLogger });
    expect(error.message).toContain(`${url.hostname}:${url.port || '5432'}/dwc_no_such_database (DATABASE_URL)`);
    expect(error.message).toContain('Create the database');
    expect(error.message).not.toContain(decodeURIComponent(url.password));
  });

  it('rejects a DATABASE_URL that is not a Postgres URL', async () => {
    const error = await openError({ databaseUrl: 'mysql://root:pw@localhost/dwc', dataDir: folder, logger: silentLogger });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).not.toContain('pw@');
  });

  it('names DWC_DATA_DIR when the data folder cannot be created', async () => {
    const file = join(folder, 'a-file');
    await writeFile(file, 'not a folder');
    const error = await openError({ dataDir: join(file, 'data'), logger: silentLogger });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('DWC_DATA_DIR');
    expect(error.message).toContain(join(file, 'data'));
  });

  it('names DWC_DATA_DIR when the database file cannot be opened', async () => {
    const dataDir = join(folder, 'file-is-a-folder');
    await mkdir(join(dataDir, 'dwc.sqlite'), { recursive: true });
    const error = await openError({ dataDir, logger: silentLogger });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('DWC_DATA_DIR');
  });

  it('creates a missing data folder, parents included', async () => {
    const dataDir = join(folder, 'deep', 'er', 'data');
    const database = await openDatabase({ dataDir, logger: silentLogger });
    try {
      expect(database.describe()).toBe(join(dataDir, 'dwc.sqlite'));
      expect((await stat(join(dataDir, 'dwc.sqlite'))).isFile()).toBe(true);
    } finally {
      await database.close();
    }
  });
});
