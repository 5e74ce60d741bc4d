import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelMessageSchema, type ChannelContext, type ChannelPushSubscriptions, type PushSubscriptionTarget } from '@dwc/sdk';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushChannel } from './push-channel.js';

const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const VAPID = { ...webpush.generateVAPIDKeys(), source: 'environment' as const };
const SUBJECT = 'mailto:ops@example.com';

/** A browser's side of a subscription: its P-256 key pair and auth secret (RFC 8291 "user agent"). */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, auth: randomBytes(16) };
}

/** RFC 8291 + RFC 8188: decrypts an aes128gcm Web Push body with the browser's private key and auth secret. */
function decrypt(body: Buffer, browser: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const serverPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (record.length > recordSize) throw new Error('more than one record');
  const browserPublic = browser.ecdh.getPublicKey();
  const ecdhSecret = browser.ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browserPublic, serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, browser.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** Checks `Authorization: vapid t=<JWT>, k=<public key>`: ES256 by k over {aud: the endpoint's origin, exp within 24 h, sub}. */
function checkVapid(header: string | undefined, origin: string): string | undefined {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (!match) return 'no vapid authorization';
  const [, jwt, k] = match;
  if (k !== VAPID.publicKey) return 'unknown application server key';
  const [head, claims, signature] = jwt!.split('.');
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'))) return 'bad signature';
  const header_ = JSON.parse(Buffer.from(head!, 'base64url').toString()) as { alg?: string; typ?: string };
  const payload = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as { aud?: string; exp?: number; sub?: string };
  if (header_.alg !== 'ES256') return 'not ES256';
  if (payload.aud !== origin) return `audience ${payload.aud} is not ${origin}`;
  const now = Date.now() / 1000;
  if (typeof payload.exp !== 'number' || payload.exp <= now || payload.exp > now + 24 * 3600) return 'bad exp';
  if (payload.sub !== SUBJECT) return 'bad sub';
  return undefined;
}

describe('the push channel against a local Web Push service', () => {
  let server: Server;
  let origin: string;
  let agent: Agent;
  let certDir: string;
  const browsers = new Map<string, ReturnType<typeof browserKeys>>();
  const delivered: { path: string; text: string; headers: Record<string, unknown> }[] = [];
  const stored = new Map<string, PushSubscriptionTarget[]>();
  const removed: string[] = [];
  const subscriptions: ChannelPushSubscriptions = {
    list: async (recipient) => stored.get(recipient) ?? [],
    remove: async (endpoint) => {
      removed.push(endpoint);
      for (const [user, list] of stored) stored.set(user, list.filter((s) => s.endpoint !== endpoint));
    },
  };
  const ctx: ChannelContext = { log, signal: new AbortController().signal, pushSubscriptions: subscriptions };
  const subscribe = (user: string, path: string) => {
    const keys = browserKeys();
    browsers.set(path, keys);
    const list = stored.get(user) ?? [];
    list.push({ endpoint: `${origin}${path}`, keys: { p256dh: keys.ecdh.getPublicKey().toString('base64url'), auth: keys.auth.toString('base64url') } });
    stored.set(user, list);
  };
  const message = (recipient: string) => channelMessageSchema.parse({ id: 'n1', idempotencyKey: 'key-1', recipient, subject: 'Run failed', message: 'Nightly failed', priority: 'critical', data: { run: 7 } });

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'dwc-push-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
    const cert = readFileSync(join(certDir, 'cert.pem'));
    agent = new Agent({ ca: cert });
    server = createServer({ key: readFileSync(join(certDir, 'key.pem')), cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        const problem = checkVapid(req.headers.authorization, origin);
        if (problem) return res.writeHead(403).end(problem);
        if (req.headers['content-encoding'] !== 'aes128gcm' || req.headers.ttl === undefined) return res.writeHead(400).end('missing Content-Encoding or TTL');
        if (path.startsWith('/gone')) return res.writeHead(410).end('push subscription has unsubscribed or expired');
        if (path.startsWith('/missing')) return res.writeHead(404).end('not found');
        if (path.startsWith('/busy')) return res.writeHead(429, { 'retry-after': '20' }).end('slow down');
        if (path.startsWith('/broken')) return res.writeHead(503).end('unavailable');
        const browser = browsers.get(path);
        if (!browser) return res.writeHead(404).end();
        try {
          delivered.push({ path, text: decrypt(Buffer.concat(chunks), browser), headers: req.headers });
        } catch (error) {
          return res.writeHead(400).end(`cannot decrypt: ${(error as Error).message}`);
        }
        res.writeHead(201, { location: `${origin}/messages/${delivered.length}` }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    agent.destroy();
    await new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
    rmSync(certDir, { recursive: true, force: true });
  });

  const channel = (publicKey = VAPID.publicKey, privateKey = VAPID.privateKey) =>
    createPushChannel({ subject: SUBJECT, ttlSeconds: 3_600, timeoutMs: 2_000, vapid: { publicKey, privateKey, source: 'environment' } }, { agent }).channel;

  it("pushes to every browser of the user, signed with VAPID and encrypted so only that browser reads it", async () => {
    subscribe('ada', '/sub/laptop');
    subscribe('ada', '/sub/phone');
    await expect(channel().send(message('ada'), ctx)).resolves.toMatchObject({ status: 'queued', detail: '2 of 2 browsers accepted' });
    expect(delivered.map((d) => d.path).sort()).toEqual(['/sub/laptop', '/sub/phone']);
    for (const d of delivered) {
      expect(JSON.parse(d.text)).toEqual({ title: 'Run failed', body: 'Nightly failed', data: { notification_id: 'n1', priority: 'critical', run: 7 } });
      expect(d.headers).toMatchObject({ ttl: '3600', urgency: 'high' });
      expect(d.headers.topic).toMatch(/^[\w-]{32}$/);
    }
  });

  it('removes a subscription the push service calls gone (410 or 404), and still delivers to the others', async () => {
    subscribe('bob', '/sub/bob');
    subscribe('bob', '/gone/bob');
    await expect(channel().send(message('bob'), ctx)).resolves.toMatchObject({ status: 'queued', detail: expect.stringContaining('1 gone subscription removed') });
    expect(removed).toEqual([`${origin}/gone/bob`]);
    subscribe('cy', '/missing/cy');
    await expect(channel().send(message('cy'), ctx)).rejects.toMatchObject({ code: 'push_subscription_gone', retryable: false });
    expect(stored.get('cy')).toEqual([]);
  });

  it('makes 429 retryable with Retry-After and 503 retryable; a key the service does not know (403) final', async () => {
    subscribe('dee', '/busy/dee');
    await expect(channel().send(message('dee'), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 20_000, httpStatus: 429 });
    subscribe('eve', '/broken/eve');
    await expect(channel().send(message('eve'), ctx)).rejects.toMatchObject({ retryable: true, httpStatus: 503 });
    const other = webpush.generateVAPIDKeys();
    await expect(channel(other.publicKey, other.privateKey).send(message('ada'), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', retryable: false, message: expect.stringContaining('VAPID_PUBLIC_KEY') });
  });

  it('refuses a user without subscriptions, and makes a refused connection retryable', async () => {
    await expect(channel().send(message('nobody'), ctx)).rejects.toMatchObject({ code: 'push_no_subscription', retryable: false });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    stored.set('fay', [{ endpoint: `https://127.0.0.1:${port}/sub/fay`, keys: stored.get('ada')![0]!.keys }]);
    await expect(channel().send(message('fay'), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
  });
});
