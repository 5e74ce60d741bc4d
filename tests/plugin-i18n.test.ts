import { missingSchemaTexts } from '@dwc/sdk';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noRateLimitEnv } from '../bench/lib/server-process.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';

// Every text a Spanish-speaking user meets in a catalogue or a form, as the API serves it: the
// bundled plugins' and the engine's. No allow-list: a new field without Spanish fails here, and the
// failure lists each missing text so it can be filled in at once.
type Texts = { name?: string; description?: string; fields?: Record<string, { description?: string }> };
type Entry = { type?: string; name?: string; plugin?: string; description: string; i18n?: { es?: Texts } };

const blank = (text: string | undefined) => text === undefined || text.trim() === '';

function missingOf(entry: Entry, needs: { name: boolean }, schemas: Record<string, unknown>[] = []): string[] {
  const es = entry.i18n?.es;
  const missing: string[] = [];
  if (needs.name && blank(es?.name)) missing.push('name');
  if (blank(es?.description)) missing.push('description');
  for (const schema of schemas) missing.push(...missingSchemaTexts(schema));
  return missing;
}

describe('Spanish texts of every plugin, step, trigger and template', () => {
  let testApp: AuthTestApp;
  const get = async (path: string) => {
    const response = await request(testApp.app).get(path).set({ authorization: `Bearer ${testApp.owner.token}` });
    expect(response.status, path).toBe(200);
    return response.body as { items: Entry[] } & Entry[];
  };

  beforeAll(async () => {
    testApp = await startAuthTestApp('sqlite', noRateLimitEnv);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('has Spanish for each name, description and form field (title, help, choices)', async () => {
    const missing: string[] = [];
    const report = (what: string, lacks: string[]) => {
      if (lacks.length > 0) missing.push(`${what}: ${lacks.join(', ')}`);
    };

    const pluginList = ((await get('/api/v3/plugins')) as unknown as { plugins: (Entry & { name: string; config_schema?: Record<string, unknown>; state: string })[] }).plugins;
    expect(pluginList.length).toBeGreaterThan(20);
    for (const plugin of pluginList) {
      expect(plugin.state, `${plugin.name} must load`).not.toBe('failed');
      report(`plugin ${plugin.name} (package.json dwc.i18n.es / definePlugin i18n.es.fields)`, missingOf(plugin, { name: false }, plugin.config_schema ? [plugin.config_schema] : []));
    }

    const actions = (await get('/api/v3/actions')).items as (Entry & { input_schema: Record<string, unknown> })[];
    expect(actions.map((a) => a.type)).toEqual(expect.arrayContaining(['http.request', 'ai.generate', 'workflow.call', 'approval', 'notify.send']));
    for (const action of actions) report(`step ${action.type} (${action.plugin})`, missingOf(action, { name: true }, [action.input_schema]));

    const triggers = (await get('/api/v3/triggers')).items as (Entry & { settings_schema: Record<string, unknown> })[];
    expect(triggers.map((t) => t.type)).toEqual(expect.arrayContaining(['manual', 'webhook', 'schedule', 'file_watch']));
    for (const trigger of triggers) report(`trigger ${trigger.type} (${trigger.plugin})`, missingOf(trigger, { name: true }, [trigger.settings_schema]));

    for (const channel of (await get('/api/v3/notifications/channels')).items) report(`channel ${channel.type} (${channel.plugin})`, missingOf(channel, { name: true }));
    for (const provider of (await get('/api/v3/advanced/ai/providers?models=false')).items) report(`AI provider ${provider.type} (${provider.plugin})`, missingOf(provider, { name: true }));

    for (const template of (await get('/api/v3/ai-workflows/templates')).items as (Entry & { inputs: Record<string, unknown> })[]) {
      const lacks = missingOf(template, { name: true });
      for (const input of Object.keys(template.inputs)) if (blank(template.i18n?.es?.fields?.[input]?.description)) lacks.push(`${input}: description`);
      report(`AI template ${template.name}`, lacks);
    }
    for (const template of (await get('/api/v3/automations/templates')).items) report(`automation template ${template.name}`, missingOf(template, { name: true }));
    const automationActions = (await get('/api/v3/automations/actions')).items as (Entry & { parameters_schema: Record<string, unknown> })[];
    expect(automationActions.map((a) => a.type)).toEqual(expect.arrayContaining(['ai_generation', 'send_notification', 'run_workflow']));
    for (const action of automationActions) report(`automation action ${action.type}`, missingOf(action, { name: true }, [action.parameters_schema]));

    expect(missing, `Spanish texts missing:\n${missing.join('\n')}`).toEqual([]);
  });
});
