// Shared by the channel plugins that POST JSON to a receiver or a provider's webhook (webhook, Slack, Teams, Discord).
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { guardedLookup, systemResolver, type Resolver } from './net/guarded-lookup.js';
import { hostOf, privateDenied, privateNetworkError, type NetworkPolicy } from './net/network-policy.js';
import { isPrivateAddress } from './net/private-address.js';

export interface PostAnswer {
  status: number;
  headers: { get(name: string): string | null };
  /** The first 2 KB of the body, as text. */
  text: string;
}

export interface PostJsonOptions {
  timeoutMs: number;
  signal: AbortSignal;
  headers?: Record<string, string>;
  /** Where the connection may go: every address the host name resolves to is checked when connecting. */
  network: NetworkPolicy;
  /** Ends the refusal of a private address: which setting allows the host. */
  networkHint?: string;
  /** Tests inject a resolver; the system's by default. */
  resolve?: Resolver;
}

interface Pool {
  http: HttpAgent;
  https: HttpsAgent;
  lookup: ReturnType<typeof guardedLookup>;
}

/** Kept-alive connections per policy: a socket is only reused by callers under the policy that checked its address. */
const pools = new WeakMap<NetworkPolicy, Map<Resolver, Pool>>();

function poolFor(policy: NetworkPolicy, resolve: Resolver, hint: string | undefined): Pool {
  let byResolver = pools.get(policy);
  if (byResolver === undefined) pools.set(policy, (byResolver = new Map()));
  let pool = byResolver.get(resolve);
  if (pool === undefined) {
    const lookup = guardedLookup(resolve, policy, hint);
    pool = { http: new HttpAgent({ keepAlive: true, maxSockets: 256, lookup }), https: new HttpsAgent({ keepAlive: true, maxSockets: 256, lookup }), lookup };
    byResolver.set(resolve, pool);
  }
  return pool;
}

/**
 * POSTs JSON (a string is sent as is, anything else as `JSON.stringify`) with node:http over a
 * keep-alive agent, and reads at most 2 KB of the answer. Each new connection resolves the host
 * once and refuses private addresses the policy denies (see guardedLookup). Rejects on a transport
 * failure, after `timeoutMs` without progress, or when `signal` aborts; redirects are not followed.
 */
export function postJson(url: string | URL, body: unknown, options: PostJsonOptions): Promise<PostAnswer> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const secure = target.protocol === 'https:';
  const pool = poolFor(options.network, options.resolve ?? systemResolver, options.networkHint);
  // An IP literal connects without a lookup, so it is checked here.
  const host = hostOf(target);
  if (privateDenied(host, options.network) && isPrivateAddress(host)) return Promise.reject(privateNetworkError(host, host, options.networkHint));
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        agent: secure ? pool.https : pool.http,
        lookup: pool.lookup,
        headers: { 'user-agent': 'dwc-notifications/1', ...options.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) },
        signal: options.signal,
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < 2_048) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const raw: IncomingHttpHeaders = res.headers;
          resolve({
            status: res.statusCode ?? 0,
            headers: {
              get: (name) => {
                const value = raw[name.toLowerCase()];
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
              },
            },
            text: Buffer.concat(chunks).toString('utf8').slice(0, 2_048),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('the receiver did not answer in time'), { name: 'TimeoutError' })));
    req.on('error', reject);
    req.end(payload);
  });
}
