import type { RawData } from 'ws';
import { z } from 'zod';

const roomId = (what: string) =>
  z
    .string()
    .min(1)
    .max(128)
    .meta({ description: `The ${what} id` });

/** `execution.succeeded`, `step.*` or `*`. */
const eventTypePattern = z
  .string()
  .regex(/^(\*|[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*(\.\*)?)$/, 'an event type such as "execution.succeeded", a prefix such as "step.*", or "*"');

/** Every message a client may send, one schema per `type`. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('join_workflow'), workflow_id: roomId('workflow') }),
  z.object({ type: z.literal('leave_workflow'), workflow_id: roomId('workflow') }),
  z.object({ type: z.literal('join_execution'), execution_id: roomId('execution') }),
  z.object({ type: z.literal('leave_execution'), execution_id: roomId('execution') }),
  z.object({
    type: z.literal('subscribe'),
    event_types: z.array(eventTypePattern).max(64).meta({ description: 'Types this connection receives; empty means all' }),
  }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

const CLIENT_MESSAGE_TYPES: ReadonlySet<string> = new Set(clientMessageSchema.options.map((option) => option.shape.type.value));
const SUPPORTED = [...CLIENT_MESSAGE_TYPES].join(', ');

export type ParsedClientMessage = { ok: true; message: ClientMessage } | { ok: false; code: string; message: string };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'message'}: ${issue.message}`)
    .join('; ');
}

/** Reads one frame: JSON text whose `type` is known and whose fields match that type's schema. */
export function parseClientMessage(data: RawData, isBinary: boolean): ParsedClientMessage {
  const example = 'e.g. {"type": "ping"}';
  if (isBinary) return { ok: false, code: 'malformed_message', message: `Send JSON text messages, ${example}; binary frames are not accepted.` };
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    return { ok: false, code: 'malformed_message', message: `The message is not valid JSON; send ${example}.` };
  }
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') return { ok: false, code: 'malformed_message', message: `A message is a JSON object with a string "type", ${example}.` };
  if (!CLIENT_MESSAGE_TYPES.has(type)) {
    return { ok: false, code: 'unknown_message_type', message: `Unknown message type "${type.slice(0, 64)}"; supported: ${SUPPORTED}.` };
  }
  const parsed = clientMessageSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'invalid_message', message: `Invalid "${type}" message: ${describeIssues(parsed.error)}.` };
  return { ok: true, message: parsed.data };
}
