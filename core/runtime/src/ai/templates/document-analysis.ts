import { IN, type AiWorkflowTemplate } from './template-types.js';

export const documentAnalysisTemplate: AiWorkflowTemplate = {
  name: 'document_analysis',
  workflowType: 'document_analysis',
  title: 'Document analysis',
  description: 'Analyses a text (sentiment, keywords, summary, language, readability), extracts named fields as JSON, and writes a report document.',
  i18n: {
    es: {
      name: 'Análisis de documentos',
      description: 'Analiza un texto (sentimiento, palabras clave, resumen, idioma, legibilidad), extrae los campos indicados como JSON y escribe un documento de informe.',
      fields: { text: { description: 'El texto que se analiza' }, title: { description: 'Título del original' }, fields: { description: 'Campos que se extraen' } },
    },
  },
  inputs: {
    text: { description: 'The text to analyse', required: true },
    title: { description: 'Title of the source', default: 'Document' },
    fields: { description: 'Fields to extract', default: ['title', 'people', 'organizations', 'dates', 'amounts'] },
  },
  steps: [
    { id: 'analysis', type: 'ai.analyze', input: { text: `{{ ${IN}.text }}`, tasks: ['sentiment', 'keywords', 'summary', 'language', 'readability'] } },
    { id: 'extract', type: 'ai.extract', depends_on: ['analysis'], input: { text: `{{ ${IN}.text }}`, fields: `{{ ${IN}.fields }}` } },
    {
      id: 'report',
      type: 'ai.generate',
      depends_on: ['analysis', 'extract'],
      input: {
        system: 'You write short analysis reports in Markdown with headings.',
        prompt: `Write a report on "{{ ${IN}.title }}".\nAnalysis: {{ steps.analysis.output.result }}\nExtracted fields: {{ steps.extract.output.json }}`,
        max_tokens: 1000,
        document: { title: `Analysis: {{ ${IN}.title }}`, format: 'markdown' },
      },
    },
  ],
};
