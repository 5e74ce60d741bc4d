import { AiCallCancelledError } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { toHttpError } from '../../error-handler.js';
import { errorResponse } from '../../error-response.js';
import { requestLanguage } from '../../request-validation.js';
import { requestState } from '../../request-context.js';
import { callInfoSchema, callInfoWire, clientAbort, routingBody, routingOf } from './ai-wire.js';

const generateBody = z.object({
  prompt: z.string().min(1).max(1_000_000),
  system: z.string().max(100_000).optional(),
  max_tokens: z.int().min(1).max(1_000_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  json_schema: z.record(z.string(), z.unknown()).optional().meta({ description: 'JSON Schema the answer must match; the parsed answer comes back as `json`' }),
  stream: z.boolean().default(false).meta({ description: 'Answer as server-sent events: `token` events, then `done` (or `error`)' }),
  cache: z.boolean().optional(),
  ...routingBody,
});

const generateResult = z
  .object({ text: z.string(), json: z.unknown().optional(), finish_reason: z.string(), ...callInfoSchema })
  .meta({ id: 'AiGenerateResult' });

export const aiGenerateRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/advanced/ai/generate',
  operationId: 'aiGenerate',
  errors: ['ai_unavailable', 'ai_not_configured', 'ai_bad_request', 'ai_timeout', 'ai_unauthorized', 'ai_rate_limited', 'ai_connection', 'ai_server_error', 'ai_model_not_found'],
  permission: 'ai:write',
  summary: 'Generate text with an AI provider, optionally streamed as server-sent events',
  description:
    'With `stream: true` the answer is `text/event-stream`: `event: token` with `{"index","text"}` per chunk, then `event: done` with the full result (usage included) or `event: error` with `{"error": {...}}`. `event: reset` (`{"provider","reason","message"}`) means the provider streaming so far failed and the next in the chain starts over: discard the text so far. Closing the connection aborts the provider call.',
  tags: ['ai'],
  request: { body: generateBody },
  responses: {
    200: { description: 'The answer (or, with `stream`, the event stream)', schema: generateResult },
    400: errorResponse('Invalid body'),
    404: errorResponse('The named provider is not installed (`ai_provider_not_installed`)'),
    502: errorResponse('No provider answered; `details.attempts` says why for each'),
    503: errorResponse('No provider is set up (`ai_no_provider`: each provider and what to set for it), or the named one is disabled (`ai_provider_disabled`) or failed to load (`ai_provider_failed`)'),
  },
  handler: async ({ deps, body, req, res, log }) => {
    const request = {
      messages: [...(body.system ? [{ role: 'system' as const, content: body.system }] : []), { role: 'user' as const, content: body.prompt }],
      ...(body.max_tokens ? { maxTokens: body.max_tokens } : {}),
      ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
      ...(body.json_schema ? { jsonSchema: body.json_schema } : {}),
      ...(body.cache !== undefined ? { cache: body.cache } : {}),
      ...routingOf(body),
    };
    const wire = (result: Awaited<ReturnType<typeof deps.ai.service.generate>>) => ({
      text: result.text, ...(result.json !== undefined ? { json: result.json } : {}), finish_reason: result.finishReason, ...callInfoWire(result),
    });
    // The client went away before the answer was complete: stop the provider call.
    const client = clientAbort(res);
    if (!body.stream) {
      const result = await client.unlessGone(deps.ai.service.generate(request, { signal: client.signal }));
      return result && wire(result);
    }

    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    let index = 0;
    try {
      const result = await deps.ai.service.generate(request, {
        signal: client.signal,
        onToken: (text) => send('token', { index: index++, text }),
        onStreamReset: (attempt) => send('reset', { provider: attempt.provider, reason: attempt.reason, message: attempt.message }),
      });
      send('done', wire(result));
    } catch (error) {
      if (!(error instanceof AiCallCancelledError)) {
        const reply = toHttpError(error, requestState(res).id, (thrown) => (deps.errors ? deps.errors.translate(thrown) : thrown), requestLanguage(req));
        if (reply.status >= 500) log.warn({ err: error }, 'AI generate stream failed');
        send('error', reply.body);
      }
    } finally {
      res.end();
    }
  },
});
