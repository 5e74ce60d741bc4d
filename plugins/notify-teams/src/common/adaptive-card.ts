import type { ChannelMessage } from '@dwc/sdk';

/**
 * The message Teams' incoming webhooks (and Power Automate "post to a channel when a webhook
 * request is received") take: one attachment holding an Adaptive Card 1.4 with the subject as a
 * heading and the message below it.
 */
export function adaptiveCardMessage(message: ChannelMessage): Record<string, unknown> {
  const body: Record<string, unknown>[] = [];
  if (message.subject) body.push({ type: 'TextBlock', text: message.subject, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' });
  body.push({ type: 'TextBlock', text: message.message, wrap: true });
  if (message.priority === 'critical' || message.priority === 'high') body.unshift({ type: 'TextBlock', text: message.priority.toUpperCase(), color: 'Attention', weight: 'Bolder', size: 'Small' });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body, msteams: { width: 'Full' } },
      },
    ],
  };
}
