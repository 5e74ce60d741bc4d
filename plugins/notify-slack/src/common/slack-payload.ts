import type { ChannelMessage } from '@dwc/sdk';

/** Slack's limits: a header block's text is at most 150 characters, a section's 3,000. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The body Slack takes from both an incoming webhook and chat.postMessage: `text` (the fallback
 * shown in notifications) and `blocks` (a header with the subject, a section with the message).
 */
export function slackPayload(message: ChannelMessage): { text: string; blocks: Record<string, unknown>[] } {
  const blocks: Record<string, unknown>[] = [];
  if (message.subject) blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(message.subject, 150), emoji: true } });
  if (message.message) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(message.message, 3_000) } });
  const text = message.subject ? `${message.subject}\n${message.message}` : message.message;
  return { text: clip(text, 40_000), blocks };
}
