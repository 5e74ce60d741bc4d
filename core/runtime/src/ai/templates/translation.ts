import { IN, type AiWorkflowTemplate } from './template-types.js';

export const translationTemplate: AiWorkflowTemplate = {
  name: 'translation',
  workflowType: 'translation',
  title: 'Translation',
  description: 'Detects the language of a text and translates it into the target language as a document.',
  i18n: {
    es: {
      name: 'Traducción',
      description: 'Detecta el idioma de un texto y lo traduce al idioma de destino como un documento.',
      fields: { text: { description: 'El texto que se traduce' }, target_language: { description: 'Idioma al que se traduce' }, title: { description: 'Título del original' } },
    },
  },
  inputs: {
    text: { description: 'The text to translate', required: true },
    target_language: { description: 'Language to translate into', default: 'English' },
    title: { description: 'Title of the source', default: 'Text' },
  },
  steps: [
    { id: 'detect', type: 'ai.analyze', input: { text: `{{ ${IN}.text }}`, tasks: ['language'] } },
    {
      id: 'translate',
      type: 'ai.generate',
      input: {
        system: 'You are a professional translator. Return the translation only.',
        prompt: `Translate this text from the language with code {{ steps.detect.output.language.code }} into {{ ${IN}.target_language }}:\n\n{{ ${IN}.text }}`,
        max_tokens: 2000,
        document: { title: `{{ ${IN}.title }} ({{ ${IN}.target_language }})`, format: 'text' },
      },
    },
  ],
};
