import { I18N_SCHEMA_KEYWORD, z } from '@dwc/sdk';

/** A field's help in Spanish, served inside the JSON Schema as the UI's forms read it. */
const es = (description: string) => ({ [I18N_SCHEMA_KEYWORD]: { es: { description } } });

export const AUTOMATION_TRIGGER_TYPES = ['event_based', 'condition_based', 'scheduled', 'api_call', 'webhook', 'data_change', 'threshold'] as const;

const parameters = z.record(z.string(), z.unknown()).default({});

export const automationVariantSchema = z.strictObject({
  id: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/).meta({ description: 'Names the variant in feedback and stats.' }),
  parameters: parameters.meta({ description: "Replaces the action's parameters (merged over them) when this variant is chosen." }),
});

export const automationActionSchema = z.strictObject({
  type: z.string().min(1).max(200).meta({
    description: '`ai_generation`, `send_notification`, `run_workflow`, `http_request`, `create_document`, or any step type (`GET /api/v3/actions`), its parameters then being its input.',
  }),
  parameters: parameters.meta({ description: '`{name}` placeholders in strings take values from the trigger data.' }),
  variants: z.array(automationVariantSchema).min(2).max(20).optional().meta({
    description: 'Alternatives (e.g. two prompt templates); with `learning_enabled` Thompson sampling over the feedback picks one per run, else the first runs.',
  }),
});

export const automationTriggerSchema = z.strictObject({
  type: z.enum(AUTOMATION_TRIGGER_TYPES).meta({
    [I18N_SCHEMA_KEYWORD]: { es: { enum: {
      event_based: 'Por evento', condition_based: 'Por condición', scheduled: 'Programada', api_call: 'Llamada a la API',
      webhook: 'Webhook', data_change: 'Cambio de datos', threshold: 'Umbral',
    } } },
  }),
  conditions: z.record(z.string(), z.unknown()).default({}).meta({
    description: 'Each key (a dotted path into the trigger data) must equal its value (or be one of a list); `event_based`: `event_type` names the event (`POST /api/v3/events`). `condition_based`: `expression`, a JSONata expression over the trigger data that must be true.',
    ...es('Cada clave (una ruta con puntos dentro de los datos del disparador) debe ser igual a su valor (o a uno de una lista); `event_based`: `event_type` nombra el evento (`POST /api/v3/events`). `condition_based`: `expression`, una expresión JSONata sobre los datos del disparador que debe ser verdadera.'),
  }),
});

export const automationDecisionSettingsSchema = z.strictObject({
  confidence_threshold: z.number().min(0).max(1).default(0.6).meta({ description: 'Below this AI confidence the run asks for an approval first.', ...es('Por debajo de esta confianza de la IA, la ejecución pide antes una aprobación.') }),
  approvers: z.array(z.string().min(1).max(100)).min(1).max(100).default(['owner', 'admin']).meta({ description: 'Who approves a low-confidence decision: roles or user ids.', ...es('Quién aprueba una decisión de poca confianza: roles o ids de usuario.') }),
  provider: z.string().min(1).max(100).optional().meta({ description: 'AI provider for the decision; default: the configured chain.', ...es('Proveedor de IA para la decisión; por defecto: la cadena configurada.') }),
});

export const automationBodySchema = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  trigger: automationTriggerSchema,
  actions: z.array(automationActionSchema).min(1).max(50),
  ai_decision_making: z.boolean().default(false),
  learning_enabled: z.boolean().default(false),
  decision: automationDecisionSettingsSchema.default({ confidence_threshold: 0.6, approvers: ['owner', 'admin'] }),
  enabled: z.boolean().default(true),
});

export type AutomationBody = z.output<typeof automationBodySchema>;
export type AutomationAction = z.output<typeof automationActionSchema>;

export const automationTriggerRequestSchema = z.strictObject({
  trigger_data: z.record(z.string(), z.unknown()).default({}),
  context: z.record(z.string(), z.unknown()).default({}),
});

export const automationFeedbackSchema = z.strictObject({
  run_id: z.string().min(1).max(64).meta({ description: 'The run the outcome is about; its chosen variants get the credit.' }),
  success: z.boolean().optional(),
  score: z.number().min(0).max(1).optional().meta({ description: 'An outcome in [0, 1]; `success` counts as 1 or 0.' }),
  action_index: z.int().min(0).optional().meta({ description: 'Only this action (by position); default every action the run ran.' }),
  comment: z.string().max(5000).optional(),
}).refine((v) => v.success !== undefined || v.score !== undefined, { message: 'give `success` or `score`', path: ['success'] });
