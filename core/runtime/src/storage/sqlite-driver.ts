import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/** The Node.js major version from which the Node-API build of better-sqlite3 is used. */
export const NAPI_DRIVER_FROM_NODE = 22;

/**
 * The better-sqlite3 build for the running Node.js. better-sqlite3 12 derives its objects from
 * `node::ObjectWrap`, whose destructor aborts Node 24.19+ when a garbage-collected statement is
 * finalised outside a JavaScript context (WiseLibs/better-sqlite3#1515): the process dies with
 * "Assertion failed: (env) != nullptr". Version 13 uses Node-API and is immune, but needs Node 22+
 * and crashes Node 20. Both are installed (13 as `better-sqlite3-napi`); this picks the right one.
 */
export function sqliteDriver(nodeVersion: string = process.versions.node): typeof BetterSqlite3 {
  const major = Number(nodeVersion.split('.')[0]);
  return require(major >= NAPI_DRIVER_FROM_NODE ? 'better-sqlite3-napi' : 'better-sqlite3') as typeof BetterSqlite3;
}
