// Shared by the channel plugins that POST JSON to a provider's webhook (Slack, Teams, Discord).
export interface PostAnswer {
  status: number;
  headers: Headers;
  /** The first 2 KB of the body, as text. */
  text: string;
}

/**
 * POSTs JSON with fetch and reads at most 2 KB of the answer. Rejects on a transport failure,
 * after `timeoutMs`, or when `signal` aborts; redirects are not followed.
 */
export async function postJson(url: string, body: unknown, options: { timeoutMs: number; signal: AbortSignal; headers?: Record<string, string> }): Promise<PostAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'dwc-notifications/1', ...options.headers },
    body: JSON.stringify(body),
    redirect: 'manual',
    signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
  });
  const text = (await response.text()).slice(0, 2_048);
  return { status: response.status, headers: response.headers, text };
}
