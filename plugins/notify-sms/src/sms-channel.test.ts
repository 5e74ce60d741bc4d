import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelMessageSchema, type ChannelContext } from '@dwc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSmsSettings, smsConfigSchema } from './common/config.js';
import { createSmsChannel } from './sms-channel.js';

const SID = `AC${'1'.repeat(32)}`;
const TOKEN = 'twilio-auth-token';
const FROM = '+15005550006';
const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const ctx: ChannelContext = { log, signal: new AbortController().signal };
/** A team server's policy, with the local test receivers allowed explicitly (as DWC_ALLOWED_PRIVATE_HOSTS does). */
const network = { denyPrivateNetworks: true, allowedPrivateHosts: ['127.0.0.1'] };
const message = (recipient: string, text = 'Nightly failed') => channelMessageSchema.parse({ id: 'n1', idempotencyKey: 'key-1', recipient, message: text });

/** A local Twilio: Basic auth, form-encoded Messages create answering 201 with a sid, Twilio's error bodies. */
describe('the sms channel against a local Twilio', () => {
  let server: Server;
  let origin: string;
  const received: { headers: IncomingHttpHeaders; form: Record<string, string> }[] = [];
  const twilioError = (res: ServerResponse, status: number, code: number, text: string, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ code, message: text, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
        if (user !== SID || pass !== TOKEN) return twilioError(res, 401, 20003, 'Authenticate');
        if (req.method === 'GET' && req.url === `/2010-04-01/Accounts/${SID}.json`) {
          return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: SID, friendly_name: 'Acme', status: 'active' }));
        }
        if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${SID}/Messages.json`) return twilioError(res, 404, 20404, 'The requested resource was not found');
        if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return twilioError(res, 400, 21601, 'Bad content type');
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        received.push({ headers: req.headers, form });
        if (!form.To || !form.Body || (!form.From && !form.MessagingServiceSid)) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
        if (form.To === '+15005550001') return twilioError(res, 400, 21211, "The 'To' number +15005550001 is not a valid phone number.");
        if (form.To === '+15005550429') return twilioError(res, 429, 20429, 'Too Many Requests', { 'retry-after': '9' });
        if (form.To === '+15005550500') return twilioError(res, 503, 20500, 'Service unavailable');
        return res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid: `SM${'a'.repeat(32)}`, status: 'queued', to: form.To, from: form.From, body: form.Body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  const channel = (secrets: Record<string, string> = {}, config: Record<string, unknown> = {}) =>
    createSmsChannel(resolveSmsSettings(smsConfigSchema.parse({ timeout_ms: 2_000, ...config }), { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: FROM, TWILIO_API_URL: origin, ...secrets }), network);

  it('POSTs To/From/Body form-encoded with Basic auth and the idempotency token; the sid is the provider id', async () => {
    await expect(channel().send(message('+14155550123'), ctx)).resolves.toMatchObject({ status: 'queued', providerMessageId: `SM${'a'.repeat(32)}`, detail: expect.stringContaining('1 segment GSM-7') });
    const last = received.at(-1)!;
    expect(last.form).toEqual({ To: '+14155550123', From: FROM, Body: 'Nightly failed' });
    expect(last.headers['i-twilio-idempotency-token']).toBe('key-1');
  });

  it('sends from a Messaging Service when TWILIO_FROM is one, and config wins over the environment', async () => {
    const service = `MG${'2'.repeat(32)}`;
    await channel({}, { from: service }).send(message('+14155550123'), ctx);
    expect(received.at(-1)!.form).toMatchObject({ MessagingServiceSid: service });
    expect(received.at(-1)!.form.From).toBeUndefined();
  });

  it('refuses a message over max_segments before sending anything', async () => {
    const before = received.length;
    await expect(channel({}, { max_segments: 2 }).send(message('+14155550123', 'ł'.repeat(135)), ctx)).rejects.toMatchObject({ code: 'sms_too_long', retryable: false, message: expect.stringContaining('3 SMS segments') });
    expect(received.length).toBe(before);
  });

  it('refuses a text over max_segments before it is queued, with checkMessage, and lets one that fits pass', () => {
    const sms = channel({}, { max_segments: 2 });
    expect(() => sms.checkMessage!({ recipient: '+14155550123', message: 'ł'.repeat(135) })).toThrow(expect.objectContaining({ code: 'sms_too_long', name: 'InputError' }));
    expect(() => sms.checkMessage!({ recipient: '+14155550123', message: 'ł'.repeat(134) })).not.toThrow();
    expect(() => sms.checkMessage!({ recipient: '+14155550123', message: 'a'.repeat(306) })).not.toThrow();
  });

  it('maps Twilio errors: 401 names the credentials, 400 final, 429 with Retry-After and 503 retryable', async () => {
    await expect(channel({ TWILIO_AUTH_TOKEN: 'wrong' }).send(message('+14155550123'), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', retryable: false, message: expect.stringContaining('TWILIO_AUTH_TOKEN') });
    await expect(channel().send(message('+15005550001'), ctx)).rejects.toMatchObject({ retryable: false, httpStatus: 400, message: expect.stringContaining('21211') });
    await expect(channel().send(message('+15005550429'), ctx)).rejects.toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 9_000 });
    await expect(channel().send(message('+15005550500'), ctx)).rejects.toMatchObject({ retryable: true, httpStatus: 503 });
  });

  it('makes a refused connection retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(channel({ TWILIO_API_URL: `http://127.0.0.1:${port}` }).send(message('+14155550123'), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
  });

  it('tests the account with its credentials, and says which settings are missing', async () => {
    await expect(channel().testConnection!(ctx)).resolves.toMatchObject({ ok: true, detail: expect.stringContaining('Acme') });
    await expect(channel({ TWILIO_AUTH_TOKEN: 'wrong' }).testConnection!(ctx)).resolves.toMatchObject({ ok: false });
    const bare = createSmsChannel(resolveSmsSettings(smsConfigSchema.parse({}), {}), network);
    await expect(bare.testConnection!(ctx)).resolves.toEqual({ ok: false, detail: 'Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM.' });
    await expect(bare.send(message('+14155550123'), ctx)).rejects.toMatchObject({ code: 'channel_not_configured' });
    expect(() => resolveSmsSettings(smsConfigSchema.parse({}), { TWILIO_ACCOUNT_SID: 'nope' })).toThrow(/TWILIO_ACCOUNT_SID/);
  });

  it('holds TWILIO_API_URL to the network policy: a private address fails for good unless the operator allowed its host', async () => {
    const strict = createSmsChannel(resolveSmsSettings(smsConfigSchema.parse({}), { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: FROM, TWILIO_API_URL: origin }), {
      denyPrivateNetworks: true, allowedPrivateHosts: [],
    });
    await expect(strict.send(message('+14155550123'), ctx)).rejects.toMatchObject({ code: 'private_network_denied', retryable: false, message: expect.stringContaining('DWC_ALLOWED_PRIVATE_HOSTS') });
  });

  it('accepts only E.164 recipients', () => {
    const c = channel();
    expect(c.recipient.safeParse('+14155550123').success).toBe(true);
    expect(c.recipient.safeParse('4155550123').success).toBe(false);
    expect(c.recipient.safeParse('+0123').success).toBe(false);
    expect(c.recipient.safeParse(`+1${'2'.repeat(15)}`).success).toBe(false);
  });
});
