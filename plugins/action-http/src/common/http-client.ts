import type { Agent, Response, fetch as undiciFetch } from 'undici';
import type { HttpPolicy } from './config.js';
import { guardedLookup, systemResolver, type Resolver } from '@dwc/sdk';
import { HTTP_PRIVATE_NETWORK_HINT } from './host-policy.js';

export interface HttpClient {
  fetch(url: URL, init: { method: string; headers: Headers; body: string | undefined; signal: AbortSignal }): Promise<Response>;
  /** Closes the pooled connections once their requests finish. */
  close(): Promise<void>;
}

/**
 * The connections of one plugin activation's `http.request` steps: pooled by undici, each
 * connected through `guardedLookup`. undici is imported on the first request, so a server start
 * does not pay for loading it.
 */
export function createHttpClient(policy: HttpPolicy, resolve: Resolver = systemResolver): HttpClient {
  const lookup = guardedLookup(resolve, policy, HTTP_PRIVATE_NETWORK_HINT);
  let loaded: Promise<{ agent: Agent; fetch: typeof undiciFetch }> | undefined;
  const load = () => (loaded ??= import('undici').then(({ Agent, fetch }) => ({ agent: new Agent({ connect: { lookup } }), fetch })));
  return {
    async fetch(url, init) {
      const { agent, fetch } = await load();
      return fetch(url, { method: init.method, headers: [...init.headers], body: init.body, signal: init.signal, redirect: 'manual', dispatcher: agent });
    },
    async close() {
      if (loaded) await (await loaded).agent.close();
    },
  };
}
