import { ANALYSIS_TASKS, defineAction, z } from '@dwc/sdk';
import { callInfoOutput, callInfoWire, oneSource, oneSourceMessage, requireAi, routingInput, routingOf, textOf, textOrDocument } from '../common/ai-call.js';
import { analyzeEs } from '../i18n-es.js';

const score = z.number();
export const analysisResultSchema = z.object({
  sentiment: z.object({ label: z.enum(['positive', 'negative', 'neutral']), score }).optional(),
  keywords: z.array(z.object({ term: z.string(), score })).optional(),
  summary: z.string().optional(),
  language: z.object({ code: z.string(), confidence: score }).optional(),
  readability: z.object({ score, grade: z.string() }).optional(),
  classification: z.object({ label: z.string(), confidence: score }).optional(),
});

export const analyzeInputSchema = z
  .object({
    ...textOrDocument,
    tasks: z.array(z.enum(ANALYSIS_TASKS)).min(1).max(ANALYSIS_TASKS.length).default(['sentiment', 'keywords', 'summary']),
    labels: z.array(z.string().min(1).max(200)).min(2).max(100).optional().describe('Candidate labels for `classification`'),
    max_sentences: z.int().min(1).max(50).optional(),
    max_keywords: z.int().min(1).max(100).optional(),
    ...routingInput,
  })
  .refine(oneSource, oneSourceMessage)
  .refine((v) => !v.tasks.includes('classification') || (v.labels?.length ?? 0) >= 2, { message: 'classification needs at least two "labels"', path: ['labels'] });

/** Each asked task's result at the top level (`output.sentiment.label`), and all of them as `result`. */
export const analyzeOutputSchema = analysisResultSchema.extend({ result: analysisResultSchema, ...callInfoOutput });

export const analyzeAction = defineAction({
  type: 'ai.analyze',
  title: 'Analyse text with AI',
  description: 'Sentiment, keywords, summary, classification, language and readability of a text or stored document.',
  i18n: analyzeEs,
  input: analyzeInputSchema,
  output: analyzeOutputSchema,
  async run(input, ctx) {
    const ai = requireAi(ctx);
    const text = await textOf(ai, input);
    const analysis = await ai.analyze({
      text,
      tasks: input.tasks,
      ...(input.labels ? { labels: input.labels } : {}),
      ...(input.max_sentences ? { maxSentences: input.max_sentences } : {}),
      ...(input.max_keywords ? { maxKeywords: input.max_keywords } : {}),
      ...routingOf(input),
    });
    return { ...analysis.result, result: analysis.result, ...callInfoWire(analysis) };
  },
});
