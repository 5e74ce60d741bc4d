import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { hostGuard, REFRESH_COOKIE, REFRESH_COOKIE_PATH, type HttpGate } from '@dwc/api';
import { parse, serialize } from 'cookie';

/** The cookie that carries the per-launch secret; set by the launch URL, HttpOnly and SameSite=Strict. */
export const SECRET_COOKIE = 'dwc_desktop';
/** The header that carries the per-launch secret for callers that are not the window (the main process, tests). */
export const SECRET_HEADER = 'x-dwc-desktop-secret';
/** The one path a request without the secret may take: it trades a one-time ticket for the cookie. */
export const LAUNCH_PATH = '/desktop/launch';

export interface DesktopGateOptions {
  port: number;
  /** The per-launch secret. */
  secret: string;
  /** Signs the local operator in; undefined when that is not possible (the UI then shows its sign-in screen). */
  signIn: () => Promise<{ refreshToken: string } | undefined>;
  warn: (message: string) => void;
}

export interface DesktopGate {
  /** The checks, in order: the app's own Host and Origin only, then the secret (or a launch ticket). */
  gates: readonly HttpGate[];
  /** A one-time URL that sets the secret cookie, signs the operator in and redirects to `path` of the UI. */
  launchUrl(path?: string): string;
}

const same = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Only a path of this app: one leading slash, no scheme, no `//host`, no backslash tricks. */
function safePath(path: string | null): string {
  return path !== null && /^\/(?![/\\])[^\s\\]*$/.test(path) ? path : '/';
}

/**
 * The embedded server's gate: a request must be addressed to `127.0.0.1:<port>` (Host) from the
 * app's own page or no page (Origin), and carry the per-launch secret in its cookie or header.
 * The window gets the cookie by loading a one-time launch URL first: a page elsewhere cannot
 * read the cookie (HttpOnly), cannot send it (SameSite=Strict, other origin) and cannot pass the
 * Host check by rebinding a name of its own to 127.0.0.1.
 */
export function createDesktopGate(options: DesktopGateOptions): DesktopGate {
  const origin = `http://127.0.0.1:${options.port}`;
  const tickets = new Set<string>();
  const own = hostGuard({ names: ['127.0.0.1'], port: options.port });

  const launch = (res: ServerResponse, url: URL): void => {
    const ticket = url.searchParams.get('ticket') ?? '';
    const known = [...tickets].find((t) => same(t, ticket));
    if (known === undefined) {
      respond(res, 401, 'launch_ticket_invalid', 'This launch link was already used or is not this launch\'s; restart the desktop app.');
      return;
    }
    tickets.delete(known);
    const cookies = [serialize(SECRET_COOKIE, options.secret, { httpOnly: true, sameSite: 'strict', path: '/' })];
    options
      .signIn()
      .catch((error: unknown) => {
        options.warn(`could not sign the local operator in (${(error as Error).message}); the window shows the sign-in screen`);
        return undefined;
      })
      .then((session) => {
        // Session cookies (no Max-Age): nothing of them outlives the launch on disk.
        if (session !== undefined) cookies.push(serialize(REFRESH_COOKIE, session.refreshToken, { httpOnly: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH }));
        res.writeHead(303, { location: safePath(url.searchParams.get('to')), 'set-cookie': cookies, 'cache-control': 'no-store', 'content-length': 0 });
        res.end();
      })
      .catch(() => res.destroy());
  };

  const secretGate: HttpGate = (req, res) => {
    const presented = req.headers[SECRET_HEADER] ?? parse(req.headers.cookie ?? '')[SECRET_COOKIE];
    if (typeof presented === 'string' && same(presented, options.secret)) return undefined;
    const url = new URL(req.url ?? '/', origin);
    if (res !== undefined && req.method === 'GET' && url.pathname === LAUNCH_PATH) {
      launch(res, url);
      return 'answered';
    }
    return { status: 401, code: 'desktop_secret_required', message: 'This server belongs to the desktop app and answers only its own window; open Document Workflow Chain instead.' };
  };

  return {
    gates: [own, secretGate],
    launchUrl(path = '/') {
      const ticket = randomBytes(32).toString('base64url');
      tickets.add(ticket);
      return `${origin}${LAUNCH_PATH}?ticket=${ticket}&to=${encodeURIComponent(safePath(path))}`;
    },
  };
}

function respond(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
