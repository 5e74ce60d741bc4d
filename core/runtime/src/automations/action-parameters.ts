import { withSchemaI18n, z, type I18nTexts } from '@dwc/sdk';
import type { ActionCatalog } from '../actions/action-catalog.js';
import { CALL_WORKFLOW_STEP } from '../engine/workflow-call.js';

const placeholderNote = '`{name}` placeholders take values from the trigger data.';

const aiGenerationParameters = z.strictObject({
  prompt_template: z.string().min(1).max(1_000_000).meta({ title: 'Prompt template', description: `The prompt; ${placeholderNote}` }),
  system: z.string().max(100_000).optional().meta({ title: 'System prompt' }),
  max_tokens: z.int().min(1).max(1_000_000).optional().meta({ title: 'Max tokens' }),
  temperature: z.number().min(0).max(2).optional().meta({ title: 'Temperature' }),
  provider: z.string().min(1).max(100).optional().meta({ title: 'AI provider', description: 'e.g. `openai`, `ollama`; default: the configured chain' }),
  model: z.string().min(1).max(200).optional().meta({ title: 'Model' }),
  json_schema: z.record(z.string(), z.unknown()).optional().meta({ title: 'Answer JSON Schema', description: 'The answer must match it; the parsed answer is `json`' }),
  document: z.strictObject({ title: z.string().min(1).max(500) }).optional().meta({ title: 'Store as document', description: 'Store the answer as a document with this title' }),
});

const sendNotificationParameters = z.strictObject({
  channel: z.string().min(1).max(100).default('in_app').meta({ title: 'Channel', description: 'email, sms, push, webhook, slack, teams, discord or in_app' }),
  recipient: z.string().min(1).max(2000).optional().meta({
    title: 'Recipient', description: "E-mail, phone, URL or user id as the channel expects; default: the trigger data's `recipient`, else the automation's creator",
  }),
  subject: z.string().max(1000).optional().meta({ title: 'Subject' }),
  message: z.string().max(100_000).optional().meta({ title: 'Message', description: `Plain text; default: a summary of the trigger data unless a template is given. ${placeholderNote}` }),
  html: z.string().max(1_000_000).optional().meta({ title: 'HTML body' }),
  template: z.string().min(1).max(200).optional().meta({ title: 'Template', description: 'Name of a stored notification template for this channel' }),
  data: z.record(z.string(), z.unknown()).optional().meta({ title: 'Template data', description: "Merged over the trigger data as the template's variables" }),
});

const runWorkflowParameters = z.strictObject({
  workflow_id: z.string().min(1).max(64).meta({ title: 'Workflow', description: 'The workflow to run as a child execution', 'x-dwc-widget': 'workflow' }),
  input: z.record(z.string(), z.unknown()).optional().meta({ title: 'Input', description: "The workflow's input; default: the trigger data" }),
});

/** An automation action type: the step type it runs as, and its parameters (own schema, or the step's input). */
export interface AutomationActionType {
  type: string;
  stepType: string;
  title: string;
  description: string;
  /** Title (`name`), description and own parameters' texts in other languages. */
  i18n: I18nTexts;
  /** The action's own vocabulary, mapped onto the step input by `stepInputOf`; absent: the parameters are the step's input. */
  parameters?: z.ZodType;
}

const placeholderNoteEs = 'los marcadores `{name}` toman sus valores de los datos del disparador.';

/**
 * The named automation action types. Their parameter schemas are what create and PUT check the
 * parameters with and what `GET /api/v3/automations/actions` serves; any other action type is a
 * step type whose parameters are its input.
 */
export const AUTOMATION_ACTION_TYPES: readonly AutomationActionType[] = [
  {
    type: 'ai_generation', stepType: 'ai.generate', title: 'Generate text with AI', description: 'Sends the filled-in prompt template to an AI provider.', parameters: aiGenerationParameters,
    i18n: {
      es: {
        name: 'Generar texto con IA', description: 'Envía la plantilla de prompt rellena a un proveedor de IA.',
        fields: {
          prompt_template: { title: 'Plantilla de prompt', description: `El prompt; ${placeholderNoteEs}` },
          system: { title: 'Prompt de sistema' },
          max_tokens: { title: 'Máximo de tokens' },
          temperature: { title: 'Temperatura' },
          provider: { title: 'Proveedor de IA', description: 'p. ej. `openai`, `ollama`; por defecto: la cadena configurada' },
          model: { title: 'Modelo' },
          json_schema: { title: 'JSON Schema de la respuesta', description: 'La respuesta debe cumplirlo; la respuesta interpretada es `json`' },
          document: { title: 'Guardar como documento', description: 'Guarda la respuesta como un documento con este título' },
          'document.title': { title: 'Título' },
        },
      },
    },
  },
  {
    type: 'send_notification', stepType: 'notify.send', title: 'Send a notification', description: 'Sends a message or a stored template on a channel.', parameters: sendNotificationParameters,
    i18n: {
      es: {
        name: 'Enviar una notificación', description: 'Envía un mensaje o una plantilla guardada por un canal.',
        fields: {
          channel: { title: 'Canal', description: 'email, sms, push, webhook, slack, teams, discord o in_app' },
          recipient: { title: 'Destinatario', description: 'Correo, teléfono, URL o id de usuario, según espere el canal; por defecto: el `recipient` de los datos del disparador, si no, quien creó la automatización' },
          subject: { title: 'Asunto' },
          message: { title: 'Mensaje', description: `Texto plano; por defecto: un resumen de los datos del disparador, salvo que se indique una plantilla. ${placeholderNoteEs[0]!.toUpperCase()}${placeholderNoteEs.slice(1)}` },
          html: { title: 'Cuerpo HTML' },
          template: { title: 'Plantilla', description: 'Nombre de una plantilla de notificación guardada para este canal' },
          data: { title: 'Datos de la plantilla', description: 'Se combinan sobre los datos del disparador como variables de la plantilla' },
        },
      },
    },
  },
  {
    type: 'run_workflow', stepType: CALL_WORKFLOW_STEP, title: 'Run a workflow', description: 'Runs another workflow with the trigger data (or the given input) and waits for it.', parameters: runWorkflowParameters,
    i18n: {
      es: {
        name: 'Ejecutar un flujo de trabajo', description: 'Ejecuta otro flujo de trabajo con los datos del disparador (o la entrada indicada) y espera a que termine.',
        fields: {
          workflow_id: { title: 'Flujo de trabajo', description: 'El flujo que se ejecuta como ejecución hija' },
          input: { title: 'Entrada', description: 'La entrada del flujo; por defecto: los datos del disparador' },
        },
      },
    },
  },
  {
    type: 'http_request', stepType: 'http.request', title: 'Call a URL', description: 'Sends an HTTP request; the parameters are the `http.request` step input.',
    i18n: { es: { name: 'Llamar a una URL', description: 'Envía una petición HTTP; los parámetros son la entrada del paso `http.request`.' } },
  },
  {
    type: 'create_document', stepType: 'document.create', title: 'Create a document', description: 'Stores a document; the parameters are the `document.create` step input.',
    i18n: { es: { name: 'Crear un documento', description: 'Guarda un documento; los parámetros son la entrada del paso `document.create`.' } },
  },
];

export const automationActionType = (type: string): AutomationActionType | undefined => AUTOMATION_ACTION_TYPES.find((candidate) => candidate.type === type);

/** The zod schema an action's parameters must match: its own, the step input of its step type, or none when no plugin provides that step. */
export function parametersSchemaOf(type: string, catalog: Pick<ActionCatalog, 'get'>): z.ZodType | undefined {
  const named = automationActionType(type);
  return named?.parameters ?? catalog.get(named?.stepType ?? type)?.input;
}

/** An automation action type as `GET /api/v3/automations/actions` lists it. */
export interface AutomationActionDescription {
  type: string;
  step_type: string;
  title: string;
  description: string;
  i18n: I18nTexts;
  parameters_schema: Record<string, unknown>;
}

/** The named action types whose step type is available now, each with its parameters as JSON Schema (draft 2020-12, as a client writes them). */
export function describeAutomationActions(catalog: Pick<ActionCatalog, 'get' | 'describe'>): AutomationActionDescription[] {
  const steps = new Map(catalog.describe().map((step) => [step.type, step]));
  return AUTOMATION_ACTION_TYPES.flatMap((action) => {
    const step = steps.get(action.stepType);
    if (step === undefined) return [];
    const parameters_schema = action.parameters
      ? withSchemaI18n(z.toJSONSchema(action.parameters, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>, action.i18n)
      : step.inputSchema;
    return [{ type: action.type, step_type: action.stepType, title: action.title, description: action.description, i18n: action.i18n, parameters_schema }];
  });
}

/** One field of an automation body that fails its check. */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Checks each action's parameters (merged with each variant's, as a run uses them) against its
 * parameters schema. A failing field is named where it is written: in the variant when the variant
 * sets it, else in the action's `parameters`.
 */
export function checkActionParameters(actions: readonly { type: string; parameters: Record<string, unknown>; variants?: readonly { id: string; parameters: Record<string, unknown> }[] | undefined }[], catalog: Pick<ActionCatalog, 'get'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  actions.forEach((action, index) => {
    const schema = parametersSchemaOf(action.type, catalog);
    if (schema === undefined) return;
    const candidates = action.variants?.length
      ? action.variants.map((variant, v) => ({ variant, at: `actions.${index}.variants.${v}.parameters` }))
      : [{ variant: undefined, at: `actions.${index}.parameters` }];
    const seen = new Set<string>();
    for (const { variant, at } of candidates) {
      const result = schema.safeParse({ ...action.parameters, ...(variant?.parameters ?? {}) });
      if (result.success) continue;
      for (const issue of result.error.issues) {
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
        const inVariant = variant !== undefined && typeof key === 'string' && Object.hasOwn(variant.parameters, key);
        const base = inVariant ? at : `actions.${index}.parameters`;
        const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys.join(', ')] : issue.path;
        const field = [base, ...path.map(String)].join('.');
        const message = issue.code === 'unrecognized_keys' ? `unknown parameter for ${action.type}` : issue.message;
        if (seen.has(`${field}\n${message}`)) continue;
        seen.add(`${field}\n${message}`);
        issues.push({ field, message });
      }
    }
  });
  return issues;
}
