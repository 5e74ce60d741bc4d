import type { ChannelMessage } from '@dwc/sdk';

/** Discord's limits: content 2,000 characters, embed title 256, description 4,096. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const COLOURS = { low: 0x95a5a6, normal: 0x5865f2, high: 0xf1c40f, critical: 0xed4245 } as const;

/** An execute-webhook body: one embed (subject as title, message as description); mentions in it ping no one. */
export function discordPayload(message: ChannelMessage, username?: string): Record<string, unknown> {
  return {
    ...(username === undefined ? {} : { username }),
    ...(message.priority === 'critical' ? { content: clip(`**${message.subject ?? 'Critical notification'}**`, 2_000) } : {}),
    embeds: [{ title: clip(message.subject ?? 'Notification', 256), description: clip(message.message, 4_096), color: COLOURS[message.priority], timestamp: new Date().toISOString() }],
    allowed_mentions: { parse: [] },
  };
}
