import { DwcError } from '@dwc/sdk';
import type { StoredError } from './execution-types.js';

/** The execution was cancelled while this step ran. */
export class ExecutionCancelledError extends DwcError {
  constructor() {
    super('cancelled', 'The execution was cancelled.');
  }
}

/** What is stored and sent for a step error: the code, a message naming the step, and details. */
export function toStoredError(error: unknown, where: string): StoredError {
  if (error instanceof DwcError) {
    return { code: error.code, message: `${where}: ${error.message}`, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'step_failed', message: `${where}: ${message}` };
}
