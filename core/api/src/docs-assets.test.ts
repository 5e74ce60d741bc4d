import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { fakeDeps } from './test-support/fake-deps.js';

function assetUrls(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('API documentation pages', () => {
  const app = createApp(fakeDeps().deps);

  it.each(['/docs', '/redoc'])('serves %s as HTML whose scripts and styles are all local', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const urls = assetUrls(res.text);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url, url).toMatch(/^\/(docs|redoc)\/assets\//);
    expect(res.text).not.toMatch(/https?:\/\//);
  });

  it.each(['/docs', '/redoc'])('serves every asset %s refers to', async (path) => {
    const page = await request(app).get(path);
    for (const url of assetUrls(page.text)) {
      const asset = await request(app).get(url);
      expect(asset.status, url).toBe(200);
      expect(asset.headers['content-type'], url).toMatch(/javascript|css/);
      expect(asset.body.length ?? asset.text.length, url).toBeGreaterThan(0);
    }
  });

  it('points Swagger UI at /openapi.json', async () => {
    const res = await request(app).get('/docs/assets/dwc-swagger-init.js');
    expect(res.text).toContain("url: '/openapi.json'");
  });

  it('points Redoc at /openapi.json', async () => {
    const res = await request(app).get('/redoc');
    expect(res.text).toContain('spec-url="/openapi.json"');
  });

  it('allows blob: workers and inline styles in the CSP of the doc pages but no inline scripts', async () => {
    const csp = String((await request(app).get('/redoc')).headers['content-security-policy']);
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  });

  it('answers 404 in the API error shape for a missing asset', async () => {
    const res = await request(app).get('/docs/assets/no-such-file.js');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
