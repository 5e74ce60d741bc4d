import type { IncomingHttpHeaders } from 'node:http';
import type { RequestMeta } from '@dwc/runtime';

/**
 * The client address and user agent, for sessions and the audit trail: Express's `req.ip` (which
 * honours `trust proxy`) when present, else the socket's peer (a WebSocket upgrade).
 */
export function requestMeta(req: { ip?: string | undefined; headers: IncomingHttpHeaders; socket?: { remoteAddress?: string | undefined } }): RequestMeta {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? req.socket?.remoteAddress ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null };
}
