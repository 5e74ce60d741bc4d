import { ANALYSIS_TASKS } from '@dwc/sdk';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { callInfoSchema, callInfoWire, clientAbort, routingBody, routingOf } from './ai-wire.js';

const score = z.number();
const analysisSchema = z.object({
  sentiment: z.object({ label: z.enum(['positive', 'negative', 'neutral']), score }).optional(),
  keywords: z.array(z.object({ term: z.string(), score })).optional(),
  summary: z.string().optional(),
  language: z.object({ code: z.string(), confidence: score }).optional(),
  readability: z.object({ score, grade: z.string() }).optional(),
  classification: z.object({ label: z.string(), confidence: score }).optional(),
});

export const aiAnalyzeRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/advanced/ai/analyze',
  operationId: 'aiAnalyze',
  errors: ['ai_unavailable', 'ai_not_configured', 'ai_bad_request', 'ai_timeout', 'ai_unauthorized', 'ai_rate_limited', 'ai_connection', 'ai_server_error', 'ai_model_not_found'],
  permission: 'ai:write',
  summary: 'Analyse a text: sentiment, keywords, summary, classification, language, readability',
  tags: ['ai'],
  request: {
    body: z
      .object({
        text: z.string().min(1).max(1_000_000),
        tasks: z.array(z.enum(ANALYSIS_TASKS)).min(1).max(ANALYSIS_TASKS.length).default(['sentiment', 'keywords', 'summary']),
        labels: z.array(z.string().min(1).max(200)).min(2).max(100).optional(),
        max_sentences: z.int().min(1).max(50).optional(),
        max_keywords: z.int().min(1).max(100).optional(),
        ...routingBody,
      })
      .refine((b) => !b.tasks.includes('classification') || (b.labels?.length ?? 0) >= 2, { message: 'classification needs at least two "labels"', path: ['labels'] }),
  },
  responses: {
    200: { description: 'Each asked task, with who answered', schema: analysisSchema.extend(callInfoSchema).meta({ id: 'AiAnalyzeResult' }) },
    400: errorResponse('Invalid body'),
    404: errorResponse('The named provider is not installed (`ai_provider_not_installed`)'),
    502: errorResponse('No provider answered'),
    503: errorResponse('No provider is set up (`ai_no_provider`: each provider and what to set for it), or the named one is disabled (`ai_provider_disabled`) or failed to load (`ai_provider_failed`)'),
  },
  handler: async ({ deps, body, res }) => {
    const client = clientAbort(res);
    const analysis = await client.unlessGone(deps.ai.service.analyze(
      {
        text: body.text,
        tasks: body.tasks,
        ...(body.labels ? { labels: body.labels } : {}),
        ...(body.max_sentences ? { maxSentences: body.max_sentences } : {}),
        ...(body.max_keywords ? { maxKeywords: body.max_keywords } : {}),
        ...routingOf(body),
      },
      { signal: client.signal },
    ));
    return analysis && { ...analysis.result, ...callInfoWire(analysis) };
  },
});
