import { ConfigError, z } from '@dwc/sdk';

/** Settings of the SMS channel. Each may come from config or the environment; config wins. The auth token is `TWILIO_AUTH_TOKEN` only. */
export const smsConfigSchema = z
  .object({
    account_sid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account SID is AC + 32 hex digits').optional().describe('Twilio account SID. Default: TWILIO_ACCOUNT_SID.'),
    from: z.string().min(1).max(40).optional().describe('Sender: an E.164 number, an alphanumeric sender id, or a Messaging Service SID (MG…). Default: TWILIO_FROM.'),
    api_url: z.url({ protocol: /^https?$/ }).optional().describe('Base URL of the Twilio REST API. Default: TWILIO_API_URL, else https://api.twilio.com.'),
    max_segments: z.number().int().min(1).max(10).default(4).describe('Longest message accepted, in SMS segments (GSM-7: 153 characters each, UCS-2: 67); longer ones are refused, not sent.'),
    timeout_ms: z.number().int().min(100).max(120_000).default(15_000).describe('Longest wait for Twilio to answer, in milliseconds.'),
  })
  .strict();
export type SmsConfig = z.output<typeof smsConfigSchema>;

export interface SmsSettings {
  accountSid: string | undefined;
  authToken: string | undefined;
  from: string | undefined;
  apiUrl: string;
  maxSegments: number;
  timeoutMs: number;
}

export function resolveSmsSettings(config: SmsConfig, secrets: Readonly<Record<string, string>>): SmsSettings {
  const apiUrl = (config.api_url ?? (secrets.TWILIO_API_URL || 'https://api.twilio.com')).replace(/\/+$/, '');
  if (!URL.canParse(apiUrl)) throw new ConfigError(`TWILIO_API_URL "${apiUrl}" is not a URL; leave it unset for https://api.twilio.com.`, { code: 'invalid_twilio_api_url' });
  const accountSid = config.account_sid ?? (secrets.TWILIO_ACCOUNT_SID || undefined);
  if (accountSid !== undefined && !/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new ConfigError('TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits (the Account SID on the Twilio console).', { code: 'invalid_twilio_account_sid' });
  }
  return { accountSid, authToken: secrets.TWILIO_AUTH_TOKEN || undefined, from: config.from ?? (secrets.TWILIO_FROM || undefined), apiUrl, maxSegments: config.max_segments, timeoutMs: config.timeout_ms };
}
