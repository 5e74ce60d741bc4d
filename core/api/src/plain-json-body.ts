import type { Request } from 'express';

const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/** An error shaped like body-parser's (`status`, `type`), so the error handler answers it the same way. */
function bodyError(message: string, type: string, Kind: ErrorConstructor = Error): Error {
  return Object.assign(new Kind(message), { status: 400, statusCode: 400, expose: true, type });
}

/** JSON's whitespace is space, tab, line feed and carriage return. */
const FIRST_NON_WHITESPACE = /^[ \t\n\r]*([^ \t\n\r])/;

/** JSON.parse with body-parser's strict rules: an empty body is `{}`; otherwise only an object or array. */
export function parseStrictJson(text: string): unknown {
  if (text.length === 0) return {};
  const first = text[0] === '{' || text[0] === '[' ? text[0] : FIRST_NON_WHITESPACE.exec(text)?.[1];
  if (first !== '{' && first !== '[') {
    throw bodyError(`Unexpected token ${JSON.stringify(first ?? 'end of input')}: the body must be a JSON object or array`, 'entity.parse.failed', SyntaxError);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw bodyError((error as Error).message, 'entity.parse.failed', SyntaxError);
  }
}

/**
 * Reads the body when it is plain JSON: `application/json` in UTF-8, no content coding, a declared
 * length within `limit`. Then it sets `req.body` and calls `next` (with body-parser's error types on
 * a bad body) and returns true; for any other request it does nothing and returns false.
 */
export function readPlainJson(req: Request, limit: number, next: (error?: unknown) => void): boolean {
  const { headers } = req;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON.has(type.toLowerCase())) return false;
  if (headers['transfer-encoding'] !== undefined) return false;
  const coding = headers['content-encoding'];
  if (coding !== undefined && coding.toLowerCase() !== 'identity') return false;
  const length = Number(headers['content-length']);
  if (!Number.isSafeInteger(length) || length <= 0 || length > limit) return false;

  const chunks: Buffer[] = [];
  let received = 0;
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    received += chunk.length;
  };
  const finish = (error: unknown, body?: unknown): void => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('close', onClose);
    req.off('error', onError);
    if (error === undefined) req.body = body;
    next(error);
  };
  const onEnd = (): void => {
    if (received !== length) return finish(bodyError('request size did not match content length', 'request.size.invalid'));
    const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8');
    let body: unknown;
    try {
      body = parseStrictJson(text);
    } catch (error) {
      return finish(error);
    }
    finish(undefined, body);
  };
  // Closed before its end: the client went away mid-body.
  const onClose = (): void => finish(bodyError('request aborted', 'request.aborted'));
  const onError = (error: Error): void => finish(error);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('close', onClose);
  req.on('error', onError);
  return true;
}
