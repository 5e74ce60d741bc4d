import type { AddressInfo } from 'node:net';
import { channelMessageSchema, type ChannelContext } from '@dwc/sdk';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailConfigSchema, resolveEmailSettings } from './common/config.js';
import { createEmailChannel } from './email-channel.js';

const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };
const ctx: ChannelContext = { log, signal: new AbortController().signal };

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
  secure: boolean;
  user: string | undefined;
}

/** A real SMTP server on 127.0.0.1 (the smtp-server package), keeping what it receives. */
async function startSmtp(options: { secure: boolean; rejectRecipient?: string; tempFail?: string }) {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: options.secure,
    authOptional: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 'right') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === options.rejectRecipient) return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      if (address.address === options.tempFail) return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          user: session.user as string | undefined,
        });
        callback();
      });
    },
    logger: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const message = (recipient: string, extra: object = {}) =>
  channelMessageSchema.parse({ id: 'n1', idempotencyKey: 'key-1', recipient, subject: 'Test', message: 'Hello', ...extra });

describe('the email channel against a real SMTP server', () => {
  let plain: Awaited<ReturnType<typeof startSmtp>>;
  let tls: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    plain = await startSmtp({ secure: false, rejectRecipient: 'nobody@example.com', tempFail: 'later@example.com' });
    tls = await startSmtp({ secure: true });
  });
  afterAll(async () => {
    await plain.close();
    await tls.close();
  });

  const channelFor = (url: string, from = 'Workflows <dwc@example.com>') =>
    createEmailChannel(resolveEmailSettings(emailConfigSchema.parse({ timeout_ms: 5_000 }), { SMTP_URL: url, DWC_MAIL_FROM: from }));

  it('sends a mail with plain text and HTML parts, logged in with the credentials of SMTP_URL', async () => {
    const { channel, close } = channelFor(`smtp://mailer:right@127.0.0.1:${plain.port}?tls.rejectUnauthorized=false`);
    const result = await channel.send(message('user@example.com', { html: '<p>Hello</p>' }), ctx);
    close();
    expect(result.status).toBe('queued');
    const mail = plain.received.at(-1)!;
    expect(mail).toMatchObject({ from: 'dwc@example.com', to: ['user@example.com'], user: 'mailer' });
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('Test');
    expect(parsed.text?.trim()).toBe('Hello');
    expect(parsed.html).toContain('<p>Hello</p>');
    expect(parsed.messageId).toBe(result.providerMessageId);
  });

  it('uses TLS from the start for smtps://', async () => {
    const { channel, close } = channelFor(`smtps://127.0.0.1:${tls.port}?tls.rejectUnauthorized=false`);
    await channel.send(message('user@example.com'), ctx);
    await expect(channel.testConnection!(ctx)).resolves.toMatchObject({ ok: true });
    close();
    expect(tls.received.at(-1)).toMatchObject({ secure: true, to: ['user@example.com'] });
  });

  it('makes a refused address final, a 4xx reply and a refused connection retryable, and a bad login name SMTP_URL', async () => {
    const good = channelFor(`smtp://127.0.0.1:${plain.port}?tls.rejectUnauthorized=false`);
    await expect(good.channel.send(message('nobody@example.com'), ctx)).rejects.toMatchObject({ code: 'smtp_rejected', retryable: false });
    await expect(good.channel.send(message('later@example.com'), ctx)).rejects.toMatchObject({ code: 'smtp_transient', retryable: true });
    good.close();
    const badLogin = channelFor(`smtp://mailer:wrong@127.0.0.1:${plain.port}?tls.rejectUnauthorized=false`);
    await expect(badLogin.channel.send(message('user@example.com'), ctx)).rejects.toMatchObject({ code: 'channel_unauthorized', message: expect.stringContaining('SMTP_URL') });
    badLogin.close();
    const refused = channelFor('smtp://127.0.0.1:1');
    await expect(refused.channel.send(message('user@example.com'), ctx)).rejects.toMatchObject({ code: 'channel_unreachable', retryable: true });
    await expect(refused.channel.testConnection!(ctx)).resolves.toMatchObject({ ok: false });
    refused.close();
  });

  it('says which setting is missing instead of sending', async () => {
    const { channel } = createEmailChannel(resolveEmailSettings(emailConfigSchema.parse({}), {}));
    await expect(channel.send(message('user@example.com'), ctx)).rejects.toMatchObject({ code: 'channel_not_configured', message: expect.stringContaining('SMTP_URL') });
    expect(() => resolveEmailSettings(emailConfigSchema.parse({}), { SMTP_URL: 'http://mail' })).toThrow(/smtp:\/\//);
    expect(channel.recipient.safeParse('not-an-address').success).toBe(false);
  });
});
