import { startHttpServer, type RunningHttpServer } from '@dwc/api';
import { JWT_AUDIENCE, JWT_ISSUER } from '@dwc/runtime';
import { composeApiDeps } from '@dwc/server';
import { decodeJwt, SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, refusal } from '../core/api/src/test-support/ws-test-client.js';
import { noRateLimitEnv, ownerEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp, type TestUser } from './support/auth-test-app.js';

describe('WebSocket authentication', () => {
  let t: AuthTestApp;
  let server: RunningHttpServer;
  let viewer: TestUser;
  let ws: string;
  beforeAll(async () => {
    t = await startAuthTestApp('sqlite', { ...noRateLimitEnv, DWC_RATE_LIMIT_AUTH: '0' });
    viewer = await t.createUser('viewer');
    server = await startHttpServer({ deps: composeApiDeps(t.runtime), port: 0, host: '127.0.0.1', shutdownTimeoutMs: 1_000 });
    ws = `${server.url.replace('http', 'ws')}/api/v3/ws/ws`;
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('takes user_id from the access token and lets a viewer join workflow rooms', async () => {
    const client = await connectClient(`${ws}?token=${viewer.token}&user_id=someone-else`);
    expect(await client.next()).toMatchObject({ type: 'connection.ready', user_id: viewer.id });
    client.send({ type: 'join_workflow', workflow_id: 'wf-1' });
    expect(await client.next()).toMatchObject({ type: 'joined', room: 'workflow:wf-1' });
    client.ws.close();
  });

  it('accepts an API key in the Authorization header and checks its scopes on joins', async () => {
    const docsOnly = await request(t.app).post('/api/v3/security/api-keys').set({ authorization: `Bearer ${viewer.token}` }).send({ name: 'docs only', scopes: ['documents:read'] });
    expect(await refusal(ws, { headers: { authorization: `Bearer ${docsOnly.body.key}` } })).toBe(403);
    const created = await request(t.app).post('/api/v3/security/api-keys').set({ authorization: `Bearer ${viewer.token}` }).send({ name: 'events only', scopes: ['events:read'] });
    const client = await connectClient(ws, { headers: { authorization: `Bearer ${created.body.key}` } });
    expect(await client.next()).toMatchObject({ type: 'connection.ready', user_id: viewer.id });
    client.send({ type: 'join_execution', execution_id: 'ex-1' });
    expect(await client.next()).toMatchObject({ type: 'error', error: { code: 'forbidden' } });
    client.ws.close();
  });

  it('refuses a bad token with 401 and records it', async () => {
    expect(await refusal(`${ws}?token=not-a-token`)).toBe(401);
    expect(t.audit.at(-1)).toMatchObject({ action: 'auth.token_rejected', detail: { reason: 'unknown_token' } });
  });

  it('closes the socket with 4001 when the access token expires', async () => {
    const claims = decodeJwt(viewer.token);
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await new SignJWT({ sid: claims.sid, ver: claims.ver })
      .setProtectedHeader({ alg: 'HS256' }).setIssuer(JWT_ISSUER).setAudience(JWT_AUDIENCE).setSubject(viewer.id).setJti('short')
      .setIssuedAt(now).setNotBefore(now).setExpirationTime(now + 2)
      .sign(new TextEncoder().encode(ownerEnv.DWC_JWT_SECRET!));
    const client = await connectClient(`${ws}?token=${shortLived}`);
    expect(await client.next()).toMatchObject({ type: 'connection.ready' });
    expect(await client.closed).toBe(4001);
  });
});
