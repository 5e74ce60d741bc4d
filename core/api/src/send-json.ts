import type { Request, Response } from 'express';

/**
 * Sends a handler's result as JSON. GET and HEAD go through Express's `res.json` for its ETag and
 * 304 answers to conditional requests; other methods, whose answers are never cached, skip the
 * hashing that needs.
 */
export function sendJson(req: Request, res: Response, result: unknown): void {
  if (req.method === 'GET' || req.method === 'HEAD') {
    res.json(result);
    return;
  }
  const text = JSON.stringify(result);
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
