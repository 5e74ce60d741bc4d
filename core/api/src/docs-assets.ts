import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Express } from 'express';

export const SWAGGER_ASSETS = '/docs/assets';
export const REDOC_ASSETS = '/redoc/assets';
export const SWAGGER_INIT_SCRIPT = `${SWAGGER_ASSETS}/dwc-swagger-init.js`;

const require = createRequire(import.meta.url);

const swaggerInit = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});
`;

/**
 * Serves the Swagger UI and Redoc files from their installed packages (never a CDN), plus the
 * small script that points Swagger UI at /openapi.json (a file, so the CSP needs no inline script).
 */
export function mountDocsAssets(app: Express): void {
  const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const redocDir = join(dirname(require.resolve('redoc/package.json')), 'bundles');
  const staticOptions = { index: false, maxAge: '1d', fallthrough: true } as const;
  app.get(SWAGGER_INIT_SCRIPT, (_req, res) => {
    res.type('text/javascript').send(swaggerInit);
  });
  app.use(SWAGGER_ASSETS, express.static(swaggerDir, staticOptions));
  app.use(REDOC_ASSETS, express.static(redocDir, staticOptions));
}
