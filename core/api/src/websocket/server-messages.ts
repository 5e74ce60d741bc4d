import { z } from 'zod';

const timestamp = z.iso.datetime().meta({ description: 'ISO-8601 UTC time the message was sent' });

/** The control messages the gateway sends; events are `eventMessageSchema`. */
export const connectionReadySchema = z.object({
  type: z.literal('connection.ready'),
  connection_id: z.string(),
  user_id: z.string().meta({ description: "The verified token's subject" }),
  timestamp,
});

export const pongSchema = z.object({ type: z.literal('pong'), timestamp });

export const roomAckSchema = z.object({
  type: z.enum(['joined', 'left']),
  room: z.string().meta({ example: 'workflow:wf_123' }),
  timestamp,
});

export const subscribedSchema = z.object({ type: z.literal('subscribed'), event_types: z.array(z.string()), timestamp });

export const errorMessageSchema = z.object({
  type: z.literal('error'),
  error: z.object({ code: z.string(), message: z.string() }),
});

/** A bus event: `{"type": event.type, ...event.payload, "timestamp": event.timestamp}`. */
export const eventMessageSchema = z.looseObject({
  type: z.string().meta({ example: 'step.succeeded' }),
  workflow_id: z.string().optional(),
  execution_id: z.string().optional(),
  user_id: z.string().optional(),
  timestamp,
});

export const serverMessageSchema = z.union([connectionReadySchema, pongSchema, roomAckSchema, subscribedSchema, errorMessageSchema, eventMessageSchema]);

export type ControlMessage =
  | z.input<typeof connectionReadySchema>
  | z.input<typeof pongSchema>
  | z.input<typeof roomAckSchema>
  | z.input<typeof subscribedSchema>
  | z.input<typeof errorMessageSchema>;
