import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openUrl, startBanner, type StartInfo } from './start-banner.js';

const info: StartInfo = {
  version: '1.2.3',
  url: 'http://localhost:8000',
  database: { dialect: 'sqlite', where: '/srv/dwc/data/dwc.sqlite' },
  plugins: [
    { name: '@dwc/plugin-action-http', state: 'active' },
    { name: '@dwc/plugin-ai-openai', state: 'active' },
    { name: '@dwc/plugin-ai-google', state: 'disabled' },
    { name: 'dwc-plugin-broken', state: 'failed', error: 'setup threw: Invalid URL' },
  ],
};

describe('openUrl', () => {
  it('names localhost when listening on every interface', () => {
    expect(openUrl(undefined, 8000)).toBe('http://localhost:8000');
    expect(openUrl('::', 8000)).toBe('http://localhost:8000');
    expect(openUrl('0.0.0.0', 41234)).toBe('http://localhost:41234');
  });

  it('names the HOST given, in brackets for IPv6', () => {
    expect(openUrl('127.0.0.1', 8000)).toBe('http://127.0.0.1:8000');
    expect(openUrl('dwc.internal', 8080)).toBe('http://dwc.internal:8080');
    expect(openUrl('::1', 8000)).toBe('http://[::1]:8000');
  });
});

describe('startBanner', () => {
  it('shows the URL to open, the database, and the plugins with the failed ones named', () => {
    const text = startBanner(info);
    expect(text).toContain('Open       http://localhost:8000\n');
    expect(text).toContain('Database   SQLite /srv/dwc/data/dwc.sqlite\n');
    expect(text).toContain('Plugins    2 loaded, 1 disabled, 1 failed\n');
    expect(text).toContain('✗ dwc-plugin-broken: setup threw: Invalid URL');
    expect(text).not.toContain('setup token');
  });

  it('names Postgres by host and database', () => {
    expect(startBanner({ ...info, database: { dialect: 'postgres', where: 'db.example.com:5432/dwc' } })).toContain('Database   Postgres db.example.com:5432/dwc\n');
  });

  it('on first start shows the setup token and the request that spends it', () => {
    const text = startBanner({ ...info, setupToken: 'dwcs_abc' });
    expect(text).toContain('one-time setup token');
    expect(text).toContain('    dwcs_abc\n');
    expect(text).toContain(`curl -X POST http://localhost:8000/api/v3/auth/setup`);
    expect(text).toContain('"setup_token": "dwcs_abc"');
    expect(text).toContain('DWC_ADMIN_EMAIL and DWC_ADMIN_PASSWORD');
  });

  it('adds colour only when asked, and the same words either way', () => {
    const plain = startBanner(info);
    const coloured = startBanner(info, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[');
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });
});
