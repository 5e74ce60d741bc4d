import { DwcError } from '@dwc/sdk';

/** The error to throw when `signal` aborted: its reason when that is an Error, else a named one. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DwcError('aborted', `The step was aborted${reason === undefined ? '' : `: ${String(reason)}`}.`);
}
