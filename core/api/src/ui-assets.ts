import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { Request, RequestHandler, Response } from 'express';

/** Paths the web UI never answers, so a typo there stays an API 404 rather than the app's HTML. */
const NOT_UI = /^\/(api|webhook)(\/|$)|^\/(health|docs|redoc|openapi\.json|metrics)(\/|$)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

interface Asset {
  file: string;
  type: string;
  size: number;
  etag: string;
  /** Precompressed siblings written at build time (`.br`, `.gz`). */
  br?: { file: string; size: number };
  gzip?: { file: string; size: number };
}

function indexFiles(root: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      const stat = statSync(file);
      if (stat.isDirectory()) walk(file);
      else if (!name.endsWith('.br') && !name.endsWith('.gz')) {
        const asset: Asset = { file, type: TYPES[extname(name)] ?? 'application/octet-stream', size: stat.size, etag: `"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"` };
        for (const [key, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
          if (existsSync(file + suffix)) asset[key] = { file: file + suffix, size: statSync(file + suffix).size };
        }
        assets.set(`/${relative(root, file).split(sep).join('/')}`, asset);
      }
    }
  };
  walk(root);
  return assets;
}

function send(req: Request, res: Response, asset: Asset, cacheControl: string): void {
  res.setHeader('Content-Type', asset.type);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', asset.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === asset.etag) {
    res.status(304).end();
    return;
  }
  const accepts = String(req.headers['accept-encoding'] ?? '');
  let body = { file: asset.file, size: asset.size };
  if (asset.br && /\bbr\b/.test(accepts)) {
    res.setHeader('Content-Encoding', 'br');
    body = asset.br;
  } else if (asset.gzip && /\bgzip\b/.test(accepts)) {
    res.setHeader('Content-Encoding', 'gzip');
    body = asset.gzip;
  }
  res.setHeader('Content-Length', body.size);
  res.status(200);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(body.file).on('error', (error) => res.destroy(error)).pipe(res);
}

/**
 * Serves the built web UI (`ui/dist`) at `/`: hashed files under `/assets/` cached for a year,
 * precompressed by Accept-Encoding; every other GET that is not an API path gets `index.html`
 * (no-cache), so client routes load the app. Without a build the handler passes everything on.
 */
export function uiAssets(root: string | undefined): RequestHandler {
  let assets: Map<string, Asset> | null = null;
  const load = (): Map<string, Asset> | null => {
    if (assets?.has('/index.html')) return assets;
    if (root === undefined || !existsSync(join(root, 'index.html'))) return null;
    assets = indexFiles(root);
    return assets;
  };
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_UI.test(req.path)) return next();
    const files = load();
    if (files === null) return next();
    const asset = files.get(req.path);
    if (asset && req.path !== '/index.html') {
      send(req, res, asset, req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // A missing hashed file is a 404, not the app: a stale tab must not run HTML as a script.
    if (req.path.startsWith('/assets/') || extname(req.path) !== '') return next();
    send(req, res, files.get('/index.html')!, 'no-cache');
  };
}
