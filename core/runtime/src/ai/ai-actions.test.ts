import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../storage/test-support/open-test-database.js';
import { startAutoEmbed } from './auto-embed.js';
import { memoryCacheStore, startAiEngine } from './test-support/ai-harness.js';

type AiEngine = Awaited<ReturnType<typeof startAiEngine>>;
const chain = (...steps: object[]) => ({ name: 'ai test', steps });
const usageShape = { input_tokens: expect.any(Number), output_tokens: expect.any(Number), cost_usd: null, cached: false, latency_ms: expect.any(Number) };

describe.each(['sqlite', 'postgres'] as const)('AI actions through the engine on %s', (dialect) => {
  let engine: AiEngine;
  beforeAll(async () => {
    engine = await startAiEngine(dialect, { cache: memoryCacheStore(), settings: { fallback: ['scripted', 'scripted-b'] } });
  });
  afterAll(() => engine.stop());
  const stepOutput = async (executionId: string, stepId: string) => (await engine.stepsOf(executionId)).find((s) => s.stepId === stepId && s.itemIndex === -1);

  it('ai.generate resolves prompt templates, streams ai.token events and stores the answer as a document', async () => {
    const execution = await engine.run(
      chain({ id: 'write', type: 'ai.generate', input: { system: 'Be brief.', prompt: 'Write about {{ input.topic }} for {audience}', temperature: 0.5, document: { title: 'On {{ input.topic }}' } } }),
      { topic: 'tides', audience: 'sailors' },
    );
    expect(execution.status).toBe('succeeded');
    expect(execution.output).toEqual({ text: 'Scripted scripted answer: Write about tides for sailors', finish_reason: 'stop', provider: 'scripted', model: 'scripted-1', usage: usageShape, attempts: [] });
    const tokens = engine.seen.filter((e) => e.type === 'ai.token' && e.payload.execution_id === execution.id);
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.every((t) => t.payload.step_id === 'write' && t.payload.workflow_id === execution.workflowId)).toBe(true);
    expect(tokens.map((t) => t.payload.index)).toEqual(tokens.map((_, i) => i));
    expect(tokens.map((t) => t.payload.text).join('')).toBe((execution.output as { text: string }).text);
    const [document] = await engine.documents.list({ executionId: execution.id, limit: 10 });
    expect(document).toMatchObject({ title: 'On tides', format: 'markdown', stepId: 'write', metadata: { ai_provider: 'scripted', ai_model: 'scripted-1' } });
    const usage = await engine.usage.calls({ executionId: execution.id });
    expect(usage).toMatchObject([{ stepId: 'write', workflowId: execution.workflowId, provider: 'scripted', outcome: 'ok' }]);
  });

  it('ai.generate with json_schema returns the parsed answer as json', async () => {
    const execution = await engine.run(chain({ id: 'j', type: 'ai.generate', input: { prompt: 'facts', json_schema: { type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] } } }));
    expect(execution.output).toMatchObject({ json: { count: 1 }, text: '{"count":1}' });
  });

  it("ai.analyze puts each task at the top of its output, so a later step's when can read sentiment.label", async () => {
    const definition = chain(
      { id: 'mood', type: 'ai.analyze', input: { text: '{{ input.text }}', tasks: ['sentiment', 'summary'], provider: 'scripted-b' } },
      { id: 'warn', type: 'ai.generate', when: "{{ steps.mood.output.sentiment.label == 'negative' }}", input: { prompt: 'warn about {{ steps.mood.output.summary }}' } },
    );
    const bad = await engine.run(definition, { text: 'The launch was terrible.' });
    expect(await stepOutput(bad.id, 'mood')).toMatchObject({ output: { sentiment: { label: 'negative', score: 0.9 }, summary: 'The launch was terrible.', result: { sentiment: { label: 'negative' } }, provider: 'scripted-b', model: 'scripted-b-analysis' } });
    expect((await stepOutput(bad.id, 'warn'))?.status).toBe('succeeded');
    const good = await engine.run(definition, { text: 'The launch was great.' });
    expect((await stepOutput(good.id, 'warn'))?.status).toBe('skipped');
  });

  it('ai.decide picks one option with a reason, and a following when branches on it', async () => {
    const execution = await engine.run(chain(
      { id: 'route', type: 'ai.decide', input: { question: 'Where does this go? [pick:escalate]', options: ['reply', { value: 'escalate', description: 'to a human' }], context: 'angry customer' } },
      { id: 'escalate', type: 'ai.generate', depends_on: ['route'], when: "{{ steps.route.output.choice == 'escalate' }}", input: { prompt: 'escalate: {{ steps.route.output.reason }}' } },
      { id: 'reply', type: 'ai.generate', depends_on: ['route'], when: "{{ steps.route.output.choice == 'reply' }}", input: { prompt: 'reply' } },
    ));
    expect(await stepOutput(execution.id, 'route')).toMatchObject({ output: { choice: 'escalate', reason: 'reason text', provider: 'scripted' } });
    expect((await stepOutput(execution.id, 'escalate'))?.status).toBe('succeeded');
    expect((await stepOutput(execution.id, 'reply'))?.status).toBe('skipped');
  });

  it('ai.extract reads a stored document by id and returns the described fields as JSON', async () => {
    const first = await engine.run(chain({ id: 'doc', type: 'ai.generate', input: { prompt: 'an invoice', document: { title: 'Invoice' } } }));
    const [document] = await engine.documents.list({ executionId: first.id, limit: 1 });
    const execution = await engine.run(chain({ id: 'fields', type: 'ai.extract', input: { document_id: document!.id, fields: { total: 'Amount due', customer: 'Who pays' } } }));
    expect(execution.output).toMatchObject({ json: { total: 'total text', customer: 'customer text' }, provider: 'scripted' });
    const missing = await engine.run(chain({ id: 'fields', type: 'ai.extract', input: { document_id: 'nope', fields: ['total'] } }));
    expect(missing).toMatchObject({ status: 'failed', error: { code: 'document_not_found' } });
  });

  it('ai.embed stores vectors for the documents of earlier steps', async () => {
    const execution = await engine.run(chain(
      { id: 'a', type: 'ai.generate', input: { prompt: 'harbour tides and boats', document: { title: 'Tides' } } },
      { id: 'b', type: 'ai.generate', input: { prompt: 'mountain snow and skis', document: { title: 'Snow' } } },
      { id: 'index', type: 'ai.embed', input: {} },
    ));
    expect(execution.output).toMatchObject({ count: 2, provider: 'scripted', model: 'scripted-embed', indexed: [{ dims: 64 }, { dims: 64 }] });
    expect(await engine.embeddings.count('scripted', 'scripted-embed', execution.workflowId)).toBe(2);
  });

  it('auto-embedding stores vectors for documents AI steps produce, and only for those', async () => {
    const auto = startAutoEmbed({ events: engine.events, documents: engine.documents, ai: engine.ai, embeddings: engine.embeddings, logger: silentLogger });
    try {
      const execution = await engine.run(chain(
        { id: 'ai', type: 'ai.generate', input: { prompt: 'lighthouse keepers', document: { title: 'Lighthouses' } } },
        { id: 'plain', type: 'test.document', input: { title: 'Not from AI' } },
      ));
      await auto.idle();
      expect(await engine.embeddings.count('scripted', 'scripted-embed', execution.workflowId)).toBe(1);
      expect((await engine.usage.calls({ executionId: execution.id })).map((c) => `${c.stepId}:${c.operation}`)).toEqual(['ai:generate', 'ai:embed']);
    } finally {
      auto.stop();
    }
  });

  it("follows the workflow's own fallback chain and records the skipped provider on the step output", async () => {
    const execution = await engine.run({ ...chain({ id: 'g', type: 'ai.generate', input: { prompt: 'hi' } }), ai: { fallback: ['openai', 'scripted-b'] } });
    expect(execution.output).toMatchObject({ provider: 'scripted-b', attempts: [{ provider: 'openai', outcome: 'skipped', reason: 'not_configured' }] });
  });

  it('records a clear provider error on the failed step, naming the setting to fix', async () => {
    const execution = await engine.run(chain({ id: 'g', type: 'ai.generate', input: { prompt: '[fail:scripted:not_configured] hi', provider: 'scripted' } }));
    expect(execution).toMatchObject({ status: 'failed', error: { code: 'ai_not_configured', message: expect.stringContaining('SCRIPTED_API_KEY') } });
    expect((await stepOutput(execution.id, 'g'))?.error).toMatchObject({ details: { step_id: 'g', action: 'ai.generate', cause: { attempts: [{ provider: 'scripted', reason: 'not_configured' }] } } });
  });

  it('a step timeout stops a hanging provider call', async () => {
    const execution = await engine.run(chain({ id: 'g', type: 'ai.generate', timeout_ms: 200, input: { prompt: '[hang:scripted] hi', provider: 'scripted' } }));
    expect(execution).toMatchObject({ status: 'failed', error: { code: 'step_timeout' } });
  });

  it('refuses bad action input with the field named', async () => {
    const execution = await engine.run(chain({ id: 'c', type: 'ai.analyze', input: { text: 'x', tasks: ['classification'] } }));
    expect(execution).toMatchObject({ status: 'failed', error: { code: 'invalid_step_input', message: expect.stringContaining('labels') } });
  });
});
