import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { NAPI_DRIVER_FROM_NODE, sqliteDriver } from './sqlite-driver.js';

const require = createRequire(import.meta.url);

describe('sqliteDriver', () => {
  it('loads the build that is safe on the running Node.js and opens a database with it', () => {
    const major = Number(process.versions.node.split('.')[0]);
    const expected = require(major >= NAPI_DRIVER_FROM_NODE ? 'better-sqlite3-napi' : 'better-sqlite3') as unknown;
    const Driver = sqliteDriver();
    expect(Driver).toBe(expected);
    const db = new Driver(':memory:');
    expect(db.prepare('SELECT 1 + 1 AS two').get()).toEqual({ two: 2 });
    db.close();
  });

  it('uses the Node-API build from Node 22 on and the classic one before', () => {
    expect(sqliteDriver('20.20.2')).toBe(require('better-sqlite3'));
    // Only resolved, not opened: the Node-API build must not run on Node 20.
    expect(require.resolve('better-sqlite3-napi')).toContain('better-sqlite3-napi');
  });
});
