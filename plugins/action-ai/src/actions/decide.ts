import { defineAction, z } from '@dwc/sdk';
import { callInfoOutput, callInfoWire, requireAi, routingInput, routingOf } from '../common/ai-call.js';
import { decideEs } from '../i18n-es.js';

const option = z.union([z.string().min(1).max(200), z.object({ value: z.string().min(1).max(200), description: z.string().max(2000).optional() })]);

export const decideInputSchema = z.object({
  question: z.string().min(1).max(10_000).describe('What to decide'),
  options: z.array(option).min(2).max(50).describe('The choices; a following step can branch with `when: "{{ steps.<id>.output.choice == \'...\' }}"`'),
  context: z.string().max(1_000_000).optional().describe('What the decision is based on'),
  temperature: z.number().min(0).max(2).default(0),
  ...routingInput,
});

export const decideOutputSchema = z.object({ choice: z.string(), reason: z.string(), ...callInfoOutput });

/** Chooses one of the given options with a reason, through structured output. */
export const decideAction = defineAction({
  type: 'ai.decide',
  title: 'Decide with AI',
  description: 'Picks one of the given options and says why; use `output.choice` in a later step\'s `when`.',
  i18n: decideEs,
  input: decideInputSchema,
  output: decideOutputSchema,
  async run(input, ctx) {
    const ai = requireAi(ctx);
    const options = input.options.map((o) => (typeof o === 'string' ? { value: o } : o));
    const values = options.map((o) => o.value);
    const listed = options.map((o) => `- ${o.value}${o.description ? `: ${o.description}` : ''}`).join('\n');
    const result = await ai.generate({
      messages: [
        { role: 'system', content: 'You make one decision. Choose exactly one of the options and give a one-sentence reason.' },
        { role: 'user', content: `${input.question}\n\nOptions:\n${listed}${input.context ? `\n\nContext:\n${input.context}` : ''}` },
      ],
      temperature: input.temperature,
      jsonSchema: { type: 'object', properties: { choice: { enum: values }, reason: { type: 'string' } }, required: ['choice', 'reason'], additionalProperties: false },
      stream: false,
      ...routingOf(input),
    });
    const answer = result.json as { choice: string; reason: string };
    return { choice: answer.choice, reason: answer.reason, ...callInfoWire(result) };
  },
});
