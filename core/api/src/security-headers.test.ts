import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { helmetHeaders } from './security-headers.js';

describe('security headers', () => {
  it('sends exactly the headers helmet itself sends', async () => {
    const direct = express().disable('x-powered-by').use(helmet()).get('/', (_req, res) => void res.send('ok'));
    const headers = helmetHeaders();
    const precomputed = express()
      .disable('x-powered-by')
      .use((_req, res, next) => {
        res.setHeaders(headers);
        next();
      })
      .get('/', (_req, res) => void res.send('ok'));
    const a = await request(direct).get('/');
    const b = await request(precomputed).get('/');
    const helmetNames = Object.keys(a.headers).filter((name) => !['date', 'etag', 'content-length', 'content-type', 'connection', 'keep-alive'].includes(name));
    expect(helmetNames.length).toBeGreaterThan(8);
    for (const name of helmetNames) expect(b.headers[name], name).toBeDefined();
    expect(b.headers['content-security-policy']).toContain("worker-src 'self' blob:");
    expect(b.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect([...helmetHeaders().keys()].map((name) => name.toLowerCase()).sort()).toEqual(helmetNames.sort());
  });
});
