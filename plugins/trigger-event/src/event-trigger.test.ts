import { describe, expect, it } from 'vitest';
import { eventMatches, eventSettingsSchema } from './event-trigger.js';

const event = (type: string, payload: Record<string, unknown>) => ({ type, timestamp: new Date(0).toISOString(), payload });

describe('event trigger filters', () => {
  it('matches payload fields by dotted path', () => {
    const settings = eventSettingsSchema.parse({ event: 'external.content_request', match: { 'data.topic': 'news' } });
    expect(eventMatches(event('external.content_request', { type: 'content_request', data: { topic: 'news' } }), settings, 'wf')).toBe(true);
    expect(eventMatches(event('external.content_request', { type: 'content_request', data: { topic: 'sport' } }), settings, 'wf')).toBe(false);
  });

  it('ignores events about runs of its own workflow, which would loop', () => {
    const settings = eventSettingsSchema.parse({ event: 'execution.failed' });
    expect(eventMatches(event('execution.failed', { workflow_id: 'wf' }), settings, 'wf')).toBe(false);
    expect(eventMatches(event('execution.failed', { workflow_id: 'other' }), settings, 'wf')).toBe(true);
  });

  it('refuses plumbing events and malformed types', () => {
    expect(eventSettingsSchema.safeParse({ event: 'plugin.loaded' }).success).toBe(false);
    expect(eventSettingsSchema.safeParse({ event: '*' }).success).toBe(false);
    expect(eventSettingsSchema.safeParse({ event: 'external.*' }).success).toBe(true);
  });
});
