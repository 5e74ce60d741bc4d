import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelDeliveryError, channelErrorFromResponse, channelErrorFromTransport } from './channel-errors.js';
import { channelMessageSchema, defineChannel, type ChannelSpec } from './channel.js';
import { ExternalServiceError } from './errors.js';

const send: ChannelSpec['send'] = async () => ({ status: 'delivered' });
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe('defineChannel', () => {
  it('freezes the channel, defaults the recipient check, and keeps a given one', () => {
    const channel = defineChannel({ type: 'pager', title: 'Pager', description: 'd', idempotent: false, send });
    expect(channel.kind).toBe('channel');
    expect(Object.isFrozen(channel)).toBe(true);
    expect(channel.recipient.safeParse('').success).toBe(false);
    const digits = defineChannel({ type: 'sms', title: 'SMS', description: 'd', idempotent: true, recipient: z.string().regex(/^\+\d+$/), send });
    expect(digits.recipient.safeParse('+34600000000').success).toBe(true);
    expect(digits.recipient.safeParse('600').success).toBe(false);
  });

  it('refuses a channel that does not say whether it is idempotent, or a bad type', () => {
    // @ts-expect-error idempotent is required: the outbox needs it to recover from a crash
    expect(() => defineChannel({ type: 'x', title: 'x', description: 'd', send })).toThrow(/idempotent/);
    expect(() => defineChannel({ type: 'Bad Type', title: 'x', description: 'd', idempotent: true, send })).toThrow(/not a valid id/);
  });

  it('gives a message the defaults a channel may rely on', () => {
    expect(channelMessageSchema.parse({ id: 'n', idempotencyKey: 'k', recipient: 'r', message: 'm' })).toEqual({
      id: 'n', idempotencyKey: 'k', recipient: 'r', message: 'm', priority: 'normal', data: {}, attempt: 1,
    });
  });
});

describe('channel errors', () => {
  it('makes 429 retryable with its Retry-After, 5xx retryable, and 401 or 400 final', () => {
    const limited = channelErrorFromResponse('Slack', { status: 429, headers: headers({ 'retry-after': '30' }) });
    expect(limited).toBeInstanceOf(ExternalServiceError);
    expect(limited).toMatchObject({ code: 'channel_rate_limited', retryable: true, retryAfterMs: 30_000, httpStatus: 429 });
    expect(channelErrorFromResponse('Slack', { status: 503, headers: headers({}) })).toMatchObject({ retryable: true, httpStatus: 503 });
    expect(channelErrorFromResponse('Slack', { status: 401, headers: headers({}) }, { credentialSetting: 'SLACK_BOT_TOKEN' })).toMatchObject({
      code: 'channel_unauthorized', retryable: false, message: expect.stringContaining('SLACK_BOT_TOKEN'),
    });
    expect(channelErrorFromResponse('Slack', { status: 400, headers: headers({}) })).toMatchObject({ retryable: false });
  });

  it('makes a failure to connect retryable and names the target', () => {
    const refused = channelErrorFromTransport('The receiver', 'http://127.0.0.1:9', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }));
    expect(refused).toBeInstanceOf(ChannelDeliveryError);
    expect(refused).toMatchObject({ code: 'channel_unreachable', retryable: true, message: expect.stringContaining('http://127.0.0.1:9') });
  });
});
