import { defineAction, DwcError, z } from '@dwc/sdk';
import { abortError } from '../common/abort.js';
import { buildHeaders, buildUrl, encodeBody } from '../common/build-request.js';
import type { HttpPolicy } from '../common/config.js';
import { fetchFollowingRedirects } from '../common/follow-redirects.js';
import type { HttpClient } from '../common/http-client.js';
import type { Response } from 'undici';
import { parseBody, readLimitedBody } from '../common/read-body.js';
import { networkError, requestTimeoutError, safeUrl, statusError } from '../common/request-errors.js';
import { httpRequestEs } from '../i18n-es.js';

const MIB = 1024 * 1024;
const ERROR_EXCERPT_BYTES = 64 * 1024;

export const httpRequestInputSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .refine((value) => {
        const url = new URL(value);
        return url.username === '' && url.password === '';
      }, 'must not contain a user name or password; send credentials in an Authorization header')
      .describe('The http:// or https:// URL to call.'),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET').describe('HTTP method.'),
    headers: z.record(z.string(), z.string()).default({}).describe('Request headers, e.g. { "authorization": "Bearer {{ secrets.API_TOKEN }}" }.'),
    query: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe('Query parameters appended to the URL.'),
    body: z
      .unknown()
      .optional()
      .describe('Request body: a string is sent as it is; any other value is sent as JSON with content-type application/json.'),
    timeout_ms: z
      .number()
      .int()
      .min(1)
      .max(300_000)
      .default(30_000)
      .describe('Time limit for the whole request in milliseconds, redirects and body included.'),
    max_response_bytes: z
      .number()
      .int()
      .min(1)
      .max(100 * MIB)
      .default(10 * MIB)
      .describe('Largest response body accepted, in bytes; a larger one fails the step.'),
    response_type: z
      .enum(['auto', 'json', 'text'])
      .default('auto')
      .describe('How to read the body: "json" parses it, "text" keeps it as text, "auto" parses when the content-type says JSON.'),
    fail_on_status: z
      .boolean()
      .default(true)
      .describe('Fail the step on HTTP 4xx/5xx (429 and 5xx are retried). When false, any status is returned as output.'),
  })
  .strict();

export const httpRequestOutputSchema = z.object({
  status: z.number().int().describe('HTTP status code of the final response.'),
  headers: z.record(z.string(), z.string()).describe('Response headers with lower-case names; repeated headers joined with ", ".'),
  body: z.unknown().describe('Parsed JSON, or text.'),
  size_bytes: z.number().int().describe('Size of the (decompressed) response body in bytes.'),
  duration_ms: z.number().int().describe('Time from sending the request to reading the whole body.'),
  url: z.string().describe('The final URL, after redirects.'),
});

/** `http.request` bound to the plugin's policy (allowed hosts, private-network refusal) and its connections. */
export function createHttpRequestAction(policy: HttpPolicy, client: HttpClient) {
  return defineAction({
    type: 'http.request',
    title: 'HTTP request',
    description: 'Calls an HTTP(S) URL and returns the status, headers and body; JSON bodies are parsed.',
    i18n: httpRequestEs,
    input: httpRequestInputSchema,
    output: httpRequestOutputSchema,
    async run(input, ctx) {
      const started = performance.now();
      let current = buildUrl(input.url, input.query);
      const headers = buildHeaders(input.headers);
      const body = encodeBody(input.body, headers, input.method);
      const timeout = AbortSignal.timeout(input.timeout_ms);
      const signal = AbortSignal.any([ctx.signal, timeout]);
      ctx.log.debug({ method: input.method, url: safeUrl(current), attempt: ctx.attempt }, 'http request');
      try {
        const { response, url } = await fetchFollowingRedirects(current, { method: input.method, headers, body, signal }, policy, client, ctx, (hop) => {
          current = hop;
        });
        if (input.fail_on_status && response.status >= 400) {
          const excerpt = await readLimitedBody(response, Math.min(input.max_response_bytes, ERROR_EXCERPT_BYTES), url)
            .then((bytes) => Buffer.from(bytes).toString('utf8').slice(0, 1000))
            .catch(() => '');
          throw statusError(response.status, url, response.headers.get('retry-after'), excerpt);
        }
        const bytes = input.method === 'HEAD' ? new Uint8Array(0) : await readLimitedBody(response, input.max_response_bytes, url);
        const contentType = response.headers.get('content-type');
        const parsed = parseBody(bytes, contentType, input.response_type, url);
        if (parsed.jsonFallback) ctx.log.warn({ url: safeUrl(url), content_type: contentType }, 'response said JSON but did not parse; returned as text');
        const duration = Math.round(performance.now() - started);
        ctx.log.debug({ status: response.status, size_bytes: bytes.byteLength, duration_ms: duration }, 'http response');
        return {
          status: response.status,
          headers: headerRecord(response.headers),
          body: parsed.body,
          size_bytes: bytes.byteLength,
          duration_ms: duration,
          url: url.href,
        };
      } catch (error) {
        if (ctx.signal.aborted) throw abortError(ctx.signal);
        if (timeout.aborted) throw requestTimeoutError(current, input.timeout_ms);
        if (error instanceof DwcError) throw error;
        throw networkError(error, current);
      }
    },
  });
}

function headerRecord(headers: Response['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = Object.hasOwn(record, name) ? `${record[name]}, ${value}` : value;
  });
  return record;
}
