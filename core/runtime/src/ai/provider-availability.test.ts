import { defineAiProvider, type AiCapabilities, type AiReadiness } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import type { PluginStatus } from '../plugin-host/plugin-status.js';
import { canDo, defaultChain, missingProviderError, noProviderError, type AiProviderPlugins } from './provider-availability.js';

const remote: AiCapabilities = { streaming: true, embeddings: true, structuredOutput: true, analysis: false, modelManagement: false, offline: false };
const refuse = async (): Promise<never> => {
  throw new Error('not called in these tests');
};
const provider = (type: string, readiness: AiReadiness | undefined, capabilities: Partial<AiCapabilities> = {}) =>
  defineAiProvider({
    type,
    title: type,
    description: type,
    capabilities: { ...remote, ...capabilities },
    ...(readiness ? { readiness } : {}),
    generate: refuse,
    embed: refuse,
    analyze: refuse,
    listModels: refuse,
    health: refuse,
  });

const anthropic = provider('anthropic', { state: 'unconfigured', hint: 'set ANTHROPIC_API_KEY' }, { embeddings: false });
const openai = provider('openai', { state: 'configured' });
const ollama = provider('ollama', { state: 'probe', hint: 'start Ollama (ollama serve) or set OLLAMA_HOST' }, { offline: true });
const local = provider('local', undefined, { generation: false, analysis: true, offline: true, streaming: false });

const status = (name: string, state: PluginStatus['state'], error?: string): PluginStatus => ({
  name,
  version: '1.0.0',
  description: '',
  kinds: ['ai-provider'],
  state,
  ...(error ? { error, errorCode: 'plugin_config_invalid' } : {}),
  capabilities: [],
  permissions: { network: [], secrets: [], filesystem: [] },
  source: 'folder',
});
const plugins: AiProviderPlugins = () => [
  { type: 'google', plugin: status('@dwc/plugin-ai-google', 'disabled') },
  { type: 'mistral', plugin: status('@acme/plugin-ai-mistral', 'failed', 'Plugin @acme/plugin-ai-mistral: setting `base_url` (MISTRAL_BASE_URL): Invalid URL') },
];

describe('canDo', () => {
  it('leaves a provider with no language model out of generation but not out of analysis', () => {
    expect(canDo(local, 'generate')).toBe(false);
    expect(canDo(local, 'analyze')).toBe(true);
    expect(canDo(anthropic, 'embed')).toBe(false);
  });
});

describe('defaultChain', () => {
  it('tries configured remote providers first, then local servers to probe, then in-process ones', () => {
    const { candidates } = defaultChain('analyze', [local, ollama, anthropic, openai], plugins);
    expect(candidates.map((c) => [c.provider.type, c.probe])).toEqual([['openai', false], ['ollama', true], ['local', false]]);
  });

  it('lists every provider it left out with what to set, including disabled and failed plugins', () => {
    const { candidates, notSetUp } = defaultChain('generate', [anthropic, local, ollama], plugins);
    expect(candidates.map((c) => c.provider.type)).toEqual(['ollama']);
    expect(notSetUp).toEqual([
      { provider: 'anthropic', hint: 'set ANTHROPIC_API_KEY' },
      { provider: 'local', hint: 'cannot generate text' },
      { provider: 'google', hint: expect.stringContaining('disabled: its plugin @dwc/plugin-ai-google is disabled. Enable it with POST /api/v3/plugins/%40dwc%2Fplugin-ai-google/enable') },
      { provider: 'mistral', hint: 'failed to load: Plugin @acme/plugin-ai-mistral: setting `base_url` (MISTRAL_BASE_URL): Invalid URL' },
    ]);
  });
});

describe('errors for a provider that cannot answer', () => {
  it('says "not installed" when no plugin provides it (404)', () => {
    expect(missingProviderError('cohere', plugins, ['openai'])).toMatchObject({
      code: 'ai_provider_not_installed',
      message: 'AI provider "cohere" is not installed: no plugin provides it (available: openai). Install a plugin that provides it, or name another provider.',
    });
  });

  it('says "disabled" and how to enable it', () => {
    expect(missingProviderError('google', plugins, [])).toMatchObject({
      code: 'ai_provider_disabled',
      message: expect.stringMatching(/^AI provider "google" is disabled: its plugin @dwc\/plugin-ai-google is disabled\. Enable it with POST /),
      details: { provider: 'google', plugin: '@dwc/plugin-ai-google', state: 'disabled' },
    });
  });

  it('says "failed to load" with the reason', () => {
    expect(missingProviderError('mistral', plugins, [])).toMatchObject({
      code: 'ai_provider_failed',
      message: 'AI provider "mistral" failed to load: Plugin @acme/plugin-ai-mistral: setting `base_url` (MISTRAL_BASE_URL): Invalid URL.',
    });
  });

  it('lists each provider and what to set when none is set up', () => {
    const error = noProviderError('generate', [{ provider: 'openai', hint: 'set OPENAI_API_KEY' }, { provider: 'anthropic', hint: 'set ANTHROPIC_API_KEY' }]);
    expect(error).toMatchObject({ code: 'ai_no_provider', details: { operation: 'generate' } });
    expect(error.message).toBe('No AI provider is set up to generate text. openai: set OPENAI_API_KEY; anthropic: set ANTHROPIC_API_KEY. Or name a provider in the request, or set DWC_AI_FALLBACK.');
  });
});
