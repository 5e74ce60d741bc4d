import { IN, type AiWorkflowTemplate } from './template-types.js';

export const summarizationTemplate: AiWorkflowTemplate = {
  name: 'summarization',
  workflowType: 'summarization',
  title: 'Summarization',
  description: 'Pulls the key points and keywords out of a text, then writes a short summary document from them.',
  i18n: {
    es: {
      name: 'Resumen',
      description: 'Saca los puntos clave y las palabras clave de un texto y con ellos escribe un documento de resumen breve.',
      fields: {
        text: { description: 'El texto que se resume' },
        title: { description: 'Título del original, usado en el título del resumen' },
        max_sentences: { description: 'Longitud máxima del resumen, en frases' },
      },
    },
  },
  inputs: {
    text: { description: 'The text to summarize', required: true },
    title: { description: 'Title of the source, used in the summary title', default: 'Text' },
    max_sentences: { description: 'Longest summary, in sentences', default: 5 },
  },
  steps: [
    { id: 'analysis', type: 'ai.analyze', input: { text: `{{ ${IN}.text }}`, tasks: ['keywords', 'summary'] } },
    {
      id: 'summary',
      type: 'ai.generate',
      input: {
        system: 'You write faithful, concise summaries. Do not add facts.',
        prompt: `Summarize the text in at most {{ ${IN}.max_sentences }} sentences. Key terms: {{ steps.analysis.output.keywords }}.\n\nText:\n{{ ${IN}.text }}`,
        max_tokens: 600,
        document: { title: `Summary: {{ ${IN}.title }}`, format: 'markdown' },
      },
    },
  ],
};
