import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLogger, resolveLogFormat } from './create-logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

describe('resolveLogFormat', () => {
  it('picks pretty output on a terminal and JSON otherwise', () => {
    expect(resolveLogFormat(undefined, { isTTY: true })).toBe('pretty');
    expect(resolveLogFormat(undefined, { isTTY: false })).toBe('json');
    expect(resolveLogFormat(undefined, {})).toBe('json');
  });

  it('lets LOG_FORMAT win either way', () => {
    expect(resolveLogFormat('json', { isTTY: true })).toBe('json');
    expect(resolveLogFormat('pretty', { isTTY: false })).toBe('pretty');
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line with the level as a word and an ISO time', () => {
    const { lines, stream } = capture();
    createLogger({ level: 'info', format: 'json', destination: stream }).info({ plugin: 'p' }, 'plugin loaded');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'plugin loaded', plugin: 'p', service: 'dwc', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it('writes a readable line in pretty format: time, level, message and the fields on the same line', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'info', format: 'pretty', destination: stream });
    logger.warn({ plugin: 'p', user: { password: 'hunter2' } }, 'plugin slow');
    logger.debug('not at this level');
    expect(lines).toHaveLength(1);
    const line = stripVTControlCharacters(lines[0]!);
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: plugin slow \{"plugin":"p","user":\{"password":"\[redacted\]"\}\}\n$/);
    expect(line).not.toContain('"service"');
  });
});
