import { inject } from 'vitest';
import { createDatabaseOn, type ScratchDatabase } from './postgres-server.js';

export { createDatabaseOn, startEmbeddedPostgres } from './postgres-server.js';
export type { EmbeddedServer, ScratchDatabase } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres server URL provided by postgres-global-setup.ts; tests create databases on it with `createTestDatabase`. */
    postgresUrl: string;
  }
}

/**
 * Creates a uniquely named database on the Postgres server the global setup provides
 * (`DATABASE_URL`, or an embedded server), so test files running in parallel never share tables.
 */
export function createTestDatabase(): Promise<ScratchDatabase> {
  return createDatabaseOn(inject('postgresUrl'));
}
