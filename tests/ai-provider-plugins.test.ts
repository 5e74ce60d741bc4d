// Loads the five AI provider plugins through the real plugin host (manifest, import, config schema,
// declared secrets) and calls each registered provider, the cloud ones against their fake vendors.
import { fileURLToPath } from 'node:url';
import type { AiProviderDefinition } from '@dwc/sdk';
import { createEventBus, createMemoryCacheStore, createPluginHost, createRegistries, discoverPlugins, type Registries } from '@dwc/runtime';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHROPIC_FAKE_KEY, startFakeAnthropic } from './support/fake-vendors/anthropic.js';
import { callContext } from './support/fake-vendors/call-context.js';
import type { FakeServer } from './support/fake-vendors/fake-http.js';
import { GEMINI_FAKE_KEY, startFakeGoogle } from './support/fake-vendors/google.js';
import { startFakeOllama } from './support/fake-vendors/ollama.js';
import { OPENAI_FAKE_KEY, startFakeOpenAi } from './support/fake-vendors/openai.js';

const pluginsDir = fileURLToPath(new URL('../plugins', import.meta.url));
const AI_PLUGINS = ['@dwc/plugin-ai-anthropic', '@dwc/plugin-ai-google', '@dwc/plugin-ai-local', '@dwc/plugin-ai-ollama', '@dwc/plugin-ai-openai'];

let fakes: FakeServer[] = [];
let registries: Registries;
let host: ReturnType<typeof createPluginHost>;
const secretsAsked: string[] = [];

beforeAll(async () => {
  const [openai, ollama, anthropic, google] = await Promise.all([startFakeOpenAi(), startFakeOllama(), startFakeAnthropic(), startFakeGoogle()]);
  fakes = [openai, ollama, anthropic, google];
  const environment: Record<string, string> = {
    OPENAI_API_KEY: OPENAI_FAKE_KEY,
    OPENAI_BASE_URL: `${openai.url}/v1`,
    OLLAMA_HOST: ollama.url,
    ANTHROPIC_API_KEY: ANTHROPIC_FAKE_KEY,
    ANTHROPIC_BASE_URL: anthropic.url,
    GEMINI_API_KEY: GEMINI_FAKE_KEY,
    GOOGLE_GEMINI_BASE_URL: google.url,
  };
  const logger = pino({ level: 'silent' });
  registries = createRegistries();
  const stored = new Map<string, { enabled: boolean; config: unknown }>([['@dwc/plugin-ai-local', { enabled: true, config: { embedding_dimensions: 32 } }]]);
  host = createPluginHost({
    logger,
    events: createEventBus(logger),
    registries,
    store: { get: async (name) => stored.get(name), list: async () => [...stored].map(([pluginName, entry]) => ({ pluginName, ...entry })), save: async (entry) => void stored.set(entry.pluginName, entry) },
    secrets: {
      get: async (name) => {
        secretsAsked.push(name);
        return environment[name];
      },
    },
    cache: createMemoryCacheStore({ maxBytes: 1024 * 1024, defaultTtlMs: 0 }),
    sdkVersion: '1.0.0',
  });
  const { candidates } = await discoverPlugins({ pluginsDir, packageNames: [], cwd: pluginsDir });
  await host.load(candidates.filter((c) => /[/\\]ai-[a-z]+$/.test(c.dir)));
});

afterAll(() => Promise.all(fakes.map((f) => f.close())));

const provider = (type: string) => registries.aiProviders.get(type) as AiProviderDefinition;

describe('AI provider plugins in the plugin host', () => {
  it('all five load as active, each registering one ai-provider', () => {
    const statuses = host.list().filter((s) => AI_PLUGINS.includes(s.name));
    expect(statuses.map((s) => [s.name, s.state, s.capabilities])).toEqual(
      AI_PLUGINS.map((name) => [name, 'active', [{ kind: 'ai-provider', type: name.replace('@dwc/plugin-ai-', '') }]]),
    );
  });

  it('asks the secret source only for the secrets the plugins declare', () => {
    expect(new Set(secretsAsked)).toEqual(
      new Set(['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OLLAMA_HOST', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GEMINI_BASE_URL']),
    );
  });

  it.each(['openai', 'ollama', 'anthropic', 'google'])('%s streams a reply from its vendor reached through the declared secrets', async (type) => {
    const ctx = callContext();
    const result = await provider(type).generate({ messages: [{ role: 'user', content: 'Say hello' }] }, ctx);
    expect(result.text).toMatch(/^Hello from the fake/);
    expect(ctx.tokens.join('')).toBe(result.text);
    expect((await provider(type).health(callContext())).ok).toBe(true);
  });

  it('local analyses offline with its stored config applied', async () => {
    const local = provider('local');
    expect((await local.embed!({ texts: ['stored config applies'] }, callContext())).vectors[0]).toHaveLength(32);
    expect((await local.analyze!({ text: 'What a wonderful, happy day!', tasks: ['sentiment'] }, callContext())).sentiment!.label).toBe('positive');
  });

  it('declares the capability flags the runtime relies on', () => {
    const flags = Object.fromEntries(['openai', 'ollama', 'anthropic', 'google', 'local'].map((type) => [type, provider(type).capabilities]));
    expect(flags).toEqual({
      openai: { streaming: true, embeddings: true, structuredOutput: true, analysis: false, modelManagement: false, offline: false },
      ollama: { streaming: true, embeddings: true, structuredOutput: true, analysis: false, modelManagement: true, offline: true },
      anthropic: { streaming: true, embeddings: false, structuredOutput: true, analysis: false, modelManagement: false, offline: false },
      google: { streaming: true, embeddings: true, structuredOutput: true, analysis: false, modelManagement: false, offline: false },
      local: { generation: false, streaming: false, embeddings: true, structuredOutput: false, analysis: true, modelManagement: false, offline: true },
    });
  });
});
