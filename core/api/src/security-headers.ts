import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Helmet with a content security policy that lets /docs (Swagger UI) and /redoc run from their
 * local assets: scripts only from this origin, inline styles (both UIs inject them), data: images
 * (Swagger UI icons) and blob: workers (Redoc's search). No upgrade-insecure-requests: the
 * desktop app and LAN installs serve plain http.
 */
function helmetMiddleware() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
}

/** The headers helmet sets: with a fixed configuration they are the same on every response. */
export function helmetHeaders(): Map<string, string> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
  };
  let called = false;
  helmetMiddleware()({} as IncomingMessage, recorder as unknown as ServerResponse, () => (called = true));
  if (!called) throw new Error('helmet did not finish synchronously; security headers cannot be precomputed');
  return headers;
}
