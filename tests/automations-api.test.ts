import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

// The seed's bodies, exactly as API.md gives them.
const SEED_AUTOMATION = {
  name: 'Content Automation',
  description: 'Generates content when a high-priority request arrives',
  trigger: { type: 'event_based', conditions: { event_type: 'content_request', priority: 'high' } },
  actions: [
    { type: 'ai_generation', parameters: { prompt_template: 'Generate content for: {topic}', max_tokens: 1000, temperature: 0.7 } },
    { type: 'send_notification', parameters: { channel: 'email', template: 'content_generated' } },
  ],
  ai_decision_making: true,
  learning_enabled: true,
};
const SEED_TRIGGER = {
  trigger_data: { event_type: 'content_request', priority: 'high', topic: 'AI Automation' },
  context: { user_id: '123', request_id: 'req_456' },
};

interface Run {
  id: string;
  execution_id: string | null;
  status: string;
  matched: boolean;
  conditions: { field: string; expected: unknown; actual: unknown; matched: boolean }[];
  decision: Record<string, unknown> | null;
  actions: { index: number; step_id: string; type: string; variant: string | null; run: boolean; input: Record<string, unknown>; status: string; output: Record<string, unknown> | null }[];
}

function client(t: AuthTestApp) {
  const auth = () => ({ authorization: `Bearer ${t.owner.token}` });
  const call = {
    post: (path: string, body: object) => request(t.app).post(path).set(auth()).send(body),
    put: (path: string, body: object) => request(t.app).put(path).set(auth()).send(body),
    get: (path: string) => request(t.app).get(path).set(auth()),
    del: (path: string) => request(t.app).delete(path).set(auth()),
    /** The automation's newest run once `done` holds for it. */
    async runWhen(automationId: string, runId: string, done: (run: Run) => boolean, timeoutMs = 15_000): Promise<Run> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const runs = (await call.get(`/api/v3/automations/${automationId}/runs`)).body.items as Run[];
        const run = runs.find((r) => r.id === runId);
        if (run && done(run)) return run;
        if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(run)}`);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    },
  };
  return call;
}
const ended = (run: Run) => ['succeeded', 'failed', 'cancelled'].includes(run.status);

describe.each(['sqlite', 'postgres'] as const)('automations with an AI provider (the scripted test provider) on %s', (dialect) => {
  let t: AuthTestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startAuthTestApp(dialect, { DWC_PLUGINS: './tests/fixtures/plugins/ai-scripted', DWC_AI_FALLBACK: 'scripted', DWC_RATE_LIMIT_PER_USER: '0', DWC_RATE_LIMIT_PER_IP: '0' });
    api = client(t);
  });
  afterAll(() => t.close());

  it("walks the seed's automation through: create, trigger, runs, feedback, stats", async () => {
    const created = await api.post('/api/v3/automations', SEED_AUTOMATION);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'Content Automation', ai_decision_making: true, learning_enabled: true, enabled: true, variant_odds: [] });
    const id = created.body.id as string;

    const triggered = await api.post(`/api/v3/automations/${id}/trigger`, SEED_TRIGGER);
    expect(triggered.status, JSON.stringify(triggered.body)).toBe(200);
    const run = triggered.body as Run;
    expect(run.matched).toBe(true);
    expect(run.conditions).toEqual([
      { field: 'event_type', expected: 'content_request', actual: 'content_request', matched: true },
      { field: 'priority', expected: 'high', actual: 'high', matched: true },
    ]);
    // The scripted model answers the decision schema with its first choices: run action_0, 75% sure.
    expect(run.decision).toMatchObject({ decided_by: 'ai', decision: 'run', actions: ['action_0'], confidence: 0.75, needs_approval: false, provider: 'scripted' });
    expect(run.execution_id).toEqual(expect.any(String));
    expect(run.actions[0]).toMatchObject({ type: 'ai_generation', step_id: 'action_0', run: true, input: { prompt: 'Generate content for: AI Automation', max_tokens: 1000, temperature: 0.7 } });
    expect(run.actions[1]).toMatchObject({ type: 'send_notification', run: false });

    const done = await api.runWhen(id, run.id, ended);
    expect(done.status).toBe('succeeded');
    expect(done.actions[0]!.status).toBe('succeeded');
    expect(done.actions[0]!.output).toMatchObject({ text: expect.any(String), provider: 'scripted' });
    expect(done.actions[1]!.status).toBe('skipped');
    const execution = await api.get(`/api/v3/workflows/executions/${run.execution_id!}`);
    expect(execution.body).toMatchObject({ status: 'succeeded', input: { trigger_data: SEED_TRIGGER.trigger_data, context: SEED_TRIGGER.context } });

    const feedback = await api.post(`/api/v3/automations/${id}/feedback`, { run_id: run.id, success: true, comment: 'great' });
    expect(feedback.status, JSON.stringify(feedback.body)).toBe(200);
    expect(feedback.body).toMatchObject({ reward: 1, credited: [{ action_index: 0, variant: 'default' }] });

    const stats = await api.get('/api/v3/automations/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.automations).toContainEqual(expect.objectContaining({ id, runs: 1, matched: 1, feedback: 1, trigger_type: 'event_based' }));

    const missed = await api.post(`/api/v3/automations/${id}/trigger`, { trigger_data: { event_type: 'content_request', priority: 'low', topic: 'x' } });
    expect(missed.body).toMatchObject({ matched: false, status: 'not_matched', execution_id: null });
    expect(missed.body.conditions[1]).toEqual({ field: 'priority', expected: 'high', actual: 'low', matched: false });
    expect((await api.get(`/api/v3/automations/${id}/runs`)).body.items.map((r: Run) => r.id)).toEqual([missed.body.id, run.id]);

    expect((await api.get('/api/v3/automations')).body.items.map((a: { id: string }) => a.id)).toContain(id);
    const renamed = await api.put(`/api/v3/automations/${id}`, { ...SEED_AUTOMATION, name: 'Renamed', enabled: false });
    expect(renamed.body).toMatchObject({ name: 'Renamed', enabled: false });
    expect((await api.post(`/api/v3/automations/${id}/trigger`, SEED_TRIGGER)).body.error.code).toBe('automation_disabled');
    expect((await api.del(`/api/v3/automations/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v3/automations/${id}`)).body.error.code).toBe('automation_not_found');
  });

  it('refuses bad bodies with 400 and an unknown action type with action_not_found', async () => {
    const bad = await api.post('/api/v3/automations', { ...SEED_AUTOMATION, trigger: { type: 'sometimes' } });
    expect(bad.status).toBe(400);
    const unknown = await api.post('/api/v3/automations', { ...SEED_AUTOMATION, actions: [{ type: 'no.such.action', parameters: {} }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('action_not_found');
    expect((await api.post('/api/v3/automations/nope/feedback', { run_id: 'x' })).status).toBe(400);
  });

  it('lists the action types with their parameter schemas, and create and PUT check parameters against them', async () => {
    const types = (await api.get('/api/v3/automations/actions')).body.items as { type: string; step_type: string; parameters_schema: { properties: Record<string, object> } }[];
    expect(types.map((t) => t.type)).toEqual(expect.arrayContaining(['ai_generation', 'run_workflow', 'create_document']));
    expect(types.find((t) => t.type === 'ai_generation')!.parameters_schema.properties.temperature).toMatchObject({ type: 'number', maximum: 2 });
    expect(types.find((t) => t.type === 'run_workflow')!.parameters_schema.properties.workflow_id).toMatchObject({ 'x-dwc-widget': 'workflow' });

    const bad = await api.post('/api/v3/automations', { ...SEED_AUTOMATION, actions: [{ type: 'ai_generation', parameters: { prompt_template: 'x', temperature: 7 } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_automation');
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'actions.0.parameters.temperature' })]);

    const created = await api.post('/api/v3/automations', SEED_AUTOMATION);
    const put = await api.put(`/api/v3/automations/${created.body.id as string}`, { ...SEED_AUTOMATION, actions: [{ type: 'run_workflow', parameters: { input: {} } }] });
    expect(put.status).toBe(400);
    expect(put.body.error.details).toEqual([expect.objectContaining({ field: 'actions.0.parameters.workflow_id' })]);
  });

  it('asks for an approval when the AI is less sure than the threshold, and runs the chosen actions once approved', async () => {
    const created = await api.post('/api/v3/automations', { ...SEED_AUTOMATION, decision: { confidence_threshold: 0.9, approvers: ['owner'] } });
    const run = (await api.post(`/api/v3/automations/${created.body.id as string}/trigger`, SEED_TRIGGER)).body as Run;
    expect(run.decision).toMatchObject({ decided_by: 'ai', confidence: 0.75, needs_approval: true });
    await api.runWhen(created.body.id as string, run.id, (r) => r.status === 'waiting');
    const approved = await api.post(`/api/v3/workflows/executions/${run.execution_id!}/steps/approve/approve`, { comment: 'fine' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const done = await api.runWhen(created.body.id as string, run.id, ended);
    expect(done.status).toBe('succeeded');
    expect(done.actions[0]!.status).toBe('succeeded');
  });

  it('runs nothing when the AI decides to skip', async () => {
    const created = await api.post('/api/v3/automations', SEED_AUTOMATION);
    const run = (await api.post(`/api/v3/automations/${created.body.id as string}/trigger`, {
      trigger_data: { ...SEED_TRIGGER.trigger_data, note: '[pick:skip]' }, context: {},
    })).body as Run;
    expect(run.decision, JSON.stringify(run.decision)).toMatchObject({ decided_by: 'ai', decision: 'skip', actions: [] });
    const done = await api.runWhen(created.body.id as string, run.id, ended);
    expect(done.actions.map((a) => a.status)).toEqual(['skipped', 'skipped']);
  });

  it('fires an event_based automation on a posted event whose conditions match', async () => {
    const created = await api.post('/api/v3/automations', { ...SEED_AUTOMATION, ai_decision_making: false, actions: [{ type: 'transform', parameters: { expression: '"{topic}"' } }] });
    const id = created.body.id as string;
    t.runtime.events.emit('external.content_request', { type: 'content_request', data: { priority: 'high', topic: 'From an event' }, user_id: t.owner.id });
    t.runtime.events.emit('external.content_request', { type: 'content_request', data: { priority: 'low', topic: 'Ignored' }, user_id: t.owner.id });
    const deadline = Date.now() + 10_000;
    let runs: Run[] = [];
    while (Date.now() < deadline) {
      runs = (await api.get(`/api/v3/automations/${id}/runs`)).body.items;
      if (runs.length === 2 && runs.some((r) => r.matched && ended(r))) break;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const fired = runs.find((r) => r.matched)!;
    expect(fired.decision).toMatchObject({ decided_by: 'rules' });
    expect(fired.actions[0]).toMatchObject({ status: 'succeeded', output: { result: 'From an event' } });
    expect(runs.filter((r) => !r.matched)).toHaveLength(1);
  });

  it('learns from feedback: the variant with better outcomes gets the higher odds', async () => {
    const created = await api.post('/api/v3/automations', {
      name: 'A/B', trigger: { type: 'api_call', conditions: {} }, learning_enabled: true,
      actions: [{ type: 'transform', parameters: { expression: '"a"' }, variants: [{ id: 'plain', parameters: { expression: '"plain {topic}"' } }, { id: 'fancy', parameters: { expression: '"fancy {topic}"' } }] }],
    });
    const id = created.body.id as string;
    const chosen: string[] = [];
    for (let i = 0; i < 30; i++) {
      const run = (await api.post(`/api/v3/automations/${id}/trigger`, { trigger_data: { topic: 't' } })).body as Run;
      const variant = run.actions[0]!.variant!;
      chosen.push(variant);
      await api.post(`/api/v3/automations/${id}/feedback`, { run_id: run.id, success: variant === 'fancy' });
    }
    const odds = (await api.get(`/api/v3/automations/${id}`)).body.variant_odds[0].variants as { variant: string; chosen_probability: number; mean: number }[];
    const fancy = odds.find((o) => o.variant === 'fancy')!;
    const plain = odds.find((o) => o.variant === 'plain')!;
    expect(fancy.mean).toBeGreaterThan(plain.mean);
    expect(fancy.chosen_probability).toBeGreaterThan(0.8);
    expect(chosen.slice(-10).filter((v) => v === 'fancy').length).toBeGreaterThanOrEqual(6);
    const stats = (await api.get('/api/v3/automations/stats')).body.automations.find((a: { id: string }) => a.id === id);
    expect(stats.variant_odds[0].variants.map((v: { variant: string }) => v.variant)).toEqual(['plain', 'fancy']);
  });

  it('lists ready templates that create as they are', async () => {
    const templates = (await api.get('/api/v3/automations/templates')).body.items as { name: string; automation: object }[];
    expect(templates.length).toBeGreaterThanOrEqual(3);
    for (const template of templates) expect((await api.post('/api/v3/automations', template.automation)).status, template.name).toBe(201);
  });
});

describe('automations without an AI provider', () => {
  let t: AuthTestApp;
  beforeAll(async () => {
    t = await startAuthTestApp('sqlite', { DWC_RATE_LIMIT_PER_USER: '0', DWC_RATE_LIMIT_PER_IP: '0' });
  });
  afterAll(() => t.close());

  it('falls back to the rules and says so', async () => {
    const api = client(t);
    const created = await api.post('/api/v3/automations', { ...SEED_AUTOMATION, actions: [{ type: 'transform', parameters: { expression: '"{topic}"' } }] });
    const run = (await api.post(`/api/v3/automations/${created.body.id as string}/trigger`, SEED_TRIGGER)).body as Run;
    expect(run.decision).toMatchObject({ decided_by: 'rules', decision: 'run', actions: ['action_0'], confidence: null, fallback_reason: expect.stringMatching(/no AI decision/) });
    const done = await api.runWhen(created.body.id as string, run.id, ended);
    expect(done.actions[0]).toMatchObject({ status: 'succeeded', output: { result: 'AI Automation' } });
  });
});
