import type { I18nTexts, z } from '@dwc/sdk';
import type { automationBodySchema } from './automation-schemas.js';

/** A ready automation: `POST /api/v3/automations` with `automation` as the body creates it. */
export interface AutomationTemplate {
  name: string;
  description: string;
  /** Name and description in other languages. */
  i18n: I18nTexts;
  automation: z.input<typeof automationBodySchema>;
}

/** Ready automations, listed at `GET /api/v3/automations/templates`. */
export const automationTemplates: readonly AutomationTemplate[] = [
  {
    name: 'content_on_request',
    description: 'Writes content when a high-priority content request event arrives and tells the requester.',
    i18n: { es: { name: 'Contenido a petición', description: 'Escribe contenido cuando llega un evento de petición de contenido de prioridad alta y avisa a quien lo pidió.' } },
    automation: {
      name: 'Content on request',
      description: 'Generates content for high-priority requests.',
      trigger: { type: 'event_based', conditions: { event_type: 'content_request', priority: 'high' } },
      actions: [
        { type: 'ai_generation', parameters: { prompt_template: 'Generate content for: {topic}', max_tokens: 1000, temperature: 0.7 } },
        { type: 'send_notification', parameters: { channel: 'in_app', message: 'Content for {topic} is ready.' } },
      ],
      ai_decision_making: true,
      learning_enabled: false,
    },
  },
  {
    name: 'ab_test_prompts',
    description: 'Learns which of two prompt styles gets better feedback (Thompson sampling).',
    i18n: { es: { name: 'Prueba A/B de instrucciones', description: 'Aprende cuál de dos estilos de instrucción recibe mejores valoraciones (muestreo de Thompson).' } },
    automation: {
      name: 'Prompt A/B test',
      trigger: { type: 'api_call', conditions: {} },
      actions: [{
        type: 'ai_generation',
        parameters: { max_tokens: 500 },
        variants: [
          { id: 'concise', parameters: { prompt_template: 'In three sentences, write about {topic}.' } },
          { id: 'detailed', parameters: { prompt_template: 'Write a detailed article about {topic} with headings.' } },
        ],
      }],
      learning_enabled: true,
    },
  },
  {
    name: 'document_on_event',
    description: 'Stores a document whenever an `order_received` event is posted.',
    i18n: { es: { name: 'Archivar pedidos entrantes', description: 'Guarda un documento cada vez que se publica un evento `order_received`.' } },
    automation: {
      name: 'File incoming orders',
      trigger: { type: 'event_based', conditions: { event_type: 'order_received' } },
      actions: [{ type: 'create_document', parameters: { title: 'Order {order_id}', content: 'Order {order_id} from {customer}' } }],
    },
  },
  {
    name: 'escalate_threshold',
    description: 'Calls a webhook when the posted value is above a bound (condition_based, JSONata).',
    i18n: { es: { name: 'Escalar valores altos', description: 'Llama a un webhook cuando el valor publicado supera un límite (condition_based, JSONata).' } },
    automation: {
      name: 'Escalate high values',
      trigger: { type: 'condition_based', conditions: { expression: 'input.value > 100' } },
      actions: [{ type: 'http_request', parameters: { url: 'https://example.com/escalate', method: 'POST', body: { value: '{value}' } } }],
    },
  },
];
