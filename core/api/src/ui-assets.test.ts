import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { uiAssets } from './ui-assets.js';

function builtUi(): string {
  const root = mkdtempSync(join(tmpdir(), 'dwc-ui-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  const js = 'console.log("app");'.repeat(100);
  writeFileSync(join(root, 'assets', 'index-abc123.js'), js);
  writeFileSync(join(root, 'assets', 'index-abc123.js.br'), brotliCompressSync(js));
  writeFileSync(join(root, 'assets', 'index-abc123.js.gz'), gzipSync(js));
  return root;
}

function app(root: string | undefined) {
  const server = express();
  server.use(uiAssets(root));
  server.use((_req, res) => void res.status(404).json({ error: { code: 'not_found' } }));
  return server;
}

describe('the web UI served at /', () => {
  const root = builtUi();

  it('answers a client route with index.html that browsers must revalidate', async () => {
    const res = await request(app(root)).get('/workflows/wf_1');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<div id="root">');
  });

  it('serves hashed assets for a year, brotli first, then gzip, then plain', async () => {
    const br = await request(app(root)).get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip, br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    const gz = await request(app(root)).get('/assets/index-abc123.js').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toContain('console.log("app")');
    const plain = await request(app(root)).get('/assets/index-abc123.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toContain('console.log("app")');
  });

  it('answers 304 when index.html has not changed', async () => {
    const first = await request(app(root)).get('/');
    const again = await request(app(root)).get('/').set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
  });

  it.each(['/api/v3/nope', '/webhook/orders', '/health', '/docs', '/openapi.json', '/assets/missing-123.js'])('never answers %s with the app', async (path) => {
    const res = await request(app(root)).get(path);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/json/);
  });

  it('passes everything on when the UI is not built', async () => {
    const res = await request(app(join(root, 'missing'))).get('/');
    expect(res.status).toBe(404);
  });
});
