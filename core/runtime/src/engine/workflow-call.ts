import { z } from '@dwc/sdk';
import { workflowCallEs } from '../i18n/engine-es.js';

/** The engine's own step type that runs another workflow as a child execution (no plugin provides it). */
export const CALL_WORKFLOW_STEP = 'workflow.call';

export const workflowCallInputSchema = z.strictObject({
  workflow_id: z.string().min(1).max(64).meta({ title: 'Workflow id', description: 'The workflow to run, as returned by its create call; it may not be the calling workflow itself.', 'x-dwc-widget': 'workflow' }),
  input: z.unknown().optional().meta({ description: "The called workflow's input (an object, usually); `{}` when left out." }),
});

export const workflowCallOutputSchema = z.object({
  execution_id: z.string().meta({ description: 'The child execution' }),
  output: z.unknown().meta({ description: "The called workflow's output" }),
});

/** How `workflow.call` presents itself next to the plugins' actions. */
export const workflowCallStep = {
  type: CALL_WORKFLOW_STEP,
  title: 'Call a workflow',
  description: 'Runs another workflow with the given input as a child execution and waits for it; fails when the child fails.',
  i18n: workflowCallEs,
  input: workflowCallInputSchema,
  output: workflowCallOutputSchema,
} as const;
