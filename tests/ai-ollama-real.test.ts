// Runs only when OLLAMA_HOST names a real Ollama server; otherwise says that it did not run.
import type { AiCallContext } from '@dwc/sdk';
import { ollamaConfigSchema, resolveOllamaSettings } from '@dwc/plugin-ai-ollama';
import { createOllamaProvider } from '../plugins/ai-ollama/src/ollama-provider.js';
import { describe, expect, it } from 'vitest';

const host = process.env.OLLAMA_HOST;
if (!host) console.log('[ai-ollama] real Ollama test did not run: set OLLAMA_HOST (e.g. http://127.0.0.1:11434) to run it.');

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const ctx = (): AiCallContext => ({ log: silent, signal: AbortSignal.timeout(120_000) });

describe.skipIf(!host)('ai-ollama against the real Ollama at OLLAMA_HOST', () => {
  const ollama = host ? createOllamaProvider(resolveOllamaSettings(ollamaConfigSchema.parse({}), { OLLAMA_HOST: host })) : undefined!;

  it('answers health and lists its models', async () => {
    expect(await ollama.health(ctx())).toMatchObject({ ok: true });
    expect(Array.isArray(await ollama.listModels(ctx()))).toBe(true);
  });

  it('generates a short answer with the first installed chat model, if any', { timeout: 130_000 }, async () => {
    const model = (await ollama.listModels(ctx())).map((m) => m.id).find((id) => !/embed/i.test(id));
    if (!model) {
      console.log('[ai-ollama] the real Ollama has no chat model installed; generate was not tried.');
      return;
    }
    const tokens: string[] = [];
    const result = await ollama.generate({ model, messages: [{ role: 'user', content: 'Reply with the single word: ok' }], maxTokens: 8 }, { ...ctx(), onToken: (t) => tokens.push(t) });
    expect(result.text.length).toBeGreaterThan(0);
    expect(tokens.join('')).toBe(result.text);
  });
});
