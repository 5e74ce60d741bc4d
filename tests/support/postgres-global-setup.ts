import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './postgres-server.js';
import './postgres.js';

/**
 * Provides `postgresUrl` to every test: `DATABASE_URL` when set, otherwise a throwaway embedded
 * Postgres started here and stopped (with its data folder removed) at teardown.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    project.provide('postgresUrl', fromEnv);
    return undefined;
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
