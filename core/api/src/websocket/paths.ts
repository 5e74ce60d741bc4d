/** Where clients open the WebSocket. */
export const WEBSOCKET_PATH = '/api/v3/ws/ws';
/** The gateway's counters, as JSON. */
export const WEBSOCKET_STATS_PATH = '/api/v3/ws/stats';
