import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { checkWorkflowNotify, type NotifyChannels } from './workflow-notify-check.js';

const channels: NotifyChannels = {
  get: (type) => (type === 'sms' ? { type, recipient: z.string().regex(/^\+[1-9]\d{1,14}$/, { error: 'must be E.164' }) } : type === 'in_app' ? { type, recipient: z.string().min(1) } : undefined),
  types: () => ['sms', 'in_app'],
};

describe("a workflow's notify setting, checked at save", () => {
  it('passes rules on installed channels with recipients they can reach, and no setting at all', () => {
    expect(() => checkWorkflowNotify([{ on: ['failure'], channel: 'sms', recipients: ['+14155550123'] }], channels)).not.toThrow();
    expect(() => checkWorkflowNotify(undefined, channels)).not.toThrow();
  });

  it('refuses a channel that is not installed, at its field, naming the installed ones', () => {
    expect(() => checkWorkflowNotify([{ on: ['success'], channel: 'in_app', recipients: ['a'] }, { on: ['failure'], channel: 'pager', recipients: ['x'] }], channels)).toThrow(
      expect.objectContaining({ code: 'channel_not_installed', details: { 'notify.1.channel': [expect.stringContaining('installed: in_app, sms')] } }),
    );
  });

  it('refuses each recipient its channel cannot send to, at its field', () => {
    expect(() => checkWorkflowNotify([{ on: ['waiting'], channel: 'sms', recipients: ['+14155550123', 'call me', '0034600'] }], channels)).toThrow(
      expect.objectContaining({ code: 'invalid_recipient', details: { 'notify.0.recipients.1': [expect.stringContaining('E.164')], 'notify.0.recipients.2': [expect.any(String)] } }),
    );
  });
});
