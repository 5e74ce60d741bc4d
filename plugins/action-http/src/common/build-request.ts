import { InputError } from '@dwc/sdk';

/** The URL with `query` appended to any query it already has. */
export function buildUrl(base: string, query: Record<string, string | number | boolean>): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(query)) url.searchParams.append(name, String(value));
  return url;
}

/** Headers from the step input; a name or value fetch refuses becomes an InputError naming the header (never its value). */
export function buildHeaders(input: Record<string, string>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(input)) {
    try {
      headers.set(name, value);
    } catch {
      throw new InputError(`Header "${name}" has an invalid name or value (no line breaks or control characters allowed).`, {
        code: 'invalid_header',
        details: { field: `headers.${name}` },
      });
    }
  }
  return headers;
}

/**
 * The request body: strings as they are, anything else as JSON with `content-type:
 * application/json` unless a content type was given. No body for undefined and null.
 */
export function encodeBody(body: unknown, headers: Headers, method: string): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (method === 'GET' || method === 'HEAD') {
    throw new InputError(`A ${method} request cannot carry a body; send the values in "query" or use POST.`, {
      code: 'body_not_allowed',
      details: { field: 'body', method },
    });
  }
  if (typeof body === 'string') return body;
  let json: string;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    throw new InputError(`"body" cannot be sent as JSON: ${(error as Error).message}.`, { code: 'invalid_body', details: { field: 'body' } });
  }
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return json;
}
