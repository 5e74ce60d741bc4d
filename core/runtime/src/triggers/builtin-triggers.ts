import { defineTrigger, z } from '@dwc/sdk';
import { webhookTrigger } from './webhook-trigger.js';
import { manualEs, apiCallEs } from '../i18n/engine-es.js';

/** The plugin name the engine's own triggers are listed under. */
export const RUNTIME_PLUGIN = '@dwc/runtime';

/** Fired by a person from the UI or `POST /api/v3/workflows/{id}/execute`; nothing listens. */
export const manualTrigger = defineTrigger({
  type: 'manual',
  title: 'Manual',
  description: 'Runs when someone starts it (the Run button, or POST /api/v3/workflows/{id}/execute).',
  i18n: manualEs,
  settings: z.strictObject({}),
});

/** Fired by API clients through the execute routes; nothing listens. */
export const apiCallTrigger = defineTrigger({
  type: 'api_call',
  title: 'API call',
  description: 'Runs when a client calls POST /api/v3/workflows/{id}/execute or POST /api/v3/advanced/workflows/execute with a token.',
  i18n: apiCallEs,
  settings: z.strictObject({}),
});

export const builtinTriggers = [manualTrigger, apiCallTrigger, webhookTrigger] as const;
