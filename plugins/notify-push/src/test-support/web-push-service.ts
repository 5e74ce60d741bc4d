import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A browser's side of a subscription: its P-256 key pair and auth secret (RFC 8291 "user agent"). */
export function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
}
export type BrowserKeys = ReturnType<typeof browserKeys>;

/** RFC 8291 + RFC 8188: decrypts an aes128gcm Web Push body with the browser's private key and auth secret. */
export function decryptPush(body: Buffer, browser: BrowserKeys): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const serverPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (record.length > recordSize) throw new Error('more than one record');
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', browser.ecdh.computeSecret(serverPublic), browser.auth, keyInfo, 32));
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

/**
 * Checks `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292): ES256 signed by k, `aud` the
 * endpoint's origin, `exp` within 24 h, `sub` as expected. Returns what is wrong, or undefined.
 */
export function checkVapid(header: string | undefined, expected: { origin: string; publicKey: string; subject?: string }): string | undefined {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(header ?? '');
  if (!match) return 'no vapid authorization';
  const [, head, claims, signature, k] = match;
  if (k !== expected.publicKey) return 'unknown application server key';
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'))) return 'bad signature';
  const jwtHeader = JSON.parse(Buffer.from(head!, 'base64url').toString()) as { alg?: string };
  const payload = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as { aud?: string; exp?: number; sub?: string };
  if (jwtHeader.alg !== 'ES256') return 'not ES256';
  if (payload.aud !== expected.origin) return `audience ${payload.aud} is not ${expected.origin}`;
  const now = Date.now() / 1000;
  if (typeof payload.exp !== 'number' || payload.exp <= now || payload.exp > now + 24 * 3600) return 'bad exp';
  if (expected.subject !== undefined && payload.sub !== expected.subject) return 'bad sub';
  if (payload.sub === undefined) return 'no sub';
  return undefined;
}

export interface WebPushService {
  /** `https://127.0.0.1:<port>` */
  origin: string;
  /** The self-signed certificate, for an https.Agent's `ca`. */
  cert: Buffer;
  /** Messages received at a registered endpoint path, decrypted. */
  delivered: { path: string; text: string; headers: IncomingHttpHeaders }[];
  /** Registers a browser at `path` and returns its subscription. Paths starting /gone, /missing, /busy, /broken answer 410, 404, 429 (Retry-After: 20), 503. */
  subscribe(path: string): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** The application server key subscriptions were made with (a push service refuses others, 403). */
  setPublicKey(publicKey: string): void;
  close(): Promise<void>;
}

/** A local Web Push service over HTTPS (self-signed, made with openssl) that checks VAPID and decrypts what it receives. */
export async function startWebPushService(options: { publicKey?: string; subject?: string } = {}): Promise<WebPushService> {
  const certDir = mkdtempSync(join(tmpdir(), 'dwc-push-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  const cert = readFileSync(join(certDir, 'cert.pem'));
  const key = readFileSync(join(certDir, 'key.pem'));
  rmSync(certDir, { recursive: true, force: true });
  const browsers = new Map<string, BrowserKeys>();
  const delivered: WebPushService['delivered'] = [];
  let publicKey = options.publicKey;
  let origin = '';
  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const problem = publicKey === undefined ? 'no application server key yet' : checkVapid(req.headers.authorization, { origin, publicKey, subject: options.subject });
      if (problem) return res.writeHead(403).end(problem);
      if (req.headers['content-encoding'] !== 'aes128gcm' || req.headers.ttl === undefined) return res.writeHead(400).end('missing Content-Encoding or TTL');
      if (path.startsWith('/gone')) return res.writeHead(410).end('push subscription has unsubscribed or expired');
      if (path.startsWith('/missing')) return res.writeHead(404).end('not found');
      if (path.startsWith('/busy')) return res.writeHead(429, { 'retry-after': '20' }).end('slow down');
      if (path.startsWith('/broken')) return res.writeHead(503).end('unavailable');
      const browser = browsers.get(path);
      if (!browser) return res.writeHead(404).end();
      try {
        delivered.push({ path, text: decryptPush(Buffer.concat(chunks), browser), headers: req.headers });
      } catch (error) {
        return res.writeHead(400).end(`cannot decrypt: ${(error as Error).message}`);
      }
      res.writeHead(201, { location: `${origin}/messages/${delivered.length}` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    cert,
    delivered,
    subscribe(path) {
      const browser = browserKeys();
      browsers.set(path, browser);
      return { endpoint: `${origin}${path}`, keys: browser.keys };
    },
    setPublicKey: (value) => void (publicKey = value),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
