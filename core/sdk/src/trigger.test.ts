import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTrigger } from './trigger.js';

describe('defineTrigger', () => {
  it('listens on one process unless it says every', () => {
    expect(defineTrigger({ type: 'poll', title: 'Poll', description: '', settings: z.object({}), start: async () => () => undefined }).runsOn).toBe('one');
    expect(defineTrigger({ type: 'hear', title: 'Hear', description: '', settings: z.object({}), runsOn: 'every' }).runsOn).toBe('every');
  });

  it('refuses another runsOn, a non-function start and settings that are not zod', () => {
    // @ts-expect-error runsOn is 'one' or 'every'
    expect(() => defineTrigger({ type: 'x', title: 'X', description: '', settings: z.object({}), runsOn: 'some' })).toThrow(/runsOn/);
    // @ts-expect-error start is a function
    expect(() => defineTrigger({ type: 'x', title: 'X', description: '', settings: z.object({}), start: 'go' })).toThrow(/start/);
    // @ts-expect-error settings is a zod schema
    expect(() => defineTrigger({ type: 'x', title: 'X', description: '', settings: {} })).toThrow(/settings/);
  });
});
