import type { DocumentDraft, Logger as SdkLogger, StepAi, StepContext, StepExpressions } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { StepAiFactory } from '../ai/step-ai.js';
import { stepExpressions } from '../engine/index.js';

export interface StepContextInput {
  executionId: string;
  workflowId: string;
  stepId: string;
  itemIndex: number;
  attempt: number;
  signal: AbortSignal;
  logger: Logger;
  documents: DocumentDraft[];
  stepAi?: StepAiFactory | undefined;
  aiChain?: readonly string[] | undefined;
}

/**
 * What an action gets for one attempt. Its logger, AI service and expression evaluator are built
 * on first use, since most actions use none; `logger()` gives the engine the same child logger.
 */
export function stepContext(input: StepContextInput): { ctx: StepContext; logger: () => Logger } {
  let log: Logger | undefined;
  let ai: StepAi | undefined;
  let expressions: StepExpressions | undefined;
  const logger = () => (log ??= input.logger.child({
    execution_id: input.executionId, step_id: input.stepId, attempt: input.attempt, ...(input.itemIndex < 0 ? {} : { item_index: input.itemIndex }),
  }));
  const emitDocument = (draft: DocumentDraft) => void input.documents.push(draft);
  const stepAi = input.stepAi;
  // Getters written in the literals (not added with defineProperty) keep the objects fast.
  const ctx: StepContext = stepAi
    ? {
      executionId: input.executionId, workflowId: input.workflowId, stepId: input.stepId, attempt: input.attempt, signal: input.signal, emitDocument,
      get log() {
        return logger() as unknown as SdkLogger;
      },
      get expressions() {
        return (expressions ??= stepExpressions(input.signal));
      },
      get ai() {
        return (ai ??= stepAi({ executionId: input.executionId, workflowId: input.workflowId, stepId: input.stepId, signal: input.signal, workflowChain: input.aiChain }));
      },
    }
    : {
      executionId: input.executionId, workflowId: input.workflowId, stepId: input.stepId, attempt: input.attempt, signal: input.signal, emitDocument,
      get log() {
        return logger() as unknown as SdkLogger;
      },
      get expressions() {
        return (expressions ??= stepExpressions(input.signal));
      },
    };
  return { ctx, logger };
}
