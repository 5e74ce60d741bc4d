import { InputError, type ChannelDefinition } from '@dwc/sdk';
import type { WorkflowNotifyRule } from './workflow-notify.js';

/** The installed channels, as a workflow's save-time check sees them. */
export interface NotifyChannels {
  get(type: string): Pick<ChannelDefinition, 'type' | 'recipient'> | undefined;
  types(): string[];
}

/**
 * Checks a workflow's `notify` setting at save, each problem at its field: a channel that is not
 * installed (`channel_not_installed`), then a recipient its channel cannot send to
 * (`invalid_recipient`). Throws InputError; a setting that passes can be queued when a run ends.
 */
export function checkWorkflowNotify(rules: readonly WorkflowNotifyRule[] | undefined, channels: NotifyChannels): void {
  if (rules === undefined) return;
  const unknown: Record<string, string[]> = {};
  const invalid: Record<string, string[]> = {};
  rules.forEach((rule, index) => {
    const channel = channels.get(rule.channel);
    if (channel === undefined) {
      unknown[`notify.${index}.channel`] = [`no channel "${rule.channel}" is installed; installed: ${channels.types().sort().join(', ') || 'none'}`];
      return;
    }
    rule.recipients.forEach((recipient, at) => {
      const parsed = channel.recipient.safeParse(recipient);
      if (!parsed.success) invalid[`notify.${index}.recipients.${at}`] = [`"${recipient}" is not a ${channel.type} recipient: ${parsed.error.issues[0]?.message ?? 'invalid'}`];
    });
  });
  const [firstUnknown] = Object.entries(unknown);
  if (firstUnknown) {
    throw new InputError(`The workflow's notify setting names a channel that is not installed (${firstUnknown[0]}: ${firstUnknown[1][0]}).`, { code: 'channel_not_installed', details: unknown });
  }
  const [firstInvalid] = Object.entries(invalid);
  if (firstInvalid) {
    throw new InputError(`The workflow's notify setting names a recipient its channel cannot send to (${firstInvalid[0]}: ${firstInvalid[1][0]}).`, { code: 'invalid_recipient', details: invalid });
  }
}
