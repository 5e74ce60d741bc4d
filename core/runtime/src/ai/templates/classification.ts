import { IN, type AiWorkflowTemplate } from './template-types.js';

export const classificationTemplate: AiWorkflowTemplate = {
  name: 'classification',
  workflowType: 'classification',
  title: 'Classification',
  description: 'Classifies a text into one of the given labels, decides what to do with it (with a reason), and files a decision document.',
  i18n: {
    es: {
      name: 'Clasificación',
      description: 'Clasifica un texto en una de las etiquetas dadas, decide qué hacer con él (con un motivo) y archiva un documento con la decisión.',
      fields: { text: { description: 'El texto que se clasifica' }, labels: { description: 'Etiquetas candidatas' }, actions: { description: 'Lo que se puede hacer con él' } },
    },
  },
  inputs: {
    text: { description: 'The text to classify', required: true },
    labels: { description: 'Candidate labels', default: ['support', 'sales', 'feedback', 'other'] },
    actions: { description: 'What may be done with it', default: ['reply', 'escalate', 'archive'] },
  },
  steps: [
    { id: 'classify', type: 'ai.analyze', input: { text: `{{ ${IN}.text }}`, tasks: ['classification', 'sentiment'], labels: `{{ ${IN}.labels }}` } },
    {
      id: 'decide',
      type: 'ai.decide',
      input: {
        question: 'What should be done with this message?',
        options: `{{ ${IN}.actions }}`,
        context: `Message: {{ ${IN}.text }}\nClass: {{ steps.classify.output.classification.label }}\nSentiment: {{ steps.classify.output.sentiment.label }}`,
      },
    },
    {
      id: 'file',
      type: 'ai.generate',
      input: {
        system: 'You write short internal notes.',
        prompt: `Write a two-line note: the message was classified as {{ steps.classify.output.classification.label }}; decision: {{ steps.decide.output.choice }} because {{ steps.decide.output.reason }}.`,
        max_tokens: 200,
        document: { title: `Decision: {{ steps.decide.output.choice }}`, format: 'text' },
      },
    },
  ],
};
