import { DwcError } from '@dwc/sdk';

/** The error to throw when `signal` aborted: its reason when that is an Error, else a named one. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DwcError('aborted', `The step was aborted${reason === undefined ? '' : `: ${String(reason)}`}.`);
}

/** Settles like `promise`, or rejects with the abort error as soon as `signal` aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
