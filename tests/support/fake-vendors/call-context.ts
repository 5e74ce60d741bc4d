// What a provider call receives in tests: a logger that keeps its lines, a signal, a token sink.
import { AiProviderError, type AiCallContext, type AiFailureReason, type Logger } from '@dwc/sdk';
import { expect } from 'vitest';

export interface TestCallContext extends AiCallContext {
  tokens: string[];
  lines: { level: string; fields: Record<string, unknown>; message?: string }[];
}

export function callContext(options: { signal?: AbortSignal; stream?: boolean } = {}): TestCallContext {
  const lines: TestCallContext['lines'] = [];
  const tokens: string[] = [];
  const logAt = (level: string) => (fieldsOrMessage: Record<string, unknown> | string, message?: string) =>
    void lines.push(typeof fieldsOrMessage === 'string' ? { level, fields: {}, message: fieldsOrMessage } : { level, fields: fieldsOrMessage, message });
  const log: Logger = { trace: logAt('trace'), debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error'), child: () => log };
  return {
    log,
    lines,
    tokens,
    signal: options.signal ?? new AbortController().signal,
    onToken: options.stream === false ? undefined : (text) => void tokens.push(text),
  };
}

/** Awaits a call that must fail with an AiProviderError of `reason`, and returns that error. */
export async function expectAiFailure(call: Promise<unknown>, reason: AiFailureReason): Promise<AiProviderError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AiProviderError);
  expect((error as AiProviderError).reason, (error as Error).message).toBe(reason);
  return error as AiProviderError;
}

/** A URL on 127.0.0.1 where nothing listens. */
export async function closedPortUrl(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
