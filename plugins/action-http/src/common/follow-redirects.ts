import { ExternalServiceError, InputError, type StepContext } from '@dwc/sdk';
import type { Response } from 'undici';
import type { HttpPolicy } from './config.js';
import { assertUrlPermitted, privateNetworkError } from './host-policy.js';
import type { HttpClient } from './http-client.js';
import { safeUrl } from './request-errors.js';

const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export interface RequestPlan {
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal;
}

/**
 * Sends the request and follows redirects itself (as fetch would) so that every hop passes the
 * plugin's host policy, and every new connection the policy's address check (the client's
 * lookup). Credentials are dropped when a redirect leaves the origin. `onHop` reports the URL
 * being requested, so a failure can name it.
 */
export async function fetchFollowingRedirects(
  start: URL,
  plan: RequestPlan,
  policy: HttpPolicy,
  client: HttpClient,
  ctx: Pick<StepContext, 'log'>,
  onHop: (url: URL) => void,
): Promise<{ response: Response; url: URL }> {
  let { method, body } = plan;
  const headers = new Headers(plan.headers);
  let url = start;
  for (let hop = 0; ; hop += 1) {
    onHop(url);
    assertUrlPermitted(url, policy, hop > 0);
    const response = await client.fetch(url, { method, headers, body, signal: plan.signal }).catch((error: unknown) => {
      const refused = refusal(error);
      throw refused ? privateNetworkError(refused.host, refused.address, hop > 0 ? url : undefined) : error;
    });
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { response, url };
    await response.body?.cancel().catch(() => undefined);
    const next = redirectTarget(location, url, hop);
    if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
    if ((response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      for (const name of BODY_HEADERS) headers.delete(name);
    }
    ctx.log.debug({ status: response.status, from: safeUrl(url), to: safeUrl(next) }, 'following redirect');
    url = next;
  }
}

/** The private-address refusal of the connection's lookup, found in the cause chain of fetch's error. */
function refusal(error: unknown): { host: string; address: string } | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof InputError && current.code === 'private_network_denied') return current.details as { host: string; address: string };
  }
  return undefined;
}

function redirectTarget(location: string, from: URL, hop: number): URL {
  const fail = (reason: string) =>
    new ExternalServiceError(`${safeUrl(from)} redirected ${reason}.`, {
      code: 'http_bad_redirect',
      retryable: false,
      details: { url: safeUrl(from) },
    });
  if (hop >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} times`);
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw fail('to an invalid location');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw fail(`to a ${next.protocol} URL; only http and https are followed`);
  return next;
}
