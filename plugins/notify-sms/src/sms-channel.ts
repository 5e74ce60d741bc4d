import { assertPublicUrl, ChannelDeliveryError, channelErrorFromTransport, defineChannel, InputError, z, type ChannelDefinition, type NetworkPolicy, type Resolver } from '@dwc/sdk';
import type { SmsSettings } from './common/config.js';
import { countSegments } from './common/segments.js';
import { twilioError } from './common/twilio-errors.js';
import { smsEs } from './i18n-es.js';

/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, { error: 'must be a phone number in E.164 form, e.g. +14155550123' });

/** `sms`: a text message through Twilio's REST API (or any service speaking its format at TWILIO_API_URL). */
export function createSmsChannel(settings: SmsSettings, network: NetworkPolicy, options: { resolve?: Resolver } = {}): ChannelDefinition {
  const missing = () =>
    [settings.accountSid === undefined && 'TWILIO_ACCOUNT_SID', settings.authToken === undefined && 'TWILIO_AUTH_TOKEN', settings.from === undefined && 'TWILIO_FROM'].filter(Boolean).join(', ');
  const account = `${settings.apiUrl}/2010-04-01/Accounts/${settings.accountSid ?? ''}`;
  const authorization = () => `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  const call = async (url: string, init: RequestInit, signal?: AbortSignal) => {
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    try {
      // TWILIO_API_URL is a setting: held to the host's network policy, and redirects are not followed.
      await assertPublicUrl(new URL(url), network, options);
      const response = await fetch(url, { ...init, redirect: 'manual', headers: { authorization: authorization(), accept: 'application/json', ...init.headers }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      return { status: response.status, headers: response.headers, text: (await response.text()).slice(0, 4_096) };
    } catch (error) {
      throw channelErrorFromTransport('Twilio', settings.apiUrl, error);
    }
  };

  /** Why the text is too long for max_segments, or undefined when it fits. */
  const overLimit = (body: string): string | undefined => {
    const count = countSegments(body);
    if (count.segments <= settings.maxSegments) return undefined;
    return `The message takes ${count.segments} SMS segments (${count.units} ${count.encoding} ${count.encoding === 'GSM-7' ? 'characters' : 'code units'}), more than the ${settings.maxSegments} allowed; shorten it or raise max_segments.`;
  };

  return defineChannel({
    type: 'sms',
    title: 'SMS',
    description: "Sends a text message in Twilio's REST format (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM); the recipient is an E.164 number, the length is checked in segments first.",
    i18n: smsEs,
    // The idempotency key goes out as I-Twilio-Idempotency-Token, but Twilio does not document dropping a
    // repeated Messages create for it, so a send cut short by a crash is marked "may have been delivered".
    idempotent: false,
    recipient: e164,
    checkMessage(message) {
      const tooLong = overLimit(message.message);
      if (tooLong !== undefined) throw new InputError(tooLong, { code: 'sms_too_long' });
    },
    async send(message, ctx) {
      const unset = missing();
      if (unset !== '') throw new ChannelDeliveryError(`SMS is not configured: set ${unset}.`, { code: 'channel_not_configured' });
      const body = message.message;
      const count = countSegments(body);
      // Checked again here: max_segments may have been lowered since the message was queued.
      const tooLong = overLimit(body);
      if (tooLong !== undefined) throw new ChannelDeliveryError(tooLong, { code: 'sms_too_long' });
      const form = new URLSearchParams({ To: message.recipient, Body: body });
      form.set(/^MG[0-9a-fA-F]{32}$/.test(settings.from!) ? 'MessagingServiceSid' : 'From', settings.from!);
      const answer = await call(`${account}/Messages.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'i-twilio-idempotency-token': message.idempotencyKey },
        body: form.toString(),
      }, ctx.signal);
      if (answer.status !== 200 && answer.status !== 201) throw twilioError(answer);
      const sent = JSON.parse(answer.text) as { sid?: string; status?: string };
      return { status: 'queued', providerMessageId: sent.sid, detail: `${sent.status ?? 'accepted'}, ${count.segments} segment${count.segments === 1 ? '' : 's'} ${count.encoding}` };
    },
    async testConnection() {
      const unset = missing();
      if (unset !== '') return { ok: false, detail: `Set ${unset}.` };
      try {
        const answer = await call(`${account}.json`, { method: 'GET' });
        if (answer.status !== 200) return { ok: false, detail: twilioError(answer).message };
        const info = JSON.parse(answer.text) as { friendly_name?: string; status?: string };
        return { ok: info.status === undefined || info.status === 'active', detail: `Twilio account "${info.friendly_name ?? settings.accountSid}" is ${info.status ?? 'reachable'}; messages go from ${settings.from}.` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
  });
}
