import { z } from '@dwc/sdk';

/** Settings of the Discord channel; the recipient is the webhook's URL (its token is in it). */
export const discordConfigSchema = z
  .object({
    timeout_ms: z.number().int().min(100).max(120_000).default(10_000).describe('Longest wait for Discord to answer, in milliseconds.'),
    username: z.string().min(1).max(80).optional().describe("Name shown as the message's author instead of the webhook's."),
  })
  .strict();
export type DiscordConfig = z.output<typeof discordConfigSchema>;
