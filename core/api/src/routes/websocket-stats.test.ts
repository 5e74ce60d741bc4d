import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { AUTH, fakeDeps } from '../test-support/fake-deps.js';
import type { WebSocketStats } from '../websocket/gateway-stats.js';
import { WEBSOCKET_STATS_PATH } from '../websocket/paths.js';

const sample: WebSocketStats = {
  connections: 3,
  rooms: { total: 4, by_kind: { workflow: 1, execution: 0, user: 3 } },
  messages_in: 7,
  messages_out: 11,
  dropped_slow: 1,
  terminated_dead: 2,
  started_at: '2025-01-01T00:00:00.000Z',
};

describe('GET /api/v3/ws/stats', () => {
  it("returns the gateway's stats", async () => {
    const app = createApp(fakeDeps().deps, undefined, { websocket: { stats: () => sample } });
    const res = await request(app).get(WEBSOCKET_STATS_PATH).set(AUTH);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(sample);
  });

  it('answers 503 websocket_unavailable when the app runs without a gateway', async () => {
    const res = await request(createApp(fakeDeps().deps)).get(WEBSOCKET_STATS_PATH).set(AUTH);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('websocket_unavailable');
  });
});
