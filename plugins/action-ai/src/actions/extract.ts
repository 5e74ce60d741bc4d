import { defineAction, z } from '@dwc/sdk';
import { callInfoOutput, callInfoWire, oneSource, oneSourceMessage, requireAi, routingInput, routingOf, textOf, textOrDocument } from '../common/ai-call.js';
import { extractEs } from '../i18n-es.js';

export const extractInputSchema = z
  .object({
    ...textOrDocument,
    schema: z.record(z.string(), z.unknown()).optional().describe('JSON Schema of the object to extract'),
    fields: z
      .union([z.array(z.string().min(1).max(100)).min(1).max(100), z.record(z.string().min(1).max(100), z.string().max(1000))])
      .optional()
      .describe('Or the field names (optionally name -> description); each may be null when absent'),
    instructions: z.string().max(10_000).optional(),
    ...routingInput,
  })
  .refine(oneSource, oneSourceMessage)
  .refine((v) => (v.schema === undefined) !== (v.fields === undefined), { message: 'give exactly one of "schema" or "fields"', path: ['schema'] });

export const extractOutputSchema = z.object({ json: z.record(z.string(), z.unknown()), ...callInfoOutput });

/** The JSON Schema for a field list: every field present, any JSON value (null when absent). */
export function fieldsSchema(fields: string[] | Record<string, string>): Record<string, unknown> {
  const entries = Array.isArray(fields) ? fields.map((name) => [name, undefined] as const) : Object.entries(fields);
  return {
    type: 'object',
    properties: Object.fromEntries(entries.map(([name, description]) => [name, description ? { description } : {}])),
    required: entries.map(([name]) => name),
  };
}

/** Pulls named fields out of a text or stored document into JSON. */
export const extractAction = defineAction({
  type: 'ai.extract',
  title: 'Extract fields with AI',
  description: 'Reads a text or stored document and returns the described fields as a JSON object.',
  i18n: extractEs,
  input: extractInputSchema,
  output: extractOutputSchema,
  async run(input, ctx) {
    const ai = requireAi(ctx);
    const text = await textOf(ai, input);
    const schema = input.schema ?? fieldsSchema(input.fields!);
    const result = await ai.generate({
      messages: [
        { role: 'system', content: 'You extract information from documents into JSON. Use null for what the document does not say.' },
        { role: 'user', content: `${input.instructions ? `${input.instructions}\n\n` : ''}Document:\n"""\n${text}\n"""` },
      ],
      temperature: 0,
      jsonSchema: schema,
      stream: false,
      ...routingOf(input),
    });
    const json = result.json;
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      return { json: { value: json }, ...callInfoWire(result) };
    }
    return { json: json as Record<string, unknown>, ...callInfoWire(result) };
  },
});
