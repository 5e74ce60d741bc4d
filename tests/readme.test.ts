import { readFileSync } from 'node:fs';
import { settings } from '@dwc/runtime';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it.each(Object.entries(settings))('documents the setting %s with its variable and file key', (key, setting) => {
    expect(readme).toContain(`| \`${setting.env}\` | \`${key}\` |`);
  });

  it('shows the two-command quick start and the test command', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
