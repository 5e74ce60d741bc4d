import { ExternalServiceError } from '@dwc/sdk';
import type { Response } from 'undici';
import { safeUrl } from './request-errors.js';

export type ResponseType = 'auto' | 'json' | 'text';

function tooLarge(url: URL, maxBytes: number, seen: string): ExternalServiceError {
  return new ExternalServiceError(
    `Response from ${safeUrl(url)} is larger than max_response_bytes (${maxBytes} bytes; ${seen}); raise max_response_bytes (max 104857600) or request less data.`,
    { code: 'http_response_too_large', retryable: false, details: { url: safeUrl(url), max_response_bytes: maxBytes } },
  );
}

/**
 * Reads the body chunk by chunk and stops (cancelling the download) as soon as it passes
 * `maxBytes`, so an oversized or endless response never sits whole in memory.
 */
export async function readLimitedBody(response: Response, maxBytes: number, url: URL): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes, `content-length says ${declared}`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes, `stopped after ${total} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** True when a Content-Type names JSON (`application/json`, `application/problem+json`, ...). */
export function isJsonContentType(contentType: string | null): boolean {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json') || essence === 'text/json';
}

/** Text in the charset the Content-Type names, UTF-8 when it names none or one Node does not know. */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export interface ParsedBody {
  body: unknown;
  /** Set when `auto` saw a JSON Content-Type but the body did not parse, so text was returned. */
  jsonFallback: boolean;
}

/**
 * `json` parses or fails; `text` never parses; `auto` parses when the Content-Type says JSON and
 * falls back to text when that body is not valid JSON. An empty body is null when parsed as JSON.
 */
export function parseBody(bytes: Uint8Array, contentType: string | null, responseType: ResponseType, url: URL): ParsedBody {
  const text = decodeText(bytes, contentType);
  const wantJson = responseType === 'json' || (responseType === 'auto' && isJsonContentType(contentType));
  if (!wantJson) return { body: text, jsonFallback: false };
  if (text.trim() === '') return { body: null, jsonFallback: false };
  try {
    return { body: JSON.parse(text) as unknown, jsonFallback: false };
  } catch (error) {
    if (responseType === 'auto') return { body: text, jsonFallback: true };
    throw new ExternalServiceError(
      `Response from ${safeUrl(url)} is not valid JSON (${(error as Error).message}); use response_type "text" or "auto" to receive it as text.`,
      { code: 'http_invalid_json', retryable: false, details: { url: safeUrl(url), content_type: contentType, body_excerpt: text.slice(0, 500) } },
    );
  }
}
