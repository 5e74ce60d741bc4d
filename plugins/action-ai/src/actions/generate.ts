import { defineAction, documentFormatSchema, z } from '@dwc/sdk';
import { callInfoOutput, callInfoWire, requireAi, routingInput, routingOf } from '../common/ai-call.js';
import { generateEs } from '../i18n-es.js';

export const generateInputSchema = z
  .object({
    prompt: z.string().min(1).max(1_000_000).optional().describe('The prompt; `{{ }}` and `{name}` templates are resolved by the engine before the step runs'),
    messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1).max(500).optional().describe('A whole chat instead of `prompt`'),
    system: z.string().max(100_000).optional().describe('System prompt'),
    max_tokens: z.int().min(1).max(1_000_000).optional(),
    temperature: z.number().min(0).max(2).optional(),
    json_schema: z.record(z.string(), z.unknown()).optional().describe('JSON Schema the answer must match; the parsed answer is `json`'),
    stream: z.boolean().default(true).describe('Stream tokens to the execution room as `ai.token` events'),
    document: z
      .object({
        title: z.string().min(1).max(500),
        format: documentFormatSchema.default('markdown'),
        metadata: z.record(z.string(), z.unknown()).default({}),
        parent_id: z.string().optional(),
      })
      .optional()
      .describe('Store the answer as a document with this title'),
    ...routingInput,
  })
  .refine((v) => (v.prompt === undefined) !== (v.messages === undefined), { message: 'give exactly one of "prompt" or "messages"', path: ['prompt'] });

export const generateOutputSchema = z.object({
  text: z.string(),
  json: z.unknown().optional(),
  finish_reason: z.string(),
  ...callInfoOutput,
});

/** Generates text (or JSON matching a schema) with the AI provider chain; may store it as a document. */
export const generateAction = defineAction({
  type: 'ai.generate',
  title: 'Generate text with AI',
  description: 'Sends a prompt (with an optional system prompt) to an AI provider, streaming tokens; with `json_schema` the answer is parsed into `json`.',
  i18n: generateEs,
  input: generateInputSchema,
  output: generateOutputSchema,
  async run(input, ctx) {
    const ai = requireAi(ctx);
    const chat = input.messages ?? [{ role: 'user' as const, content: input.prompt! }];
    const messages = input.system ? [{ role: 'system' as const, content: input.system }, ...chat] : chat;
    const result = await ai.generate({
      messages,
      ...(input.max_tokens ? { maxTokens: input.max_tokens } : {}),
      ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
      ...(input.json_schema ? { jsonSchema: input.json_schema } : {}),
      stream: input.stream,
      ...routingOf(input),
    });
    if (input.document) {
      ctx.emitDocument({
        title: input.document.title,
        content: result.json !== undefined ? JSON.stringify(result.json, null, 2) : result.text,
        format: result.json !== undefined ? 'json' : input.document.format,
        metadata: { ...input.document.metadata, ai_provider: result.provider, ai_model: result.model },
        ...(input.document.parent_id ? { parentId: input.document.parent_id } : {}),
      });
    }
    return { text: result.text, ...(result.json !== undefined ? { json: result.json } : {}), finish_reason: result.finishReason, ...callInfoWire(result) };
  },
});
