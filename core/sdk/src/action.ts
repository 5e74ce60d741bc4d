import { z } from 'zod';
import type { DocumentDraft } from './document.js';
import type { Logger } from './logger.js';
import type { StepAi } from './step-ai.js';
import type { StepExpressions } from './step-expressions.js';
import { assertCapabilityId, assertFunction } from './capability-id.js';
import { checkI18n, type I18nTexts } from './i18n/i18n.js';

/** What the engine hands an action for one attempt of one step. */
export interface StepContext {
  executionId: string;
  workflowId: string;
  stepId: string;
  /** 1 on the first attempt, 2 on the first retry, ... */
  attempt: number;
  /** Aborted when the step times out or the execution is cancelled; pass it to every I/O call. */
  signal: AbortSignal;
  /** Logger carrying the execution and step ids. */
  log: Logger;
  /** Records a document produced by this step; stored with the step's result, atomically. */
  emitDocument(document: DocumentDraft): void;
  /** The AI service, when the host runs one (the server always does). */
  ai?: StepAi;
  /** The host's expression evaluator (the runtime always gives one; a hand-made test context may not). */
  expressions?: StepExpressions;
}

export interface ActionSpec<In extends z.ZodType, Out extends z.ZodType> {
  /** Registry key, e.g. `transform`, `http.request`, `ai.generate`. */
  type: string;
  title: string;
  description: string;
  /** Texts in other languages (`es`): name, description and the input form's fields by path. */
  i18n?: I18nTexts;
  /** Validates (and defaults) the step's resolved input before `run`. */
  input: In;
  /** Validates what `run` returns. */
  output: Out;
  /**
   * True when `run` only computes its output from its input: no I/O, no effect outside the
   * step's result. The engine may then commit the result with the run's next write rather than
   * on its own, since running the step again after a crash changes nothing anyone saw.
   */
  pure?: boolean;
  run(input: z.output<In>, ctx: StepContext): Promise<z.input<Out>>;
}

export interface ActionDefinition<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType>
  extends ActionSpec<In, Out> {
  readonly kind: 'action';
}

/** Declares an action. Checks the definition once, so a mistake shows at load, not at run time. */
export function defineAction<In extends z.ZodType, Out extends z.ZodType>(
  spec: ActionSpec<In, Out>,
): ActionDefinition<In, Out> {
  assertCapabilityId('defineAction', spec.type);
  if (!(spec.input instanceof z.ZodType) || !(spec.output instanceof z.ZodType)) {
    throw new TypeError(`defineAction(${spec.type}): "input" and "output" must be zod schemas.`);
  }
  assertFunction(`defineAction(${spec.type})`, 'run', spec.run);
  checkI18n(`defineAction(${spec.type})`, spec.i18n, [spec.input]);
  return Object.freeze({ ...spec, kind: 'action' as const });
}
