import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Helmet with a content security policy that lets /docs (Swagger UI) and /redoc run from their
 * local assets: scripts only from this origin, inline styles (both UIs inject them), data: images
 * (Swagger UI icons) and blob: workers (Redoc's search). No upgrade-insecure-requests: the
 * desktop app and LAN installs serve plain http.
 */
export function securityHeaders(): RequestHandler {
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
