import type { AiGenerateRequest, AiGenerateResult } from '@dwc/sdk';
import { z } from '@dwc/sdk';
import type { AutomationAction } from './automation-schemas.js';

/** The structured answer asked of the AI: whether to act, which actions, why, and how sure. */
export const aiDecisionAnswerSchema = z.object({
  decision: z.enum(['run', 'skip']),
  actions: z.array(z.string()),
  reason: z.string(),
  confidence: z.number().min(0).max(1),
});

/** How a run's actions were decided, as its record shows it. */
export interface RunDecision {
  /** `ai`: the AI decided; `rules`: the conditions alone (AI decision off, or no AI answered: `fallback_reason` says why). */
  decided_by: 'ai' | 'rules';
  decision: 'run' | 'skip';
  /** The actions chosen, by id (`action_<index>`). */
  actions: string[];
  reason: string;
  confidence: number | null;
  /** The AI was less sure than the threshold: an approval comes first. */
  needs_approval: boolean;
  provider?: string;
  model?: string;
  fallback_reason?: string;
}

type Generate = (request: AiGenerateRequest) => Promise<AiGenerateResult>;

/**
 * Asks the AI whether and which actions to run for this trigger. Below `threshold` confidence the
 * run asks for an approval. When no AI answers (no provider set up, or every provider failed) the
 * rules decide, every action runs, and the decision says so.
 */
export async function decideWithAi(
  generate: Generate,
  input: { name: string; description: string | null; actions: readonly AutomationAction[]; triggerData: unknown; context: unknown; threshold: number; provider?: string | undefined },
): Promise<RunDecision> {
  const ids = input.actions.map((_, index) => `action_${index}`);
  const listed = input.actions.map((action, index) => `- ${ids[index]}: ${action.type} ${JSON.stringify(action.parameters)}`).join('\n');
  // Without `$schema`: the answer checker compiles the schema as given and knows no draft URLs.
  const { $schema: _draft, ...schema } = z.toJSONSchema(z.object({
    decision: z.enum(['run', 'skip']),
    actions: z.array(z.enum(ids as [string, ...string[]])),
    reason: z.string(),
    confidence: z.number().min(0).max(1),
  })) as Record<string, unknown>;
  try {
    const answer = await generate({
      messages: [
        { role: 'system', content: 'You decide whether an automation should act on a trigger, and which of its actions to run. Answer with JSON only.' },
        {
          role: 'user',
          content: `Automation: ${input.name}\n${input.description ?? ''}\nActions:\n${listed}\nTrigger data: ${JSON.stringify(input.triggerData)}\nContext: ${JSON.stringify(input.context)}\n` +
            'Say "run" with the actions to run, or "skip"; give your reason and your confidence from 0 to 1.',
        },
      ],
      jsonSchema: schema,
      temperature: 0,
      stream: false,
      ...(input.provider ? { provider: input.provider } : {}),
    });
    const parsed = aiDecisionAnswerSchema.parse(answer.json);
    const chosen = parsed.decision === 'run' ? ids.filter((id) => parsed.actions.includes(id)) : [];
    return {
      decided_by: 'ai', decision: parsed.decision, actions: chosen, reason: parsed.reason, confidence: parsed.confidence,
      needs_approval: parsed.decision === 'run' && parsed.confidence < input.threshold, provider: answer.provider, model: answer.model,
    };
  } catch (error) {
    return rulesDecision(ids, `no AI decision (${error instanceof Error ? error.message : String(error)}); the rules decided: the conditions matched, so every action runs`);
  }
}

/** The rules' decision: conditions matched, so every action runs. */
export function rulesDecision(ids: readonly string[], fallbackReason?: string): RunDecision {
  return {
    decided_by: 'rules', decision: 'run', actions: [...ids], reason: 'the trigger conditions matched', confidence: null, needs_approval: false,
    ...(fallbackReason === undefined ? {} : { fallback_reason: fallbackReason }),
  };
}
