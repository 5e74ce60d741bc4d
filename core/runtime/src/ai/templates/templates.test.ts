import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowDefinitionSchema } from '../../engine/index.js';
import { startAiEngine } from '../test-support/ai-harness.js';
import { aiWorkflowTemplates, buildTemplateWorkflow, findTemplate } from './index.js';

const sampleInputs: Record<string, Record<string, unknown>> = {
  content_generation: { topic: 'AI Automation', prompt: 'Generate content about {AI} automation' },
  summarization: { text: 'Tides rise twice a day. The moon pulls the sea. Sailors plan around them.', title: 'Tides' },
  document_analysis: { text: 'ACME Corp signed with Jane Doe on 3 May for 1200 EUR. Great news.', title: 'Contract' },
  translation: { text: 'Bonjour tout le monde', target_language: 'English' },
  classification: { text: 'My order never arrived and I am angry.' },
};

describe('AI workflow templates', () => {
  it('covers the five template kinds, each with inputs and a description', () => {
    expect(aiWorkflowTemplates.map((t) => t.name)).toEqual(['content_generation', 'summarization', 'document_analysis', 'translation', 'classification']);
    for (const template of aiWorkflowTemplates) {
      expect(template.description.length).toBeGreaterThan(20);
      expect(Object.values(template.inputs).some((input) => input.required)).toBe(true);
    }
  });

  it.each(aiWorkflowTemplates.map((t) => [t.name, t] as const))('%s makes a valid workflow definition', (_name, template) => {
    const definition = buildTemplateWorkflow(template, { name: 'x', inputData: sampleInputs[template.name]!, provider: 'openai', fallback: ['local'] });
    expect(workflowDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(definition.ai).toEqual({ provider: 'openai', fallback: ['local'] });
    expect(definition.steps[0]!.id).toBe('inputs');
  });

  it('refuses an unknown template naming the known ones', () => {
    expect(() => findTemplate('poetry')).toThrow(/content_generation, summarization/);
  });
});

describe('AI workflow templates run end to end', () => {
  let engine: Awaited<ReturnType<typeof startAiEngine>>;
  beforeAll(async () => {
    engine = await startAiEngine('sqlite');
  });
  afterAll(() => engine.stop());

  it.each(aiWorkflowTemplates.map((t) => [t.name, t] as const))('%s runs and produces a document', async (name, template) => {
    const definition = buildTemplateWorkflow(template, { name, inputData: sampleInputs[name]!, provider: 'scripted' });
    const execution = await engine.run(definition, {});
    expect(execution.error).toBeNull();
    expect(execution.status).toBe('succeeded');
    const documents = await engine.documents.list({ executionId: execution.id, limit: 10 });
    expect(documents.length).toBeGreaterThanOrEqual(1);
    const steps = await engine.stepsOf(execution.id);
    expect(steps.filter((s) => s.status === 'succeeded').map((s) => s.stepId)).toEqual(expect.arrayContaining(template.steps.map((s) => s.id)));
  });

  it('keeps braces in creation values as data and lets execution input override them', async () => {
    const definition = buildTemplateWorkflow(findTemplate('content_generation'), { name: 'braces', inputData: { topic: 'Sets {a, b}' } });
    const first = await engine.run(definition, {});
    expect((await engine.documents.list({ executionId: first.id, limit: 1 }))[0]?.title).toBe('Sets {a, b}');
    const second = await engine.run(definition, { topic: 'Override' });
    expect((await engine.documents.list({ executionId: second.id, limit: 1 }))[0]?.title).toBe('Override');
  });
});
