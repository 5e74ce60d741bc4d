import { ConfigError, z } from '@dwc/sdk';

/** Settings of the Slack channel. The bot token is `SLACK_BOT_TOKEN` (vault or environment), never config. */
export const slackConfigSchema = z
  .object({
    api_url: z.url({ protocol: /^https?$/ }).optional().describe("Slack Web API base URL for chat.postMessage. Default: SLACK_API_URL, else https://slack.com/api/."),
    timeout_ms: z.number().int().min(100).max(120_000).default(10_000).describe('Longest wait for Slack to answer, in milliseconds.'),
  })
  .strict();
export type SlackConfig = z.output<typeof slackConfigSchema>;

export interface SlackSettings {
  apiUrl: string;
  timeoutMs: number;
  /** `xoxb-…`; undefined when not set (then only incoming-webhook recipients work). */
  botToken: string | undefined;
}

/** Config wins over the environment; the token comes from `SLACK_BOT_TOKEN` only. */
export function resolveSlackSettings(config: SlackConfig, secrets: Readonly<Record<string, string>>): SlackSettings {
  const apiUrl = config.api_url ?? (secrets.SLACK_API_URL || 'https://slack.com/api/');
  if (!URL.canParse(apiUrl)) throw new ConfigError(`SLACK_API_URL "${apiUrl}" is not a URL; leave it unset for https://slack.com/api/.`, { code: 'invalid_slack_api_url' });
  return { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`, timeoutMs: config.timeout_ms, botToken: secrets.SLACK_BOT_TOKEN || undefined };
}
