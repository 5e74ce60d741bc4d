import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './api-client';

describe('api client', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18next.changeLanguage('en');
  });

  it('asks the server for messages in the UI language (Accept-Language follows the switch)', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    await api('/api/v3/workflows');
    await i18next.changeLanguage('es');
    await api('/api/v3/workflows');
    const sent = fetch.mock.calls.map((call) => ((call as unknown as [string, RequestInit])[1].headers as Record<string, string>)['accept-language']);
    expect(sent).toEqual(['en', 'es']);
  });
});
