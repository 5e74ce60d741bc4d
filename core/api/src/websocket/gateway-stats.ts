import { z } from 'zod';

const count = z.number().int().min(0);

/** `GET /api/v3/ws/stats`: the gateway's state and counters since it started. */
export const webSocketStatsSchema = z
  .object({
    connections: count.meta({ description: 'Open connections' }),
    rooms: z.object({
      total: count.meta({ description: 'Rooms with at least one member' }),
      by_kind: z.object({ workflow: count, execution: count, user: count }),
    }),
    messages_in: count.meta({ description: 'Messages received from clients' }),
    messages_out: count.meta({ description: 'Messages sent to clients (events and replies)' }),
    dropped_slow: count.meta({ description: 'Clients closed because their send buffer was full' }),
    terminated_dead: count.meta({ description: 'Clients terminated for not answering a heartbeat ping' }),
    started_at: z.iso.datetime().meta({ description: 'When the gateway started' }),
  })
  .meta({ id: 'WebSocketStats' });

export type WebSocketStats = z.infer<typeof webSocketStatsSchema>;

/** What the stats route reads; the gateway is one. */
export interface WebSocketStatsSource {
  stats(): WebSocketStats;
}

/** The gateway's running totals, shared by its parts. */
export interface GatewayCounters {
  messagesIn: number;
  messagesOut: number;
  droppedSlow: number;
  terminatedDead: number;
}

export function createCounters(): GatewayCounters {
  return { messagesIn: 0, messagesOut: 0, droppedSlow: 0, terminatedDead: 0 };
}
