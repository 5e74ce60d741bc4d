import { describe, expect, it } from 'vitest';
import { defineLazyAiProvider, type AiProviderInfo } from './ai-provider.js';

const info: AiProviderInfo = {
  type: 'acme',
  title: 'Acme',
  description: 'Acme models',
  capabilities: { streaming: false, embeddings: false, structuredOutput: false, analysis: false, modelManagement: false, offline: false },
  readiness: { state: 'unconfigured', hint: 'set ACME_KEY' },
};
const ctx = { log: console as never, signal: new AbortController().signal };

describe('defineLazyAiProvider', () => {
  it('answers health for a provider that is not set up without loading its code', async () => {
    let loads = 0;
    const provider = defineLazyAiProvider(info, async () => {
      loads += 1;
      throw new Error('must not be loaded');
    });
    expect(await provider.health(ctx)).toEqual({ ok: false, configured: false, detail: 'Acme: set ACME_KEY' });
    expect(provider.readiness).toEqual(info.readiness);
    expect(loads).toBe(0);
  });

  it('loads the code for the health of a provider that is set up', async () => {
    let loads = 0;
    const provider = defineLazyAiProvider({ ...info, readiness: { state: 'configured' } }, async () => {
      loads += 1;
      throw new Error('vendor SDK missing');
    });
    expect(await provider.health(ctx)).toEqual({ ok: false, detail: "the provider's code could not be loaded: vendor SDK missing" });
    expect(loads).toBe(1);
  });
});
