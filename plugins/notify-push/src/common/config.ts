import { z } from '@dwc/sdk';

/** Settings of the push channel. The VAPID key pair is `VAPID_PUBLIC_KEY`/`VAPID_PRIVATE_KEY`, else generated into the data folder. */
export const pushConfigSchema = z
  .object({
    subject: z
      .string()
      .regex(/^(mailto:.+@.+|https:\/\/.+)$/, 'must be a mailto: address or an https:// URL')
      .optional()
      .describe('VAPID contact the push services may write to (mailto: or https://). Default: VAPID_SUBJECT, else mailto:notifications@dwc.invalid.'),
    ttl_seconds: z.number().int().min(0).max(2_419_200).default(86_400).describe('How long a push service keeps a message for an offline browser, in seconds.'),
    timeout_ms: z.number().int().min(100).max(120_000).default(10_000).describe('Longest wait for a push service to answer, in milliseconds.'),
  })
  .strict();
export type PushConfig = z.output<typeof pushConfigSchema>;

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** Where they came from, for messages. */
  source: 'environment' | 'generated' | 'data folder';
}

export interface PushSettings {
  subject: string;
  ttlSeconds: number;
  timeoutMs: number;
  vapid: VapidKeys;
}
