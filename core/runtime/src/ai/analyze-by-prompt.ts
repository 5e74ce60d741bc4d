import type { AnalysisTask, AnalyzeRequest, AnalyzeResult, ChatMessage } from '@dwc/sdk';

const score = { type: 'number', minimum: 0, maximum: 1 };
const TASK_SCHEMAS: Record<AnalysisTask, (request: AnalyzeRequest) => Record<string, unknown>> = {
  sentiment: () => ({ type: 'object', properties: { label: { enum: ['positive', 'negative', 'neutral'] }, score }, required: ['label', 'score'] }),
  keywords: () => ({ type: 'array', items: { type: 'object', properties: { term: { type: 'string' }, score }, required: ['term', 'score'] } }),
  summary: () => ({ type: 'string' }),
  language: () => ({ type: 'object', properties: { code: { type: 'string' }, confidence: score }, required: ['code', 'confidence'] }),
  readability: () => ({ type: 'object', properties: { score: { type: 'number' }, grade: { type: 'string' } }, required: ['score', 'grade'] }),
  classification: (request) => ({
    type: 'object',
    properties: { label: request.labels?.length ? { enum: request.labels } : { type: 'string' }, confidence: score },
    required: ['label', 'confidence'],
  }),
};

/** The JSON Schema of an analysis answer holding exactly the asked tasks. */
export function analysisSchema(request: AnalyzeRequest): Record<string, unknown> {
  const tasks = [...new Set(request.tasks)];
  return { type: 'object', properties: Object.fromEntries(tasks.map((task) => [task, TASK_SCHEMAS[task](request)])), required: tasks };
}

/** A chat asking a general model for the analysis, for providers without their own `analyze`. */
export function analysisPrompt(request: AnalyzeRequest): ChatMessage[] {
  const asks = request.tasks.map((task) => {
    switch (task) {
      case 'sentiment': return '- sentiment: label positive, negative or neutral, and a score from 0 to 1';
      case 'keywords': return `- keywords: at most ${request.maxKeywords ?? 10} key terms with a relevance score from 0 to 1`;
      case 'summary': return `- summary: at most ${request.maxSentences ?? 3} sentences`;
      case 'language': return '- language: ISO 639-1 code and confidence from 0 to 1';
      case 'readability': return '- readability: Flesch reading ease score and a grade label';
      case 'classification': return `- classification: one label${request.labels?.length ? ` out of ${request.labels.map((l) => JSON.stringify(l)).join(', ')}` : ''} and confidence from 0 to 1`;
    }
  });
  return [
    { role: 'system', content: 'You analyse text and answer with JSON only.' },
    { role: 'user', content: `Analyse the text below.\n${asks.join('\n')}\n\nText:\n"""\n${request.text}\n"""` },
  ];
}

/** Keeps only the asked tasks of a parsed answer. */
export function pickAnalysis(request: AnalyzeRequest, value: unknown): AnalyzeResult {
  const answer = (value ?? {}) as Record<string, unknown>;
  return Object.fromEntries(request.tasks.filter((task) => task in answer).map((task) => [task, answer[task]])) as AnalyzeResult;
}
