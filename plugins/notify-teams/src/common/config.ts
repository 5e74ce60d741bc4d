import { z } from '@dwc/sdk';

/** Settings of the Teams channel; the recipient is the incoming webhook's URL, so nothing else is secret. */
export const teamsConfigSchema = z
  .object({
    timeout_ms: z.number().int().min(100).max(120_000).default(10_000).describe('Longest wait for Teams to answer, in milliseconds.'),
  })
  .strict();
export type TeamsConfig = z.output<typeof teamsConfigSchema>;
