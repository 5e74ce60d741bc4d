import { IN, type AiWorkflowTemplate } from './template-types.js';

export const contentGenerationTemplate: AiWorkflowTemplate = {
  name: 'content_generation',
  workflowType: 'content_generation',
  title: 'Content generation',
  description: 'Outlines a piece on a topic, drafts it from the outline, then edits the draft into a finished Markdown document.',
  i18n: {
    es: {
      name: 'Generación de contenido',
      description: 'Hace el esquema de un texto sobre un tema, escribe un borrador a partir del esquema y lo edita hasta un documento Markdown terminado.',
      fields: {
        topic: { description: 'De qué trata el contenido' },
        prompt: { description: 'Instrucciones adicionales para quien escribe' },
        audience: { description: 'Quién lo va a leer' },
        tone: { description: 'Tono del texto' },
      },
    },
  },
  inputs: {
    topic: { description: 'What the content is about', required: true },
    prompt: { description: 'Extra instructions for the writer', default: '' },
    audience: { description: 'Who will read it', default: 'general readers' },
    tone: { description: 'Voice of the text', default: 'clear and informative' },
  },
  steps: [
    {
      id: 'outline',
      type: 'ai.generate',
      input: {
        system: 'You plan articles. Answer with a numbered outline of 4 to 6 sections, one line each.',
        prompt: `Outline a piece about {{ ${IN}.topic }} for {{ ${IN}.audience }}. {{ ${IN}.prompt }}`,
        max_tokens: 400,
      },
    },
    {
      id: 'draft',
      type: 'ai.generate',
      input: {
        system: 'You are a writer. Write in Markdown.',
        prompt: `Write the piece about {{ ${IN}.topic }} following this outline, in a {{ ${IN}.tone }} tone:\n\n{{ steps.outline.output.text }}`,
        max_tokens: 1500,
      },
    },
    {
      id: 'polish',
      type: 'ai.generate',
      input: {
        system: 'You are an editor. Return the improved text only, in Markdown.',
        prompt: `Edit this draft for clarity, flow and correctness; keep its structure:\n\n{{ steps.draft.output.text }}`,
        max_tokens: 1500,
        document: { title: `{{ ${IN}.topic }}`, format: 'markdown' },
      },
    },
  ],
};
